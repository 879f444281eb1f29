"""Open the index a command needs, building it from the bundled corpus the first time."""

from __future__ import annotations

import sys

from index import store
from index.embedders import make_embedder
from index.hybrid import HybridIndex
from ingest.errors import BaocaoError
from settings import Settings


def open_index(settings: Settings, progress: bool = True) -> HybridIndex:
    """Load `settings.index_dir`; when there is none yet, build it from `settings.corpus_dir` first."""
    embedder = make_embedder(settings.embedder)
    if not store.exists(settings.index_dir):
        if not settings.corpus_dir.exists():
            raise store.IndexMissingError(
                f"Chưa có chỉ mục tại {settings.index_dir} và không tìm thấy thư mục báo cáo {settings.corpus_dir}."
            )
        print(
            f"Chưa có chỉ mục — đang tạo chỉ mục từ các báo cáo trong {settings.corpus_dir} "
            f"(lưu tại {settings.index_dir}), việc này chỉ làm một lần…",
            file=sys.stderr,
        )
        report = store.ingest_paths([settings.corpus_dir], settings.index_dir, embedder, progress=progress)
        for failed in report.errors:
            print(f"  Bỏ qua {failed.path}: {failed.reason}", file=sys.stderr)
        if not report.written:
            raise BaocaoError(f"Không tạo được chỉ mục từ {settings.corpus_dir}: {report.message}")
        print(f"Đã tạo chỉ mục: {report.total_chunks} đoạn, {report.seconds:.0f} giây.", file=sys.stderr)
    return HybridIndex.load(settings.index_dir, embedder)
