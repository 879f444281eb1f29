"""Metadata of the five bundled reports, and the honest None for what a header leaves blank."""

from __future__ import annotations

import pytest

from ingest.cleaning import clean
from ingest.document import Period
from ingest.loaders import load
from ingest.metadata import PROVINCES, extract_metadata
from settings import BUNDLED_CORPUS

EXPECTED = {
    "000": dict(issuer="Văn phòng UBND tỉnh Quảng Ngãi", province="Quảng Ngãi", doc_number=None, date=None,
                period=Period(2023, half=1), title_starts="Kết quả triển khai thực hiện Quy chế dân chủ"),
    "001": dict(issuer="Sở Thông tin và Truyền thông tỉnh Hà Nam", province="Hà Nam", doc_number=None, date=None,
                period=Period(2023), title_starts="Kết quả triển khai thực hiện Chỉ thị số 19-CT/TU"),
    "002": dict(issuer="Văn phòng UBND tỉnh Quảng Ngãi", province="Quảng Ngãi", doc_number="2182/BC-VP",
                date="2023-11-02", period=Period(2023), title_starts="Két qua thuc hién"),
    "003": dict(issuer="Văn phòng UBND tỉnh Sơn La", province="Sơn La", doc_number=None, date=None,
                period=Period(2024, quarter=1), title_starts="Kết quả thực hiện công tác dân vận, dân chủ quý I"),
    "004": dict(issuer="Văn phòng UBND tỉnh Quảng Ngãi", province="Quảng Ngãi", doc_number=None, date=None,
                period=Period(2021), title_starts="Kiểm điểm kết quả thực hiện nhiệm vụ chính trị"),
}  # fmt: skip


@pytest.fixture(scope="module")
def metas():
    out = {}
    for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
        doc = load(path)
        out[path.name[:3]] = extract_metadata(doc.doc_id, clean(doc).text, source=doc.source, fmt=doc.fmt)
    return out


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_corpus_metadata(metas, key):
    meta, exp = metas[key], EXPECTED[key]
    assert meta.issuer == exp["issuer"]
    assert meta.province == exp["province"]
    assert meta.doc_number == exp["doc_number"]
    assert meta.date == exp["date"]
    assert meta.period == exp["period"]
    assert meta.title.startswith(exp["title_starts"])
    assert "*" not in meta.title and "#" not in meta.title


def test_period_labels(metas):
    assert metas["000"].period.label == "6 tháng đầu năm 2023"
    assert metas["003"].period.label == "quý I năm 2024"


def test_a_report_of_nine_months_is_its_own_period_not_its_year():
    text = ("SỞ NỘI VỤ\n\nSố: 417/BC-SNV\n\nĐắk Lắk, ngày 06 tháng 10 năm 2025\n\nBÁO CÁO\n\nKết quả công tác 9 tháng "
            "đầu năm 2025; nhiệm vụ trọng tâm 3 tháng cuối năm 2025\n\nI. Kết quả")
    period = extract_metadata("x.txt", text).period
    assert period == Period(2025, through_month=9) and period.partial
    assert (period.label, period.months, period.kind) == ("9 tháng đầu năm 2025", (1, 9), "months")


def test_full_header_with_number_and_date():
    text = (
        "UBND TỈNH HÀ NAM\n\nSỞ NỘI VỤ\n\nSố: 15/BC-SNV\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
        "Độc lập - Tự do - Hạnh phúc\n\nHà Nam, ngày 05 tháng 7 năm 2024\n\nBÁO CÁO\n\n"
        "Kết quả công tác 6 tháng cuối năm 2024\n\nI. Tình hình chung"
    )
    meta = extract_metadata("x.txt", text)
    assert (meta.issuer, meta.province, meta.doc_number, meta.date) == (
        "Sở Nội vụ tỉnh Hà Nam", "Hà Nam", "15/BC-SNV", "2024-07-05")
    assert meta.period == Period(2024, half=2)
    assert meta.dateline == "Số: 15/BC-SNV\nHà Nam, ngày 05 tháng 7 năm 2024"  # as printed, for "số hiệu gì?"


def test_a_header_left_blank_for_signing_is_kept_as_printed(metas):
    assert metas["004"].dateline == "Số: /BC-VP\nQuảng Ngãi, ngày tháng 12 năm 2021" and metas["004"].doc_number is None
    assert metas["000"].dateline is None  # no header at all


def test_unknown_stays_none():
    meta = extract_metadata("x.txt", "Ghi chú nội bộ về việc sắp xếp phòng họp.\n\nKhông có số liệu.")
    assert (meta.issuer, meta.province, meta.doc_number, meta.date, meta.period, meta.title, meta.dateline) == (
        None, None, None, None, None, None, None)


def test_province_list_complete():
    assert len(PROVINCES) == 63 and len(set(PROVINCES)) == 63


def test_a_tab_stopped_header_names_the_committee_over_two_lines():
    # Word headers set with tab stops: each line of the left column sits beside the national motto
    text = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH GIA LAI Độc lập - Tự do - Hạnh phúc\n\n"
            "Số: 148/BC-UBND Gia Lai, ngày 18 tháng 6 năm 2025\n\nBÁO CÁO\n\nKết quả công tác 6 tháng đầu năm 2025\n\n"
            "Thực hiện Công văn số 712/TTCP-VP, Ủy ban nhân dân tỉnh trân trọng báo cáo như sau:")
    meta = extract_metadata("h1.txt", text)
    assert meta.issuer == "UBND tỉnh Gia Lai" and meta.province == "Gia Lai"
