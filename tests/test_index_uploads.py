"""Uploads through the web UI: safe names, type/size limits, no overwrite, and a failed ingest leaves nothing."""

from __future__ import annotations

import os
import shutil

import pytest

from index import uploads as ui  # the functions the web UI calls
from settings import Settings

@pytest.mark.parametrize(
    "name, expected",
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\evil.docx", "evil.docx"),
        ("/abs/path/Báo cáo tháng 11.PDF", "Báo_cáo_tháng_11.pdf"),
        (".hidden.md", "hidden.md"),
        ("..", "tai_lieu"),
        ("a<b>|c?.txt", "a_b_c.txt"),
    ],
)
def test_safe_filename(name, expected):
    assert ui.safe_filename(name) == expected


def test_safe_filename_is_nfc():
    nfd = "Ba\u0301o ca\u0301o.txt"  # decomposed accents
    assert ui.safe_filename(nfd) == "Báo_cáo.txt"


def test_check_upload_limits(tmp_path):
    ok = tmp_path / "a.txt"
    ok.write_text("nội dung", encoding="utf-8")
    assert ui.check_upload(ok, "a.txt", 1024) is None
    assert "không được hỗ trợ" in ui.check_upload(ok, "a.exe", 1024)
    assert "không được hỗ trợ" in ui.check_upload(ok, "README", 1024)
    big = tmp_path / "b.pdf"
    big.write_bytes(b"0" * 3000)
    assert "quá lớn" in ui.check_upload(big, "b.pdf", 2048)
    empty = tmp_path / "c.md"
    empty.write_bytes(b"")
    assert "rỗng" in ui.check_upload(empty, "c.md", 2048)


def test_store_upload_never_overwrites_a_different_file(tmp_path):
    uploads = tmp_path / "uploads"
    first = tmp_path / "in1" / "bao cao.txt"
    first.parent.mkdir()
    first.write_text("bản thứ nhất", encoding="utf-8")
    second = tmp_path / "in2" / "bao cao.txt"
    second.parent.mkdir()
    second.write_text("bản thứ hai", encoding="utf-8")

    p1, created1 = ui.store_upload(first, "../bao cao.txt", uploads)
    p2, created2 = ui.store_upload(second, "bao cao.txt", uploads)
    p3, created3 = ui.store_upload(first, "bao cao.txt", uploads)

    assert (p1.name, created1) == ("bao_cao.txt", True)
    assert (p2.name, created2) == ("bao_cao-2.txt", True)
    assert (p3, created3) == (p1, False)  # identical bytes: reused, not duplicated
    assert p1.read_text(encoding="utf-8") == "bản thứ nhất"
    assert p2.read_text(encoding="utf-8") == "bản thứ hai"
    assert sorted(os.listdir(uploads)) == ["bao_cao-2.txt", "bao_cao.txt"]
    assert all(p.resolve().parent == uploads.resolve() for p in (p1, p2))




def test_add_uploads_ingests_good_files_and_rolls_back_bad_ones(tmp_path, corpus_index_dir, embedder):
    from index.hybrid import HybridIndex

    settings = Settings(home=tmp_path / "home")
    shutil.copytree(corpus_index_dir, settings.index_dir)
    before = set(HybridIndex.load(settings.index_dir, embedder).docs)
    good = tmp_path / "in" / "Báo cáo thủy lợi.md"
    good.parent.mkdir()
    good.write_text("# BÁO CÁO\n\nNăm 2025 đã nạo vét 87 km kênh mương nội đồng.\n", encoding="utf-8")
    broken = tmp_path / "in" / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7 not a pdf")
    exe = tmp_path / "in" / "virus.exe"
    exe.write_bytes(b"MZ")

    out = ui.add_uploads([(good, good.name), (broken, broken.name), (exe, exe.name)], settings, embedder, 1 << 20, progress=False)

    assert out.changed
    assert any(l.startswith("✔ Báo cáo thủy lợi.md") for l in out.lines), out.lines
    assert any(l.startswith("✖ hong.pdf") for l in out.lines), out.lines
    assert any(l.startswith("✖ virus.exe") and "không được hỗ trợ" in l for l in out.lines), out.lines
    assert sorted(os.listdir(settings.uploads_dir)) == ["Báo_cáo_thủy_lợi.md"]  # the broken PDF was removed again
    after = HybridIndex.load(settings.index_dir, embedder)
    assert set(after.docs) == before | {"Báo_cáo_thủy_lợi.md"}

    assert ui.delete_uploaded_source(settings, str(settings.uploads_dir / "Báo_cáo_thủy_lợi.md"))
    assert not ui.delete_uploaded_source(settings, str(corpus_index_dir / "manifest.json"))  # not ours: kept
    assert (corpus_index_dir / "manifest.json").exists()
