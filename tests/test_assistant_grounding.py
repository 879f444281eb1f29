"""Grounding: figures must come from the passage the sentence cites; bad [n] and invented figures are dropped."""

from __future__ import annotations

from assistant.answer import ABSTAIN_TEXT, Citation
from assistant.grounding import check_sentence, ground, split_sentences

PASSAGE = (
    "b) Tiếp nhận, xử lý đơn thư KNTC: Ban Tiếp công dân tỉnh đã tiếp nhận tổng cộng hơn 81 đơn "
    "(có 09 đơn có nhiều người đứng tên); số đơn đủ điều kiện xử lý: 62 đơn."
)
OCR = "b) Tiép nhén, xir Iy don thuw KNTC: Ban Tiép cong dan tinh cong hon 1.076 don, so don du dicéu kién xir 1y khoang 686 don"


def cite(n: int, text: str, period: str | None = "6 tháng đầu năm 2023") -> Citation:
    return Citation(n=n, doc_id=f"d{n}", title="Báo cáo", issuer="Văn phòng UBND tỉnh Quảng Ngãi", period=period,
                    section="II > 2.3 > b)", page=None, quote="", text=text)


def test_grounded_sentence_is_kept_with_period_year_from_metadata():
    g = ground("Theo báo cáo 6 tháng đầu năm 2023: “tiếp nhận tổng cộng hơn 81 đơn” [1].", [cite(1, PASSAGE)])
    assert not g.abstained
    assert "81 đơn" in g.text and g.removed == []


def test_invented_figure_is_removed_and_recorded():
    text = "Ban đã tiếp nhận hơn 81 đơn [1]. Trong đó có 250 đơn tố cáo [1]."
    g = ground(text, [cite(1, PASSAGE)])
    assert "250" not in g.text
    assert "81 đơn" in g.text
    assert len(g.removed) == 1 and "250" in g.removed[0]["sentence"]


def test_number_formats_are_compared_by_value():
    # "1076" written without the thousands dot still matches "1.076" in the OCR passage
    g = ground("Ban Tiếp công dân nhận hơn 1076 đơn, đủ điều kiện khoảng 686 đơn [1].", [cite(1, OCR, "năm 2023")])
    assert not g.abstained and "1076" in g.text


def test_figure_must_be_in_the_cited_passage_not_another():
    g = ground("Năm 2023 nhận hơn 1.076 đơn [1].", [cite(1, PASSAGE), cite(2, OCR, "năm 2023")])
    assert g.abstained and g.text == ABSTAIN_TEXT


def test_unknown_citation_number_is_removed():
    g = ground("Ban đã tiếp nhận hơn 81 đơn [1]. Ban làm việc tích cực [7].", [cite(1, PASSAGE)])
    assert "[7]" not in g.text
    assert any("unknown citation" in r["reason"] for r in g.removed)


def test_uncited_figure_is_removed():
    assert check_sentence("Có 62 đơn đủ điều kiện.", {1: cite(1, PASSAGE)}) == "figure without citation"


def test_everything_removed_becomes_abstention():
    g = ground("Có 500 đơn [1]. Có 700 lượt [2].", [cite(1, PASSAGE)])
    assert g.abstained and g.citations == [] and len(g.removed) == 2


def test_citations_are_renumbered_in_order_of_use():
    cites = [cite(1, "Không liên quan 5 hồ sơ."), cite(2, PASSAGE), cite(3, OCR, "năm 2023")]
    g = ground("Năm 2023: hơn 1.076 đơn [3].\n6 tháng đầu năm 2023: hơn 81 đơn [2].", cites)
    assert g.text == "Năm 2023: hơn 1.076 đơn [1].\n6 tháng đầu năm 2023: hơn 81 đơn [2]."
    assert [c.doc_id for c in g.citations] == ["d3", "d2"] and [c.n for c in g.citations] == [1, 2]


def test_sentence_split_keeps_quotes_and_figures_whole():
    parts = split_sentences("Theo báo cáo: “Đã nhận 1.076 đơn. Xử lý 686 đơn.” [1]. Hết 5 đơn [2].")
    assert parts == ["Theo báo cáo: “Đã nhận 1.076 đơn. Xử lý 686 đơn.” [1].", " Hết 5 đơn [2]."]
