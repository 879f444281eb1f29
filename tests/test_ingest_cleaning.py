"""Cleaning on the bundled reports and on generated documents."""

from __future__ import annotations

import pytest

from ingest.cleaning import clean
from ingest.document import Document, Page
from ingest.loaders import load
from settings import BUNDLED_CORPUS
from tests.fixtures_docs import make_pdf

CORPUS = sorted(BUNDLED_CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def cleaned():
    return {p.name[:3]: clean(load(p)) for p in CORPUS}


def _doc(text: str, fmt: str = "txt") -> Document:
    return Document(doc_id="x.txt", source="x.txt", pages=[Page(None, text)], sha256="0", fmt=fmt)


def test_text_is_nfc_and_free_of_garbage(cleaned):
    import unicodedata

    for key, ct in cleaned.items():
        assert ct.text == unicodedata.normalize("NFC", ct.text), key
        assert "\ufffd" not in ct.text and "\x0c" not in ct.text
        assert "<sup>" not in ct.text and "**" not in ct.text, key
        assert not any(line.startswith("#") for line in ct.text.split("\n")), key


def test_distribution_list_and_signature_dropped(cleaned):
    from ingest.vietnamese import fold

    for key, ct in cleaned.items():
        folded = fold(ct.text)
        assert "noi nhan" not in folded and "noi nhgn" not in folded, key
        assert "luu vt" not in folded.replace(":", ""), key


def test_hard_wrapped_lines_rejoined(cleaned):
    text = cleaned["000"].text
    assert "Ban Tiếp công dân tỉnh đã tiếp nhận tổng cộng hơn 81 đơn" in text
    # Headings stay paragraphs of their own.
    paras = text.split("\n\n")
    assert "I. Tình hình chung" in paras and "2.7. Việc thực hiện Quy chế dân chủ ở cơ sở" in paras
    # A wrapped heading is one line, separate from the text after it.
    assert any(p.startswith("2.1. Kết quả") and p.endswith("theo Kế hoạch số 30/KH-UBND") for p in paras)


def test_ocr_heading_markers_kept_as_boundaries(cleaned):
    paras = cleaned["002"].text.split("\n\n")
    assert any(p.startswith("I1. ") for p in paras) and any(p.startswith("I11. ") for p in paras)


def test_markdown_footnotes_and_headings(cleaned):
    paras = cleaned["004"].text.split("\n\n")
    assert "I. KẾT QUẢ THỰC HIỆN" in paras and "1.2. Kết quả công tác năm 2021" in paras
    assert any(p.startswith("[1] Có 84 lao động tiên tiến") for p in paras)


def test_ocr_quality_separates_the_scan(cleaned):
    assert cleaned["002"].ocr_quality < 0.1
    for key in ("000", "001", "003", "004"):
        assert cleaned[key].ocr_quality > 0.2, key


def test_single_page_formats_have_one_page_start(cleaned):
    for ct in cleaned.values():
        assert ct.page_starts == [(0, None)]


def test_pdf_page_starts_and_page_numbers_removed(tmp_path):
    pages = [
        "I. Tình hình chung\nVăn phòng UBND tỉnh đã tiếp nhận hồ sơ của\ncông dân trong kỳ báo cáo.\n1",
        "II. Kết quả\nBan Tiếp công dân tỉnh đã tiếp nhận 81 đơn.\n2",
        "III. Nhiệm vụ\nTiếp tục đẩy mạnh cải cách hành chính.\n3",
    ]
    ct = clean(load(make_pdf(tmp_path / "bc.pdf", pages)))
    assert [p for _, p in ct.page_starts] == [1, 2, 3]
    assert ct.page_at(ct.text.index("81 đơn")) == 2
    assert ct.page_at(ct.text.index("cải cách")) == 3
    assert "hồ sơ của công dân trong kỳ" in ct.text
    assert "\n\n1\n\n" not in ct.text and not ct.text.rstrip().endswith("3")


def test_running_header_dropped(tmp_path):
    header = "Báo cáo công tác dân vận năm 2023"
    pages = [f"{header}\nNội dung trang {i} có số liệu {i * 7} hồ sơ." for i in range(1, 5)]
    ct = clean(load(make_pdf(tmp_path / "hdr.pdf", pages)))
    assert header not in ct.text and "28 hồ sơ" in ct.text


def test_double_spaced_wrap_and_list_items():
    text = (
        "1. Kết quả\n\nVăn phòng đã tiếp nhận 120 hồ sơ và giải quyết\n\nđúng hạn 118 hồ sơ.\n\n"
        "- Hồ sơ trực tuyến: 80\n\n- Hồ sơ trực tiếp: 40\n\na) Tiếp công dân\n\nĐã tiếp 35 lượt.\n"
    )
    paras = clean(_doc(text)).text.split("\n\n")
    assert paras == [
        "1. Kết quả",
        "Văn phòng đã tiếp nhận 120 hồ sơ và giải quyết đúng hạn 118 hồ sơ.",
        "- Hồ sơ trực tuyến: 80",
        "- Hồ sơ trực tiếp: 40",
        "a) Tiếp công dân",
        "Đã tiếp 35 lượt.",
    ]


def test_nfd_input_normalised():
    import unicodedata

    text = "Ban Tiếp công dân tỉnh đã tiếp nhận 81 đơn."
    assert clean(_doc(unicodedata.normalize("NFD", text))).text == text


def test_markup_stripping_keeps_literal_underscores_and_html():
    """Only Markdown emphasis is removed; "window.__x" and "<img …>" are report text and stay."""
    text = clean(_doc("Ghi chú: window.__xss=1, <img src=x> và __nhấn mạnh__ ở **đây**.")).text
    assert "window.__xss=1" in text
    assert "<img src=x>" in text
    assert "nhấn mạnh ở đây" in text and "__" not in text.replace("window.__xss", "")


def test_markdown_footnote_definitions_after_the_signature_are_kept():
    from ingest.cleaning import clean
    from ingest.document import Document, Page

    body = "\n\n".join(f"Đoạn {i} của báo cáo có nội dung về công tác dân vận." for i in range(6))
    text = body + "\n\nMô hình hiệu quả[^2].\n\n**Nơi nhận:**\n\n- Sở Nội vụ;\n\n**CHỦ TỊCH**\n\n**Nguyễn Văn A**\n\n" \
        "[^2]: Tiêu biểu: mô hình Ngày thứ Bảy cùng dân."
    out = clean(Document(doc_id="x.md", source="x.md", pages=[Page(None, text)], sha256="0", fmt="md")).text
    assert "[^2]: Tiêu biểu: mô hình Ngày thứ Bảy cùng dân." in out
    assert "Nơi nhận" not in out and "Nguyễn Văn A" not in out


def test_a_caption_starts_its_own_paragraph_in_text_without_blank_lines():
    text = ("Hồ sơ trễ hạn tập trung chủ yếu ở cấp xã với\n2.319 hồ sơ, phần lớn thuộc lĩnh vực đất đai.\n"
            "Bảng 1. Kết quả giải quyết hồ sơ TTHC theo cấp trong quý III năm 2025\n"
            "| Cấp | Trễ hạn |\n|---|---|\n| Cấp tỉnh | 521 |\n")
    paragraphs = clean(_doc(text, fmt="pdf")).text.split("\n\n")
    assert paragraphs == ["Hồ sơ trễ hạn tập trung chủ yếu ở cấp xã với 2.319 hồ sơ, phần lớn thuộc lĩnh vực đất đai.",
                          "Bảng 1. Kết quả giải quyết hồ sơ TTHC theo cấp trong quý III năm 2025",
                          "Cấp tỉnh – Trễ hạn: 521"]


def test_a_line_that_stops_short_ends_its_paragraph_in_text_without_blank_lines():
    """PDF text without blank lines: a title's or heading's last line, or a paragraph's, stops well before the full
    width, and the next line starts anew even without a full stop (a line wrapped mid-sentence runs full width)."""
    text = ("BÁO CÁO\nKết quả thực hiện công tác dân vận chính quyền\nvà Quy chế dân chủ ở cơ sở năm 2024\n"
            "Thực hiện Kế hoạch số 18-KH/BCĐ ngày 10/01/2024 của Ban Chỉ đạo thực hiện Quy chế\n"
            "dân chủ ở cơ sở tỉnh, Ủy ban nhân dân tỉnh báo cáo kết quả thực hiện năm 2024 như\nsau:\n"
            "a) Những nội dung công khai để Nhân dân biết\n"
            "209/209 xã, phường, thị trấn đã thực hiện công khai các nội dung theo quy định của\n"
            "Luật Thực hiện dân chủ ở cơ sở bằng các hình thức niêm yết tại trụ sở UBND cấp xã,\n"
            "trên hệ thống truyền thanh cơ sở và tại các hội nghị thôn, tổ dân phố trong năm.\n")
    paragraphs = clean(_doc(text, fmt="pdf")).text.split("\n\n")
    assert paragraphs[:3] == ["BÁO CÁO", "Kết quả thực hiện công tác dân vận chính quyền và Quy chế dân chủ ở cơ sở năm 2024",
                              "Thực hiện Kế hoạch số 18-KH/BCĐ ngày 10/01/2024 của Ban Chỉ đạo thực hiện Quy chế dân chủ "
                              "ở cơ sở tỉnh, Ủy ban nhân dân tỉnh báo cáo kết quả thực hiện năm 2024 như sau:"]
    assert paragraphs[3] == "a) Những nội dung công khai để Nhân dân biết"
    assert paragraphs[4].startswith("209/209 xã, phường") and paragraphs[4].endswith("tổ dân phố trong năm.")
