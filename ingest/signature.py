"""Whom a report went to and who signed it: its distribution list ("Nơi nhận") and the title and name
printed beside or under it.

Cleaning drops the distribution list and the signature block from the text that is
chunked (they would mislead retrieval: "Nơi nhận: - Sở Nội vụ; …"), so both are read
here from the loaded lines and kept in DocMeta, verbatim, for "Ai ký báo cáo?" and
"Báo cáo gửi tới những nơi nào?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.cleaning import NOI_NHAN
from ingest.document import Document
from ingest.vietnamese import fold, nfc

_WORD = re.compile(r"[^\W\d_]+")
_TAIL_LINES = 40  # the signature stands within the last lines of a report


@dataclass
class Signature:
    """The signature block as printed ("CHÁNH VĂN PHÒNG\\nVũ Minh Tâm") and the signer's name alone."""

    text: str
    name: str
    page: int | None


@dataclass
class Recipients:
    """The distribution list as printed, one recipient per line ("- Sở Nội vụ;\n- Lưu: VT.")."""

    text: str
    page: int | None


def _bare(line: str) -> str:
    """A line without Markdown emphasis and surrounding space ("**Phạm Xuân Duệ**" -> "Phạm Xuân Duệ")."""
    return re.sub(r"[*_#]+", "", nfc(line)).strip()


def is_person_name(line: str) -> bool:
    """Two to five title-case words and nothing else: "Vũ Minh Tâm", "Vi Minh Tam" (a scan without marks)."""
    words = line.split()
    return (
        2 <= len(words) <= 5
        and all(_WORD.fullmatch(w) and w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words)
    )


def _is_title(line: str) -> bool:
    """An office in capitals: "CHÁNH VĂN PHÒNG", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"."""
    words = _WORD.findall(line)
    return 1 <= len(words) <= 8 and all(w.isupper() for w in words) and not re.search(r"[\d;,]", line)


def _tail(document: Document) -> tuple[list[tuple[str, int | None]], int | None]:
    """The report's last non-blank lines (bare, with their page) and where its last "Nơi nhận:" stands."""
    lines: list[tuple[str, int | None]] = [
        (_bare(line), page.number) for page in document.pages for line in page.text.splitlines() if line.strip()
    ]
    tail = lines[-_TAIL_LINES:]
    starts = [i for i, (line, _) in enumerate(tail) if NOI_NHAN.match(fold(line))]
    return tail, (starts[-1] if starts else None)


def find_recipients(document: Document) -> Recipients | None:
    """The items ("- …") after the last "Nơi nhận:"; a line that is no item continues the item before it
    unless that one ended (";" or "."), and the list ends at the first line that is neither (the signer's
    title or name). None when the report prints no such list."""
    tail, start = _tail(document)
    if start is None:
        return None
    header, page = tail[start]
    after = header.split(":", 1)[1].strip() if ":" in header else ""
    items = [after] if after.startswith("-") else []
    for line, _ in tail[start + 1 :]:
        if line.startswith("-"):
            items.append(line)
        elif items and not re.search(r"[;.]\s*$", items[-1]) and not _is_title(line) and not is_person_name(line):
            items[-1] = f"{items[-1]} {line}"
        elif items:
            break
    return Recipients(text="\n".join(items), page=page) if items else None


def find_signature(document: Document) -> Signature | None:
    """The last person's name after the last "Nơi nhận:" (else among the report's last lines), with the
    office in capitals printed right above it when there is one. None when no line reads as a name."""
    tail, start = _tail(document)
    window = tail[start + 1 :] if start is not None else tail
    for i in range(len(window) - 1, -1, -1):
        name, page = window[i]
        if name.startswith("-") or not is_person_name(name):
            continue
        # the offices printed above it, "KT. CHỦ TỊCH" (signing for) over "PHÓ CHỦ TỊCH"
        titles: list[str] = []
        for line, _ in reversed(window[max(0, i - 3) : i]):
            if not _is_title(line):
                break
            titles.insert(0, line)
        return Signature(text="\n".join([*titles, name]), name=name, page=page)
    return None
