"""The index directory: layout, incremental updates, bad files, crashes, embedder mismatch."""

from __future__ import annotations

import json
import shutil

import faiss
import pytest

from index import store
from index.hybrid import HybridIndex
from index.lock import lock_path
from index.store import IndexMismatchError, IndexMissingError, ingest_paths, remove_documents
from index_helpers import CountingEmbedder, write_bad_files, write_reports
from settings import BUNDLED_CORPUS


def _manifest(index_dir):
    return (index_dir / store.MANIFEST).read_text(encoding="utf-8")


def _results(index, queries=("tiếp công dân", "hồ sơ trực tuyến", "hội nghị đối thoại")):
    return [[p.chunk.chunk_id for p in index.search(q, k=3)] for q in queries]


@pytest.fixture
def small_index(tmp_path, embedder):
    """Three short reports in a folder, indexed."""
    folder = write_reports(tmp_path / "reports")
    index_dir = tmp_path / "index"
    report = ingest_paths([folder], index_dir, embedder, progress=False)
    assert report.written and not report.errors
    return folder, index_dir


def test_corpus_index_layout(corpus_index_dir, embedder):
    manifest = json.loads(_manifest(corpus_index_dir))
    assert manifest["format_version"] == store.FORMAT_VERSION
    assert manifest["embedder"] == {"id": embedder.id, "dim": embedder.dim}
    assert set(manifest["chunker"]) >= {"target_tokens", "max_tokens", "encoding"}
    assert manifest["created"] and manifest["updated"]
    names = sorted(p.name for p in BUNDLED_CORPUS.glob("*.txt"))
    assert [f["doc_id"] for f in manifest["files"]] == names  # bundled ids stay the file names
    assert all(len(f["sha256"]) == 64 and f["n_chunks"] > 0 for f in manifest["files"])
    rows = (corpus_index_dir / store.CHUNKS_FILE).read_text(encoding="utf-8").splitlines()
    assert len(rows) == manifest["n_chunks"] == sum(f["n_chunks"] for f in manifest["files"])
    assert faiss.read_index(str(corpus_index_dir / store.DENSE_FILE)).ntotal == len(rows)
    assert len((corpus_index_dir / store.DOCS_FILE).read_text(encoding="utf-8").splitlines()) == len(names)
    for field in ("bm25_exact", "bm25_folded"):
        assert (corpus_index_dir / field).is_dir()


def test_reingest_unchanged_corpus_embeds_nothing(corpus_index_dir, embedder, tmp_path):
    index_dir = tmp_path / "index"
    shutil.copytree(corpus_index_dir, index_dir)
    before = _manifest(index_dir)
    counting = CountingEmbedder(embedder)
    report = ingest_paths([BUNDLED_CORPUS], index_dir, counting, progress=False)
    assert counting.passages == 0
    assert {f.status for f in report.files} == {"unchanged"}
    assert not report.written
    assert _manifest(index_dir) == before


def test_changed_file_reembeds_only_its_chunks_and_deleted_file_is_dropped(small_index, embedder):
    folder, index_dir = small_index
    counting = CountingEmbedder(embedder)
    (folder / "bao_cao_b.txt").write_text(
        (folder / "bao_cao_b.txt").read_text(encoding="utf-8") + "\nIII. Kiến nghị\n\nĐề nghị bổ sung 3 biên chế.\n",
        encoding="utf-8",
    )
    report = ingest_paths([folder], index_dir, counting, progress=False)
    status = {f.doc_id: f.status for f in report.files}
    assert status == {"bao_cao_a.txt": "unchanged", "bao_cao_b.txt": "ok", "bao_cao_c.md": "unchanged"}
    changed = next(f for f in report.files if f.status == "ok")
    assert counting.passages == changed.chunks == report.embedded_chunks > 0
    index = HybridIndex.load(index_dir, embedder)
    assert any("biên chế" in p.chunk.text for p in index.search("bổ sung biên chế", k=3))

    (folder / "bao_cao_a.txt").unlink()
    report = ingest_paths([folder], index_dir, counting, progress=False)
    assert [f.doc_id for f in report.files if f.status == "removed"] == ["bao_cao_a.txt"]
    index = HybridIndex.load(index_dir, embedder)
    assert set(index.docs) == {"bao_cao_b.txt", "bao_cao_c.md"}
    assert {c.doc_id for c in index.chunks} == {"bao_cao_b.txt", "bao_cao_c.md"}
    assert index.dense and len(index.dense) == len(index.chunks)


