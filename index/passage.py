"""What a search returns: a chunk with its document's metadata and how it ranked."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.document import Chunk, DocMeta


@dataclass
class SearchFilters:
    """Metadata constraints; None means "any". Province and issuer match accent-insensitively."""

    doc_ids: list[str] | None = None
    province: str | None = None
    issuer: str | None = None
    year: int | None = None
    half: int | None = None
    quarter: int | None = None

    def is_empty(self) -> bool:
        return not any([self.doc_ids, self.province, self.issuer, self.year, self.half, self.quarter])


@dataclass
class Passage:
    """One retrieved chunk. `score` is the fused (RRF) score; ranks are 1-based, None if absent from that list."""

    chunk: Chunk
    meta: DocMeta
    score: float
    dense_rank: int | None = None
    sparse_rank: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        return self.chunk.doc_id

    def to_json(self) -> dict:
        """The `search --json` / `ask --json` passage contract of DESIGN.md."""
        return {
            "doc_id": self.chunk.doc_id,
            "chunk_id": self.chunk.chunk_id,
            "section": self.chunk.section,
            "page": self.chunk.page,
            "text": self.chunk.text,
            "score": round(float(self.score), 6),
        }
