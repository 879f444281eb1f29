"""Hybrid search on the bundled corpus: normalisation, accent-less queries, filters, boost, speed."""

from __future__ import annotations

import statistics
import time
import unicodedata

import pytest

from index.hybrid import matches
from index.passage import SearchFilters
from ingest.vietnamese import fold

pytestmark = pytest.mark.slow


def _ids(passages):
    return [p.chunk.chunk_id for p in passages]


def test_nfd_and_nfc_queries_give_identical_results(corpus_index):
    question = "Ban Tiếp công dân tỉnh tiếp nhận bao nhiêu đơn khiếu nại?"
    nfc_q = unicodedata.normalize("NFC", question)
    nfd_q = unicodedata.normalize("NFD", question)
    assert nfc_q != nfd_q
    a, b = corpus_index.search(nfc_q, k=5), corpus_index.search(nfd_q, k=5)
    assert _ids(a) == _ids(b)
    assert [p.score for p in a] == pytest.approx([p.score for p in b])


def test_accentless_query_finds_the_ocr_paragraph(corpus_index):
    passages = corpus_index.search("ban tiep cong dan tiep nhan bao nhieu don", k=5)
    ocr = [p for p in passages if p.doc_id.startswith("002_")]
    # The OCR report's paragraph on petitions received by the Citizen Reception Board ("don thuw KNTC").
    assert any("kntc" in fold(p.chunk.text) and "ban tiep cong dan" in fold(p.chunk.text) for p in ocr), [
        (p.doc_id, p.chunk.section) for p in passages
    ]


def test_results_are_ranked_and_carry_their_evidence(corpus_index):
    passages = corpus_index.search("cải cách hành chính", k=7)
    assert len(passages) == 7
    scores = [p.score for p in passages]
    assert scores == sorted(scores, reverse=True)
    assert len(set(_ids(passages))) == 7
    for p in passages:
        assert p.meta.doc_id == p.doc_id
        assert p.dense_rank is not None or p.sparse_rank is not None
        assert p.to_json()["text"] == p.chunk.text


@pytest.mark.parametrize("filters_kwargs", [{"province": "quang ngai"}, {"province": "Sơn La"}, {"year": 2023}])
def test_filters_restrict_results_before_truncation(corpus_index, filters_kwargs):
    filters = SearchFilters(**filters_kwargs)
    allowed = {d for d, meta in corpus_index.docs.items() if matches(meta, filters)}
    assert allowed and allowed != set(corpus_index.docs)
    n_allowed_chunks = sum(c.doc_id in allowed for c in corpus_index.chunks)
    passages = corpus_index.search("kết quả tiếp công dân và giải quyết đơn thư", k=10, filters=filters)
    assert len(passages) == min(10, n_allowed_chunks)
    assert {p.doc_id for p in passages} <= allowed


def test_province_filter_is_accent_insensitive(corpus_index):
    a = corpus_index.search("chuyển đổi số", k=5, filters=SearchFilters(province="Quảng Ngãi"))
    b = corpus_index.search("chuyển đổi số", k=5, filters=SearchFilters(province="tinh quang ngai"))
    assert a and _ids(a) == _ids(b)


def test_filter_matching_nothing_returns_nothing(corpus_index):
    assert corpus_index.search("tiếp công dân", filters=SearchFilters(province="Cà Mau")) == []


def test_boost_favours_without_excluding(corpus_index):
    query = "công tác tiếp công dân"
    plain = corpus_index.search(query, k=10)
    target = plain[-1].doc_id  # a document that is present but not on top
    boosted = corpus_index.search(query, k=10, boost=SearchFilters(doc_ids=[target]))
    share = lambda ps: sum(p.doc_id == target for p in ps)  # noqa: E731
    assert share(boosted) >= share(plain)
    assert boosted[0].doc_id == target
    # A boost nothing matches changes nothing (a filter would have emptied the list).
    assert _ids(corpus_index.search(query, k=10, boost=SearchFilters(province="Cà Mau"))) == _ids(plain)


def test_diagnostic_lists(corpus_index):
    dense = corpus_index.dense_search("tỷ lệ hồ sơ trực tuyến", k=4)
    folded = corpus_index.sparse_search("ty le ho so truc tuyen", k=4, field="folded")
    exact = corpus_index.sparse_search("tỷ lệ hồ sơ trực tuyến", k=4, field="exact")
    for passages, attr in ((dense, "dense_rank"), (folded, "sparse_rank"), (exact, "sparse_rank")):
        assert [getattr(p, attr) for p in passages] == [1, 2, 3, 4]
    assert "truc tuyen" in fold(folded[0].chunk.index_text)


def test_empty_query_returns_nothing(corpus_index):
    assert corpus_index.search("   ") == []


def test_search_is_fast_beyond_the_query_embedding(corpus_index):
    """Everything but the query embedding (BM25, FAISS, filters, fusion) takes milliseconds."""
    queries = ["tiếp công dân", "chuyển đổi số", "cải cách hành chính", "dân vận khéo", "quý I năm 2024"]
    vectors = {q: corpus_index.embedder.embed_queries([q]) for q in queries}

    class Cached:  # the real vectors, computed above, so only the search itself is timed
        id, dim = corpus_index.embedder.id, corpus_index.embedder.dim

        def embed_queries(self, texts):
            return vectors[texts[0]]

    real, corpus_index.embedder = corpus_index.embedder, Cached()
    try:
        timings = []
        for q in queries * 3:
            started = time.perf_counter()
            corpus_index.search(q, filters=SearchFilters(province="quang ngai"))
            timings.append(time.perf_counter() - started)
    finally:
        corpus_index.embedder = real
    assert statistics.median(timings) < 0.2, f"search p50 {statistics.median(timings) * 1000:.0f} ms"
