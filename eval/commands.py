"""`baocao eval` and `baocao bench`: argument parsing and wiring only; the work is in runner/bench."""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import replace
from pathlib import Path

from ingest.errors import BaocaoError
from settings import REPO_DIR, Settings

DEFAULT_DEV_SET = REPO_DIR / "eval" / "qa.jsonl"


def register(subparsers) -> None:
    ev = subparsers.add_parser(
        "eval",
        help="chấm điểm trợ lý trên một bộ câu hỏi–đáp án (JSONL)",
        description="Chạy từng câu hỏi qua trợ lý (như giao diện dùng), ghi kết quả, chỉ số, báo cáo và biểu đồ.",
    )
    ev.add_argument("--dataset", required=True, type=Path, help="tệp JSONL theo lược đồ trong docs/DESIGN.md")
    ev.add_argument("--out", type=Path, default=None, help="thư mục kết quả (mặc định eval/out/<tên bộ dữ liệu>)")
    ev.add_argument("--llm", action="store_true", help="trả lời bằng mô hình ngôn ngữ đã cấu hình (BAOCAO_LLM)")
    ev.add_argument("--baseline", action="store_true", help="chạy thêm pipeline hướng dẫn cơ bản để so sánh")
    ev.add_argument("-k", type=int, default=5, help="số đoạn được tính cho recall/hit/MRR (mặc định 5)")
    ev.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến trình")
    ev.set_defaults(func=cmd_eval)

    bench = subparsers.add_parser(
        "bench",
        help="đo tốc độ nạp, độ trễ tìm kiếm/hỏi đáp, bộ nhớ và dung lượng chỉ mục",
        description="Đo trên kho mẫu và trên kho tổng hợp lớn gấp --scale lần, đặt cạnh pipeline cơ bản.",
    )
    bench.add_argument("--out", type=Path, default=Path("eval/bench"), help="thư mục kết quả (mặc định eval/bench)")
    bench.add_argument("--scale", type=float, default=20, help="kho tổng hợp lớn gấp bao nhiêu lần (mặc định 20; 0 = bỏ qua)")
    bench.add_argument("--dataset", type=Path, default=DEFAULT_DEV_SET, help="câu hỏi dùng để đo độ trễ")
    bench.set_defaults(func=cmd_bench)


def load_items(path: Path) -> list:
    """The dataset, with a Vietnamese one-line error for a missing or malformed file."""
    from eval.dataset import load_dataset

    if not path.is_file():
        raise BaocaoError(f"không tìm thấy tệp dữ liệu đánh giá: {path}")
    try:
        items = load_dataset(path)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaocaoError(f"tệp dữ liệu đánh giá không hợp lệ: {exc}") from exc
    if not items:
        raise BaocaoError(f"tệp dữ liệu đánh giá rỗng: {path}")
    return items


def eval_settings(settings: Settings, use_llm: bool) -> Settings:
    """Extractive (offline) unless --llm, which needs a configured chat model."""
    if use_llm and not settings.llm:
        raise BaocaoError("chưa cấu hình mô hình ngôn ngữ: đặt BAOCAO_LLM (ví dụ ollama:qwen2.5) rồi chạy lại với --llm")
    return settings if use_llm else replace(settings, llm=None)


def baseline_sources(index, settings: Settings) -> list[Path]:
    """The files our index was built from (so both pipelines read the same reports)."""
    sources = [Path(m.source) for m in index.docs.values() if m.source and Path(m.source).is_file()]
    return sorted(set(sources)) or [settings.corpus_dir]


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.service import Assistant
    from eval.baseline import BaselinePipeline
    from eval.report import headline_table
    from eval.runner import run_eval

    items = load_items(args.dataset)
    if args.k < 1:
        raise BaocaoError(f"-k phải là số nguyên dương, nhận được {args.k}")
    out_dir = args.out or Path("eval") / "out" / args.dataset.stem
    progress = not args.no_progress
    assistant = Assistant.from_settings(eval_settings(settings, args.llm), progress=progress)
    with tempfile.TemporaryDirectory(prefix="baocao-baseline-") as tmp:
        baseline = None
        if args.baseline:
            print("Dựng pipeline cơ bản (baseline)…", flush=True)
            sources = baseline_sources(assistant.index, settings)
            baseline = BaselinePipeline.build(sources, assistant.index.embedder, Path(tmp), k=args.k, progress=progress)
        run = run_eval(
            items,
            assistant,
            out_dir,
            baseline=baseline,
            k=args.k,
            progress=progress,
            dataset=str(args.dataset),
            mode="llm" if args.llm else "extractive",
        )
    print()
    print(headline_table(run.metrics))
    errors = run.metrics["ours"].get("errors") or 0
    if errors:
        print(f"\nCảnh báo: {errors} câu gây lỗi khi chạy (xem results.jsonl).")
    print(f"\nĐã ghi kết quả vào {out_dir}/ (results.jsonl, metrics.json, report.md, biểu đồ PNG).")
    return 0


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    from eval.bench import render_markdown, run_bench

    if args.scale < 0:
        raise BaocaoError(f"--scale không được âm, nhận được {args.scale}")
    results = run_bench(settings, args.out, scale=args.scale, dataset=args.dataset)
    print()
    print(render_markdown(results))
    print(f"Đã ghi {args.out}/bench.json và {args.out}/bench.md.")
    return 0
