"""Footnotes: reports put the specifics ("the 06 communes", "2.144 decisions") in notes.

A Markdown report converted from Word keeps its notes as "[8] UBND xã …" lines, <sup>8</sup> marks or
"[^8]: …" definitions. The answerer reads a note with the sentence that calls it, and quotes it with that sentence.
"""

from __future__ import annotations

import re

from assistant.reading import analyse
from assistant.spans import trim_span
from index.passage import Passage
from ingest.cleaning import PANDOC_NOTE_DEF


# Markdown from pandoc writes them "…[^2]" and "[^2]: Tiêu biểu: …"
NOTE_REF = re.compile(r"(?<=[^\s\d\[])(?:\[(\d{1,3})\]|<sup>(\d{1,3})</sup>|\[\^(\d{1,3})\])")
NOTE_DEF = re.compile(rf"(?:^|\n)[ \t]*(?:\[(\d{{1,3}})\]|<sup>(\d{{1,3}})</sup>|{PANDOC_NOTE_DEF})[ \t]+(?=\S)")


def _number(m: re.Match) -> str:
    """The note's number, whichever way it is written."""
    return next(g for g in m.groups() if g)


class Footnotes:
    """Footnote definitions ("[8] UBND xã …" at a line start) and the sentences that call them ("… 06 xã[8]")."""

    def __init__(self, passages: list[Passage]):
        self.defs: dict[tuple[str, str], tuple[Passage, int, int]] = {}
        self.callers: dict[tuple[str, str], set[str]] = {}
        for p in passages:
            text = p.chunk.text
            for m in NOTE_DEF.finditer(text):
                key = (p.doc_id, _number(m))
                end = text.find("\n", m.end())
                end = len(text) if end < 0 else end
                s, e = trim_span(text, m.end(), end)
                if e - s > 3 and key not in self.defs:
                    self.defs[key] = (p, s, e)
        for p in passages:
            ct = analyse(p.chunk)
            for m in NOTE_REF.finditer(ct.text):
                key = (p.doc_id, _number(m))
                if key not in self.defs:
                    continue
                for sent in ct.sentences:
                    if sent.start <= m.start() <= sent.end + 12:
                        self.callers.setdefault(key, set()).update(sent.words)
                        break

    def context(self, p: Passage, start: int) -> set[str]:
        """Words of the sentence calling the footnote defined at `start` of `p` (empty when not a note)."""
        key = self._key_at(p, start)
        return self.callers.get(key, set()) if key else set()

    def _key_at(self, p: Passage, start: int) -> tuple[str, str] | None:
        best = None
        for key, (dp, s, e) in self.defs.items():
            if dp.chunk.chunk_id == p.chunk.chunk_id and s - 8 <= start <= e:
                best = key
        return best

    def called_in(self, p: Passage, quote: str) -> list[tuple[Passage, int, int]]:
        """Definitions of the notes a quote calls, in order."""
        out = []
        for m in NOTE_REF.finditer(quote):
            hit = self.defs.get((p.doc_id, _number(m)))
            if hit and hit not in out:
                out.append(hit)
        return out
