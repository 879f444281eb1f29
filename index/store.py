"""The index directory: build, update and read it, always atomically.

Layout (txtai-style: a directory with a config file, FAISS id = row number):
    manifest.json   format version, embedder id + dim, chunker config, per-file sha256, times
    docs.jsonl      one DocMeta per document
    chunks.jsonl    row i = FAISS id i
    dense.faiss     IndexFlatIP over L2-normalised vectors
    bm25_exact/ bm25_folded/   bm25s indexes

Every write goes to a temporary sibling directory that is swapped in at the
end, so an existing index survives any failure (bad file, exception, crash).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from tqdm import tqdm

from index.dense import DenseIndex
from index.embedders import BATCH_SIZE, Embedder
from index.lock import writer_lock
from index.sparse import FIELDS, SparseIndex
from ingest.document import Chunk, DocMeta
from ingest.errors import BaocaoError, IngestError

FORMAT_VERSION = 1
# What the metadata reader gives (2: the header's dateline and the signature; 3: the distribution list; 4: a
# period of months from January, "9 tháng đầu năm"). An
# index written by an older reader has its unchanged files' DocMeta read again on the next ingest; their
# chunks and vectors are kept.
META_VERSION = 4
MANIFEST = "manifest.json"
DOCS_FILE = "docs.jsonl"
CHUNKS_FILE = "chunks.jsonl"
DENSE_FILE = "dense.faiss"
USE_BIGRAMS = True

Status = str  # "ok" | "unchanged" | "removed" | "error"


class IndexMismatchError(BaocaoError):
    """The index was built with another embedder: its vectors mean nothing to this one."""


class IndexMissingError(BaocaoError):
    """No index at the given directory."""


@dataclass
class FileReport:
    path: str
    doc_id: str | None
    status: Status
    chunks: int = 0
    reason: str = ""


@dataclass
class IngestReport:
    files: list[FileReport] = field(default_factory=list)
    index_dir: str = ""
    written: bool = False  # False: the index on disk was not touched
    message: str = ""
    embedded_chunks: int = 0  # chunks sent to the embedder in this run
    total_chunks: int = 0  # chunks in the index afterwards
    seconds: float = 0.0

    @property
    def errors(self) -> list[FileReport]:
        return [f for f in self.files if f.status == "error"]


# --- reading -----------------------------------------------------------------


def _backup_dir(index_dir: Path) -> Path:
    return index_dir.parent / f".{index_dir.name}.backup"


def recover(index_dir: Path) -> None:
    """Finish a swap a crash interrupted: the backup is the index if the new one never arrived."""
    index_dir = Path(index_dir)
    backup = _backup_dir(index_dir)
    if not backup.exists():
        return
    if (index_dir / MANIFEST).exists():
        shutil.rmtree(backup, ignore_errors=True)
    else:
        if index_dir.exists():
            shutil.rmtree(index_dir)
        backup.rename(index_dir)


def exists(index_dir: Path) -> bool:
    recover(index_dir)
    return (Path(index_dir) / MANIFEST).exists()


def read_manifest(index_dir: Path) -> dict:
    index_dir = Path(index_dir)
    if not exists(index_dir):
        raise IndexMissingError(f"Chưa có chỉ mục tại {index_dir}. Hãy chạy: baocao ingest <thư mục báo cáo>")
    manifest = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexMismatchError(
            f"Chỉ mục tại {index_dir} có định dạng phiên bản {manifest.get('format_version')}, "
            f"phiên bản này cần {FORMAT_VERSION}. Hãy xoá thư mục và nạp lại."
        )
    return manifest


def check_embedder(manifest: dict, embedder: Embedder, index_dir: Path | str = "") -> None:
    """Refuse to mix vectors of two models: that would silently return garbage."""
    built = manifest.get("embedder", {})
    if built.get("id") != embedder.id or int(built.get("dim", -1)) != int(embedder.dim):
        raise IndexMismatchError(
            f"Chỉ mục {index_dir} được tạo bằng mô hình nhúng “{built.get('id')}” ({built.get('dim')} chiều), "
            f"nhưng đang dùng “{embedder.id}” ({embedder.dim} chiều). "
            "Hãy dùng lại mô hình cũ (BAOCAO_EMBEDDER) hoặc tạo chỉ mục mới ở thư mục khác (--index)."
        )


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_records(index_dir: Path) -> tuple[dict[str, DocMeta], list[Chunk]]:
    """Documents' metadata (by doc_id, in manifest order) and chunks (row order)."""
    index_dir = Path(index_dir)
    docs = {d["doc_id"]: DocMeta.from_dict(d) for d in _read_jsonl(index_dir / DOCS_FILE)}
    chunks = [Chunk.from_dict(c) for c in _read_jsonl(index_dir / CHUNKS_FILE)]
    return docs, chunks


