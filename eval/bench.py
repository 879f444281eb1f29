"""`baocao bench`: ingest throughput, search/ask latency, peak memory and index size, ours beside the baseline.

Measured on the bundled corpus and on a synthetic corpus `scale`× larger made
by recombining the reports' paragraphs into new files.  Each (pipeline,
corpus) pair runs in its own spawned process so its peak memory (ru_maxrss)
is its own, not the high-water mark of whatever ran before.  A benchmark, not
a test: nothing here asserts a speed.
"""

from __future__ import annotations

import json
import random
import re
import resource
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import datetime, timezone
from multiprocessing import get_context
from pathlib import Path

from eval.baseline import BaselinePipeline, input_files
from eval.metrics import percentile
from settings import Settings

HEADER_PARAGRAPHS = 4  # a synthetic file starts like a real report, so metadata extraction has work to do
MAX_QUESTIONS = 60


# --- inputs ---------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks, as the reports (and their extraction) lay them out."""
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def make_synthetic_corpus(files: list[Path], dest: Path, scale: float, seed: int = 0) -> list[Path]:
    """Write about `scale`× the bytes of `files` as new reports of recombined paragraphs.

    Each new file opens with the first paragraphs of one real report (its
    header) followed by paragraphs drawn from all reports, so text stays
    realistic while no file duplicates an original.
    """
    rng = random.Random(seed)
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    pool = [p for t in texts for p in paragraphs(t)[HEADER_PARAGRAPHS:]] or [p for t in texts for p in paragraphs(t)]
    target_total = scale * sum(len(t.encode("utf-8")) for t in texts)
    file_size = sum(len(t.encode("utf-8")) for t in texts) / max(1, len(texts))
    dest.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    written = 0
    while written < target_total:
        source = rng.choice(texts)
        parts = paragraphs(source)[:HEADER_PARAGRAPHS]
        size = sum(len(p.encode("utf-8")) for p in parts)
        while size < file_size:
            p = rng.choice(pool)
            parts.append(p)
            size += len(p.encode("utf-8"))
        path = dest / f"synth_{len(out):04d}.txt"
        path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
        written += path.stat().st_size
        out.append(path)
    return out


def dev_questions(dataset: Path | None) -> list[str]:
    """Questions of the dev set (last turn of conversations), at most MAX_QUESTIONS for a bounded run."""
    if dataset is None or not Path(dataset).exists():
        return []
    from eval.dataset import load_dataset

    items = load_dataset(dataset)
    return [(it.turns[-1] if it.turns else it.question) for it in items][:MAX_QUESTIONS]


# --- measurements (run in a child process) ----------------------------------------


def _dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _latencies(fn, questions: list[str]) -> dict:
    times = []
    for q in questions:
        start = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95), "n": len(times)}


def _throughput(files: list[Path], seconds: float, chunks: int) -> dict:
    mb = sum(f.stat().st_size for f in files) / 1e6
    return {
        "files": len(files),
        "mb": round(mb, 3),
        "chunks": chunks,
        "ingest_s": round(seconds, 2),
        "chunks_per_s": round(chunks / seconds, 2) if seconds else None,
        "mb_per_s": round(mb / seconds, 4) if seconds else None,
    }


def bench_ours(settings: Settings, files: list[Path], work: Path, questions: list[str], progress: bool) -> dict:
    """Build our index over `files`, then time search and ask (offline extractive answers)."""
    from assistant.service import Assistant
    from index.embedders import make_embedder
    from index.hybrid import HybridIndex
    from index.store import ingest_paths

    embedder = make_embedder(settings.embedder)  # loaded before the clock starts
    index_dir = work / "index"
    start = time.perf_counter()
    report = ingest_paths(files, index_dir, embedder, progress=progress)
    seconds = time.perf_counter() - start
    chunks = sum(f.chunks for f in report.files if f.status == "ok")
    index = HybridIndex.load(index_dir, embedder)
    assistant = Assistant(index, replace(settings, llm=None, index_dir=index_dir))
    result = _throughput(files, seconds, chunks)
    result["errors"] = len(report.errors)
    result["index_mb"] = round(_dir_bytes(index_dir) / 1e6, 3)
    result["search"] = _latencies(lambda q: index.search(q, k=5), questions)
    result["ask"] = _latencies(lambda q: assistant.ask(q), questions)
    result["peak_rss_mb"] = round(_peak_mb(), 1)
    return result


