"""The eval runner, report, baseline, bench and CLI on a tiny corpus built by the tests (real index, real FAISS)."""

from __future__ import annotations

import json

import pytest

import cli
from eval.baseline import BaselinePipeline, split_files
from eval.bench import make_synthetic_corpus, paragraphs, run_bench
from eval.dataset import load_dataset
from eval.runner import run_eval, run_items
from settings import Settings

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

REPORT_A = """UBND TỈNH AN BÌNH
VĂN PHÒNG
BÁO CÁO
Kết quả công tác tiếp công dân năm 2023

I. Tình hình chung

Trong năm 2023, Ban Tiếp công dân tỉnh đã tiếp 1.076 lượt công dân,
tiếp nhận 540 đơn thư khiếu nại, tố cáo.

II. Cải cách hành chính

Tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,8%. Cổng dịch vụ công của tỉnh
đã tiếp nhận 56.703 hồ sơ trực tuyến.

III. Nhiệm vụ năm 2024

Tiếp tục nâng cao chất lượng tiếp công dân và giải quyết đơn thư.
"""

REPORT_B = """UBND TỈNH SƠN NAM
VĂN PHÒNG
BÁO CÁO
Công tác dân vận chính quyền quý I năm 2024

1. Kết quả

Trong quý I năm 2024, Văn phòng đã tổ chức 07 hội nghị đối thoại với nhân dân
và xử lý 215 phản ánh, kiến nghị.

2. Hạn chế

Một số phản ánh còn chậm được xử lý.
"""

ITEMS = [
    {
        "id": "t-count",
        "question": "Năm 2023 Ban Tiếp công dân tỉnh An Bình đã tiếp bao nhiêu lượt công dân?",
        "answer": "1.076 lượt công dân",
        "answer_numbers": ["1.076"],
        "doc": "a.txt",
        "evidence": ["Ban Tiếp công dân tỉnh đã tiếp 1.076 lượt công dân"],
        "type": "count",
        "turns": None,
    },
    {
        "id": "t-unans",
        "question": "Tỉnh An Bình có bao nhiêu sân bay quốc tế?",
        "answer": "Báo cáo không đề cập.",
        "answer_numbers": [],
        "doc": None,
        "evidence": [],
        "type": "unanswerable",
        "turns": None,
    },
    {
        "id": "t-conv",
        "question": "Còn quý I năm 2024 thì tổ chức bao nhiêu hội nghị đối thoại?",
        "answer": "07 hội nghị đối thoại",
        "answer_numbers": ["07"],
        "doc": "b.txt",
        "evidence": ["Văn phòng đã tổ chức 07 hội nghị đối thoại với nhân dân"],
        "type": "conversation",
        "turns": [
            "Văn phòng UBND tỉnh Sơn Nam làm gì về dân vận?",
            "Còn quý I năm 2024 thì tổ chức bao nhiêu hội nghị đối thoại?",
        ],
    },
]


@pytest.fixture(scope="module")
def tiny_files(tmp_path_factory):
    """A two-report corpus and a three-item dataset in the DESIGN.md schema."""
    root = tmp_path_factory.mktemp("tiny")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (corpus / "b.txt").write_text(REPORT_B, encoding="utf-8")
    dataset = root / "tiny.jsonl"
    dataset.write_text("\n".join(json.dumps(it, ensure_ascii=False) for it in ITEMS) + "\n", encoding="utf-8")
    return {"root": root, "corpus": corpus, "dataset": dataset}


@pytest.fixture(scope="module")
def tiny(tiny_files, embedder):
    """The tiny corpus with its real index."""
    from index.store import ingest_paths

    index_dir = tiny_files["root"] / "index"
    report = ingest_paths([tiny_files["corpus"]], index_dir, embedder, progress=False)
    assert not report.errors, report.errors
    return {**tiny_files, "index_dir": index_dir}


@pytest.fixture(scope="module")
def tiny_assistant(tiny, embedder):
    from assistant.service import Assistant
    from index.hybrid import HybridIndex

    settings = Settings(home=tiny["root"] / "home", index_dir=tiny["index_dir"], corpus_dir=tiny["corpus"])
    return Assistant(HybridIndex.load(tiny["index_dir"], embedder), settings)


@pytest.fixture(scope="module")
def tiny_baseline(tiny_files, embedder):
    return BaselinePipeline.build([tiny_files["corpus"]], embedder, progress=False)


class RecordingSystem:
    """Delegates to a real system and records (question, history length) to check conversation handling."""

    def __init__(self, system):
        self.system = system
        self.calls: list[tuple[str, int]] = []

    def ask(self, question, history=None):
        self.calls.append((question, len(history or [])))
        return self.system.ask(question, history=history)


def test_run_eval_writes_every_file(tiny, tiny_assistant, tiny_baseline, tmp_path):
    items = load_dataset(tiny["dataset"])
    run = run_eval(items, tiny_assistant, tmp_path / "out", baseline=tiny_baseline, progress=False, dataset="tiny")
    out = tmp_path / "out"
    for name in ["results.jsonl", "results_baseline.jsonl", "metrics.json", "report.md"]:
        assert (out / name).is_file(), name
    for name in ["recall_per_type.png", "numbers_per_type.png"]:
        assert (out / name).read_bytes()[:8] == PNG_MAGIC, name

    rows = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [it.id for it in items]
    for row in rows:
        for key in ["id", "type", "question", "answer", "abstained", "citations", "passages", "timing_ms", "metrics"]:
            assert key in row, key
        assert row["error"] is None

    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["n_items"] == 3
    assert set(metrics["ours"]["per_type"]) == {"count", "unanswerable", "conversation"}
    assert metrics["baseline"]["overall"]["false_abstention"] == 0.0  # the baseline never abstains
    assert metrics["baseline"]["overall"]["abstention_correct"] == 0.0
    assert run.metrics == metrics

    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| Chỉ số | Hệ thống | Baseline | Tỉ lệ |" in report
    assert "10 câu kém nhất" in report and "t-count" in report


