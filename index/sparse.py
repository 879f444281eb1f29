"""BM25 (bm25s) over Vietnamese syllables, in two fields.

- exact: lower-cased syllables with their diacritics ("tiếp", "công", "dân");
- folded: diacritics stripped ("tiep", "cong", "dan") plus adjacent-syllable
  bigrams ("tiep_cong", "cong_dan"), so accent-less queries and the OCR report
  (which lost its accents) meet, and multi-syllable words score as units.
"""

from __future__ import annotations

from pathlib import Path

import bm25s
import numpy as np

from ingest.vietnamese import folded_tokens, tokens

FIELDS = ("exact", "folded")


def bigrams(toks: list[str]) -> list[str]:
    """Adjacent syllable pairs: Vietnamese words span several syllables ("tiếp công dân")."""
    return [f"{a}_{b}" for a, b in zip(toks, toks[1:])]


def field_tokens(text: str, field: str, use_bigrams: bool = True) -> list[str]:
    """The token list one field indexes (and queries) for a text."""
    if field == "exact":
        return tokens(text)
    if field == "folded":
        toks = folded_tokens(text)
        return toks + bigrams(toks) if use_bigrams else toks
    raise ValueError(f"unknown BM25 field {field!r}")


class SparseIndex:
    """One bm25s index for one field; scores come back for every row so filters can mask them."""

    def __init__(self, field: str, retriever: bm25s.BM25, n_docs: int, use_bigrams: bool = True) -> None:
        self.field = field
        self._bm25 = retriever
        self.n_docs = n_docs
        self.use_bigrams = use_bigrams

    @classmethod
    def build(cls, texts: list[str], field: str, use_bigrams: bool = True) -> SparseIndex:
        corpus = [field_tokens(t, field, use_bigrams) or [""] for t in texts]
        retriever = bm25s.BM25()
        if corpus:
            retriever.index(corpus, show_progress=False)
        return cls(field, retriever, len(corpus), use_bigrams)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        if self.n_docs:
            self._bm25.save(str(directory), show_progress=False)
        (directory / "baocao_field.txt").write_text(
            f"{self.field}\n{self.n_docs}\n{int(self.use_bigrams)}\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, directory: Path) -> SparseIndex:
        field, n_docs, use_bigrams = (directory / "baocao_field.txt").read_text(encoding="utf-8").split()
        n = int(n_docs)
        retriever = bm25s.BM25.load(str(directory), show_progress=False) if n else bm25s.BM25()
        return cls(field, retriever, n, bool(int(use_bigrams)))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for the query (0 where no query token occurs)."""
        if not self.n_docs:
            return np.zeros(0, dtype=np.float32)
        vocab = self._bm25.vocab_dict or {}
        known = [t for t in field_tokens(query, self.field, self.use_bigrams) if t in vocab]
        if not known:
            return np.zeros(self.n_docs, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)