def test_single_uploaded_file_does_not_drop_the_folder(small_index, embedder, tmp_path):
    folder, index_dir = small_index
    upload = write_reports(tmp_path / "uploads", ["bao_cao_a.txt"])
    report = ingest_paths([upload / "bao_cao_a.txt"], index_dir, embedder, progress=False)
    assert [f.status for f in report.files] == ["ok"]
    index = HybridIndex.load(index_dir, embedder)
    # Same file name from another folder: a distinct, deterministic id; the first keeps the bare name.
    new_id = report.files[0].doc_id
    assert new_id != "bao_cao_a.txt" and new_id.startswith("bao_cao_a~") and new_id.endswith(".txt")
    assert set(index.docs) == {"bao_cao_a.txt", "bao_cao_b.txt", "bao_cao_c.md", new_id}
    assert all(c.chunk_id.startswith(c.doc_id + "#") for c in index.chunks)
    assert store.unique_doc_id("bao_cao_a.txt", str((upload / "bao_cao_a.txt").resolve()), {"bao_cao_a.txt"}) == new_id


def test_bad_files_are_reported_and_good_ones_indexed(tmp_path, embedder):
    folder = write_reports(tmp_path / "mixed", ["bao_cao_a.txt", "bao_cao_b.txt"])
    bad = write_bad_files(folder)
    report = ingest_paths([folder, tmp_path / "khong_co.txt"], tmp_path / "index", embedder, progress=False)
    by_name = {f.path.rsplit("/", 1)[-1]: f for f in report.files}
    assert by_name["bao_cao_a.txt"].status == by_name["bao_cao_b.txt"].status == "ok"
    for name in [p.name for p in bad] + ["khong_co.txt"]:
        assert by_name[name].status == "error", name
        assert by_name[name].reason, name
    assert report.written
    assert set(HybridIndex.load(tmp_path / "index", embedder).docs) == {"bao_cao_a.txt", "bao_cao_b.txt"}


def test_existing_index_survives_a_batch_of_bad_files(small_index, embedder, tmp_path):
    _, index_dir = small_index
    before_manifest = _manifest(index_dir)
    before = _results(HybridIndex.load(index_dir, embedder))
    bad_dir = tmp_path / "bad"
    write_bad_files(bad_dir)
    report = ingest_paths([bad_dir], index_dir, embedder, progress=False)
    assert report.files and all(f.status == "error" for f in report.files)
    assert not report.written
    assert _manifest(index_dir) == before_manifest
    assert _results(HybridIndex.load(index_dir, embedder)) == before


def test_all_files_fail_without_index_writes_nothing(tmp_path, embedder):
    bad_dir = tmp_path / "bad"
    write_bad_files(bad_dir)
    index_dir = tmp_path / "index"
    report = ingest_paths([bad_dir], index_dir, embedder, progress=False)
    assert not report.written and "chưa tạo chỉ mục" in report.message
    assert not index_dir.exists()
    # no temporary directory left behind (the writer's lock file beside the index stays, empty)
    assert sorted(tmp_path.iterdir()) == sorted([bad_dir, lock_path(index_dir)])
    with pytest.raises(IndexMissingError):
        HybridIndex.load(index_dir, embedder)


