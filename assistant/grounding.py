"""Every figure in an answer must come from a passage the same sentence cites.

Applied to whichever answerer wrote the text (extractive or chat model): a
sentence with an unknown [n], or a figure none of its cited passages contains,
is removed and recorded; citations are renumbered to those still used; an
answer left with no cited sentence becomes an abstention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from assistant.answer import ABSTAIN_TEXT, Citation
from ingest.vietnamese import fold, number_keys

MARKER = re.compile(r"\[(\d+)\]")
_ABSTAIN_F = fold("không tìm thấy")


@dataclass
class Grounded:
    text: str
    citations: list[Citation]
    abstained: bool
    removed: list[dict] = field(default_factory=list)


def split_sentences(text: str) -> list[str]:
    """Sentences of an answer, line by line; never splits inside “quotes” or figures ("1.076")."""
    out: list[str] = []
    for line in text.split("\n"):
        buf, depth = [], 0
        i = 0
        while i < len(line):
            ch = line[i]
            buf.append(ch)
            if ch == "“":
                depth += 1
            elif ch == "”":
                depth = max(0, depth - 1)
            elif ch in ".!?" and depth == 0 and i + 1 < len(line) and line[i + 1] == " ":
                nxt = line[i + 2 : i + 3]
                if nxt and (nxt.isupper() or nxt in "“\"(-"):
                    out.append("".join(buf))
                    buf = []
            i += 1
        out.append("".join(buf))
        out.append("\n")
    if out and out[-1] == "\n":
        out.pop()
    return out


def allowed_numbers(c: Citation) -> set[str]:
    """Figures a sentence citing `c` may use: the passage's, plus its document's own period/title/issuer."""
    meta_text = " ".join(x for x in (c.period, c.title, c.issuer) if x)
    return number_keys(c.text) | number_keys(meta_text)


def check_sentence(sentence: str, by_n: dict[int, Citation]) -> str | None:
    """Why `sentence` fails grounding (a reason code for the log), or None when it is grounded."""
    marks = [int(m) for m in MARKER.findall(sentence)]
    bad = [m for m in marks if m not in by_n]
    if bad:
        return f"unknown citation {bad}"
    figures = number_keys(MARKER.sub(" ", sentence))
    if not figures:
        return None
    if not marks:
        # An uncited line may only name a cited report's period ("Theo báo cáo năm 2023 …:").
        labels: set[str] = set()
        for c in by_n.values():
            labels |= number_keys(c.period or "")
        return None if figures <= labels else "figure without citation"
    allowed: set[str] = set()
    for m in marks:
        allowed |= allowed_numbers(by_n[m])
    missing = sorted(f for f in figures if f not in allowed)
    return f"figures not in cited passages: {missing}" if missing else None


def ground(text: str, citations: list[Citation]) -> Grounded:
    """Drop ungrounded sentences, renumber citations in order of use, abstain when nothing cited is left."""
    by_n = {c.n: c for c in citations}
    kept, removed = [], []
    for sentence in split_sentences(text):
        if sentence == "\n" or not sentence.strip():
            kept.append(sentence)
            continue
        reason = check_sentence(sentence, by_n)
        if reason:
            removed.append({"sentence": sentence.strip(), "reason": reason})
        else:
            kept.append(sentence)
    body = "".join(kept)
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    order: list[int] = []
    for m in MARKER.findall(body):
        if int(m) not in order:
            order.append(int(m))
    if not order or fold(body).startswith(_ABSTAIN_F):
        return Grounded(ABSTAIN_TEXT, [], True, removed)
    mapping = {old: new for new, old in enumerate(order, start=1)}
    body = MARKER.sub(lambda m: f"[{mapping[int(m.group(1))]}]", body)
    new_cites = [replace(by_n[old], n=mapping[old]) for old in order]
    return Grounded(_drop_dangling_headers(body), new_cites, False, removed)


def _drop_dangling_headers(body: str) -> str:
    """A list heading ("Theo báo cáo …:") left with no item after it says nothing."""
    lines = body.split("\n")
    while lines and lines[-1].rstrip().endswith(":"):
        lines.pop()
    return "\n".join(lines).strip()
