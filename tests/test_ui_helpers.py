"""The web UI's pure parts: escaping, highlighting, upload names and limits, draft ordering, exports."""

from __future__ import annotations

import pytest

import ui
from assistant.drafting import DraftItem, export_docx, export_markdown


# --- escaping -----------------------------------------------------------------


def test_escape_html_neutralises_tags():
    out = ui.escape_html('<script>alert(1)</script><img src=x onerror="x()">&')
    assert "<" not in out and ">" not in out
    assert "&lt;script&gt;" in out and "&amp;" in out and "&quot;" in out


def test_escape_markdown_blocks_html_and_links():
    out = ui.escape_markdown("<b>x</b> [bấm](javascript:alert(1)) a & b")
    assert "<" not in out and ">" not in out
    assert "\\[bấm\\](" in out  # escaped brackets: no Markdown link can form
    assert "&amp;" in out


def test_highlight_escapes_before_marking():
    text = "Mở đầu <b>đậm</b>. Tiếp nhận 1.076 đơn <script>x</script>. Kết thúc."
    out = ui.highlight_html(text, "Tiếp nhận 1.076 đơn <script>x</script>.")
    assert out.count("<mark>") == 1 and out.count("</mark>") == 1
    assert "<script>" not in out and "<b>" not in out
    assert "<mark>Tiếp nhận 1.076 đơn &lt;script&gt;x&lt;/script&gt;.</mark>" in out


def test_highlight_matches_across_rejoined_whitespace():
    text = "Ban Tiếp công dân tỉnh đã tiếp\nnhận 1.076   đơn thư các loại."
    out = ui.highlight_html(text, "đã tiếp nhận 1.076 đơn thư")
    assert "<mark>đã tiếp\nnhận 1.076   đơn thư</mark>" in out


def test_highlight_without_match_is_plain_escaped_text():
    out = ui.highlight_html("a < b", "không có")
    assert out == "a &lt; b"


# --- speech draft ---------------------------------------------------------------


def test_sync_order_keeps_user_order_and_appends_new():
    assert ui.sync_order([2, 0], [0, 1, 2]) == [2, 0, 1]
    assert ui.sync_order([2, 0, 1], [1, 2]) == [2, 1]
    assert ui.sync_order([], []) == []


def test_move_up_and_down_within_bounds():
    assert ui.move([0, 1, 2], 2, -1) == [0, 2, 1]
    assert ui.move([0, 1, 2], 0, -1) == [0, 1, 2]
    assert ui.move([0, 1, 2], 0, +1) == [1, 0, 2]
    assert ui.move([0, 1, 2], 7, +1) == [0, 1, 2]


ITEMS = [
    DraftItem("Năm 2023, Ban Tiếp công dân tiếp nhận 1.234 đơn <script>x</script>.", "Theo Báo cáo số 1/BC-VP ngày 02/11/2023 của Văn phòng A"),
    DraftItem("Tỷ lệ giải quyết đạt 99,8%.", "Theo Báo cáo của Sở B (quý I năm 2024)"),
]


def test_export_docx_has_quotes_and_italic_citations(tmp_path):
    from docx import Document

    path = export_docx("tiếp công dân", ITEMS, tmp_path / "out" / "draft.docx")
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert "tiếp công dân" in texts[0]
    for item in ITEMS:
        quote_i = next(i for i, t in enumerate(texts) if item.text in t)
        cite = doc.paragraphs[quote_i + 1]
        assert cite.text == item.citation_line
        assert all(run.italic for run in cite.runs)


def test_export_markdown_is_escaped_and_ordered():
    md = export_markdown("chủ đề", list(reversed(ITEMS)))
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert md.index("99,8%") < md.index("1.234")
    assert "*Theo Báo cáo số 1/BC-VP ngày 02/11/2023 của Văn phòng A*" in md
    assert md.startswith("# Tư liệu cho bài phát biểu: chủ đề")


# --- period filter ------------------------------------------------------------


def test_the_period_filter_keeps_only_the_reports_of_the_period_chosen():
    from ingest.document import DocMeta, Period

    docs = {"m9": DocMeta("m9", period=Period(2025, through_month=9)), "q3": DocMeta("q3", period=Period(2025, quarter=3)),
            "h1": DocMeta("h1", period=Period(2025, half=1))}
    nine = ui.make_filters(docs, None, None, "9 tháng đầu năm 2025")
    assert nine.doc_ids == ["m9"]  # not every report of 2025
    half = ui.make_filters(docs, None, None, "6 tháng đầu năm 2025")
    assert (half.year, half.half, half.quarter) == (2025, 1, None)
    assert ui.make_filters(docs, None, None, None) is None
