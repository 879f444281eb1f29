"""One writer at a time per index directory (a CLI ingest and a UI upload must not race).

Every write is read-modify-swap: two writers that both read the old index would
each swap in their own version and the later one would silently drop the
other's documents.  An advisory `flock` on a file beside the index directory
(the directory itself is swapped) serialises them across processes and threads.
"""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path

from ingest.errors import BaocaoError


class IndexBusyError(BaocaoError):
    """Another process is writing this index."""


def lock_path(index_dir: Path) -> Path:
    index_dir = Path(index_dir)
    return index_dir.parent / f".{index_dir.name}.lock"


@contextmanager
def writer_lock(index_dir: Path, timeout: float = 5.0):
    """Hold the index's writer lock; wait up to `timeout` seconds, then a clear Vietnamese error."""
    path = lock_path(index_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusyError(
                        f"Chỉ mục {index_dir} đang được một tiến trình khác cập nhật "
                        "(nạp hoặc xoá tài liệu); hãy thử lại khi tiến trình đó xong."
                    ) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
