"""What the assistant hands back: an answer with numbered citations, one record per conversation turn.

`Answer.to_json()` is the `ask --json` contract of DESIGN.md; the CLI, the web UI
and the evaluation all read the same object.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from index.passage import Passage
from ingest.chunking import heading_path_at

ABSTAIN_TEXT = "Không tìm thấy thông tin này trong các báo cáo đã nạp."
LOW_OCR_NOTE = "văn bản quét, có thể mất dấu"


@dataclass
class Citation:
    """One numbered source: where the quoted sentence comes from, precise enough to look it up."""

    n: int
    doc_id: str
    title: str | None
    issuer: str | None
    period: str | None  # label as reports write it: "6 tháng đầu năm 2023"
    section: str
    page: int | None
    quote: str  # the exact sentence quoted (a verbatim substring of `text`)
    text: str  # the whole passage
    low_ocr: bool = False
    chunk_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        if self.low_ocr:
            d["note"] = LOW_OCR_NOTE
        return d

    def source_line(self) -> str:
        """Human one-liner: "[1] Báo cáo … — năm 2023 — mục II > 2.3 > b) — trang 4"."""
        parts = [self.title or self.doc_id]
        if self.issuer:
            parts.append(self.issuer)
        if self.period:
            parts.append(self.period)
        if self.section:
            parts.append(f"mục {self.section}")
        if self.page:
            parts.append(f"trang {self.page}")
        line = f"[{self.n}] " + " — ".join(parts)
        if self.low_ocr:
            line += f" ({LOW_OCR_NOTE})"
        return line


@dataclass
class Answer:
    """The answer to one question. `abstained` means the reports did not say; `passages` are what was read."""

    question: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    abstained: bool = False
    passages: list[Passage] = field(default_factory=list)
    timing_ms: dict[str, float] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "passages": [p.to_json() for p in self.passages],
            "timing_ms": {k: round(float(v), 1) for k, v in self.timing_ms.items()},
            "standalone_question": self.meta.get("standalone"),
            "removed_sentences": self.meta.get("removed_sentences", []),
        }


@dataclass
class Turn:
    """One exchange of a conversation; `answer` may be None when only the question is known (eval turns)."""

    question: str
    answer: Answer | None = None


def _section_of_quote(passage: Passage, quote: str) -> str:
    """The section the quoted sentence stands in (a chunk may span sibling sections "a)" and "b)")."""
    offset = passage.chunk.text.find(quote)
    if offset < 0:
        return passage.chunk.section
    return replace(passage.chunk, heading_path=heading_path_at(passage.chunk, offset)).section


def citation_for(n: int, passage: Passage, quote: str) -> Citation:
    """A numbered citation of `passage`, quoting `quote` (which must be a substring of its text)."""
    meta = passage.meta
    return Citation(
        n=n,
        doc_id=passage.chunk.doc_id,
        title=meta.title,
        issuer=meta.issuer,
        period=meta.period.label if meta.period and meta.period.label else None,
        section=_section_of_quote(passage, quote),
        page=passage.chunk.page,
        quote=quote,
        text=passage.chunk.text,
        low_ocr=meta.low_ocr_quality,
        chunk_id=passage.chunk.chunk_id,
    )


def related_list(passages: list[Passage], limit: int = 3) -> str:
    """"Có thể liên quan:" lines naming the closest passages, for an abstention."""
    lines = []
    for p in passages[:limit]:
        meta = p.meta
        where = meta.title or p.chunk.doc_id
        if meta.period and meta.period.label:
            where += f" ({meta.period.label})"
        if p.chunk.section:
            where += f", mục {p.chunk.section}"
        snippet = " ".join(p.chunk.text.split())
        snippet = snippet[:220] + ("…" if len(snippet) > 220 else "")
        lines.append(f"- {where}: “{snippet}”")
    return ("\nCó thể liên quan:\n" + "\n".join(lines)) if lines else ""
