"""Dense vectors in FAISS: exact inner product over L2-normalised rows (= cosine).

Row i of the FAISS index is row i of chunks.jsonl; no id map to keep in sync.
A flat index is exact and fast enough for thousands of report chunks.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np


class DenseIndex:
    """Cosine similarity of a query vector against every chunk vector."""

    def __init__(self, index: faiss.Index) -> None:
        self._index = index

    @classmethod
    def build(cls, vectors: np.ndarray, dim: int) -> DenseIndex:
        index = faiss.IndexFlatIP(dim)
        if len(vectors):
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index)

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        return cls(faiss.read_index(str(path)))

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @property
    def dim(self) -> int:
        return int(self._index.d)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def vectors(self) -> np.ndarray:
        """All stored rows, so unchanged documents are reused instead of re-embedded."""
        if len(self) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._index.reconstruct_n(0, len(self))

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Similarity of the query to every row, in row order (filters are applied by the caller)."""
        n = len(self)
        if n == 0:
            return np.zeros(0, dtype=np.float32)
        q = np.ascontiguousarray(query_vector, dtype=np.float32).reshape(1, -1)
        sims, ids = self._index.search(q, n)
        out = np.full(n, -np.inf, dtype=np.float32)
        valid = ids[0] >= 0
        out[ids[0][valid]] = sims[0][valid]
        return out
