"""Reports added by users (web UI): checked, stored under a safe name, ingested; a failure leaves nothing behind.

Uploaded files live in `settings.uploads_dir` because the index keeps pointing at
its sources (a changed file is re-ingested, a vanished one dropped).  Names come
from the user's machine, so they are reduced to a bare, NFC file name that cannot
leave that directory, and an existing different file is never overwritten.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from index.store import ingest_paths, sha256_file
from ingest.errors import BaocaoError
from settings import Settings

ALLOWED_EXTENSIONS = (".pdf", ".docx", ".txt", ".md")
DEFAULT_MAX_UPLOAD_MB = 20


def safe_filename(name: str) -> str:
    """A file name that cannot leave the uploads directory: no directories, no leading dots, no odd characters."""
    base = PurePath(str(name).replace("\\", "/")).name
    base = unicodedata.normalize("NFC", base)
    stem, ext = os.path.splitext(base)
    stem = re.sub(r"[^\w\-. ]+", "_", stem)
    stem = re.sub(r"\s+", "_", stem).strip("._-")[:120] or "tai_lieu"
    ext = re.sub(r"[^\w.]", "", ext.lower())
    return stem + ext


def check_upload(path: Path, display_name: str, max_bytes: int) -> str | None:
    """Vietnamese reason why this upload is refused, or None when it is acceptable."""
    ext = Path(display_name).suffix.lower()
    if ext not in ALLOWED_EXTENSIONS:
        allowed = ", ".join(e.lstrip(".").upper() for e in ALLOWED_EXTENSIONS)
        return f"định dạng “{ext or 'không có phần mở rộng'}” không được hỗ trợ (chỉ nhận {allowed})"
    size = Path(path).stat().st_size
    if size > max_bytes:
        return f"tệp quá lớn ({size / 1048576:.1f} MB), giới hạn là {max_bytes / 1048576:.0f} MB"
    if size == 0:
        return "tệp rỗng"
    return None


def store_upload(src: Path, display_name: str, uploads_dir: Path) -> tuple[Path, bool]:
    """Copy into `uploads_dir` under a sanitised name; never overwrite a different file.

    Returns (stored path, created).  Re-uploading identical bytes reuses the stored file
    (created=False); a different file with the same name gets "-2", "-3", … appended.
    """
    uploads_dir.mkdir(parents=True, exist_ok=True)
    name = safe_filename(display_name)
    stem, ext = os.path.splitext(name)
    digest = sha256_file(src)
    for i in range(1, 10_000):
        candidate = uploads_dir / (name if i == 1 else f"{stem}-{i}{ext}")
        if candidate.exists():
            if sha256_file(candidate) == digest:
                return candidate, False
            continue
        try:
            with Path(src).open("rb") as fin, candidate.open("xb") as fout:  # "x": fail rather than overwrite
                shutil.copyfileobj(fin, fout)
        except FileExistsError:  # another session took the name a moment ago
            continue
        return candidate, True
    raise BaocaoError(f"Không đặt được tên cho tệp tải lên {display_name}")


@dataclass
class UploadOutcome:
    """Per-file Vietnamese status lines and whether the index on disk changed."""

    lines: list[str] = field(default_factory=list)
    changed: bool = False


def add_uploads(uploads: list[tuple[Path, str]], settings: Settings, embedder, max_bytes: int, progress: bool = True) -> UploadOutcome:
    """Check, store and ingest (temp path, user's file name) pairs; files that fail are deleted again.

    The caller holds the index write lock and reloads its in-memory index when `changed`.
    """
    outcome = UploadOutcome()
    stored: dict[Path, tuple[str, bool]] = {}
    for path, name in uploads:
        reason = check_upload(path, name, max_bytes)
        if reason:
            outcome.lines.append(f"✖ {name}: {reason}.")
            continue
        dest, created = store_upload(Path(path), name, settings.uploads_dir)
        stored[dest.resolve()] = (name, created)
    if not stored:
        return outcome
    try:
        report = ingest_paths(list(stored), settings.index_dir, embedder, progress=progress)
    except Exception as exc:  # the index on disk is untouched (atomic write); undo the copies too
        for dest, (_, created) in stored.items():
            if created:
                dest.unlink(missing_ok=True)
        message = str(exc) if isinstance(exc, BaocaoError) else f"{type(exc).__name__}: {exc}"
        outcome.lines.append(f"✖ Không nạp được tài liệu, chỉ mục giữ nguyên: {message}")
        return outcome
    for fr in report.files:
        dest = Path(fr.path).resolve()
        name, created = stored.get(dest, (Path(fr.path).name, False))
        if fr.status == "ok":
            outcome.changed = True
            outcome.lines.append(f"✔ {name}: đã nạp ({fr.chunks} đoạn), mã tài liệu “{fr.doc_id}”.")
        elif fr.status == "unchanged":
            outcome.lines.append(f"ℹ {name}: đã có trong chỉ mục (mã “{fr.doc_id}”), không thay đổi.")
        elif fr.status == "error":
            if created:
                dest.unlink(missing_ok=True)
            outcome.lines.append(f"✖ {name}: {fr.reason}")
    return outcome


def delete_uploaded_source(settings: Settings, source: str | None) -> bool:
    """Delete a removed document's file only if it is one of ours (bundled or user folders stay)."""
    if not source:
        return False
    path = Path(source).resolve()
    if path.is_relative_to(settings.uploads_dir.resolve()) and path.is_file():
        path.unlink()
        return True
    return False
