"""The LangChain seam: a `BaseRetriever` over our own hybrid index.

Returns `langchain_core.documents.Document`s whose metadata carries the
original `Passage`, so LangChain tooling can consume our retrieval while the
assistant keeps the typed records (chunk, document metadata, ranks).
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from index.passage import Passage, SearchFilters


class HybridRetriever(BaseRetriever):
    """Hybrid (dense + BM25) search with metadata filters and boosts."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: Any  # index.hybrid.HybridIndex (kept Any so pydantic does not validate it)
    k: int = 8
    filters: SearchFilters | None = None
    boost: SearchFilters | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        passages = self.index.search(query, k=self.k, filters=self.filters, boost=self.boost)
        return [to_document(p) for p in passages]


def to_document(p: Passage) -> Document:
    meta = p.meta
    return Document(
        page_content=p.chunk.text,
        id=p.chunk.chunk_id,
        metadata={
            "passage": p,
            "doc_id": p.chunk.doc_id,
            "chunk_id": p.chunk.chunk_id,
            "section": p.chunk.section,
            "page": p.chunk.page,
            "title": meta.title,
            "issuer": meta.issuer,
            "period": meta.period.label if meta.period else None,
            "score": p.score,
        },
    )


def to_passages(documents: list[Document]) -> list[Passage]:
    return [d.metadata["passage"] for d in documents]
