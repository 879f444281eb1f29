"""Typed records that flow from the loaders to the index.

One concept each: a loaded file (`Document` of `Page`s), what its header says
(`DocMeta`, `Period`), and the retrievable unit (`Chunk`).  They are plain
dataclasses with `to_dict`/`from_dict` so the index can store them as JSON.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ingest.errors import IngestError  # noqa: F401  (re-exported for loaders)


@dataclass
class Page:
    """Text of one page (PDF) or of the whole file (number None for txt/md/docx)."""

    number: int | None
    text: str


@dataclass
class Document:
    """One input file as loaded; `doc_id` is the file name (the id evaluation refers to)."""

    doc_id: str
    source: str
    pages: list[Page]
    sha256: str
    fmt: str  # "txt" | "md" | "pdf" | "docx"
    encoding: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)


@dataclass(frozen=True)
class Period:
    """A reporting period: a year, optionally narrowed to a half (1/2), a quarter (1-4) or the months from
    January to `through_month` ("9 tháng đầu năm": 9), a period reports use that is neither."""

    year: int | None = None
    half: int | None = None
    quarter: int | None = None
    through_month: int | None = None

    @property
    def label(self) -> str:
        """Vietnamese label as reports write it ("6 tháng đầu năm 2023", "quý I năm 2024")."""
        year = f"năm {self.year}" if self.year else ""
        if self.quarter:
            roman = ["I", "II", "III", "IV"][self.quarter - 1]
            return f"quý {roman} {year}".strip()
        if self.half == 1:
            return f"6 tháng đầu {year}".strip()
        if self.half == 2:
            return f"6 tháng cuối {year}".strip()
        if self.through_month:
            return f"{self.through_month} tháng đầu {year}".strip()
        return year

    @property
    def months(self) -> tuple[int, int] | None:
        """The first and last month of a quarter or half ("quý III" is (7, 9)); None for a whole year."""
        if self.quarter:
            return 3 * self.quarter - 2, 3 * self.quarter
        if self.half:
            return (1, 6) if self.half == 1 else (7, 12)
        return (1, self.through_month) if self.through_month else None

    @property
    def half_of_year(self) -> int | None:
        """The half (1/2) the period falls in: its own half, or the half its quarter belongs to."""
        if self.half:
            return self.half
        return (self.quarter + 1) // 2 if self.quarter else None

    @property
    def partial(self) -> bool:
        """Does the period cover only part of its year?"""
        return bool(self.half or self.quarter or self.through_month)

    @property
    def kind(self) -> str:
        """"quarter" | "half" | "months" | "year" | "unknown"."""
        if self.quarter:
            return "quarter"
        if self.half:
            return "half"
        if self.through_month:
            return "months"
        return "year" if self.year else "unknown"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Period | None:
        return cls(**d) if d else None


@dataclass
class DocMeta:
    """What the report says about itself. Unknown fields stay None, never guessed."""

    doc_id: str
    title: str | None = None
    issuer: str | None = None  # "Văn phòng UBND tỉnh Quảng Ngãi"
    province: str | None = None  # "Quảng Ngãi"
    doc_number: str | None = None  # "2182/BC-VP"
    date: str | None = None  # ISO "2023-11-02"
    period: Period | None = None
    ocr_quality: float | None = None  # share of letters carrying Vietnamese diacritics
    source: str | None = None
    fmt: str | None = None
    dateline: str | None = None  # the header's number and date as printed: "Số: 2182/BC-VP Quảng Ngãi, ngày 02 …"
    signature: str | None = None  # as printed under "Nơi nhận": "CHÁNH VĂN PHÒNG\nVũ Minh Tâm"
    signer: str | None = None  # the name alone: "Vũ Minh Tâm"
    signature_page: int | None = None
    recipients: str | None = None  # the "Nơi nhận" list as printed, one line per recipient: "- Sở Nội vụ;\n- Lưu: VT."
    recipients_page: int | None = None

    @property
    def year(self) -> int | None:
        """The reporting year: the period's, else the year of the report's date."""
        if self.period and self.period.year:
            return self.period.year
        return int(self.date[:4]) if self.date else None

    @property
    def low_ocr_quality(self) -> bool:
        """Scanned text that lost its diacritics (the OCR report scores ~0.1, clean text ~0.4)."""
        return self.ocr_quality is not None and self.ocr_quality < 0.2

    def citation_line(self) -> str:
        """Formal Vietnamese citation: "Theo Báo cáo số 2182/BC-VP ngày 02/11/2023 của …"."""
        parts = ["Theo Báo cáo"]
        if self.doc_number:
            parts.append(f"số {self.doc_number}")
        if self.date:
            y, m, d = self.date.split("-")
            parts.append(f"ngày {d}/{m}/{y}")
        if self.issuer:
            parts.append(f"của {self.issuer}")
        if self.period and self.period.label:
            parts.append(f"({self.period.label})")
        if len(parts) == 1 and self.title:
            parts.append(f"“{self.title}”")
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["period"] = self.period.to_dict() if self.period else None
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocMeta:
        d = dict(d)
        d["period"] = Period.from_dict(d.get("period"))
        return cls(**d)


_MARKER = re.compile(r"^\s*(?:#+\s*)?(?:\*\*)?\s*([IVXLC]+\.|I[1l!]{1,2}\.|\d+(?:\.\d+)*\.?|[a-zđ]\))(?=\s|$)")


def _heading_label(heading: str) -> str:
    """"2.3. Công tác tiếp công dân" -> "2.3"; "b) Tiếp nhận" -> "b)"; unmarked -> first words."""
    m = _MARKER.match(heading)
    if m:
        label = m.group(1).rstrip(".") if not m.group(1).endswith(")") else m.group(1)
        return "I" * len(label) if re.fullmatch(r"I[1l!]{1,2}", label) else label  # OCR "I1." = "II."
    words = heading.strip("*# ").split()
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


@dataclass
class Chunk:
    """A retrievable passage of one report.

    `text` is the original (NFC, re-joined) text shown to users and quoted;
    `header` is the short context (title · period · section) prepended only to
    what is embedded and BM25-indexed (`index_text`).
    """

    chunk_id: str  # f"{doc_id}#{ordinal:04d}"
    doc_id: str
    text: str
    heading_path: list[str] = field(default_factory=list)  # full heading lines, outermost first
    page: int | None = None
    char_start: int = 0  # span in the cleaned document text
    char_end: int = 0
    n_tokens: int = 0
    header: str = ""

    @property
    def section(self) -> str:
        """Section path as users cite it: "II > 2.3 > b)" (a heading without a marker keeps its words)."""
        return " > ".join(_heading_label(h) for h in self.heading_path)

    @property
    def index_text(self) -> str:
        return f"{self.header}\n{self.text}" if self.header else self.text

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Chunk:
        return cls(**d)
