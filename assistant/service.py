"""`Assistant`: the one object the CLI, the web UI and the evaluation share.

Holds the index, the term weights and (optionally) a chat model, and runs the
chain for `ask`; `stream` yields grounded sentences as they are written, then
the final `Answer`; `draft` ranks quotable paragraphs for a speech.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

from assistant import about_report, grounding, llm as llm_mod
from assistant.answer import Answer, Turn
from assistant.chain import (ChainParts, Work, answer_step, build_chain, finish, fill_quotes, ground_step, llm_citations,
                             prepare_chain)
from assistant.compose import Draft
from assistant.extractive import Thresholds
from assistant.reading import TermWeights
from index.passage import Passage, SearchFilters
from settings import Settings


@dataclass
class Quote:
    """A paragraph worth quoting in a speech, with its formal citation line."""

    passage: Passage
    citation_line: str
    text: str


class Assistant:
    def __init__(self, index, settings: Settings, llm=None, k: int = 6, thresholds: Thresholds | None = None):
        self.index = index
        self.settings = settings
        self.k = k
        self.parts = ChainParts(index=index, weights=TermWeights(index.chunks), chat_model=llm,
                                thresholds=thresholds or Thresholds())
        self.chain = build_chain(self.parts)

    @classmethod
    def from_settings(cls, settings: Settings, progress: bool = True) -> Assistant:
        from index.service import open_index

        return cls(open_index(settings, progress=progress), settings, llm=llm_mod.make_chat_model(settings))

    @property
    def llm(self):
        return self.parts.chat_model

    def _work(self, question: str, history, filters, k) -> Work:
        return Work(question=question, history=list(history or []), user_filters=filters, k=k or self.k)

    def ask(self, question: str, history: list[Turn] | None = None, filters: SearchFilters | None = None,
            k: int | None = None) -> Answer:
        return self.chain.invoke(self._work(question, history, filters, k)).answer

    def stream(self, question: str, history: list[Turn] | None = None, filters: SearchFilters | None = None,
               k: int | None = None) -> Iterator[str | Answer]:
        """Text pieces (each a grounded sentence), then the final Answer (whose text may be renumbered)."""
        work = self._work(question, history, filters, k)
        if self.llm is None:
            answer = self.chain.invoke(work).answer
            yield answer.text
            yield answer
            return
        work = prepare_chain(self.parts).invoke(work)
        if work.abstain_reason or work.query.kind in about_report.ANSWERERS:  # answered without the model, in one piece
            answer = (answer_step(self.parts) | ground_step()).invoke(work).answer
            yield answer.text
            yield answer
            return
        t0 = time.perf_counter()
        shown = work.passages[: work.k]
        citations = llm_citations(shown)
        by_n = {c.n: c for c in citations}
        full, pending = "", ""
        for piece in llm_mod.stream(self.llm, work.query.standalone, shown):
            full += piece
            pending += piece
            sentences = grounding.split_sentences(pending)
            for sentence in sentences[:-1]:  # the last one may still be growing
                if sentence == "\n" or not grounding.check_sentence(sentence, by_n):
                    yield sentence
            pending = sentences[-1] if sentences else ""
        if pending and not grounding.check_sentence(pending, by_n):
            yield pending
        work.timing_ms["answer"] = (time.perf_counter() - t0) * 1000
        work.draft = Draft(full, citations, False, {"answerer": "llm"})
        g = grounding.ground(full, citations)
        cites = fill_quotes(g.text, g.citations) if not g.abstained else []
        yield finish(work, g.text, cites, g.abstained, g.removed).answer

    def draft(self, topic: str, k: int = 10, filters: SearchFilters | None = None) -> list[Quote]:
        """Ranked quotable paragraphs on `topic`, each with "Theo Báo cáo số … của …" and section/page."""
        quotes = []
        for p in self.index.search(topic, k=k, filters=filters):
            line = p.meta.citation_line()
            if p.chunk.section:
                line += f", mục {p.chunk.section}"
            if p.chunk.page:
                line += f", trang {p.chunk.page}"
            quotes.append(Quote(passage=p, citation_line=line, text=" ".join(p.chunk.text.split())))
        return quotes
