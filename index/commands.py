"""`baocao ingest`, `baocao search`, `baocao inspect`: the index's face on the command line."""

from __future__ import annotations

import argparse
import sys
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from index import store
from index.embedders import make_embedder
from index.hybrid import HybridIndex
from index.passage import Passage, SearchFilters
from index.service import open_index
from settings import Settings

STATUS_LABELS = {"ok": "ok", "unchanged": "không đổi", "removed": "đã xoá", "error": "lỗi"}
STATUS_STYLES = {"ok": "green", "unchanged": "dim", "removed": "yellow", "error": "bold red"}


def _with_index_dir(args: argparse.Namespace, settings: Settings) -> Settings:
    """`--index DIR` overrides BAOCAO_INDEX for this command only."""
    if getattr(args, "index", None):
        settings.index_dir = Path(args.index).expanduser()
    return settings


# --- ingest ------------------------------------------------------------------


def run_ingest(args: argparse.Namespace, settings: Settings) -> int:
    settings = _with_index_dir(args, settings)
    embedder = make_embedder(settings.embedder)
    report = store.ingest_paths(args.paths, settings.index_dir, embedder, progress=not args.no_progress)
    console = _console()
    table = Table(title=f"Kết quả nạp vào {settings.index_dir}")
    table.add_column("tệp", overflow="fold")
    table.add_column("trạng thái")
    table.add_column("số đoạn", justify="right")
    table.add_column("lý do", overflow="fold")
    for f in report.files:
        label = STATUS_LABELS.get(f.status, f.status)
        table.add_row(Path(f.path).name or f.doc_id or "", f"[{STATUS_STYLES[f.status]}]{label}[/]", str(f.chunks), f.reason)
    console.print(table)
    console.print(report.message)
    if report.embedded_chunks:
        rate = report.embedded_chunks / report.seconds if report.seconds else 0.0
        console.print(f"Đã nhúng {report.embedded_chunks} đoạn trong {report.seconds:.1f} giây ({rate:.1f} đoạn/giây).")
    return 1 if report.errors else 0


# --- search ------------------------------------------------------------------


def _snippet(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _print_passages(passages: list[Passage]) -> None:
    console = _console()
    if not passages:
        console.print("Không tìm thấy đoạn văn phù hợp.")
        return
    for rank, p in enumerate(passages, start=1):
        page = f" · trang {p.chunk.page}" if p.chunk.page else ""
        section = f" · mục {p.chunk.section}" if p.chunk.section else ""
        console.print(f"[bold]{rank}. {p.doc_id}[/]{section}{page} · điểm {p.score:.4f}", highlight=False)
        console.print(f"   {_snippet(p.chunk.text)}", highlight=False, markup=False)


def run_search(args: argparse.Namespace, settings: Settings) -> int:
    settings = _with_index_dir(args, settings)
    index = open_index(settings, progress=not args.json)
    filters = SearchFilters(province=args.province, year=args.year)
    passages = index.search(args.question, k=args.k, filters=filters)
    if args.json:
        print(json.dumps({"question": args.question, "passages": [p.to_json() for p in passages]}, ensure_ascii=False))
    else:
        _print_passages(passages)
    return 0


# --- inspect -----------------------------------------------------------------


def _short(text: str | None, width: int = 60) -> str:
    if not text:
        return "—"
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _console() -> Console:
    """A terminal-width console; piped output gets a wide one so tables are not folded letter by letter."""
    return Console() if sys.stdout.isatty() else Console(width=180)


def run_inspect(args: argparse.Namespace, settings: Settings) -> int:
    settings = _with_index_dir(args, settings)
    index: HybridIndex = open_index(settings)
    counts: dict[str, int] = {}
    for chunk in index.chunks:
        counts[chunk.doc_id] = counts.get(chunk.doc_id, 0) + 1
    embedder = index.manifest.get("embedder", {})
    table = Table(title=f"Chỉ mục {settings.index_dir} · mô hình nhúng {embedder.get('id')} · cập nhật {index.manifest.get('updated')}")
    table.add_column("tài liệu", no_wrap=True)  # the id users type back: never broken
    for col in ("tiêu đề", "cơ quan ban hành", "tỉnh", "số", "ngày", "kỳ báo cáo", "người ký", "chất lượng OCR", "số đoạn"):
        table.add_column(col, overflow="fold")
    for doc_id, meta in index.docs.items():
        if meta.ocr_quality is None:
            quality = "—"
        else:
            quality = f"{meta.ocr_quality:.2f}" + (" [bold red](thấp)[/]" if meta.low_ocr_quality else "")
        table.add_row(
            doc_id,
            _short(meta.title),
            _short(meta.issuer, 40),
            meta.province or "—",
            meta.doc_number or "—",
            meta.date or "—",
            meta.period.label if meta.period and meta.period.label else "—",
            meta.signer or "—",
            quality,
            str(counts.get(doc_id, 0)),
        )
    _console().print(table)
    return 0


# --- registration --------------------------------------------------------------


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "ingest",
        help="nạp báo cáo (.pdf .docx .md .txt) vào chỉ mục",
        description="Nạp các tệp hoặc thư mục báo cáo vào chỉ mục. Tệp không đổi được giữ nguyên, "
        "tệp đã xoá khỏi thư mục được gỡ khỏi chỉ mục, tệp lỗi được báo cáo và bỏ qua.",
    )
    p.add_argument("paths", nargs="+", metavar="ĐƯỜNG_DẪN", help="tệp hoặc thư mục báo cáo")
    p.add_argument("--index", metavar="THƯ_MỤC", help="thư mục chỉ mục (mặc định BAOCAO_INDEX hoặc ~/.baocao/index)")
    p.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến độ")
    p.set_defaults(func=run_ingest)

    p = subparsers.add_parser(
        "search",
        help="tìm các đoạn văn liên quan tới câu hỏi (không trả lời)",
        description="Tìm kiếm kết hợp (ngữ nghĩa + từ khoá có dấu và không dấu) trên chỉ mục.",
    )
    p.add_argument("question", metavar="CÂU_HỎI", help="câu hỏi hoặc từ khoá")
    p.add_argument("-k", type=int, default=5, help="số đoạn trả về (mặc định 5)")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.add_argument("--province", metavar="TỈNH", help="chỉ tìm trong báo cáo của tỉnh này (không phân biệt dấu)")
    p.add_argument("--year", type=int, metavar="NĂM", help="chỉ tìm trong báo cáo của năm này")
    p.add_argument("--index", metavar="THƯ_MỤC", help="thư mục chỉ mục")
    p.set_defaults(func=run_search)

    p = subparsers.add_parser(
        "inspect",
        help="liệt kê các tài liệu trong chỉ mục",
        description="Bảng các tài liệu đã nạp: tiêu đề, cơ quan, tỉnh, số, ngày, kỳ báo cáo, chất lượng OCR, số đoạn.",
    )
    p.add_argument("--index", metavar="THƯ_MỤC", help="thư mục chỉ mục")
    p.set_defaults(func=run_inspect)
