"""How the offline answerer reads a passage: IDF term weights, folded sentences and clauses, scan repair.

A chunk is folded (accents removed, lower case) once and cut into sentences and clauses with their
spans (see `spans`); a scanned chunk is read with the question's misread words restored, at the
same length so every span still holds. `coverage` is the IDF-weighted share of question words a
text says, the measure behind every answer-or-abstain decision.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from assistant.spans import clause_spans, sentence_spans
from assistant.thesaurus import equivalents
from index.passage import Passage
from ingest.document import Chunk
from ingest.tables import is_row_line
from ingest.vietnamese import fold, folded_tokens, is_syllable


class TermWeights:
    """IDF of folded syllables over the indexed chunks: rare words ("tố cáo") matter more than "tỉnh"."""

    def __init__(self, chunks: list[Chunk]):
        df: Counter[str] = Counter()
        for c in chunks:
            toks = folded_tokens(c.text)
            # syllable pairs too: "tại chỗ" is rare although "tại" and "chỗ" (folded "cho") are not
            df.update(set(toks) | {f"{a} {b}" for a, b in zip(toks, toks[1:])})
        self.n = max(len(chunks), 1)
        self.df = df

    def __call__(self, word: str) -> float:
        """IDF of a folded syllable or syllable pair ("tai cho")."""
        return math.log(1 + self.n / (1 + self.df.get(word, 0)))


@dataclass
class Evidence:
    """A scored quotable span of one passage."""

    passage: Passage
    start: int
    end: int
    score: float
    coverage: float
    figure: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def quote(self) -> str:
        return self.passage.chunk.text[self.start : self.end]


def coverage(words: list[str], present: set[str] | str, weights: TermWeights) -> float:
    """IDF-weighted share of `words` present in a folded text (or its set of words)."""
    if not words:
        return 0.0
    if isinstance(present, str):
        present = set(re.findall(r"[a-z]+", present))
    total = sum(weights(w) for w in words)
    return sum(weights(w) for w in words if w in present) / total if total else 0.0


@dataclass
class Unit:
    """A sentence or clause of a chunk, pre-folded once (the reader scans whole reports per question)."""

    start: int
    end: int
    folded: str
    words: set[str]
    parts: list[Unit] = field(default_factory=list)  # clauses of a sentence
    row: bool = False  # a table's row as ingest writes it ("Cấp huyện – Hồ sơ tiếp nhận: 214.376; …")


@dataclass
class ChunkText:
    text: str
    folded: str
    heading: str
    heading_words: set[str]
    sentences: list[Unit]


_ANALYSED: dict[str, ChunkText] = {}


def analyse(chunk: Chunk) -> ChunkText:
    """Folded text, sentences and clauses of a chunk, cached by chunk id and text."""
    key = f"{chunk.chunk_id}\x00{hash(chunk.text)}"
    hit = _ANALYSED.get(key)
    if hit is not None:
        return hit
    text = chunk.text
    folded = fold(text)
    if len(folded) != len(text):
        folded = "".join(fold(ch)[:1] or " " for ch in text)
    result = _split(text, folded, fold(" ".join(chunk.heading_path)))
    if len(_ANALYSED) > 20000:
        _ANALYSED.clear()
    _ANALYSED[key] = result
    return result


def _split(text: str, folded: str, heading: str) -> ChunkText:
    sentences = []
    for s, e in sentence_spans(text):
        f = folded[s:e]
        clauses = [Unit(cs, ce, folded[cs:ce], said_words(folded[cs:ce])) for cs, ce in clause_spans(text, s, e)]
        sentences.append(Unit(s, e, f, said_words(f), clauses, row=is_row_line(f)))
    return ChunkText(text, folded, heading, set(re.findall(r"[a-z]+", heading)), sentences)


# Letters a scan puts for a marked vowel: "sd"/"hd" for "sở"/"hồ", "tdm" for "tâm", "hb" for "hồ", "lugt" for "lượt".
_STANDS_FOR = {"d": "ao", "b": "o", "g": "o"}


def misread(word: str, wanted: set[str]) -> str | None:
    """The question word a scan misread as `word` ("hudng" for "huong", "lugt" for "luot"): one vowel misread
    (a scan loses the vowels' marks), and `word` itself could not be a Vietnamese syllable, so no real
    word is ever taken for another. In a word of two or three letters only a letter a scan puts for a
    marked vowel may differ ("sd" is "sở"; "dbi" is "đối", never "đại")."""
    if len(word) < 2 or word in wanted or is_syllable(word):
        return None
    for w in sorted(wanted):  # in a fixed order: a set's order changes from run to run
        if len(w) == len(word):
            diff = [(x, y) for x, y in zip(w, word) if x != y]
            if len(diff) != 1:
                continue
            x, y = diff[0]
            if x in _STANDS_FOR.get(y, "") or (len(word) >= 4 and x in "aeiouy"):
                return w
    return None


def pair_syllables(pairs: list[str]) -> set[str]:
    """The syllables of the question's word pairs, short ones included: a scan's "sd, nganh" is "sở, ngành"."""
    return {w for p in pairs for w in p.split()}


def repaired(ct: ChunkText, wanted: set[str]) -> ChunkText:
    """A scanned chunk read with its misread question words restored (same length, so every span holds)."""
    def read(folded: str) -> str:
        return re.sub(r"[a-z]+", lambda m: misread(m.group(0), wanted) or m.group(0), folded)

    folded = read(ct.folded)
    if folded == ct.folded:
        return ct
    return _split(ct.text, folded, read(ct.heading))  # the heading too: a sentence repeating it is still known


def read_chunk(p: Passage, wanted: set[str]) -> ChunkText:
    """A passage's analysed chunk; a scanned one with the question's misread words restored (see `repaired`)."""
    return repaired(analyse(p.chunk), wanted) if p.meta.low_ocr_quality else analyse(p.chunk)


def said_words(folded: str) -> set[str]:
    """Syllables of a folded text, with those of the phrases it says in other words (see thesaurus)."""
    return set(re.findall(r"[a-z]+", folded)) | equivalents(folded)
