"""Tables read row by row, each cell with its column's header.

A report's table ("| Cấp huyện | 214.376 | 205.118 | … | 2.459 |") says what a figure is only through the
header row above it. Kept as pipe rows, a chunk holds figures no question word is near, and a re-joined
table reads as one long line of numbers. So each data row becomes one line that names its cells:

    Cấp huyện – Hồ sơ tiếp nhận: 214.376; Đã giải quyết: 205.118; Trễ hạn: 2.459; Tỷ lệ đúng hạn: 98,8%

Retrieval, the answerer and the quote then all see "trễ hạn" beside "2.459", and the user reads the
row with its headers. Markdown pipe tables (and DOCX and PDF tables, which the loader writes in that form,
see ingest.pdf_tables) are rewritten here; a serial-number column ("STT") is dropped, and a bare figure under a "%" header gets
its "%". A table without figures (a Word header block or signature laid out in a borderless table) is
kept as its text, row by row.
"""

from __future__ import annotations

import re

from ingest.vietnamese import NUMBER, fold

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_SERIAL = {"stt", "tt", "so tt", "so thu tu"}
_EMPTY = {"", "-", "–", "—", "x"}
_PERCENT_HEADER = re.compile(r"%|\bty le\b|\bphan tram\b")
MAX_HEADER_ROWS = 3


def is_pipe_row(line: str) -> bool:
    """A Markdown table row: "| a | b |"."""
    return bool(_PIPE_ROW.match(line)) and line.count("|") >= 3


def split_row(line: str) -> list[str]:
    """The cells of a pipe row, stripped of emphasis marks ("**Tổng cộng**")."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [" ".join(c.replace("**", "").replace("__", "").split()) for c in re.split(r"(?<!\\)\|", inner)]


def is_figure(cell: str) -> bool:
    """A cell that holds a figure and nothing else but a unit sign ("2.459", "98,8%", "98,8 %")."""
    m = NUMBER.search(cell)
    return m is not None and not re.sub(r"[\s%]", "", cell[: m.start()] + cell[m.end() :])


def header_count(rows: list[list[str]]) -> int:
    """Rows above the first one holding a figure: the header of a table written without a separator (DOCX)."""
    for i, row in enumerate(rows[: MAX_HEADER_ROWS + 1]):
        if any(is_figure(c) for c in row):
            return min(i, MAX_HEADER_ROWS)
    return min(1, len(rows) - 1)


def column_headers(header_rows: list[list[str]], width: int) -> list[str]:
    """One header per column; a merged cell over several columns (repeated by the reader) heads each of
    them, and a two-level header reads "Tiếp nhận – Trực tuyến"."""
    headers = []
    for col in range(width):
        parts: list[str] = []
        for row in header_rows:
            cell = row[col] if col < len(row) else ""
            if cell and cell not in parts:
                parts.append(cell)
        headers.append(" – ".join(parts))
    return headers


def _with_percent(header: str, cell: str) -> tuple[str, str]:
    """"98,7" under "Tỷ lệ (%)" is "Tỷ lệ: 98,7%": the sign the header carries goes with the figure."""
    if is_figure(cell) and not cell.endswith("%") and _PERCENT_HEADER.search(fold(header)):
        return re.sub(r"\s*\(?%\)?\s*$", "", header) or header, cell.rstrip() + "%"
    return header, cell


def row_line(headers: list[str], cells: list[str]) -> str | None:
    """One data row as a line: its text cells name it, each other cell follows its header."""
    label: list[str] = []
    items: list[str] = []
    for col, cell in enumerate(cells):
        header = headers[col] if col < len(headers) else ""
        if cell.strip() in _EMPTY or fold(header).strip(" .") in _SERIAL:
            continue
        if not items and not is_figure(cell):
            if cell not in label:  # a label cell merged over two columns is read twice
                label.append(cell)
            continue
        header, cell = _with_percent(header, cell)
        items.append(f"{header}: {cell}" if header and header != cell else cell)
    if not items:
        return " – ".join(label) or None
    body = "; ".join(items)
    return f"{' – '.join(label)} – {body}" if label else body


def linearize(rows: list[list[str]], header_rows: int) -> list[str]:
    """A table's data rows as lines (see module docstring)."""
    width = max((len(r) for r in rows), default=0)
    headers = column_headers(rows[:header_rows], width)
    lines = [row_line(headers, row) for row in rows[header_rows:]]
    return [ln for ln in lines if ln]


def _once(cells: list[str]) -> list[str]:
    """Non-empty cells, a merged cell (repeated in the next column) once."""
    return [c for k, c in enumerate(cells) if c and (k == 0 or c != cells[k - 1])]


def rewrite_tables(lines: list[str]) -> list[tuple[str, bool]]:
    """Every line with a flag telling a table row; each Markdown table is replaced by its rows' lines."""
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(lines):
        if not is_pipe_row(lines[i]):
            out.append((lines[i], False))
            i += 1
            continue
        j = i
        block: list[str] = []
        while j < len(lines) and (is_pipe_row(lines[j]) or _SEPARATOR.match(lines[j])):
            block.append(lines[j])
            j += 1
        sep = next((k for k, ln in enumerate(block) if _SEPARATOR.match(ln)), None)
        rows = [split_row(ln) for ln in block if not _SEPARATOR.match(ln)]
        if not any(is_figure(c) for row in rows for c in row):
            # a layout table (the header block "UBND TỈNH … | CỘNG HÒA …", the signature): its text, row by row
            out.extend((" | ".join(_once(row)), False) for row in rows if any(row))
        else:
            heads = sep if sep is not None and sep <= MAX_HEADER_ROWS else header_count(rows)
            out.extend((ln, True) for ln in linearize(rows, heads))
        i = j
    return out


# A line `row_line` writes, folded: "cap huyen – ho so tiep nhan: 214.376; tre han: 2.459" (a label and at least
# one "header: cell", or two of them without a label).
_ITEM = r"[^;:\n]{1,80}: [^;\n]{1,40}"
ROW_LINE = re.compile(rf"^(?:[^;:\n]{{1,120}} – {_ITEM}|{_ITEM}; {_ITEM})(?:; {_ITEM})*$")


def is_row_line(folded_line: str) -> bool:
    """Is this line a table row as read by `row_line`?"""
    return ROW_LINE.match(folded_line.strip()) is not None


def row_label(line: str) -> str:
    """The label `row_line` put before a row's cells ("Cấp huyện"), "" for a row without one."""
    return line.split(" – ", 1)[0] if " – " in line else ""


def row_cells(line: str) -> list[tuple[str, str]]:
    """The (header, cell) pairs `row_line` wrote after a row's label: "Cấp xã – Số lượt tiếp – Tổng số: 1.034;
    Số người: 1.143" gives ("Số lượt tiếp – Tổng số", "1.034"), ("Số người", "1.143")."""
    label = row_label(line)
    body = line[len(label) + 3 :] if label else line
    pairs = []
    for item in body.split("; "):
        header, sep, cell = item.rpartition(": ")
        if sep:
            pairs.append((header.strip(), cell.strip()))
    return pairs


def markdown_table(rows: list[list[str]], header_rows: int | None = None) -> list[str]:
    """Rows of cells (a DOCX or PDF table) as a Markdown table, the separator under its header rows (those
    above the first row holding a figure, unless the caller knows them)."""
    if not rows:
        return []
    lines = ["| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in rows]
    heads = header_count(rows) if header_rows is None else header_rows
    if heads:
        lines.insert(heads, "|" + "---|" * max(len(r) for r in rows))
    return lines
