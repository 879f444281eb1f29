"""Text units with exact spans: sentences and clauses of a chunk, cut so that a quote is always verbatim.

The answerer never rewrites a report's words; it quotes a span of the chunk text. Sentences end at
". " before a non-digit and at line breaks (PDF lines are re-joined at ingest); clauses end at
";" and at ", " before a new figure, but never inside a parenthesis or a comma-bearing noun
("hộ gia đình, cá nhân").
"""

from __future__ import annotations

import re

from assistant.query import NOUNS
from ingest.vietnamese import fold


# a figure starts a sentence after a word's full stop ("… trên địa bàn tỉnh. 100% thủ tục …"), not after a
# number's ("Điều 3. 5 …", a scan's "99. 8%")
_SENT_END = re.compile(r"(?<=[.!?…])\s+(?=[^\s\d])|(?<=[^\W\d_]{2}[.!?])\s+(?=\d)|\n+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of sentences and list items; hard line breaks were re-joined by ingest."""
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in (trim_span(text, s, e) for s, e in spans) if e - s > 3]


# Nouns written with a comma inside ("phản ánh, kiến nghị", "tin, bài"), folded: no clause ends at that comma.
_COMMA_NOUNS = [form for forms in NOUNS.values() for form in forms if ", " in form]


def _inside_compound(text: str, comma: int) -> bool:
    """Is the comma at `comma` the one inside a noun written with a comma (one letter may be misread in a
    scan: "phan anh, klen nghi")?"""
    window = fold(text[max(0, comma - 20) : comma + 22])
    at = len(fold(text[max(0, comma - 20) : comma]))
    for form in _COMMA_NOUNS:
        start = at - form.index(",")
        piece = window[start : start + len(form)] if start >= 0 else ""
        if len(piece) == len(form) and sum(a != b for a, b in zip(piece, form)) <= 1:
            return True
    return False


def own_phrase(text: str, folded: str, a: int, b: int, lo: int, hi: int) -> str:
    """The folded words that go with the figure at `a:b` alone, between `lo` and `hi`: from the last comma,
    semicolon or bracket before it to the first after its phrase ("có 20 phản ánh, kiến nghị của công dân qua
    đơn thư, 114 …" gives 20 "phản ánh, kiến nghị của công dân qua đơn thư"; a comma inside a noun does not
    end it)."""
    start = max(lo, *(folded.rfind(c, lo, a) + 1 for c in ",;()"))
    end = hi
    for m in re.finditer(r"[,;()]", folded[b:hi]):
        if m.group(0) != "," or not _inside_compound(text, b + m.start()):
            end = b + m.start()
            break
    return folded[start:end]


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of one sentence: split at ";" and, for very long pieces, at ", "."""
    pieces, s = [], start
    for m in re.finditer(r";", text[start:end]):
        if paren_depth(text[s : start + m.start()]) > 0:
            continue  # "(973 thủ tục; trong đó …)": a parenthesis is one clause
        pieces.append((s, start + m.start()))
        s = start + m.end()
    pieces.append((s, end))
    out = []
    for ps, pe in pieces:
        if pe - ps > 320:
            s = ps
            for m in re.finditer(r",\s+", text[ps:pe]):
                at = ps + m.start()
                if _inside_compound(text, at):
                    continue  # "phản ánh, kiến nghị" is one noun
                if at - s > 60:
                    out.append((s, at))
                    s = ps + m.end()
            out.append((s, pe))
        else:
            out.append((ps, pe))
    return [(s, e) for s, e in (trim_span(text, s, e) for s, e in out) if e - s > 3]


def trim_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n-+•*>#":
        s += 1
    while e > s and text[e - 1] in " \t\n;,:.":
        e -= 1
    return s, e


def clean_quote(quote: str) -> str:
    """Drop a leading list marker or run-in heading ("b) Tiếp nhận, xử lý đơn thư KNTC: "); a quote spanning
    two paragraphs (a total, then "Trong đó: …" on its own line) is shown on one line, as the answer's line
    is one sentence with its [n] for grounding."""
    q = re.sub(r"^\s*(?:[a-zđ]\)|\d+(?:\.\d+)*\.|\d+\)|[IVX]+\.)\s+", "", quote)
    m = re.match(r"^[^:“\"]{3,70}:\s+(?=\S)", q)
    if m and q != quote and len(q) - m.end() > 30:
        q = q[m.end():]
    q = re.sub(r"^\[\^\d+\]:\s*", "", q)  # a Markdown footnote's own label ("[^2]: Tiêu biểu: …")
    q = re.sub(r"\s*(?:\[\^?\d+\]|<sup>\d+</sup>)", "", q)  # footnote markers are not our citations
    q = re.sub(r"[ \t]*\n\s*", " ", q)
    return q.replace("**", "").replace("*", "").strip()


def paren_depth(text: str) -> int:
    """Open parentheses at the end of `text` (a stray ")" of a list marker "b)" is ignored)."""
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
    return depth
