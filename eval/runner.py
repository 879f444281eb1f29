"""Runs a QA set through an answering system and writes results, metrics, report and charts.

The system is anything with `ask(question, history) -> obj with .to_json()`
in the `ask --json` shape: the very `Assistant` the UI uses, or the baseline.
A conversation item asks all its turns in order in one conversation and is
scored on the last answer; latency is the last turn's (what the user waits for).
"""

from __future__ import annotations

import json
import time
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from tqdm import tqdm

from eval.metrics import ItemScore, aggregate, score_item


@dataclass
class ItemResult:
    """One item's question, what came back, and its scores."""

    item: object  # eval.dataset.QAItem
    response: dict
    latency_ms: float
    score: ItemScore
    error: str | None = None

    def to_json(self) -> dict:
        it = self.item
        return {
            "id": it.id,
            "type": it.type,
            "question": it.question,
            "turns": it.turns,
            "doc": it.doc,
            "expected_answer": it.answer,
            "expected_numbers": list(it.answer_numbers or []),
            "evidence": list(it.evidence or []),
            "answer": self.response.get("answer", ""),
            "abstained": bool(self.response.get("abstained")),
            "citations": self.response.get("citations", []),
            "passages": self.response.get("passages", []),
            "timing_ms": self.response.get("timing_ms", {}),
            "latency_ms": round(self.latency_ms, 1),
            "error": self.error,
            "metrics": self.score.to_dict(),
        }


@dataclass
class EvalRun:
    """What `run_eval` produced: the metrics dict and the files written."""

    metrics: dict
    ours: list[ItemResult]
    baseline: list[ItemResult] | None
    files: list[Path] = field(default_factory=list)


def item_turns(item) -> list[str]:
    """The questions to ask in order: a conversation's turns, else the single question."""
    return list(item.turns) if item.turns else [item.question]


def ask_item(system, item) -> tuple[dict, float]:
    """Ask every turn in one conversation; return the last answer's JSON and its latency in ms."""
    from assistant.answer import Turn

    history: list = []
    turns = item_turns(item)
    for question in turns[:-1]:
        history.append(Turn(question, system.ask(question, history=list(history))))
    start = time.perf_counter()
    answer = system.ask(turns[-1], history=list(history))
    latency = (time.perf_counter() - start) * 1000
    return answer.to_json(), latency


def run_items(items: list, system, k: int = 5, progress: bool = True, desc: str = "Đánh giá") -> list[ItemResult]:
    """Ask and score every item. A crash on one item is recorded (and counted), not fatal."""
    results: list[ItemResult] = []
    for item in tqdm(items, desc=desc, unit="câu", disable=not progress):
        error = None
        try:
            response, latency = ask_item(system, item)
        except Exception as exc:  # noqa: BLE001 - one broken item must not hide the rest of the run
            error = f"{type(exc).__name__}: {exc}"
            traceback.print_exc()
            response, latency = {"answer": "", "abstained": False, "citations": [], "passages": []}, 0.0
        results.append(ItemResult(item, response, latency, score_item(item, response, latency, k), error))
    return results


def summarize_results(results: list[ItemResult]) -> dict:
    """Aggregated metrics plus the number of items that crashed."""
    summary = aggregate([r.score for r in results])
    summary["errors"] = sum(r.error is not None for r in results)
    return summary


def write_jsonl(results: list[ItemResult], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for r in results:
            f.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")
    return path


def run_eval(
    items: list,
    system,
    out_dir: Path,
    baseline=None,
    k: int = 5,
    progress: bool = True,
    dataset: str = "",
    mode: str = "extractive",
) -> EvalRun:
    """Score `system` (and the baseline if given) on `items`; write results, metrics, report and charts."""
    from eval.report import write_report

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    ours = run_items(items, system, k, progress, desc="Đánh giá hệ thống")
    base = run_items(items, baseline, k, progress, desc="Đánh giá baseline") if baseline is not None else None
    metrics = {
        "dataset": str(dataset),
        "n_items": len(items),
        "k": k,
        "mode": mode,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "ours": summarize_results(ours),
        "baseline": summarize_results(base) if base is not None else None,
    }
    files = [write_jsonl(ours, out_dir / "results.jsonl")]
    if base is not None:
        files.append(write_jsonl(base, out_dir / "results_baseline.jsonl"))
    metrics_path = out_dir / "metrics.json"
    metrics_path.write_text(json.dumps(metrics, ensure_ascii=False, indent=2), encoding="utf-8")
    files.append(metrics_path)
    files.extend(write_report(out_dir, metrics, ours, base))
    return EvalRun(metrics, ours, base, files)