@dataclass
class _DocEntry:
    """One document as the index holds it: what to write and how to recognise it next time."""

    doc_id: str
    source: str
    sha256: str
    meta: DocMeta
    chunks: list[Chunk]
    vectors: np.ndarray


def _read_entries(index_dir: Path, manifest: dict) -> list[_DocEntry]:
    docs, chunks = read_records(index_dir)
    vectors = DenseIndex.load(index_dir / DENSE_FILE).vectors()
    rows: dict[str, list[int]] = {}
    for i, chunk in enumerate(chunks):
        rows.setdefault(chunk.doc_id, []).append(i)
    entries = []
    for f in manifest.get("files", []):
        idx = rows.get(f["doc_id"], [])
        entries.append(
            _DocEntry(
                doc_id=f["doc_id"],
                source=f["source"],
                sha256=f["sha256"],
                meta=docs.get(f["doc_id"]) or DocMeta(doc_id=f["doc_id"]),
                chunks=[chunks[i] for i in idx],
                vectors=vectors[idx] if idx else np.zeros((0, vectors.shape[1]), dtype=np.float32),
            )
        )
    return entries


# --- writing -----------------------------------------------------------------


def _now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_index(index_dir: Path, entries: list[_DocEntry], embedder: Embedder, chunker: dict, created: str,
                 meta_version: int | None = META_VERSION) -> None:
    """Write all files to a temporary sibling, then swap it in (old → backup, new → final, drop backup)."""
    index_dir = Path(index_dir)
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = index_dir.parent / f".{index_dir.name}.tmp-{os.getpid()}-{time.time_ns()}"
    try:
        tmp.mkdir()
        chunks = [c for e in entries for c in e.chunks]
        vectors = (
            np.concatenate([e.vectors for e in entries]) if entries else np.zeros((0, embedder.dim), np.float32)
        )
        _write_jsonl(tmp / DOCS_FILE, [e.meta.to_dict() for e in entries])
        _write_jsonl(tmp / CHUNKS_FILE, [c.to_dict() for c in chunks])
        DenseIndex.build(vectors, embedder.dim).save(tmp / DENSE_FILE)
        texts = [c.index_text for c in chunks]
        for f in FIELDS:
            SparseIndex.build(texts, f, use_bigrams=USE_BIGRAMS).save(tmp / f"bm25_{f}")
        manifest = {
            "format_version": FORMAT_VERSION,
            "meta_version": meta_version,
            "embedder": {"id": embedder.id, "dim": int(embedder.dim)},
            "chunker": chunker,
            "sparse": {"fields": list(FIELDS), "bigrams": USE_BIGRAMS},
            "files": [
                {"doc_id": e.doc_id, "source": e.source, "sha256": e.sha256, "n_chunks": len(e.chunks)}
                for e in entries
            ],
            "n_chunks": len(chunks),
            "created": created,
            "updated": _now(),
        }
        # The manifest is written last: a directory without one is never mistaken for an index.
        (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        backup = _backup_dir(index_dir)
        if index_dir.exists():
            if backup.exists():
                shutil.rmtree(backup)
            index_dir.rename(backup)
        tmp.rename(index_dir)
        shutil.rmtree(backup, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


# --- ingest --------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def unique_doc_id(base: str, source: str, taken: set[str]) -> str:
    """The file name when free; otherwise name~<hash of the full path> (deterministic, same every run)."""
    if base not in taken:
        return base
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    tag = hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]
    return f"{stem}~{tag}" + (f".{suffix}" if suffix else "")


def _rename(chunks: list[Chunk], meta: DocMeta, doc_id: str) -> None:
    """Give a processed document the id the index assigned (chunk ids follow)."""
    meta.doc_id = doc_id
    for chunk in chunks:
        ordinal = chunk.chunk_id.rpartition("#")[2]
        chunk.doc_id = doc_id
        chunk.chunk_id = f"{doc_id}#{ordinal}"


def _embed(chunks: list[Chunk], embedder: Embedder, progress: bool) -> np.ndarray:
    """Embed in batches with a progress bar over chunks."""
    parts = []
    with tqdm(total=len(chunks), desc="Đang nhúng các đoạn", unit="đoạn", disable=not progress or not chunks) as bar:
        for i in range(0, len(chunks), BATCH_SIZE):
            batch = chunks[i : i + BATCH_SIZE]
            parts.append(embedder.embed_passages([c.index_text for c in batch]))
            bar.update(len(batch))
    return np.concatenate(parts) if parts else np.zeros((0, embedder.dim), dtype=np.float32)


def _under(source: str, directory: Path) -> bool:
    try:
        Path(source).relative_to(directory)
        return True
    except ValueError:
        return False


def _load_existing(index_dir: Path, embedder: Embedder) -> tuple[dict | None, list[_DocEntry]]:
    if not exists(index_dir):
        return None, []
    manifest = read_manifest(index_dir)
    check_embedder(manifest, embedder, index_dir)
    return manifest, _read_entries(index_dir, manifest)


def ingest_paths(paths, index_dir: Path, embedder: Embedder, progress: bool = True, config=None) -> IngestReport:
    """Add new and changed files, reuse unchanged ones, drop vanished ones; write atomically.

    Bad files are reported ("error", with the Vietnamese reason) and the others go on;
    a changed file that now fails keeps its previous version in the index.  One writer
    at a time: a second one waits briefly, then gets `IndexBusyError`.
    """
    with writer_lock(index_dir):
        return _ingest_paths(paths, index_dir, embedder, progress, config)


def _ingest_paths(paths, index_dir: Path, embedder: Embedder, progress: bool, config) -> IngestReport:
    from ingest.chunking import ChunkerConfig
    from ingest.pipeline import iter_input_files, process_file

    started = time.perf_counter()
    index_dir = Path(index_dir)
    report = IngestReport(index_dir=str(index_dir))
    manifest, old = _load_existing(index_dir, embedder)
    if config is None:
        config = ChunkerConfig(**manifest["chunker"]) if manifest and manifest.get("chunker") else ChunkerConfig()
    chunker = asdict(config)
    same_chunker = manifest is not None and manifest.get("chunker") == chunker
    same_meta = manifest is not None and manifest.get("meta_version") == META_VERSION

    by_source = {e.source: e for e in old}
    taken = {e.doc_id for e in old}
    updated: dict[str, _DocEntry] = {}  # source -> new entry
    reread: dict[str, _DocEntry] = {}  # source -> unchanged entry with its metadata read again
    seen: set[str] = set()
    pending: list[Chunk] = []
    paths = [Path(p).expanduser() for p in paths]

    files: list[Path] = []
    for p in paths:
        if not p.exists():
            report.files.append(FileReport(str(p), None, "error", reason="Không tìm thấy tệp hoặc thư mục"))
            continue
        try:
            files.extend(iter_input_files([p]))
        except IngestError as exc:
            report.files.append(FileReport(str(p), None, "error", reason=exc.reason))

    for path in files:
        source = str(path.resolve())
        if source in seen:
            continue
        seen.add(source)
        prev = by_source.get(source)
        try:
            sha = sha256_file(path)
        except OSError as exc:
            report.files.append(FileReport(str(path), None, "error", reason=f"Không đọc được tệp: {exc}"))
            continue
        if prev and prev.sha256 == sha and same_chunker:
            if not same_meta:
                meta = _reread_meta(path, prev.doc_id)
                if meta is not None:
                    reread[source] = replace(prev, meta=meta)
            report.files.append(FileReport(str(path), prev.doc_id, "unchanged", len(prev.chunks)))
            continue
        try:
            processed = process_file(path, config)
            if not processed.chunks:
                raise IngestError(str(path), "Tệp không có nội dung văn bản để lập chỉ mục")
        except IngestError as exc:
            reason = exc.reason + (" (giữ phiên bản đã nạp trước đó)" if prev else "")
            report.files.append(FileReport(str(path), prev.doc_id if prev else None, "error", reason=reason))
            continue
        except Exception as exc:  # a bug on one odd file must not stop the others
            reason = f"Lỗi không mong đợi khi xử lý tệp: {type(exc).__name__}: {exc}"
            report.files.append(FileReport(str(path), prev.doc_id if prev else None, "error", reason=reason))
            continue
        doc_id = prev.doc_id if prev else unique_doc_id(processed.document.doc_id, source, taken)
        taken.add(doc_id)
        _rename(processed.chunks, processed.meta, doc_id)
        updated[source] = _DocEntry(doc_id, source, sha, processed.meta, processed.chunks, np.zeros(0))
        pending.extend(processed.chunks)
        report.files.append(FileReport(str(path), doc_id, "ok", len(processed.chunks)))

    given_dirs = [p.resolve() for p in paths if p.is_dir()]
    removed = {
        e.source
        for e in old
        if e.source not in seen and not Path(e.source).exists() and any(_under(e.source, d) for d in given_dirs)
    }
    for e in old:
        if e.source in removed:
            report.files.append(FileReport(e.source, e.doc_id, "removed", len(e.chunks)))

    if not updated and not removed and not reread:
        report.total_chunks = sum(len(e.chunks) for e in old)
        report.message = (
            "Chỉ mục không thay đổi." if manifest else "Không có tệp nào nạp được; chưa tạo chỉ mục."
        )
        report.seconds = time.perf_counter() - started
        return report

    vectors = _embed(pending, embedder, progress)
    report.embedded_chunks = len(pending)
    offset = 0
    for entry in updated.values():
        entry.vectors = vectors[offset : offset + len(entry.chunks)]
        offset += len(entry.chunks)

    kept_old = [e for e in old if e.source not in removed]
    # the index is of the current reader only when no document kept its old metadata (an upload of one file
    # into an old index leaves the others to be read again by a later ingest of their folder)
    fresh = same_meta or all(e.source in updated or e.source in reread for e in kept_old)
    entries = [updated.pop(e.source, None) or reread.get(e.source, e) for e in kept_old]
    entries.extend(updated.values())
    created = manifest.get("created", _now()) if manifest else _now()
    _write_index(index_dir, entries, embedder, chunker, created,
                 META_VERSION if fresh else (manifest or {}).get("meta_version"))
    report.written = True
    report.total_chunks = sum(len(e.chunks) for e in entries)
    report.message = f"Đã cập nhật chỉ mục tại {index_dir}: {len(entries)} tài liệu, {report.total_chunks} đoạn."
    report.seconds = time.perf_counter() - started
    return report


def _reread_meta(path: Path, doc_id: str) -> DocMeta | None:
    """An unchanged file's DocMeta as the current reader gives it (None if the file now fails: keep the old)."""
    from ingest.pipeline import read_metadata

    try:
        meta = read_metadata(path)
    except Exception:  # the file was indexed before; its old metadata stays
        return None
    meta.doc_id = doc_id
    return meta


def remove_documents(index_dir: Path, doc_ids, embedder: Embedder) -> IngestReport:
    """Drop documents by id (their files stay on disk); unknown ids are reported as errors."""
    with writer_lock(index_dir):
        return _remove_documents(index_dir, doc_ids, embedder)


def _remove_documents(index_dir: Path, doc_ids, embedder: Embedder) -> IngestReport:
    started = time.perf_counter()
    index_dir = Path(index_dir)
    manifest = read_manifest(index_dir)
    check_embedder(manifest, embedder, index_dir)
    entries = _read_entries(index_dir, manifest)
    wanted = set(doc_ids)
    report = IngestReport(index_dir=str(index_dir))
    known = {e.doc_id for e in entries}
    for doc_id in doc_ids:
        if doc_id not in known:
            report.files.append(FileReport("", doc_id, "error", reason="Không có tài liệu này trong chỉ mục"))
    for e in entries:
        if e.doc_id in wanted:
            report.files.append(FileReport(e.source, e.doc_id, "removed", len(e.chunks)))
    kept = [e for e in entries if e.doc_id not in wanted]
    if len(kept) != len(entries):
        _write_index(index_dir, kept, embedder, manifest.get("chunker", {}), manifest.get("created", _now()),
                     manifest.get("meta_version"))  # the kept documents' metadata is as old as it was
        report.written = True
    report.total_chunks = sum(len(e.chunks) for e in kept)
    report.message = f"Chỉ mục còn {len(kept)} tài liệu, {report.total_chunks} đoạn."
    report.seconds = time.perf_counter() - started
    return report
