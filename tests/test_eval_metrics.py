"""Metric functions: each has cases that must pass and cases that must fail."""

from __future__ import annotations

import pytest

from eval.dataset import QAItem
from eval.metrics import (
    aggregate,
    citation_support,
    evidence_ranks,
    hit_at_k,
    number_in_answer,
    numbers_exact,
    percentile,
    recall_at_k,
    reciprocal_rank,
    score_item,
    token_f1,
)

EVIDENCE = ["Ban Tiếp công dân tỉnh đã tiếp 1.076 lượt", "giải quyết 99,8% hồ sơ"]
PASSAGES = [
    "Nội dung không liên quan.",
    "Trong năm, Ban Tiếp công dân\ntỉnh đã tiếp 1.076 lượt công dân.",  # hard line break inside the piece
    "Khác nữa.",
    "Khác nữa.",
    "Khác nữa.",
    "Tỷ lệ giải quyết 99,8% hồ sơ đúng hạn.",  # rank 6: outside top-5
]


# --- retrieval -------------------------------------------------------------------


def test_evidence_found_across_line_breaks_and_nfd():
    nfd = "Ban Tie\u0302\u0301p co\u0302ng da\u0302n tỉnh đã tiếp 1.076 lượt"  # decomposed accents
    assert evidence_ranks([nfd], PASSAGES) == [2]


def test_recall_counts_only_top_k():
    assert recall_at_k(EVIDENCE, PASSAGES, k=5) == 0.5
    assert recall_at_k(EVIDENCE, PASSAGES, k=6) == 1.0
    assert recall_at_k(EVIDENCE, PASSAGES[:1], k=5) == 0.0


def test_hit_and_mrr():
    assert hit_at_k(EVIDENCE, PASSAGES) == 1.0
    assert reciprocal_rank(EVIDENCE, PASSAGES) == 0.5
    assert hit_at_k(EVIDENCE, ["không có gì"] * 5) == 0.0
    assert reciprocal_rank(EVIDENCE, ["không có gì"] * 5) == 0.0


def test_a_footnote_marker_written_either_way_does_not_decide_a_match():
    evidence = ["chuẩn hóa Bộ TTHC của 04 đơn vị<sup>6</sup> với 286 TTHC"]
    cleaned = ["Năm 2021 thực hiện chuẩn hóa Bộ TTHC của 04 đơn vị[6] với 286 TTHC được chuẩn hóa."]
    assert hit_at_k(evidence, cleaned) == 1.0
    assert citation_support(evidence, cleaned) == (1, 1)
    assert citation_support(evidence, ["chuẩn hóa Bộ TTHC của 05 đơn vị[6] với 286 TTHC"]) == (0, 1)


def test_partial_evidence_is_not_a_hit():
    # Half of a piece in one passage and half in the next does not count (kept simple on purpose).
    split = ["Ban Tiếp công dân tỉnh", "đã tiếp 1.076 lượt"]
    assert hit_at_k(EVIDENCE[:1], split) == 0.0


def test_retrieval_metrics_do_not_apply_without_evidence():
    assert recall_at_k([], PASSAGES) is None
    assert hit_at_k([], PASSAGES) is None
    assert reciprocal_rank([], PASSAGES) is None


# --- numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "expected, answer",
    [
        ("1.076", "Đã tiếp 1076 lượt."),
        ("1076", "Đã tiếp 1.076 lượt."),
        ("99,8%", "đạt 99.8%"),
        ("99,8%", "đạt 99,8 %"),
        ("07", "có 7 vụ"),
        ("7", "có 07 vụ"),
        ("40", "gồm 40 đơn, 12 vụ"),
        ("02/11/2023", "Báo cáo ngày 02/11/2023."),
        ("102", "có 34 lượt người/102 văn bản"),
        ("66%", "đạt bình quân 66%/tổng hồ sơ"),
        ("477/VP-TTHC", "theo Công văn số 477/VP-TTHC ngày 30/3/2023"),
    ],
)
def test_number_formats_match(expected, answer):
    assert number_in_answer(expected, answer)


@pytest.mark.parametrize(
    "expected, answer",
    [
        ("40", "tổng số 40.927 hồ sơ"),
        ("40", "từ tháng 04/2015"),
        ("40", "có 140 đơn"),
        ("04", "từ tháng 04/2015"),
        ("2015", "từ tháng 04/2015"),
        ("99,8%", "đạt 99,8 điểm"),  # a percentage needs its sign
        ("1.076", "đã tiếp 1,076 lượt"),  # 1,076 is one point zero seven six in Vietnamese
        ("02/11/2023", "ngày 02/11/2024"),
        ("13/QĐ-VP", "Quyết định số 113/QĐ-VP"),
        ("12", "không có số nào"),
    ],
)
def test_number_formats_that_must_not_match(expected, answer):
    assert not number_in_answer(expected, answer)


