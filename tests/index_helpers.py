"""Small real inputs and embedder wrappers shared by the index tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np

REPORTS = {
    "bao_cao_a.txt": (
        "UBND TỈNH QUẢNG NGÃI\nVĂN PHÒNG\n\nBÁO CÁO\nKết quả công tác tiếp công dân năm 2023\n\n"
        "I. Tình hình chung\n\nNăm 2023, Ban Tiếp công dân tỉnh đã tiếp 265 lượt công dân, "
        "tiếp nhận và xử lý 1.076 đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh.\n\n"
        "II. Nhiệm vụ năm 2024\n\nTiếp tục nâng cao chất lượng tiếp công dân, giải quyết dứt điểm các vụ việc tồn đọng.\n"
    ),
    "bao_cao_b.txt": (
        "UBND TỈNH SƠN LA\nVĂN PHÒNG\n\nBÁO CÁO\nKết quả cải cách hành chính quý I năm 2024\n\n"
        "I. Cải cách thủ tục hành chính\n\nTrung tâm Phục vụ hành chính công tỉnh tiếp nhận 12.500 hồ sơ, "
        "tỷ lệ giải quyết đúng hạn đạt 99,8%.\n\n"
        "II. Chuyển đổi số\n\nTỷ lệ hồ sơ nộp trực tuyến toàn trình đạt 65%.\n"
    ),
    "bao_cao_c.md": (
        "# BÁO CÁO\n\n## Kết quả thực hiện quy chế dân chủ ở cơ sở năm 2021\n\n"
        "### 1. Công tác dân vận chính quyền\n\nCác cơ quan đã tổ chức 42 hội nghị đối thoại với nhân dân, "
        "tiếp thu 318 ý kiến của người dân về đất đai và môi trường.\n"
    ),
}


def write_reports(folder: Path, names=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or REPORTS:
        (folder / name).write_text(REPORTS[name], encoding="utf-8")
    return folder


def write_bad_files(folder: Path) -> list[Path]:
    """Inputs a user really drops in: an empty file, a truncated PDF, a zip that is not a DOCX."""
    folder.mkdir(parents=True, exist_ok=True)
    bad = [folder / "rong.txt", folder / "hong.pdf", folder / "hong.docx"]
    bad[0].write_text("", encoding="utf-8")
    bad[1].write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n")  # truncated: no xref, no pages
    bad[2].write_bytes(b"PK\x03\x04 not really a docx")
    return bad


class CountingEmbedder:
    """The real embedder, counting how many passages it is asked to embed."""

    def __init__(self, inner, fail_after_calls: int | None = None, id_suffix: str = "") -> None:
        self.inner = inner
        self.id = inner.id + id_suffix
        self.dim = inner.dim
        self.passages = 0
        self.calls = 0
        self.fail_after_calls = fail_after_calls

    def embed_passages(self, texts) -> np.ndarray:
        if self.fail_after_calls is not None and self.calls >= self.fail_after_calls:
            raise RuntimeError("simulated crash while embedding")
        self.calls += 1
        self.passages += len(texts)
        return self.inner.embed_passages(texts)

    def embed_queries(self, texts) -> np.ndarray:
        return self.inner.embed_queries(texts)
