"""`baocao ingest | search | inspect` through cli.main, with all state in a temporary home."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import cli
from index import store
from index_helpers import write_bad_files, write_reports
from settings import BUNDLED_CORPUS


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_HOME", str(tmp_path / "home"))
    for var in ("BAOCAO_INDEX", "BAOCAO_CORPUS", "BAOCAO_EMBEDDER"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path / "home"


@pytest.fixture
def corpus_copy(home, corpus_index_dir, monkeypatch):
    """A copy of the session's corpus index as BAOCAO_INDEX (saves rebuilding it)."""
    index_dir = home / "index"
    shutil.copytree(corpus_index_dir, index_dir)
    monkeypatch.setenv("BAOCAO_INDEX", str(index_dir))
    return index_dir


@pytest.mark.slow
def test_search_json_schema(corpus_copy, capsys):
    assert cli.main(["search", "Ban Tiếp công dân tiếp nhận bao nhiêu đơn", "-k", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["question"] == "Ban Tiếp công dân tiếp nhận bao nhiêu đơn"
    assert len(out["passages"]) == 3
    chunks = {
        json.loads(line)["chunk_id"]: json.loads(line)
        for line in (corpus_copy / store.CHUNKS_FILE).read_text(encoding="utf-8").splitlines()
    }
    for p in out["passages"]:
        assert set(p) == {"doc_id", "chunk_id", "section", "page", "text", "score"}
        assert p["text"] == chunks[p["chunk_id"]]["text"]  # the original chunk text, not the indexed header
        assert p["doc_id"] == chunks[p["chunk_id"]]["doc_id"]
        assert isinstance(p["score"], float)


@pytest.mark.slow
def test_search_with_province_and_year_filters(corpus_copy, capsys):
    docs = {
        json.loads(line)["doc_id"]: json.loads(line)
        for line in (corpus_copy / store.DOCS_FILE).read_text(encoding="utf-8").splitlines()
    }
    assert cli.main(["search", "tiếp công dân", "-k", "8", "--json", "--province", "quang ngai", "--year", "2023"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["passages"]
    for p in out["passages"]:
        meta = docs[p["doc_id"]]
        assert meta["province"] == "Quảng Ngãi" and meta["period"]["year"] == 2023


@pytest.mark.slow
def test_search_human_output_and_inspect(corpus_copy, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "220")  # a wide terminal, so table cells are not folded
    assert cli.main(["search", "chuyển đổi số", "-k", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. ") and "\n2. " in out and "điểm" in out
    assert cli.main(["inspect"]) == 0
    out = capsys.readouterr().out
    for path in BUNDLED_CORPUS.glob("*.txt"):
        assert path.name[:12] in out
    assert "thấp" in out  # the OCR report is flagged
    assert "Trần Bình Minh" in out  # who signed, as printed under "Nơi nhận"


def test_ingest_reports_each_file_and_fails_on_errors(home, tmp_path, capsys):
    folder = write_reports(tmp_path / "reports", ["bao_cao_a.txt", "bao_cao_c.md"])
    assert cli.main(["ingest", str(folder), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "bao_cao_a.txt" in out and "ok" in out
    assert store.exists(home / "index")

    write_bad_files(folder)
    assert cli.main(["ingest", str(folder), "--no-progress", "--index", str(home / "index")]) == 1
    out = capsys.readouterr().out
    assert "lỗi" in out and "không đổi" in out and "hong.pdf" in out


def test_first_search_builds_the_index_from_the_corpus(home, tmp_path, monkeypatch, capsys):
    corpus = write_reports(tmp_path / "corpus", ["bao_cao_b.txt"])
    monkeypatch.setenv("BAOCAO_CORPUS", str(corpus))
    assert not (home / "index").exists()
    assert cli.main(["search", "tỷ lệ giải quyết đúng hạn", "--json"]) == 0
    captured = capsys.readouterr()
    assert "đang tạo chỉ mục" in captured.err
    passages = json.loads(captured.out)["passages"]
    assert passages and all(p["doc_id"] == "bao_cao_b.txt" for p in passages)
    assert any("99,8%" in p["text"] for p in passages)
    assert store.exists(home / "index")


def test_mismatched_embedder_is_one_clear_line(home, tmp_path, monkeypatch, capsys):
    folder = write_reports(tmp_path / "reports", ["bao_cao_c.md"])
    assert cli.main(["ingest", str(folder), "--no-progress"]) == 0
    manifest_path = home / "index" / store.MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["embedder"]["id"] = "mo-hinh-khac"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["search", "hội nghị"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: ") and "mo-hinh-khac" in err and err.count("\n") == 1


def test_a_reader_closing_the_pipe_early_is_no_traceback():
    import subprocess
    import sys

    # a command printing more than a pipe holds, as `ask`/`search` do on a long answer
    script = "import sys, cli; cli.run = lambda argv: [print('đoạn ' * 40) for _ in range(5000)] and 0; sys.exit(cli.main([]))"
    proc = subprocess.Popen([sys.executable, "-c", script],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=Path(__file__).resolve().parents[1])
    proc.stdout.close()  # like `| head -0`: nobody reads what it prints
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141 and "Traceback" not in err, err