def test_crash_mid_ingest_leaves_old_index_intact(small_index, embedder, tmp_path):
    folder, index_dir = small_index
    before_manifest = _manifest(index_dir)
    before = _results(HybridIndex.load(index_dir, embedder))
    for name in ("bao_cao_a.txt", "bao_cao_b.txt"):
        (folder / name).write_text((folder / name).read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8")
    failing = CountingEmbedder(embedder, fail_after_calls=0)  # files processed, then the embedder dies
    with pytest.raises(RuntimeError, match="simulated crash"):
        ingest_paths([folder], index_dir, failing, progress=False)
    assert _manifest(index_dir) == before_manifest
    assert _results(HybridIndex.load(index_dir, embedder)) == before
    assert sorted(p.name for p in index_dir.parent.iterdir() if p.name.startswith(".")) == [".index.lock"]  # no temp dir left


def test_interrupted_swap_is_recovered(small_index, embedder):
    _, index_dir = small_index
    before = _results(HybridIndex.load(index_dir, embedder))
    index_dir.rename(index_dir.parent / f".{index_dir.name}.backup")  # crash between the two renames
    assert _results(HybridIndex.load(index_dir, embedder)) == before
    assert not (index_dir.parent / f".{index_dir.name}.backup").exists()


def test_other_embedder_is_refused(small_index, embedder, tmp_path):
    folder, index_dir = small_index
    other = CountingEmbedder(embedder, id_suffix="-khac")
    with pytest.raises(IndexMismatchError) as err:
        HybridIndex.load(index_dir, other)
    assert embedder.id in str(err.value) and other.id in str(err.value)
    with pytest.raises(IndexMismatchError):
        ingest_paths([folder], index_dir, other, progress=False)
    assert other.passages == 0


def test_remove_documents(small_index, embedder):
    _, index_dir = small_index
    report = remove_documents(index_dir, ["bao_cao_c.md", "khong_co.txt"], embedder)
    assert {(f.doc_id, f.status) for f in report.files} == {("bao_cao_c.md", "removed"), ("khong_co.txt", "error")}
    index = HybridIndex.load(index_dir, embedder)
    assert set(index.docs) == {"bao_cao_a.txt", "bao_cao_b.txt"}
    assert all("hội nghị đối thoại" not in p.chunk.text for p in index.search("hội nghị đối thoại", k=5))


def test_a_second_writer_waits_then_gets_a_clear_error_and_the_index_is_untouched(small_index, embedder, tmp_path):
    """Another process holds the writer lock (a UI upload in progress): a CLI ingest must not race it."""
    import subprocess
    import sys
    import time

    from index.lock import IndexBusyError

    folder, index_dir = small_index
    before = _manifest(index_dir)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, os, sys, time\n"
         "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
         "fcntl.flock(fd, fcntl.LOCK_EX)\n"
         "print('locked', flush=True)\n"
         "time.sleep(30)\n",
         str(lock_path(index_dir))],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        (folder / "new.txt").write_text("BÁO CÁO\nNăm 2022 tiếp nhận 12 đơn thư.\n", encoding="utf-8")
        t0 = time.perf_counter()
        with pytest.raises(IndexBusyError, match="đang được một tiến trình khác cập nhật"):
            store.ingest_paths([folder], index_dir, embedder, progress=False)
        assert time.perf_counter() - t0 >= 4.5  # it waited for the other writer before giving up
        with pytest.raises(IndexBusyError):
            remove_documents(index_dir, ["anything"], embedder)
        assert _manifest(index_dir) == before
    finally:
        holder.kill()
        holder.wait()
    report = ingest_paths([folder], index_dir, embedder, progress=False)  # the lock is free again
    assert report.written and any(f.status == "ok" and f.path.endswith("new.txt") for f in report.files)


def test_an_index_from_an_older_metadata_reader_gets_its_metadata_read_again_without_reembedding(
        corpus_index_dir, embedder, tmp_path):
    index_dir = tmp_path / "index"
    shutil.copytree(corpus_index_dir, index_dir)
    manifest = json.loads(_manifest(index_dir))
    manifest.pop("meta_version", None)  # as written before the signature and the header line were read
    (index_dir / store.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    docs = [json.loads(line) for line in (index_dir / store.DOCS_FILE).read_text(encoding="utf-8").splitlines()]
    old = [{k: v for k, v in d.items()
            if k not in ("signature", "signer", "signature_page", "dateline", "recipients", "recipients_page")} for d in docs]
    (index_dir / store.DOCS_FILE).write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in old), encoding="utf-8")
    counting = CountingEmbedder(embedder)
    report = ingest_paths([BUNDLED_CORPUS], index_dir, counting, progress=False)
    assert counting.passages == 0 and {f.status for f in report.files} == {"unchanged"} and report.written
    again = {d["doc_id"]: d for d in map(json.loads, (index_dir / store.DOCS_FILE).read_text(encoding="utf-8").splitlines())}
    assert again["002_70eccacdbed34b64.txt"]["signer"] == "Vi Minh Tam"
    assert again["001_61ce2e627e777aa2.txt"]["recipients"] == "- Sở Nội vụ;\n- Lưu:VT."
    assert json.loads(_manifest(index_dir))["meta_version"] == store.META_VERSION
    # once read again, the next ingest changes nothing
    assert not ingest_paths([BUNDLED_CORPUS], index_dir, counting, progress=False).written


def test_one_file_added_to_an_old_index_leaves_it_marked_old(corpus_index_dir, embedder, tmp_path):
    index_dir = tmp_path / "index"
    shutil.copytree(corpus_index_dir, index_dir)
    manifest = json.loads(_manifest(index_dir))
    manifest.pop("meta_version", None)
    (index_dir / store.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    folder = write_reports(tmp_path / "reports")
    one = sorted(folder.iterdir())[0]
    assert ingest_paths([one], index_dir, embedder, progress=False).written
    # the bundled reports were not read again, so the next ingest of their folder still refreshes them
    assert json.loads(_manifest(index_dir)).get("meta_version") is None
