"""Scoring one answer against one QA item, and aggregating scores overall and per type.

Pure functions over plain data (strings and the `ask --json` dicts), so they
can be unit-tested with cases that must fail and applied identically to our
Assistant and to the baseline.  A metric that does not apply to an item
(recall of an unanswerable question, F1 without a reference) is None and is
left out of that metric's mean, never counted as 0 or 1.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict, dataclass

from eval.dataset import match_form
from ingest.vietnamese import folded_tokens, number_key, number_keys

# Footnote markers: the report files write "<sup>6</sup>", the cleaned passages "[6]".
_NOTE_MARK = re.compile(r"<sup>\s*\d+\s*</sup>|\[\d+\]")


def evidence_form(text: str) -> str:
    """`match_form` without footnote markers: evidence is copied from the raw file, passages are cleaned."""
    return match_form(_NOTE_MARK.sub("", text or ""))


# --- retrieval -----------------------------------------------------------------


def evidence_ranks(evidence: list[str], passage_texts: list[str], k: int = 5) -> list[int | None]:
    """1-based rank of the first top-k passage holding each evidence piece (None if none does).

    Both sides are compared in `evidence_form` (NFC, whitespace collapsed, no footnote
    markers) because the report files break lines mid-sentence and the pipeline re-joins them.
    """
    texts = [evidence_form(t) for t in passage_texts[:k]]
    ranks: list[int | None] = []
    for piece in evidence:
        needle = evidence_form(piece)
        rank = next((i + 1 for i, text in enumerate(texts) if needle and needle in text), None)
        ranks.append(rank)
    return ranks


def recall_at_k(evidence: list[str], passage_texts: list[str], k: int = 5) -> float | None:
    """Share of the evidence pieces found in the top-k passages."""
    if not evidence:
        return None
    ranks = evidence_ranks(evidence, passage_texts, k)
    return sum(r is not None for r in ranks) / len(ranks)


def hit_at_k(evidence: list[str], passage_texts: list[str], k: int = 5) -> float | None:
    """1.0 when any evidence piece is in the top-k passages."""
    if not evidence:
        return None
    return float(any(r is not None for r in evidence_ranks(evidence, passage_texts, k)))


def reciprocal_rank(evidence: list[str], passage_texts: list[str], k: int = 5) -> float | None:
    """1/rank of the first top-k passage holding any evidence piece (0 when none does)."""
    if not evidence:
        return None
    found = [r for r in evidence_ranks(evidence, passage_texts, k) if r is not None]
    return 1.0 / min(found) if found else 0.0


# --- answers -------------------------------------------------------------------

_SPACED_PERCENT = re.compile(r"(\d)\s+%")
# A slash not between two digits separates words ("34 lượt người/102 văn bản", "66%/tổng"); "04/2015" stays a date.
_WORD_SLASH = re.compile(r"(?<!\d)/|/(?!\d)")
# "99.8%": a decimal point written the English way (1-2 decimals cannot be a thousands group).
_POINT_DECIMAL = re.compile(r"(?<![\w.,/])(\d+\.\d{1,2})(%?)(?![\w/]|[.,]\d)")


def answer_number_keys(answer: str) -> set[str]:
    """Canonical keys of the figures in an answer, also reading "99.8%" as 99,8%."""
    keys = number_keys(answer)
    for m in _POINT_DECIMAL.finditer(answer):
        key = number_key(m.group(1) + m.group(2))
        if key:
            keys.update({key, key.rstrip("%")})
    return keys


def number_in_answer(expected: str, answer: str) -> bool:
    """Whether the figure `expected` (report format) appears as a standalone figure in `answer`.

    "1.076" matches "1076", "99,8%" matches "99.8%" or "99,8 %", "07" matches "7";
    "40" never matches inside "40.927" or "04/2015".  A percent figure needs its
    percent sign.  Non-numeric entries (dates, document numbers) must appear
    verbatim as a whole token.
    """
    key = number_key(expected)
    if key is None:
        needle = re.escape(match_form(expected))
        return re.search(rf"(?<![\w.,/]){needle}(?![\w/]|[.,]\d)", match_form(answer)) is not None
    keys = answer_number_keys(_WORD_SLASH.sub(" / ", _SPACED_PERCENT.sub(r"\1%", answer)))
    if key.endswith("%"):
        return key in keys
    return key in keys or key + "%" in keys


def numbers_exact(expected_numbers: list[str], answer: str) -> float | None:
    """1.0 when every expected figure appears in the answer, else 0.0 (None when none expected)."""
    if not expected_numbers:
        return None
    return float(all(number_in_answer(n, answer) for n in expected_numbers))


def token_f1(answer: str, reference: str) -> float | None:
    """Bag-of-syllables F1 after accent folding (so OCR text without diacritics still counts)."""
    ref = folded_tokens(reference or "")
    if not ref:
        return None
    got = folded_tokens(answer or "")
    common = sum((Counter(got) & Counter(ref)).values())
    if not common:
        return 0.0
    precision, recall = common / len(got), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def citation_support(evidence: list[str], citation_texts: list[str]) -> tuple[int, int] | None:
    """(supported, total): how many cited passages hold an evidence piece. None if nothing to judge."""
    if not evidence or not citation_texts:
        return None
    needles = [n for n in map(evidence_form, evidence) if n]
    supported = sum(any(n in evidence_form(text) for n in needles) for text in citation_texts)
    return supported, len(citation_texts)


# --- one item --------------------------------------------------------------------


@dataclass
class ItemScore:
    """Every metric for one item; None = does not apply to this item."""

    id: str
    type: str
    recall: float | None
    hit: float | None
    mrr: float | None
    numbers_exact: float | None
    f1: float | None
    abstention_correct: float | None  # unanswerable items only
    false_abstention: float | None  # answerable items only
    cited_supported: int | None
    cited_total: int | None
    latency_ms: float

    def to_dict(self) -> dict:
        return asdict(self)


def score_item(item, response: dict, latency_ms: float, k: int = 5) -> ItemScore:
    """Score one `ask --json` response against its QA item (a `QAItem`)."""
    should_abstain = not item.answerable  # the reports do not say: the right answer is "not found"
    abstained = bool(response.get("abstained"))
    passage_texts = [p.get("text", "") for p in response.get("passages", [])]
    citation_texts = [c.get("text", "") for c in response.get("citations", [])]
    evidence = [] if should_abstain else list(item.evidence or [])
    answer = response.get("answer") or ""
    support = citation_support(evidence, citation_texts)
    return ItemScore(
        id=item.id,
        type=item.type,
        recall=recall_at_k(evidence, passage_texts, k),
        hit=hit_at_k(evidence, passage_texts, k),
        mrr=reciprocal_rank(evidence, passage_texts, k),
        # an abstention's "có thể liên quan" excerpts may hold the figure, but they answer nothing
        numbers_exact=None if should_abstain else numbers_exact(list(item.answer_numbers or []), "" if abstained else answer),
        f1=None if should_abstain else token_f1(answer, item.answer),
        abstention_correct=float(abstained) if should_abstain else None,
        false_abstention=None if should_abstain else float(abstained),
        cited_supported=support[0] if support else None,
        cited_total=support[1] if support else None,
        latency_ms=float(latency_ms),
    )


# --- aggregation -----------------------------------------------------------------

MEAN_METRICS = ["hit", "recall", "mrr", "numbers_exact", "f1", "abstention_correct", "false_abstention"]


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def summarize(scores: list[ItemScore]) -> dict:
    """Means of every metric (with how many items each covers), citation support and latency."""
    out: dict = {"n": len(scores)}
    for name in MEAN_METRICS:
        values = [getattr(s, name) for s in scores]
        out[name] = _mean(values)
        out[f"{name}_n"] = sum(v is not None for v in values)
    supported = sum(s.cited_supported or 0 for s in scores)
    total = sum(s.cited_total or 0 for s in scores)
    out["citation_support"] = supported / total if total else None
    out["citation_support_n"] = total
    latencies = [s.latency_ms for s in scores]
    out["latency_p50_ms"] = percentile(latencies, 50)
    out["latency_p95_ms"] = percentile(latencies, 95)
    return out


def aggregate(scores: list[ItemScore]) -> dict:
    """{"overall": summary, "per_type": {type: summary}} with types in first-seen order."""
    types = list(dict.fromkeys(s.type for s in scores))
    return {
        "overall": summarize(scores),
        "per_type": {t: summarize([s for s in scores if s.type == t]) for t in types},
    }