def test_baseline_finds_evidence_in_raw_text(tiny_files, tiny_baseline):
    # Evidence spans a hard line break in the file: the metric's match_form must still find it.
    items = load_dataset(tiny_files["dataset"])
    results = run_items(items[:1], tiny_baseline, progress=False)
    assert results[0].score.hit == 1.0
    assert results[0].response["answer"] == results[0].response["passages"][0]["text"]


def test_conversation_turns_are_asked_in_order_in_one_conversation(tiny, tiny_assistant):
    items = [it for it in load_dataset(tiny["dataset"]) if it.turns]
    system = RecordingSystem(tiny_assistant)
    results = run_items(items, system, progress=False)
    assert system.calls == [(items[0].turns[0], 0), (items[0].turns[1], 1)]
    assert results[0].response["question"] == items[0].turns[-1]


def test_a_crashing_item_is_recorded_not_fatal(tiny_files):
    class Broken:
        def ask(self, question, history=None):
            raise RuntimeError("hỏng")

    items = load_dataset(tiny_files["dataset"])
    results = run_items(items, Broken(), progress=False)
    assert all(r.error and "hỏng" in r.error for r in results)
    assert results[0].score.hit == 0.0 and results[0].score.false_abstention == 0.0


def test_baseline_splitter_is_the_tutorial_one(tiny_files):
    chunks = split_files(sorted(tiny_files["corpus"].glob("*.txt")))
    assert {c.doc_id for c in chunks} == {"a.txt", "b.txt"}
    assert all(len(c.text) <= 1000 for c in chunks)


# --- CLI ---------------------------------------------------------------------------


@pytest.fixture
def tiny_env(tiny, monkeypatch, tmp_path):
    monkeypatch.setenv("BAOCAO_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BAOCAO_INDEX", str(tiny["index_dir"]))
    monkeypatch.setenv("BAOCAO_CORPUS", str(tiny["corpus"]))
    monkeypatch.delenv("BAOCAO_LLM", raising=False)
    monkeypatch.delenv("BAOCAO_EMBEDDER", raising=False)
    return tiny


def test_cli_eval_with_baseline(tiny_env, tmp_path, capsys):
    out = tmp_path / "cli_out"
    code = cli.main(["eval", "--dataset", str(tiny_env["dataset"]), "--out", str(out), "--baseline", "--no-progress"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "| Chỉ số | Hệ thống | Baseline | Tỉ lệ |" in printed
    assert (out / "results.jsonl").is_file() and (out / "results_baseline.jsonl").is_file()
    assert (out / "report.md").is_file() and (out / "metrics.json").is_file()


def test_cli_eval_default_out_dir(tiny_env, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["eval", "--dataset", str(tiny_env["dataset"]), "--no-progress"]) == 0
    assert (tmp_path / "eval" / "out" / "tiny" / "metrics.json").is_file()


def test_cli_eval_missing_dataset_is_one_line_error(tiny_env, tmp_path, capsys):
    code = cli.main(["eval", "--dataset", str(tmp_path / "nope.jsonl"), "--no-progress"])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi:") and "nope.jsonl" in err


def test_cli_eval_bad_dataset_is_one_line_error(tiny_env, tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    assert cli.main(["eval", "--dataset", str(bad), "--no-progress"]) == 2
    assert capsys.readouterr().err.startswith("Lỗi:")


def test_cli_eval_llm_without_model_is_an_error(tiny_env, capsys):
    assert cli.main(["eval", "--dataset", str(tiny_env["dataset"]), "--llm", "--no-progress"]) == 2
    assert "BAOCAO_LLM" in capsys.readouterr().err


# --- bench -----------------------------------------------------------------------------


def test_synthetic_corpus_recombines_paragraphs(tiny_files, tmp_path):
    sources = sorted(tiny_files["corpus"].glob("*.txt"))
    files = make_synthetic_corpus(sources, tmp_path / "synth", scale=3)
    original = sum(f.stat().st_size for f in sources)
    total = sum(f.stat().st_size for f in files)
    assert 3 * original <= total < 3 * original + max(f.stat().st_size for f in files) + original
    known = {p.strip() for f in sources for p in paragraphs(f.read_text(encoding="utf-8"))}
    for f in files:
        assert {p.strip() for p in paragraphs(f.read_text(encoding="utf-8"))} <= known


def test_bench_runs_at_tiny_scale(tiny, tmp_path):
    settings = Settings(home=tmp_path / "home", corpus_dir=tiny["corpus"])
    results = run_bench(settings, tmp_path / "bench", scale=2, dataset=tiny["dataset"], progress=False, isolate=False)
    assert set(results["corpora"]) == {"bundled", "synthetic_x2"}
    for corpus in results["corpora"].values():
        for who in ("ours", "baseline"):
            r = corpus[who]
            assert r["chunks"] > 0 and r["chunks_per_s"] > 0 and r["index_mb"] > 0
            assert r["search"]["n"] == 3 and r["search"]["p95_ms"] >= r["search"]["p50_ms"] > 0
            assert r["peak_rss_mb"] > 0
    synthetic = results["corpora"]["synthetic_x2"]["ours"]
    assert synthetic["mb"] > results["corpora"]["bundled"]["ours"]["mb"]
    assert json.loads((tmp_path / "bench" / "bench.json").read_text(encoding="utf-8")) == results
    assert "| Chỉ số |" in (tmp_path / "bench" / "bench.md").read_text(encoding="utf-8")
