"""The tutorial RAG pipeline, kept as the yardstick our pipeline must beat.

RecursiveCharacterTextSplitter(1000, 200) over the raw file text, the same
embedder as ours, a flat inner-product FAISS index, and "answer = the top
chunk".  It never abstains, knows nothing of periods or sections, and has no
conversation memory (a conversation is answered from its last turn alone).
It is rebuilt in a temporary directory for every run, so it always reflects
the files being evaluated; nothing is cached across runs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import faiss
import numpy as np
from langchain_text_splitters import RecursiveCharacterTextSplitter

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
EMBED_BATCH = 32
SUPPORTED = {".txt", ".md", ".pdf", ".docx"}


@dataclass
class BaselineChunk:
    chunk_id: str
    doc_id: str
    text: str


@dataclass
class BaselineAnswer:
    """Same JSON shape as `Answer.to_json()` so one scorer serves both pipelines."""

    question: str
    chunks: list[BaselineChunk]
    scores: list[float]
    timing_ms: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        top = self.chunks[:1]
        return {
            "question": self.question,
            "answer": top[0].text if top else "",
            "abstained": False,
            "citations": [
                {"n": 1, "doc_id": c.doc_id, "title": None, "section": "", "page": None, "quote": c.text, "text": c.text}
                for c in top
            ],
            "passages": [
                {"doc_id": c.doc_id, "chunk_id": c.chunk_id, "section": "", "page": None, "text": c.text, "score": round(s, 6)}
                for c, s in zip(self.chunks, self.scores)
            ],
            "timing_ms": self.timing_ms,
        }


def raw_text(path: Path) -> str:
    """The file's text as a tutorial would read it: no NFC, no re-joining, no cleaning."""
    if path.suffix.lower() in {".txt", ".md"}:
        return path.read_text(encoding="utf-8", errors="replace")
    from ingest.loaders import load  # pdf/docx need a parser; only the raw page text is used

    return load(path).text


def input_files(paths: list[Path]) -> list[Path]:
    """Supported files under `paths` (directories expanded), sorted for reproducible chunk ids."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED)
        elif p.suffix.lower() in SUPPORTED:
            files.append(p)
    return sorted(files)


def split_files(files: list[Path]) -> list[BaselineChunk]:
    """Chunks of every file, ids `<file name>#<ordinal>` like ours."""
    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    chunks: list[BaselineChunk] = []
    for path in files:
        for i, text in enumerate(splitter.split_text(raw_text(path))):
            chunks.append(BaselineChunk(chunk_id=f"{path.name}#{i:04d}", doc_id=path.name, text=text))
    return chunks


class BaselinePipeline:
    """Flat FAISS over tutorial chunks; `ask` returns the top chunk as the answer."""

    def __init__(self, chunks: list[BaselineChunk], index: faiss.Index, embedder, k: int = 5):
        self.chunks = chunks
        self.index = index
        self.embedder = embedder
        self.k = k

    @classmethod
    def build(cls, paths: list[Path], embedder, work_dir: Path | None = None, k: int = 5, progress: bool = True):
        """Split, embed and index; when `work_dir` is given the index is also written there (size on disk)."""
        chunks = split_files(input_files(paths))
        vectors = embed_in_batches(embedder, [c.text for c in chunks], progress)
        index = faiss.IndexFlatIP(int(embedder.dim))
        if len(vectors):
            index.add(vectors)
        if work_dir is not None:
            work_dir.mkdir(parents=True, exist_ok=True)
            faiss.write_index(index, str(work_dir / "baseline.faiss"))
        return cls(chunks, index, embedder, k)

    def search(self, question: str, k: int | None = None) -> tuple[list[BaselineChunk], list[float]]:
        k = min(k or self.k, self.index.ntotal)
        if k <= 0:
            return [], []
        query = self.embedder.embed_queries([question])
        scores, ids = self.index.search(query, k)
        hits = [(self.chunks[i], float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
        return [c for c, _ in hits], [s for _, s in hits]

    def ask(self, question: str, history=None) -> BaselineAnswer:
        """Ignores `history`: the tutorial pipeline has no conversation memory."""
        start = time.perf_counter()
        chunks, scores = self.search(question)
        return BaselineAnswer(question, chunks, scores, {"total": round((time.perf_counter() - start) * 1000, 1)})


def embed_in_batches(embedder, texts: list[str], progress: bool = True) -> np.ndarray:
    """Embed with a progress bar (the corpus takes tens of seconds on CPU)."""
    from tqdm import tqdm

    parts = []
    batches = range(0, len(texts), EMBED_BATCH)
    for start in tqdm(batches, desc="Baseline: nhúng đoạn", unit="lô", disable=not progress):
        parts.append(embedder.embed_passages(texts[start : start + EMBED_BATCH]))
    if not parts:
        return np.zeros((0, int(embedder.dim)), dtype=np.float32)
    return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32)
