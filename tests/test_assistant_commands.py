"""`baocao ask` / `baocao chat` through `cli.main`, over an index built in a temporary BAOCAO_HOME."""

from __future__ import annotations

import io
import json
import shutil

import pytest

import cli

pytestmark = pytest.mark.slow


@pytest.fixture
def home(tmp_path, monkeypatch, corpus_index_dir):
    """A fresh BAOCAO_HOME holding a copy of the session index (no rebuild, state isolated)."""
    home = tmp_path / "home"
    shutil.copytree(corpus_index_dir, home / "index")
    monkeypatch.setenv("BAOCAO_HOME", str(home))
    monkeypatch.delenv("BAOCAO_LLM", raising=False)
    monkeypatch.delenv("BAOCAO_INDEX", raising=False)
    return home


def test_ask_json_contract(home, capsys):
    code = cli.main(["ask", "--json", "Năm 2021 Văn phòng UBND tỉnh Quảng Ngãi đã tiếp nhận bao nhiêu đơn?"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"question", "answer", "abstained", "citations", "passages", "timing_ms"}
    assert data["abstained"] is False and "995" in data["answer"]
    assert {"n", "doc_id", "title", "section", "page", "quote", "text"} <= set(data["citations"][0])
    assert data["citations"][0]["n"] == 1 and "[1]" in data["answer"]
    assert {"doc_id", "chunk_id", "section", "page", "text", "score"} <= set(data["passages"][0])


def test_ask_human_output_lists_sources(home, capsys):
    assert cli.main(["ask", "6 tháng đầu năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?"]) == 0
    out = capsys.readouterr().out
    assert "hơn 81 đơn" in out and "Nguồn:" in out and "[1]" in out


def test_ask_province_filter_without_reports_abstains(home, capsys):
    assert cli.main(["ask", "--json", "--province", "Cà Mau", "Ban Tiếp công dân tiếp nhận bao nhiêu đơn?"]) == 0
    assert json.loads(capsys.readouterr().out)["abstained"] is True


def test_chat_with_piped_stdin(home, capsys, monkeypatch):
    script = "\n".join([
        "Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?",
        "Còn 6 tháng đầu năm thì sao?",
        "/nguon",
        "/moi",
        "/nguon",
        "/thoat",
        "câu này không được đọc",
    ])
    monkeypatch.setattr("sys.stdin", io.StringIO(script + "\n"))
    assert cli.main(["chat"]) == 0
    out = capsys.readouterr().out
    assert "1.076" in out and "hơn 81 đơn" in out
    assert "Nguồn:" in out
    assert "Đã bắt đầu cuộc hội thoại mới." in out
    assert "Chưa có nguồn nào để hiển thị." in out
    assert "câu này không được đọc" not in out
