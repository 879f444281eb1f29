"""Turn a loaded document into clean, NFC, paragraph-per-block text.

PDF extraction breaks every line mid-sentence (and often puts a blank line
between the pieces), Markdown from Word carries `**`/`#`/`<sup>` marks, OCR
adds stray symbols, and every report ends with a distribution list ("Nơi
nhận") and a signature.  Retrieval and quoting need whole sentences, so lines
are re-joined into paragraphs while headings and list items stay boundaries.
The cleaned text is the reference every chunk span points into.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ingest.document import Document
from ingest.tables import rewrite_tables
from ingest.vietnamese import diacritic_ratio, fold, nfc


@dataclass
class CleanText:
    """Cleaned text; `page_starts` maps char offsets to page numbers ((0, None) for txt/md/docx)."""

    text: str
    page_starts: list[tuple[int, int | None]] = field(default_factory=list)
    ocr_quality: float = 0.0

    def page_at(self, offset: int) -> int | None:
        """Page number of the character at `offset`."""
        page = self.page_starts[0][1] if self.page_starts else None
        for start, number in self.page_starts:
            if start > offset:
                break
            page = number
        return page


# --- line classification ------------------------------------------------------------

# "I." "II." "IV." and their OCR forms "I1." "I11." "Il."; "1." "2.3." "2.1 "; "a)" "đ)"; bullets.
ROMAN = re.compile(r"^(?:[IVX]{1,4}|I[1lI!]{1,3})\.(?=\s|$)")
NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.(?=\s|$)|^\d{1,2}(?:\.\d{1,2})+(?=\s)")
LETTERED = re.compile(r"^[a-zđ]\)(?=\s|$)")
BULLET = re.compile(r"^[-+*•–]\s")
_SENTENCE_END = re.compile(r"(?:[.:;!?…]|\./\.)[\s\"”“'’)\]*_]*$")
_PAGE_NUMBER = re.compile(r"^\s*(?:trang\s*)?[-–]?\s*\d{1,3}\s*[-–]?\s*(?:/\s*\d{1,3})?\s*$", re.IGNORECASE)
NOI_NHAN = re.compile(r"^noi nh[a-z]{1,3}\s*:")  # "Nơi nhận:" (also OCR "Noi nhgn:"), folded
_SUP = re.compile(r"<sup>\s*([^<]{0,8}?)\s*</sup>", re.IGNORECASE)
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*")
_UNDERSCORE_EMPHASIS = re.compile(r"(?<!\S)__(\S(?:.*?\S)?)__(?!\w)")
_HTML_TAG = re.compile(r"</?(?:sup|sub|br|u|i|b|em|strong|span)\b[^>]*>", re.IGNORECASE)
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\u200b\ufeff]")
# OCR noise before a marker: "_ 2.1 Kết quả" -> "2.1 Kết quả".
_PAGE_MARK = "\x00page"
_LEADING_NOISE = re.compile(r"^[_|~`'\".,]+\s+(?=[\dIVXa-zđ#*-])")


def is_heading_marker(line: str) -> bool:
    """A numbered/lettered structural marker (I. / 1. / 1.1. / a)) at the start of `line`."""
    return bool(ROMAN.match(line) or NUMBERED.match(line) or LETTERED.match(line))


# A table's or figure's caption: "Bảng 1. Kết quả giải quyết hồ sơ …", "Biểu 2:"
CAPTION = re.compile(r"^(?:Bảng|Biểu|Hình|Sơ đồ)\s+\d{1,2}\s*[.:]\s")


def is_boundary(line: str) -> bool:
    """A line that always starts a new paragraph: heading marker, bullet item, caption or Markdown heading."""
    return is_heading_marker(line) or bool(BULLET.match(line)) or bool(CAPTION.match(line)) or line.startswith("#")


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


# --- line level cleanup ---------------------------------------------------------------------


@dataclass
class _Line:
    text: str
    page: int | None
    heading: bool = False  # explicit Markdown heading (#, whole-line bold): never joined
    hard_break_before: bool = False  # blank line (normal layout) or whitespace-only line before it
    tight: bool = False  # follows the previous line directly in a layout where blank lines are breaks
    row: bool = False  # a table's row, read with its headers (see ingest.tables): a paragraph of its own
    short: bool = False  # hard-wrapped text: the line stops well before the full width (a paragraph's or title's end)


def _clean_markdown(line: str) -> tuple[str, bool]:
    """Strip Markdown emphasis/heading marks; True when the line was an explicit heading."""
    s = _SUP.sub(r"[\1]", _RULE.sub("", line))
    s = _HTML_TAG.sub("", s)
    s = s.replace("\\*", "*").replace("\\-", "-").replace("\\.", ".").strip()
    heading = False
    if s.startswith("#"):
        s = s.lstrip("#").strip()
        heading = True
    if s.startswith("**") and s.endswith("**") and len(s) > 4:
        heading = True
    s = _UNDERSCORE_EMPHASIS.sub(r"\1", s.replace("**", ""))  # "__x__" only: "window.__x" is text
    s = _ITALIC.sub(r"\1", s).strip()
    if heading and s.startswith("*") and not BULLET.match(s):
        s = s.lstrip("*").strip()
    return s, heading


def _normalise(line: str) -> str:
    s = _CONTROL.sub("", line)
    s = re.sub(r"[ \t\u00a0]+", " ", s).strip()
    return _LEADING_NOISE.sub("", s)


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines repeated verbatim at the top or bottom of most pages (running headers/footers)."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = [ln for ln in lines if ln.strip()]
        keys = {ln.strip() for ln in edge[:2] + edge[-2:]}
        counts.update(keys)
    return {k for k, n in counts.items() if n >= max(3, len(pages) // 2) and len(k) < 120}


SHORT_LINE = 0.6  # share of a full line's length below which a hard-wrapped line was not wrapped: it ended


def _lines(doc: Document) -> list[_Line]:
    """NFC, de-marked lines with page numbers and page furniture removed; blank-line layout decoded."""
    raw_pages = [nfc(p.text).replace("\r\n", "\n").replace("\r", "\n").split("\n") for p in doc.pages]
    running = _running_lines(raw_pages)
    raw: list[tuple[str, int | None, bool]] = []
    for page, lines in zip(doc.pages, raw_pages):
        for ln, row in rewrite_tables(lines):
            if not row and (_PAGE_NUMBER.match(ln) or ln.strip() in running):
                raw.append((_PAGE_MARK, page.number, False))  # page furniture: never a paragraph break
            else:
                raw.append((_CONTROL.sub("", ln), page.number, row))
        raw.append((_PAGE_MARK, page.number, False))
    nonblank = [i for i, (ln, _, row) in enumerate(raw) if ln.strip() and ln != _PAGE_MARK and not row]
    # PDF text that puts a blank line after every wrapped line: there blank lines mean nothing,
    # only a whitespace-only line (a layout gap, e.g. after the title) separates paragraphs.
    followed = sum(1 for i in nonblank if i + 1 < len(raw) and not raw[i + 1][0].strip())
    lengths = sorted(len(raw[i][0].strip()) for i in nonblank)
    wrapped = bool(lengths) and lengths[int(0.9 * (len(lengths) - 1))] <= 120  # hard-wrapped, not a line per paragraph
    double_spaced = wrapped and followed > 0.8 * len(nonblank)
    full = lengths[int(0.9 * (len(lengths) - 1))] if wrapped else 0  # a full line's length
    out: list[_Line] = []
    gap: list[str] = []
    for ln, page, row in raw:
        if ln == _PAGE_MARK or not ln.strip():
            gap.append(ln)
            continue
        text, heading = _clean_markdown(ln) if not row else (ln, False)
        text = _normalise(text)
        if not text:
            continue
        if _PAGE_MARK in gap:
            hard = False
        elif double_spaced:
            hard = any(g != "" for g in gap)
        else:
            hard = bool(gap)
        tight = bool(out) and not double_spaced and not gap
        short = not row and len(text) < SHORT_LINE * full
        out.append(_Line(text, page, heading=heading, hard_break_before=hard and bool(out), tight=tight, row=row,
                         short=short))
        gap = []
    return out


# --- paragraph joining --------------------------------------------------------------------


def _starts_lower(line: str) -> bool:
    first = line[:1]
    return first.islower() or first.isdigit() or first in "(“\"'"


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _joins(para: list[_Line], nxt: _Line) -> bool:
    """Whether the next line continues the paragraph being built."""
    last = para[-1]
    if nxt.heading or last.heading or nxt.row or last.row or is_boundary(nxt.text):
        return False
    if nxt.text[:1].islower():
        return not last.text.rstrip().endswith("./.")  # a lower-case line never starts a sentence
    if last.short and not re.search(r":\W*$", last.text):
        # a line that stopped short ended its paragraph or title ("… ở cơ sở năm 2024" / "Thực hiện Kế hoạch …",
        # "a) Những nội dung công khai để Nhân dân biết" / "209/209 xã, phường …"), where no full stop says so
        return False
    first = para[0].text
    marker = ROMAN.match(first) or NUMBERED.match(first) or LETTERED.match(first)
    if marker and not re.search(r"[.:;!?]\s", " ".join(ln.text for ln in para)[marker.end() :]):
        # A heading still without prose: only a digit (or all-caps) continuation belongs to it.
        if ends_sentence(last.text):
            return False
        return nxt.text[:1].isdigit() or (_is_caps(last.text) and _is_caps(nxt.text))
    if nxt.tight:
        return True  # layouts where blank lines separate paragraphs: a plain line break is a wrap
    if nxt.hard_break_before:
        return False
    if re.search(r";\W*$", last.text):
        return True  # "Sở Xây dựng 91,8%;" / "Công an tỉnh 100%": items of one enumeration
    if re.search(r":\W*$", last.text) and nxt.text[:1].isdigit():
        return True  # "trễ hạn:" / "40 hồ sơ"
    return not ends_sentence(last.text)


def _paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    """Group lines into paragraphs; header lines before the "BÁO CÁO" line each stand alone."""
    title = next((i for i, ln in enumerate(lines[:40]) if _is_title_word(ln.text)), 0)
    paras: list[list[_Line]] = []
    for i, ln in enumerate(lines):
        if paras and i > title and _joins(paras[-1], ln):
            paras[-1].append(ln)
        else:
            paras.append([ln])
    return paras


def _is_title_word(line: str) -> bool:
    return fold(line).strip(" *#:") in ("bao cao",)


# --- distribution list and signature ---------------------------------------------------------


# A footnote's label as Word-to-Markdown converters (pandoc) write its definition, often after the signature:
# "[^2]: Tiêu biểu …" (assistant.footnotes reads it with the other ways notes are written)
PANDOC_NOTE_DEF = r"\[\^(\d{1,3})\]:"
_NOTE_DEF = re.compile(rf"^\s*{PANDOC_NOTE_DEF}\s+\S")


def _kept(paras: list[str]) -> list[int]:
    """Indices of the paragraphs kept: everything before "Nơi nhận:" (also OCR "Noi nhgn") in the last part
    of the report, and the footnote definitions printed after it (the notes the body calls)."""
    for i, text in enumerate(paras):
        if i >= len(paras) * 0.5 and NOI_NHAN.match(fold(text).strip("* ")):
            return list(range(i)) + [j for j in range(i + 1, len(paras)) if _NOTE_DEF.match(paras[j])]
    return list(range(len(paras)))


def _join(lines: list[_Line]) -> str:
    text = " ".join(ln.text for ln in lines)
    return re.sub(r"\s+", " ", text).strip()


def clean(doc: Document) -> CleanText:
    """NFC text with paragraphs re-joined (one per block, separated by a blank line)."""
    lines = _lines(doc)
    paras = _paragraphs(lines)
    joined = [_join(p) for p in paras]
    kept = _kept(joined)
    parts: list[str] = []
    page_starts: list[tuple[int, int | None]] = []
    offset = 0
    for para, text in ((paras[i], joined[i]) for i in kept):
        page = para[0].page
        if not page_starts or page_starts[-1][1] != page:
            page_starts.append((offset, page))
        parts.append(text)
        offset += len(text) + 2
    text = "\n\n".join(parts)
    if not page_starts:
        page_starts = [(0, doc.pages[0].number if doc.pages else None)]
    return CleanText(text=text, page_starts=page_starts, ocr_quality=round(diacritic_ratio(text), 4))
