"""Which row of a report's table is highest or lowest ("đơn vị nào có tỷ lệ hòa giải thành cao nhất?").

Tables are read row by row at ingest (ingest.tables): "Thị xã Kỳ Anh – Số vụ việc tiếp nhận: 52; Hòa giải thành:
40; Tỷ lệ thành: 76,9%". The question's words pick the column, the rows of one table are compared on it (a total
row left out), and the answer quotes the row that wins, so its figure is the report's own and cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.compose import Citations, Draft, source_phrase
from assistant.query import Query
from assistant.reading import TermWeights, analyse, coverage, said_words
from assistant.spans import clean_quote
from index.passage import Passage
from ingest.tables import row_cells, row_label
from ingest.vietnamese import fold, parse_number

# ("ít nhất" is as often "at least": "đạt ít nhất 90%")
_EXTREME = re.compile(r"\b(cao nhat|nhieu nhat|lon nhat|thap nhat|nho nhat)\b")
_WHICH = re.compile(r"\b(?:nao|ai|o dau)\b")
_HIGHEST = {"cao nhat", "nhieu nhat", "lon nhat"}
_TOTAL = re.compile(r"^(?:tong cong|tong so|tong|toan tinh|cong|chung)\b")
MIN_ROWS = 3  # fewer rows than this are no ranking worth a table


@dataclass
class _Row:
    passage: Passage
    start: int
    end: int
    label: str
    values: dict[str, tuple[str, float]]  # header -> (the figure as written, its value)


def extreme_asked(question: str) -> str | None:
    """"max" or "min" when the question asks which row is highest or lowest, else None."""
    m = _EXTREME.search(fold(question))
    if m is None:
        return None
    return "max" if m.group(1) in _HIGHEST else "min"


def _tables(passages: list[Passage]) -> list[list[_Row]]:
    """The data rows of each table, in report order: consecutive rows of one report with the same headers."""
    rows: list[_Row] = []
    for p in sorted(passages, key=lambda p: (p.doc_id, p.chunk.char_start)):
        ct = analyse(p.chunk)
        for sent in ct.sentences:
            if not sent.row:
                continue
            line = p.chunk.text[sent.start : sent.end]
            values = {}
            for header, cell in row_cells(line):
                number = parse_number(cell)
                if number is not None:
                    values[header] = (cell, number)
            if values:
                rows.append(_Row(p, sent.start, sent.end, row_label(line), values))
    tables: list[list[_Row]] = []
    for row in rows:
        last = tables[-1][-1] if tables else None
        if last and last.passage.doc_id == row.passage.doc_id and set(last.values) == set(row.values):
            tables[-1].append(row)
        else:
            tables.append([row])
    return tables


def answer_extreme(query: Query, passages: list[Passage], weights: TermWeights) -> Draft | None:
    """The row of the table the question's words describe with the highest (or lowest) figure in the column
    they name; None when no table has such a column over enough rows. The turn itself says which end is
    asked ("thấp nhất thì sao?"); the conversation says of what."""
    which = extreme_asked(query.question)
    if which is None or not _WHICH.search(fold(query.standalone)):
        return None  # "tỷ lệ cao nhất là bao nhiêu?" asks a figure, "đơn vị nào … cao nhất?" a row
    topic = query.topic
    share_asked = re.search(r"\b(?:ty le|phan tram)\b", fold(query.standalone)) is not None
    best: tuple[float, list[_Row], str] | None = None
    for table in _tables(passages):
        rows = [r for r in table if r.label and not _TOTAL.match(fold(r.label))]
        if len(rows) < MIN_ROWS:
            continue
        context = said_words(analyse(rows[0].passage.chunk).heading)
        for header in rows[0].values:
            named = coverage(topic, said_words(fold(header)), weights)
            if named == 0.0:
                continue  # the question names no word of this column
            # "tỷ lệ … cao nhất" ranks a share column ("Tỷ lệ thành: 76,9%"), "nhiều … nhất" a count column
            share = rows[0].values[header][0].endswith("%") or re.search(r"\bty le\b", fold(header)) is not None
            score = named + 0.5 * coverage(topic, context | said_words(fold(header)), weights) + (share == share_asked)
            if best is None or score > best[0]:
                best = (score, rows, header)
    if best is None:
        return None
    _, rows, header = best
    pick = max if which == "max" else min
    top = pick(rows, key=lambda r: r.values[header][1])
    cites = Citations()
    quote = top.passage.chunk.text[top.start : top.end]
    n = cites.cite(top.passage, quote)
    word = "cao nhất" if which == "max" else "thấp nhất"
    figure = top.values[header][0]
    text = f"{source_phrase(top.passage)}, {word} là {top.label} ({header}: {figure}): “{clean_quote(quote)}” [{n}]."
    return Draft(text, cites.items, False, {"figures": [figure], "extreme": which})