def bench_baseline(settings: Settings, files: list[Path], work: Path, questions: list[str], progress: bool) -> dict:
    """Build the tutorial pipeline over `files`, then time its search (its "answer" is the top chunk)."""
    from index.embedders import make_embedder

    embedder = make_embedder(settings.embedder)
    start = time.perf_counter()
    pipeline = BaselinePipeline.build(files, embedder, work_dir=work / "baseline", progress=progress)
    seconds = time.perf_counter() - start
    result = _throughput(files, seconds, len(pipeline.chunks))
    chunk_bytes = sum(len(c.text.encode("utf-8")) for c in pipeline.chunks)
    result["index_mb"] = round((_dir_bytes(work / "baseline") + chunk_bytes) / 1e6, 3)
    result["search"] = _latencies(lambda q: pipeline.search(q, k=5), questions)
    result["ask"] = _latencies(pipeline.ask, questions)
    result["peak_rss_mb"] = round(_peak_mb(), 1)
    return result


def _in_child(fn, *args) -> dict:
    """Run one measurement in a fresh spawned process (own memory high-water mark)."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


# --- the whole benchmark ------------------------------------------------------------


def run_bench(
    settings: Settings,
    out_dir: Path,
    scale: float = 20,
    dataset: Path | None = None,
    progress: bool = True,
    isolate: bool = True,
) -> dict:
    """Measure both pipelines on the bundled and the synthetic corpus; write bench.json and bench.md."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = input_files([settings.corpus_dir])
    questions = dev_questions(dataset)
    run = _in_child if isolate else (lambda fn, *args: fn(*args))
    results: dict = {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "embedder": settings.embedder,
        "scale": scale,
        "questions": len(questions),
        "corpora": {},
    }
    work = Path(tempfile.mkdtemp(prefix="baocao-bench-"))
    try:
        synthetic = make_synthetic_corpus(files, work / "synthetic", scale) if scale > 0 else []
        corpora = [("bundled", files)] + ([(f"synthetic_x{scale:g}", synthetic)] if synthetic else [])
        for name, corpus_files in corpora:
            if progress:
                print(f"Đo trên kho {name}: {len(corpus_files)} tệp…", flush=True)
            results["corpora"][name] = {
                "ours": run(bench_ours, settings, corpus_files, work / name / "ours", questions, progress),
                "baseline": run(bench_baseline, settings, corpus_files, work / name / "baseline", questions, progress),
            }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (out_dir / "bench.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    (out_dir / "bench.md").write_text(render_markdown(results), encoding="utf-8")
    return results


# --- output ---------------------------------------------------------------------------

ROWS = [
    ("Số tệp", lambda r: r["files"]),
    ("Dung lượng (MB)", lambda r: r["mb"]),
    ("Số đoạn (chunk)", lambda r: r["chunks"]),
    ("Thời gian nạp (s)", lambda r: r["ingest_s"]),
    ("Đoạn/giây", lambda r: r["chunks_per_s"]),
    ("MB/giây", lambda r: r["mb_per_s"]),
    ("Chỉ mục trên đĩa (MB)", lambda r: r["index_mb"]),
    ("Tìm kiếm p50 (ms)", lambda r: r["search"]["p50_ms"]),
    ("Tìm kiếm p95 (ms)", lambda r: r["search"]["p95_ms"]),
    ("Hỏi đáp p50 (ms)", lambda r: r["ask"]["p50_ms"]),
    ("Hỏi đáp p95 (ms)", lambda r: r["ask"]["p95_ms"]),
    ("Bộ nhớ đỉnh (MB, RSS)", lambda r: r["peak_rss_mb"]),
]


def _cell(value) -> str:
    if value is None:
        return "–"
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def render_markdown(results: dict) -> str:
    """One column per (corpus, pipeline)."""
    columns = [(name, who) for name, pair in results["corpora"].items() for who in pair]
    label = {"ours": "hệ thống", "baseline": "baseline"}
    lines = [
        "# Đo hiệu năng",
        "",
        f"Mô hình nhúng: `{results['embedder']}` · kho tổng hợp ×{results['scale']:g} · "
        f"{results['questions']} câu hỏi đo độ trễ · lúc {results['created']}",
        "",
        "| Chỉ số | " + " | ".join(f"{n}: {label[w]}" for n, w in columns) + " |",
        "| --- |" + " ---: |" * len(columns),
    ]
    for title, get in ROWS:
        lines.append(f"| {title} | " + " | ".join(_cell(get(results["corpora"][n][w])) for n, w in columns) + " |")
    lines += [
        "",
        "Baseline: RecursiveCharacterTextSplitter(1000, 200) trên văn bản thô + cùng mô hình nhúng + FAISS phẳng; "
        "câu trả lời là đoạn đứng đầu (nên hỏi đáp = tìm kiếm).",
        "",
    ]
    return "\n".join(lines)