def test_numbers_exact_needs_every_figure():
    assert numbers_exact(["1.076", "99,8%"], "1.076 lượt, đạt 99,8%") == 1.0
    assert numbers_exact(["1.076", "99,8%"], "1.076 lượt") == 0.0
    assert numbers_exact([], "bất kỳ") is None


# --- F1 ----------------------------------------------------------------------------


def test_f1_ignores_accents_and_case():
    assert token_f1("BAN TIEP CONG DAN", "Ban Tiếp công dân") == 1.0


def test_f1_partial_and_zero():
    f1 = token_f1("Ban Tiếp công dân tỉnh Quảng Ngãi", "Ban Tiếp công dân")
    assert f1 == pytest.approx(2 * (4 / 7) * 1.0 / (4 / 7 + 1.0))  # 4 of 7 syllables, all 4 reference ones
    assert token_f1("hoàn toàn khác", "Ban Tiếp công dân") == 0.0
    assert token_f1("", "Ban Tiếp công dân") == 0.0
    assert token_f1("bất kỳ", "") is None


# --- citations, latency ---------------------------------------------------------------


def test_citation_support():
    assert citation_support(EVIDENCE, [PASSAGES[1], PASSAGES[0]]) == (1, 2)
    assert citation_support(EVIDENCE, [PASSAGES[0]]) == (0, 1)
    assert citation_support([], [PASSAGES[1]]) is None
    assert citation_support(EVIDENCE, []) is None


def test_percentile_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile([3.0], 95) == 3.0
    assert percentile([], 50) is None


# --- one item and aggregation -------------------------------------------------------


def _item(id, type, evidence=(), numbers=(), answer="x"):
    doc = None if type == "unanswerable" else "a.txt"
    return QAItem(id=id, question="?", answer=answer, answer_numbers=list(numbers), doc=doc, evidence=list(evidence), type=type)


def _response(answer, abstained=False, passages=(), citations=()):
    return {
        "answer": answer,
        "abstained": abstained,
        "passages": [{"text": t} for t in passages],
        "citations": [{"text": t} for t in citations],
    }


def test_score_item_answerable():
    item = _item("c1", "count", EVIDENCE[:1], ["1.076"], answer="1.076 lượt")
    s = score_item(item, _response("Đã tiếp 1076 lượt", passages=PASSAGES, citations=[PASSAGES[1]]), 12.0)
    assert (s.hit, s.recall, s.mrr, s.numbers_exact) == (1.0, 1.0, 0.5, 1.0)
    assert s.false_abstention == 0.0 and s.abstention_correct is None
    assert (s.cited_supported, s.cited_total) == (1, 1)


def test_score_item_abstaining_on_answerable_is_false_abstention():
    item = _item("c1", "count", EVIDENCE[:1], ["1.076"], answer="1.076 lượt")
    s = score_item(item, _response("Không tìm thấy thông tin", abstained=True), 5.0)
    assert s.false_abstention == 1.0 and s.numbers_exact == 0.0 and s.hit == 0.0
    # the figure inside the "có thể liên quan" excerpts of an abstention is no answer
    s = score_item(item, _response("Không tìm thấy thông tin này.\nCó thể liên quan:\n- “… 1.076 lượt …”", abstained=True), 5.0)
    assert s.false_abstention == 1.0 and s.numbers_exact == 0.0


def test_score_item_unanswerable():
    item = _item("u1", "unanswerable")
    right = score_item(item, _response("Không tìm thấy", abstained=True, passages=PASSAGES), 1.0)
    wrong = score_item(item, _response("Có 5 vụ", abstained=False, passages=PASSAGES), 1.0)
    assert right.abstention_correct == 1.0 and wrong.abstention_correct == 0.0
    assert right.hit is None and right.f1 is None and right.false_abstention is None


def test_aggregate_overall_and_per_type():
    scores = [
        score_item(_item("a", "count", EVIDENCE[:1], ["1.076"]), _response("1.076", passages=PASSAGES), 10.0),
        score_item(_item("b", "count", EVIDENCE[1:], ["99,8%"]), _response("không rõ", passages=PASSAGES), 30.0),
        score_item(_item("c", "unanswerable"), _response("Không tìm thấy", abstained=True), 20.0),
    ]
    agg = aggregate(scores)
    overall = agg["overall"]
    assert overall["n"] == 3
    assert overall["hit"] == 0.5 and overall["hit_n"] == 2
    assert overall["numbers_exact"] == 0.5
    assert overall["abstention_correct"] == 1.0 and overall["false_abstention"] == 0.0
    assert overall["latency_p50_ms"] == 20.0 and overall["latency_p95_ms"] == 30.0
    assert list(agg["per_type"]) == ["count", "unanswerable"]
    assert agg["per_type"]["unanswerable"]["hit"] is None
    assert agg["per_type"]["count"]["n"] == 2
