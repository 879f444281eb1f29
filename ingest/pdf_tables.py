"""Tables in a PDF's text, found by where pypdf's layout mode puts their cells.

pypdf's plain text gives a table row as one line ("Cấp tỉnh 96.318 89.472 88.951 521 99,42") and its
header as words run together ("Cấp Tiếp nhận Đã giải quyết Đúng hạn Trễ hạn Tỷ lệ đúng hạn (%)"), so
which header goes with which figure is lost. The layout mode keeps each cell at its column; from the
rows of figures it finds the columns, gives each header piece to its column ("Đã giải" / "quyết" is
"Đã giải quyết"), and the page's plain text gets the table back as Markdown rows, which cleaning reads
row by row with the headers (ingest.tables). When anything does not line up, the plain text is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.tables import is_figure, markdown_table
from ingest.vietnamese import NUMBER, fold

_CELL = re.compile(r"\S+(?: \S+)*")  # words one space apart; two or more spaces part cells
# a plain line ending in two figures or more, perhaps then a change ("1.912 1.876 giảm 36 thủ tục")
_ROW_END = re.compile(r"(?:\s\S*\d\S*){2,}(?:\s(?:tăng|giảm)\s\S*\d\S*(?:\s\S+){0,3})?\s*$")
MAX_HEADER_LINES = 3
_SERIAL_CELL = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})\.?$")  # "1", "2.", "II": a row's serial number
_SERIAL_HEADER = {"tt", "stt", "so tt"}
_EMPTY_CELL = {"-", "–", "—", "x"}  # a cell with nothing to count
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass
class _Cell:
    text: str
    start: int
    end: int


@dataclass
class PdfTable:
    """One table: its header cells and data rows (label cells first), and how its rows read in plain text."""

    rows: list[list[str]]
    header_rows: int
    plain_rows: list[str]
    header_words: set[str]


def _cells(line: str) -> list[_Cell]:
    return [_Cell(m.group(0), m.start(), m.end()) for m in _CELL.finditer(line)]


def _row_cells(cells: list[_Cell]) -> list[_Cell]:
    """A row's cells without the serial number before its label ("1   Cấp tỉnh   686 …"; "Tổng cộng" has none)."""
    if len(cells) > 2 and _SERIAL_CELL.match(cells[0].text) and not _figure_cell(cells[1].text):
        return cells[1:]
    return cells


def _figure_cell(text: str) -> bool:
    return is_figure(text) or text in _EMPTY_CELL


def _change_cell(text: str) -> bool:
    """A short cell saying a figure with its words ("tăng 4,2%", "giảm 36 thủ tục"): a comparison column."""
    return NUMBER.search(text) is not None and len(text.split()) <= 5


def _first_figure(cells: list[_Cell]) -> int | None:
    """Where a row's figures begin: the index of its first figure cell, None when it has none."""
    return next((k for k, c in enumerate(cells) if is_figure(c.text)), None)


def _data_row(cells: list[_Cell]) -> bool:
    """A label (at most two cells, after a serial number), then two figures or more ("-" for none) and nothing else
    but a last column of changes ("tăng 4,2%")."""
    cells = _row_cells(cells)
    first = _first_figure(cells)
    if first is None or first > 2 or len(cells) - first < 2:
        return False
    figures = cells[first:]
    return all(_figure_cell(c.text) for c in figures[:-1]) and (_figure_cell(figures[-1].text) or (
        len(figures) > 2 and _change_cell(figures[-1].text)))


def may_hold_tables(plain: str) -> bool:
    """Cheap test on the plain text: two lines ending in several figures (only then is the layout read)."""
    return sum(1 for ln in plain.splitlines() if _ROW_END.search(ln)) >= 2


def tables_in_layout(layout: str) -> list[PdfTable]:
    """The tables of one page's layout text."""
    lines = layout.splitlines()
    tables: list[PdfTable] = []
    i = 0
    while i < len(lines):
        if not _data_row(_cells(lines[i])):
            i += 1
            continue
        width = len(_row_cells(_cells(lines[i])))
        block = [i]
        more: dict[int, str] = {}  # a row's label that wraps onto the next line ("… (16 đơn" / "vị)")
        j = i + 1
        while j < len(lines):
            if not lines[j].strip():
                j += 1
                continue
            cells = _cells(lines[j])
            if _label_goes_on(cells, _cells(lines[block[-1]])) and block[-1] not in more:
                more[block[-1]] = cells[0].text
                j += 1
                continue
            if not _data_row(cells) or len(_row_cells(cells)) != width:
                break
            block.append(j)
            j += 1
        if len(block) >= 2:
            tables.append(_table(lines, block, more))
        i = max(j, i + 1)
    return tables


def _label_goes_on(cells: list[_Cell], row: list[_Cell]) -> bool:
    """Is a line one piece under the label of the data row above it, with no figure: the label's next line?"""
    label = _label_cell(row)
    return (len(cells) == 1 and label is not None and not _figure_cell(cells[0].text)
            and cells[0].start >= label.start - 2 and cells[0].end <= label.end + 6)


