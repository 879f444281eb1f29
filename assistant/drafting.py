"""Export a speech draft (quotable paragraphs, each with its formal citation line) as DOCX or Markdown.

A speech writer collects paragraphs in the web UI and takes them to Word; the
citation line must travel with each quote so the figure can be attributed
("Theo Báo cáo số … ngày … của …").  Pure functions of the selected quotes.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Protocol

TITLE = "Tư liệu cho bài phát biểu"


class QuoteLike(Protocol):
    """What is exported from an `assistant.service.Quote`: the paragraph and its citation line."""

    text: str
    citation_line: str


@dataclass
class DraftItem:
    """One exported paragraph (decoupled from `Quote` so exports need no index)."""

    text: str
    citation_line: str


def draft_items(quotes: Iterable[QuoteLike]) -> list[DraftItem]:
    return [DraftItem(text=q.text, citation_line=q.citation_line) for q in quotes]


def _heading(topic: str) -> str:
    topic = " ".join(topic.split())
    return f"{TITLE}: {topic}" if topic else TITLE


def export_docx(topic: str, items: Iterable[QuoteLike], path: Path) -> Path:
    """Write a Word file: a title, then each quote followed by its citation line in italics."""
    from docx import Document as DocxDocument

    doc = DocxDocument()
    doc.add_heading(_heading(topic), level=1)
    for item in items:
        doc.add_paragraph(f"“{item.text.strip()}”")
        cite = doc.add_paragraph()
        run = cite.add_run(item.citation_line)
        run.italic = True
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _md_text(text: str) -> str:
    """Report text as inert Markdown: HTML escaped, link brackets escaped, one line per paragraph."""
    text = html.escape(" ".join(text.split()), quote=False)
    return text.replace("[", "\\[").replace("]", "\\]")


def export_markdown(topic: str, items: Iterable[QuoteLike]) -> str:
    """Markdown with each quote as a block quote and its citation line in italics below it."""
    lines = [f"# {_md_text(_heading(topic))}", ""]
    for item in items:
        lines += [f"> {_md_text(item.text)}", "", f"*{_md_text(item.citation_line)}*", ""]
    return "\n".join(lines)
