"""Loaders on real files: encodings, PDF (text, scanned, encrypted, truncated), DOCX and bad inputs."""

from __future__ import annotations

import pytest

from ingest.errors import IngestError
from ingest.loaders import SUPPORTED, load
from settings import BUNDLED_CORPUS
from tests.fixtures_docs import (
    SAMPLE_VI,
    TCVN3,
    VNI,
    encode_cp1258,
    encode_legacy,
    make_docx,
    make_encrypted_pdf,
    make_image_pdf,
    make_pdf,
    make_truncated_pdf,
)


def _reason(path) -> str:
    with pytest.raises(IngestError) as info:
        load(path)
    assert str(path) in str(info.value)  # the message names the file
    return info.value.reason


def test_corpus_files_load_with_id_and_hash():
    import hashlib

    for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
        doc = load(path)
        assert doc.doc_id == path.name
        assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert doc.pages[0].number is None and len(doc.text) > 10_000


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_text_encodings_decode_to_the_same_text(tmp_path, encoding):
    path = tmp_path / f"bc_{encoding}.txt"
    path.write_bytes(encode_cp1258(SAMPLE_VI) if encoding == "cp1258" else SAMPLE_VI.encode(encoding))
    doc = load(path)
    assert doc.text == SAMPLE_VI
    assert doc.fmt == "txt"
    assert doc.encoding == {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "utf-16": "utf-16", "cp1258": "cp1258"}[encoding]


@pytest.mark.parametrize("table,name", [(TCVN3, "TCVN3"), (VNI, "VNI")])
def test_legacy_font_encodings_are_named(tmp_path, table, name):
    raw = tmp_path / "cu.txt"
    raw.write_bytes(encode_legacy(SAMPLE_VI * 3, table))
    reason = _reason(raw)
    assert name in reason and "Unicode" in reason
    # Same text pasted into a Unicode editor (mojibake stored as UTF-8) is caught too.
    pasted = tmp_path / "dan.md"
    pasted.write_text(encode_legacy(SAMPLE_VI * 3, table).decode("latin-1"), encoding="utf-8")
    assert name in _reason(pasted)


def test_corpus_is_not_mistaken_for_legacy_encoding():
    from ingest.loaders import legacy_encoding

    for path in BUNDLED_CORPUS.glob("*.txt"):
        assert legacy_encoding(path.read_text(encoding="utf-8")) is None, path.name


def test_pdf_keeps_page_numbers(tmp_path):
    pages = [
        "I. Tình hình chung\nVăn phòng UBND tỉnh Quảng Ngãi báo cáo kết quả.",
        "II. Kết quả\nBan Tiếp công dân tỉnh đã tiếp nhận 81 đơn.",
        "III. Nhiệm vụ\nTiếp tục đẩy mạnh cải cách hành chính.",
    ]
    doc = load(make_pdf(tmp_path / "bc.pdf", pages))
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert "81 đơn" in doc.pages[1].text and "Quảng Ngãi" in doc.pages[0].text
    assert doc.fmt == "pdf"


def test_docx_keeps_body_order_headings_and_tables(tmp_path):
    path = make_docx(
        tmp_path / "bc.docx",
        "I. Kết quả thực hiện",
        ["Văn phòng đã tiếp nhận 1.076 đơn.", "Đoạn thứ hai."],
        [["Chỉ tiêu", "Kết quả"], ["Hồ sơ", "99,8%"]],
        subheading="1. Số liệu",
    )
    text = load(path).text
    assert text.index("# I. Kết quả thực hiện") < text.index("1.076 đơn") < text.index("Đoạn thứ hai")
    # the table as Markdown rows, its header row marked, for cleaning to read each row with its headers
    assert text.index("## 1. Số liệu") < text.index("| Chỉ tiêu | Kết quả |\n|---|---|") < text.index("| Hồ sơ | 99,8% |")
    assert text.index("| Hồ sơ | 99,8% |") < text.index("Đoạn sau bảng.")


@pytest.mark.parametrize(
    "make,expected",
    [
        (lambda p: p.write_bytes(b""), "tệp rỗng"),
        (lambda p: p.write_bytes(b"   \n\n "), "tệp rỗng"),
    ],
)
def test_empty_files(tmp_path, make, expected):
    for name in ("a.txt", "a.pdf", "a.docx"):
        path = tmp_path / name
        make(path)
        assert expected in _reason(path)


def test_unknown_extension_lists_supported(tmp_path):
    path = tmp_path / "bao_cao.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 old word")
    reason = _reason(path)
    assert all(ext in reason for ext in SUPPORTED)


def test_binary_junk_named_pdf(tmp_path):
    path = tmp_path / "junk.pdf"
    path.write_bytes(bytes(range(256)) * 20)
    assert "PDF" in _reason(path)


def test_truncated_pdf(tmp_path):
    path = make_truncated_pdf(tmp_path / "cut.pdf", ["Trang một có chữ.", "Trang hai có chữ."])
    assert "hỏng" in _reason(path)


def test_encrypted_pdf(tmp_path):
    path = make_encrypted_pdf(tmp_path / "khoa.pdf", ["Nội dung mật."])
    assert "PDF được mã hoá/đặt mật khẩu" in _reason(path)


def test_image_only_pdf(tmp_path):
    path = make_image_pdf(tmp_path / "scan.pdf", n_pages=2)
    assert "PDF chỉ chứa ảnh (bản quét), cần OCR trước" in _reason(path)


def test_docx_not_a_zip(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"this is not a word file at all")
    assert "DOCX" in _reason(path)