def _label_cell(row: list[_Cell]) -> _Cell | None:
    """The last cell before a data row's first figure: its label (after a serial number)."""
    cells = _row_cells(row)
    first = _first_figure(cells)
    return cells[first - 1] if first else None


def _with_label(row: list[_Cell], rest: str | None) -> list[_Cell]:
    """The row's cells, its label with the words its next line carries."""
    label = _label_cell(row)
    if not rest or label is None:
        return row
    return [_Cell(f"{c.text} {rest}", c.start, c.end) if c is label else c for c in row]


def _table(lines: list[str], block: list[int], more: dict[int, str] | None = None) -> PdfTable:
    more = more or {}
    full = {k: _with_label(_cells(lines[k]), more.get(k)) for k in block}
    rows = [_row_cells(full[k]) for k in block]
    width = len(rows[0])
    spans = [(min(r[c].start for r in rows), max(r[c].end for r in rows)) for c in range(width)]
    header_lines: list[list[_Cell]] = []
    k = block[0] - 1
    while k >= 0 and len(header_lines) < MAX_HEADER_LINES:
        if not lines[k].strip():
            k -= 1
            continue
        cells = _cells(lines[k])
        if any(is_figure(c.text) for c in cells) or (len(cells) < 2 and len(cells[0].text.split()) > 4) \
                or (len(cells) == 1 and len(cells[0].text.split()) >= 3 and _YEAR.search(cells[0].text)):
            break  # the caption ("Bảng 1. Kết quả …", its last line "xã năm 2024") or the text above the table
        header_lines.insert(0, cells)  # a short piece alone ("trình", "(%)") is a header cell's second line
        k -= 1
    # a header has a line with several cells: a short line above it is not part of it, unless it is a cell's
    # first line over the same column ("Đoàn" / "đông" / "người")
    while header_lines and len(header_lines[0]) < 2 and not (
            len(header_lines) > 1 and _stacked(header_lines[0][0], header_lines[1])):
        header_lines.pop(0)
    headers = [""] * width
    for cells in header_lines:
        for cell in cells:
            if fold(cell.text).strip(" .") in _SERIAL_HEADER:
                continue  # the serial numbers' column is not kept
            col = _column(cell, spans)
            headers[col] = f"{headers[col]} {cell.text}".strip()
    body = [[c.text for c in r] for r in rows]
    table_rows = ([headers] if any(headers) else []) + body
    return PdfTable(table_rows, 1 if any(headers) else 0, [" ".join(c.text for c in full[k]) for k in block],
                    {w for cells in header_lines for c in cells for w in c.text.split()})


def _stacked(cell: _Cell, below: list[_Cell]) -> bool:
    """Is a lone piece the first line of a header cell written over several lines ("Đoàn" / "đông" / "người")?"""
    return any(min(cell.end, b.end) > max(cell.start, b.start) for b in below)


def carry_headers(tables: list[PdfTable], before: list[PdfTable]) -> list[PdfTable]:
    """A page's first table that has no header and the columns of the last table of the page before goes on
    from it (a long table printed without repeating its header row): it takes that table's header."""
    if tables and before and tables[0].header_rows == 0 and before[-1].header_rows \
            and len(tables[0].rows[0]) == len(before[-1].rows[0]):
        first = tables[0]
        tables[0] = PdfTable([before[-1].rows[0], *first.rows], 1, first.plain_rows, first.header_words)
    return tables


def _column(cell: _Cell, spans: list[tuple[int, int]]) -> int:
    """The column a header piece stands over: the most overlap, else the nearest centre."""
    overlaps = [max(0, min(cell.end, e) - max(cell.start, s)) for s, e in spans]
    if max(overlaps) > 0:
        return overlaps.index(max(overlaps))
    centre = (cell.start + cell.end) / 2
    return min(range(len(spans)), key=lambda c: abs((spans[c][0] + spans[c][1]) / 2 - centre))


def with_tables(plain: str, tables: list[PdfTable]) -> str:
    """The plain page text with each table's rows (and its run-together header lines) as Markdown rows."""
    lines = plain.splitlines()
    for table in tables:
        squeezed = [" ".join(ln.split()) for ln in lines]
        found = _rows_at(squeezed, table.plain_rows)
        if found is None:
            continue
        first, end = found
        start = first
        while start > 0 and squeezed[start - 1] and set(squeezed[start - 1].split()) <= table.header_words:
            start -= 1  # the header as plain text ran its cells together
        lines[start:end] = ["", *markdown_table(table.rows, table.header_rows), ""]
    return "\n".join(lines)


def _rows_at(squeezed: list[str], rows: list[str]) -> tuple[int, int] | None:
    """Where the table's rows stand in the plain lines, each on one line or on up to three (a label that wraps,
    its figures on a line of their own): (first line, line after the last), None when they are not there in order."""
    for first, line in enumerate(squeezed):
        if not line or not rows[0].startswith(line):
            continue
        k = first
        for row in rows:
            taken = next((m for m in (1, 2, 3) if " ".join(squeezed[k : k + m]) == row and k + m <= len(squeezed)), 0)
            if not taken:
                break
            k += taken
        else:
            return first, k
    return None
