"""Composing an answer: the draft an answerer produces before grounding, its [n] citations, how a source is named."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.answer import ABSTAIN_TEXT, Citation, citation_for, related_list
from index.passage import Passage
from ingest.document import Period


@dataclass
class Draft:
    """What an answerer produces before grounding."""

    text: str
    citations: list[Citation]
    abstained: bool
    meta: dict = field(default_factory=dict)


def period_key(period: Period | None) -> tuple:
    """Reports in the order of their periods' ends, a shorter period first: quý I, quý II, 6 tháng đầu năm,
    quý III, 9 tháng đầu năm, năm."""
    if not period:
        return (9999, 99, 0)
    first, last = period.months or (1, 12)
    return (period.year or 9999, last, last - first)


def source_phrase(p: Passage) -> str:
    meta = p.meta
    phrase = "Theo báo cáo"
    if meta.period and meta.period.label:
        phrase += f" {meta.period.label}"
    if meta.issuer:
        phrase += f" của {meta.issuer}"
    return phrase


def cap_first(s: str) -> str:
    return s[:1].upper() + s[1:]


class Citations:
    """Assigns [n] to passages in order of first use and records the quote of each."""

    def __init__(self) -> None:
        self.items: list[Citation] = []

    def cite(self, passage: Passage, quote: str) -> int:
        # one source, one number: further quotes of an already cited passage reuse its [n]
        for c in self.items:
            if c.chunk_id == passage.chunk.chunk_id:
                return c.n
        c = citation_for(len(self.items) + 1, passage, quote)
        self.items.append(c)
        return c.n


def abstain(passages: list[Passage], reason: str) -> Draft:
    return Draft(ABSTAIN_TEXT + related_list(passages), [], True, {"abstain_reason": reason})
