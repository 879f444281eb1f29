"""Chunks of the bundled reports and of generated PDF/DOCX files, through the whole pipeline."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import unicodedata

import pytest

from ingest.chunking import ChunkerConfig, count_tokens, heading_level
from ingest.errors import IngestError
from ingest.pipeline import iter_input_files, process_file
from settings import BUNDLED_CORPUS, REPO_DIR
from tests.fixtures_docs import make_docx, make_pdf

CORPUS = sorted(BUNDLED_CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def processed():
    return {p.name[:3]: process_file(p) for p in CORPUS}


def test_spans_ids_and_pages(processed):
    for key, pd in processed.items():
        text = pd.clean_text.text
        for i, ch in enumerate(pd.chunks):
            assert ch.chunk_id == f"{pd.document.doc_id}#{i:04d}"
            assert ch.text == text[ch.char_start : ch.char_end] and ch.text.strip() == ch.text
            assert ch.n_tokens == count_tokens(ch.text)
            assert ch.page is None
        starts = [c.char_start for c in pd.chunks]
        assert starts == sorted(starts), key
        assert all(a.char_end <= b.char_start for a, b in zip(pd.chunks, pd.chunks[1:])), key


def test_no_chunk_crosses_a_top_level_section(processed):
    for key, pd in processed.items():
        for ch in pd.chunks:
            tops = [line for line in ch.text.split("\n\n") if heading_level(line) == 1]
            assert len(tops) <= 1, (key, ch.chunk_id)
            if tops:
                assert ch.text.startswith(tops[0]), (key, ch.chunk_id)  # a roman heading only opens a chunk


def test_token_bounds_mostly_respected(processed):
    cfg = ChunkerConfig()
    sizes = [c.n_tokens for pd in processed.values() for c in pd.chunks]
    within = sum(cfg.min_tokens // 2 <= n <= cfg.max_tokens for n in sizes)
    assert within / len(sizes) > 0.85
    assert max(sizes) < 3 * cfg.max_tokens


def test_long_paragraphs_split_between_sentences():
    from ingest.cleaning import CleanText
    from ingest.chunking import chunk
    from ingest.document import DocMeta

    sentences = [f"Câu số {i} nói về việc tiếp nhận {i * 3} hồ sơ của người dân tại Trung tâm Phục vụ hành chính công tỉnh." for i in range(60)]
    text = "BÁO CÁO\n\nI. Kết quả\n\n" + " ".join(sentences)
    chunks = chunk("t.txt", CleanText(text, [(0, None)], 0.3), DocMeta("t.txt"), ChunkerConfig())
    body = [c for c in chunks if "Câu số" in c.text]
    assert len(body) >= 3
    for c in body:
        assert c.n_tokens <= ChunkerConfig().max_tokens + 20
        assert c.text.rstrip().endswith(".")  # every piece ends on a sentence end
    joined = " ".join(c.text for c in body)
    assert all(s in joined for s in sentences)


def test_known_sentence_in_one_chunk_and_section(processed):
    hits = [c for c in processed["000"].chunks if "Ban Tiếp công dân tỉnh đã tiếp nhận tổng cộng hơn 81 đơn" in c.text]
    assert len(hits) == 1
    assert hits[0].section.startswith("II > 2 > 2.3")
    assert "6 tháng đầu năm 2023" in hits[0].header and "Quảng Ngãi" in hits[0].header
    assert "2.3. Công tác tiếp công dân" in hits[0].header


def test_header_block_and_distribution_list_not_in_chunks(processed):
    from ingest.vietnamese import fold

    for key, pd in processed.items():
        for ch in pd.chunks:
            f = fold(ch.text)
            assert "noi nhan" not in f and "noi nhgn" not in f, key
            assert "doc lap - tu do" not in f, key


def test_ocr_report_chunks_flagged(processed):
    assert processed["002"].meta.low_ocr_quality
    assert not processed["000"].meta.low_ocr_quality


def test_nfd_file_gives_same_chunks_as_nfc(tmp_path):
    src = (BUNDLED_CORPUS / CORPUS[1].name).read_text(encoding="utf-8")
    (tmp_path / "nfc.txt").write_text(unicodedata.normalize("NFC", src), encoding="utf-8")
    (tmp_path / "nfd.txt").write_text(unicodedata.normalize("NFD", src), encoding="utf-8")
    a, b = process_file(tmp_path / "nfc.txt"), process_file(tmp_path / "nfd.txt")
    assert [c.text for c in a.chunks] == [c.text for c in b.chunks]
    assert [c.section for c in a.chunks] == [c.section for c in b.chunks]


def test_pdf_through_pipeline_keeps_pages(tmp_path):
    para = "Văn phòng UBND tỉnh Quảng Ngãi đã tiếp nhận và giải quyết hồ sơ đúng hạn cho người dân. " * 12
    pages = [f"BÁO CÁO\nKết quả công tác năm 2023\nI. Tình hình chung\n{para}",
             f"II. Kết quả thực hiện\n1. Tiếp công dân\nBan Tiếp công dân tỉnh đã tiếp nhận 81 đơn.\n{para}",
             f"III. Nhiệm vụ năm 2024\n{para}"]  # fmt: skip
    pd = process_file(make_pdf(tmp_path / "bc.pdf", pages))
    hit = next(c for c in pd.chunks if "81 đơn" in c.text)
    assert hit.page == 2 and hit.section == "II > 1"
    assert {c.page for c in pd.chunks} == {1, 2, 3}
    assert pd.meta.period.year == 2023


def test_docx_through_pipeline_sections(tmp_path):
    path = make_docx(
        tmp_path / "bc.docx",
        "I. Kết quả thực hiện",
        ["Văn phòng đã tiếp nhận 1.076 đơn thư trong năm.", "Tỷ lệ giải quyết đạt 99,8%."],
        [["Chỉ tiêu", "Kết quả"], ["Hồ sơ trực tuyến", "70%"]],
        subheading="1. Số liệu chi tiết",
    )
    pd = process_file(path)
    assert any("Hồ sơ trực tuyến – Kết quả: 70%" in c.text for c in pd.chunks)  # the row read with its header
    assert pd.chunks[0].page is None
    table_chunk = next(c for c in pd.chunks if "Hồ sơ trực tuyến" in c.text)
    assert table_chunk.heading_path[0] == "I. Kết quả thực hiện"


def test_process_file_error_for_bad_file(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"")
    with pytest.raises(IngestError):
        process_file(path)


def test_iter_input_files(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.PDF").write_bytes(b"%PDF-")
    (tmp_path / "sub" / "c.xlsx").write_bytes(b"x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("x")
    (tmp_path / ".e.md").write_text("x")
    explicit = tmp_path / "sub" / "c.xlsx"
    files = iter_input_files([tmp_path, explicit])
    assert files == sorted([tmp_path / "a.txt", tmp_path / "sub" / "b.PDF", explicit])


def test_tiktoken_encoding_needs_no_network(tmp_path):
    """Fresh cache dir and sockets disabled: the tokenizer still loads (the encoding ships in a package)."""
    code = textwrap.dedent(
        """
        import socket
        def _blocked(*a, **k):
            raise RuntimeError("network access attempted")
        socket.socket.connect = _blocked
        socket.create_connection = _blocked
        socket.getaddrinfo = _blocked
        from ingest.chunking import count_tokens
        print(count_tokens("Ban Tiếp công dân tỉnh đã tiếp nhận 81 đơn."))
        """
    )
    env = dict(os.environ, TIKTOKEN_CACHE_DIR=str(tmp_path / "tk"), DATA_GYM_CACHE_DIR=str(tmp_path / "dg"))
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_DIR, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) > 5


def test_corpus_ingest_is_fast():
    import time

    t = time.perf_counter()
    for p in CORPUS:
        process_file(p)
    assert time.perf_counter() - t < 2.0


def test_heading_path_at_follows_sibling_sections_inside_a_chunk():
    """A chunk that merges "a) …" and "b) …" cites a sentence of b) under b)."""
    from dataclasses import replace

    from ingest.chunking import heading_path_at
    from ingest.document import Chunk

    text = "a) Tiếp công dân: tiếp 35 lượt.\n\nb) Tiếp nhận đơn: hơn 81 đơn.\n\nNội dung tiếp theo của mục b."
    chunk = Chunk("x#0001", "x", text, heading_path=["II. Kết quả", "2.3. Công tác tiếp công dân", "a) Tiếp công dân:"])
    at = lambda needle: replace(chunk, heading_path=heading_path_at(chunk, text.index(needle))).section  # noqa: E731
    assert at("35 lượt") == "II > 2.3 > a)"
    assert at("81 đơn") == "II > 2.3 > b)"
    assert at("Nội dung tiếp theo") == "II > 2.3 > b)"
