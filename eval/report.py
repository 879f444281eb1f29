"""The evaluation report: Markdown tables (ours vs baseline, overall and per type), worst items, PNG charts.

Written from `metrics.json`'s dict and the per-item results so it can be
regenerated without re-running anything.
"""

from __future__ import annotations

from pathlib import Path

# (metrics key, Vietnamese label, higher is better, is a latency)
HEADLINE = [
    ("hit", "Hit@{k} (có bằng chứng trong {k} đoạn đầu)", True, False),
    ("recall", "Recall@{k} bằng chứng", True, False),
    ("mrr", "MRR", True, False),
    ("numbers_exact", "Số liệu chính xác", True, False),
    ("f1", "F1 theo âm tiết", True, False),
    ("abstention_correct", "Từ chối đúng (câu không có đáp án)", True, False),
    ("false_abstention", "Từ chối nhầm (câu có đáp án)", False, False),
    ("citation_support", "Trích dẫn có bằng chứng", True, False),
    ("latency_p50_ms", "Độ trễ p50 (ms)", False, True),
    ("latency_p95_ms", "Độ trễ p95 (ms)", False, True),
]

PER_TYPE = ["hit", "recall", "mrr", "numbers_exact", "f1", "abstention_correct", "false_abstention", "citation_support"]
TYPE_HEADERS = ["Hit@k", "Recall@k", "MRR", "Số liệu", "F1", "Từ chối đúng", "Từ chối nhầm", "Trích dẫn"]


def fmt(value, latency: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if latency else f"{value:.3f}"


def ratio(ours, base) -> str:
    """ours / baseline, "–" when either is missing or the baseline is 0."""
    if ours is None or base is None or base == 0:
        return "–"
    return f"{ours / base:.2f}×"


def headline_table(metrics: dict) -> str:
    """Overall metrics, ours beside the baseline (when run) with the ratio."""
    ours = metrics["ours"]["overall"]
    base = (metrics.get("baseline") or {}).get("overall")
    if base:
        lines = ["| Chỉ số | Hệ thống | Baseline | Tỉ lệ |", "| --- | ---: | ---: | ---: |"]
    else:
        lines = ["| Chỉ số | Hệ thống |", "| --- | ---: |"]
    for key, label, _, latency in HEADLINE:
        row = f"| {label.format(k=metrics.get('k', 5))} | {fmt(ours.get(key), latency)} |"
        if base:
            row += f" {fmt(base.get(key), latency)} | {ratio(ours.get(key), base.get(key))} |"
        lines.append(row)
    return "\n".join(lines)


def type_table(summary: dict) -> str:
    """One row per question type for one system."""
    lines = ["| Loại | n | " + " | ".join(TYPE_HEADERS) + " |", "| --- | ---: |" + " ---: |" * len(PER_TYPE)]
    rows = list(summary["per_type"].items()) + [("**tổng**", summary["overall"])]
    for name, s in rows:
        lines.append(f"| {name} | {s['n']} | " + " | ".join(fmt(s.get(k)) for k in PER_TYPE) + " |")
    return "\n".join(lines)


def item_quality(score: dict) -> float:
    """Mean of the item's correctness metrics (false abstention counts inverted); used to find the worst."""
    values = [score.get(k) for k in ("hit", "numbers_exact", "f1", "abstention_correct")]
    if score.get("false_abstention") is not None:
        values.append(1 - score["false_abstention"])
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else 1.0


def _cell(text: str, limit: int = 220) -> str:
    text = " ".join(str(text or "").split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def worst_items(results: list, n: int = 10) -> str:
    """The n lowest-scoring items: what was expected and what came back."""
    rows = sorted((r.to_json() for r in results), key=lambda d: item_quality(d["metrics"]))[:n]
    lines = ["| id | loại | câu hỏi | mong đợi | trả về | hit | số liệu |", "| --- | --- | --- | --- | --- | ---: | ---: |"]
    for d in rows:
        m = d["metrics"]
        expected = d["expected_answer"] or ""
        if d["expected_numbers"]:
            expected += f" [số: {', '.join(d['expected_numbers'])}]"
        returned = ("(từ chối) " if d["abstained"] else "") + (d["answer"] or "")
        if d.get("error"):
            returned = f"(lỗi) {d['error']}"
        lines.append(
            f"| {d['id']} | {d['type']} | {_cell(d['question'], 120)} | {_cell(expected)} | {_cell(returned)} "
            f"| {fmt(m['hit'])} | {fmt(m['numbers_exact'])} |"
        )
    return "\n".join(lines)


def plot_per_type(metrics: dict, key: str, title: str, path: Path) -> Path:
    """Grouped bars per question type: ours vs baseline (when run)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ours = metrics["ours"]["per_type"]
    base = (metrics.get("baseline") or {}).get("per_type") or {}
    types = [t for t in ours if ours[t].get(key) is not None or (base.get(t) or {}).get(key) is not None]
    fig, ax = plt.subplots(figsize=(max(6, 1.1 * len(types) + 2), 4))
    width = 0.38 if base else 0.6
    xs = range(len(types))
    ax.bar([x - (width / 2 if base else 0) for x in xs], [ours[t].get(key) or 0 for t in types], width, label="Hệ thống")
    if base:
        ax.bar([x + width / 2 for x in xs], [(base.get(t) or {}).get(key) or 0 for t in types], width, label="Baseline")
    ax.set_xticks(list(xs))
    ax.set_xticklabels(types, rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_title(title)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def render_markdown(metrics: dict, ours: list, baseline: list | None) -> str:
    parts = [
        "# Báo cáo đánh giá",
        "",
        f"Bộ dữ liệu: `{metrics['dataset']}` · {metrics['n_items']} câu · k = {metrics['k']} · "
        f"chế độ trả lời: {metrics['mode']} · lúc {metrics['created']}",
        "",
        "## Tổng quan",
        "",
        headline_table(metrics),
        "",
    ]
    if metrics["ours"].get("errors"):
        parts += [f"**{metrics['ours']['errors']} câu gây lỗi** (xem `results.jsonl`).", ""]
    parts += ["## Theo loại câu hỏi — hệ thống", "", type_table(metrics["ours"]), ""]
    if metrics.get("baseline"):
        parts += ["## Theo loại câu hỏi — baseline", "", type_table(metrics["baseline"]), ""]
    parts += [
        "## Biểu đồ",
        "",
        "![Recall@k theo loại](recall_per_type.png)",
        "",
        "![Số liệu chính xác theo loại](numbers_per_type.png)",
        "",
        "## 10 câu kém nhất (hệ thống)",
        "",
        worst_items(ours),
        "",
    ]
    return "\n".join(parts)


def write_report(out_dir: Path, metrics: dict, ours: list, baseline: list | None = None) -> list[Path]:
    """Write report.md and the two charts; return their paths."""
    out_dir = Path(out_dir)
    charts = [
        plot_per_type(metrics, "recall", f"Recall@{metrics.get('k', 5)} theo loại câu hỏi", out_dir / "recall_per_type.png"),
        plot_per_type(metrics, "numbers_exact", "Số liệu chính xác theo loại câu hỏi", out_dir / "numbers_per_type.png"),
    ]
    report = out_dir / "report.md"
    report.write_text(render_markdown(metrics, ours, baseline), encoding="utf-8")
    return [report, *charts]
