"""Read one report file into a `Document` (pages of raw text), or say in Vietnamese why not.

Offices send whatever they have: UTF-8 or UTF-16 text, Windows-1258 exports,
text still in the pre-Unicode TCVN3/VNI font encodings, PDFs (sometimes
scanned, encrypted or truncated) and Word files.  Each failure becomes an
`IngestError` naming the file, so one bad file never stops the others.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import zipfile
from pathlib import Path

from ingest.document import Document, Page
from ingest import pdf_tables
from ingest.errors import IngestError
from ingest.tables import is_figure, markdown_table
from ingest.vietnamese import diacritic_ratio, nfc

SUPPORTED = {".txt", ".md", ".pdf", ".docx"}

# Characters that TCVN3 (ABC, fonts .VnTime) puts where Unicode has Vietnamese
# letters: ă â ê ô ơ ư đ and the five tones of "a" (¨ © ª « ¬ ­ ® ¸ µ ¶ · ¹).
_TCVN3_CHARS = set("¨©ª«¬\xad®¸µ¶·¹§¦¤¢¡£¥")
_TCVN3_RE = re.compile("[" + re.escape("".join(sorted(_TCVN3_CHARS))) + "]")
# VNI writes a base vowel followed by a tone/vowel-mark byte: "Vieät", "baùo caùo", "ñ" for đ.
_VNI_PAIR = re.compile(r"[aeiouyAEIOUYâêôöÂÊÔÖ][ùøûõïÙØÛÕÏ]")
_VNI_D = re.compile(r"[ñÑ]")
_LETTER = re.compile(r"[^\W\d_]")

MSG_TCVN3 = (
    "văn bản dùng bảng mã cũ TCVN3 (ABC), hãy chuyển sang Unicode "
    "(Unikey: Công cụ chuyển mã) rồi nạp lại"
)
MSG_VNI = (
    "văn bản dùng bảng mã cũ VNI, hãy chuyển sang Unicode "
    "(Unikey: Công cụ chuyển mã) rồi nạp lại"
)


def load(path: str | Path) -> Document:
    """Load a .txt/.md/.pdf/.docx file; raise `IngestError` with a Vietnamese reason otherwise."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in SUPPORTED:
        supported = ", ".join(sorted(SUPPORTED))
        raise IngestError(path, f"định dạng “{ext or '(không có đuôi)'}” không được hỗ trợ; chỉ nhận {supported}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"không đọc được tệp ({exc.strerror or exc})") from exc
    if not data.strip():
        raise IngestError(path, "tệp rỗng")
    digest = hashlib.sha256(data).hexdigest()
    if ext in (".txt", ".md"):
        text, encoding = decode_text(path, data)
        pages = [Page(None, text)]
    elif ext == ".pdf":
        pages, encoding = _pdf_pages(path, data), None
    else:
        pages, encoding = [Page(None, _docx_text(path, data))], None
    return Document(
        doc_id=path.name,
        source=str(path.resolve()),  # read again later from any working directory (the eval baseline)
        pages=pages,
        sha256=digest,
        fmt=ext.lstrip("."),
        encoding=encoding,
    )


# --- text encodings ------------------------------------------------------------


def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """Decode text bytes: BOM first, then strict UTF-8, then Windows-1258; legacy font encodings are refused."""
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise IngestError(path, "tệp UTF-16 bị hỏng, không giải mã được") from exc
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(path, data), "cp1258"
    _reject_font_encodings(path, text)
    return text, encoding


def _decode_legacy(path: Path, data: bytes) -> str:
    """Non-UTF-8 bytes: legacy font encodings are named, Windows-1258 accepted if it reads as Vietnamese."""
    _reject_font_encodings(path, data.decode("latin-1"))
    text = data.decode("cp1258", errors="replace")
    plausible = "\ufffd" not in text and diacritic_ratio(text) > 0.1
    if not plausible:
        raise IngestError(
            path,
            "không nhận ra bảng mã của văn bản (không phải UTF-8, UTF-16 hay Windows-1258); "
            "hãy lưu lại dưới dạng Unicode (UTF-8)",
        )
    return nfc(text)


def legacy_encoding(text: str) -> str | None:
    """"TCVN3" or "VNI" when `text` is Vietnamese still written in an old font encoding, else None."""
    tcvn3 = len(_TCVN3_RE.findall(text))
    letters = len(_LETTER.findall(text)) + tcvn3
    if letters < 20:
        return None
    vni = len(_VNI_PAIR.findall(text)) + len(_VNI_D.findall(text))
    if max(tcvn3, vni) < 0.03 * letters:
        return None
    return "TCVN3" if tcvn3 >= vni else "VNI"


def _reject_font_encodings(path: Path, text: str) -> None:
    kind = legacy_encoding(text)
    if kind == "TCVN3":
        raise IngestError(path, MSG_TCVN3)
    if kind == "VNI":
        raise IngestError(path, MSG_VNI)


# --- PDF -------------------------------------------------------------------------


def _page_text(page, last: list) -> str:
    """A page's plain text, its tables (found in the layout text) written back as Markdown rows. `last` holds
    the tables of the page before, whose header a table going on over the page break takes."""
    plain = page.extract_text() or ""
    tables = []
    if pdf_tables.may_hold_tables(plain):
        try:
            layout = page.extract_text(extraction_mode="layout") or ""
        except Exception:  # the layout mode fails on some pages that the plain mode reads: keep the plain text
            layout = ""
        tables = pdf_tables.carry_headers(pdf_tables.tables_in_layout(layout), last)
    last[:] = tables
    return pdf_tables.with_tables(plain, tables) if tables else plain


def _pdf_pages(path: Path, data: bytes) -> list[Page]:
    """Text of each PDF page with its 1-based number; scanned, encrypted or broken PDFs are refused."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise IngestError(path, "tệp không phải PDF hợp lệ (thiếu phần đầu %PDF)")
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(path, "tệp PDF bị cắt cụt hoặc hỏng (thiếu phần kết thúc), hãy xuất lại tệp")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(path, "PDF được mã hoá/đặt mật khẩu; hãy gỡ mật khẩu rồi nạp lại")
        last: list = []  # the tables of the page before
        pages = [Page(i + 1, _page_text(page, last)) for i, page in enumerate(reader.pages)]
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        if "decrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise IngestError(path, "PDF được mã hoá/đặt mật khẩu; hãy gỡ mật khẩu rồi nạp lại") from exc
        raise IngestError(path, f"tệp PDF bị hỏng, không đọc được ({exc})") from exc
    except Exception as exc:  # pypdf raises many internal types on corrupt input
        raise IngestError(path, f"tệp PDF bị hỏng, không đọc được ({type(exc).__name__})") from exc
    if not pages:
        raise IngestError(path, "tệp PDF không có trang nào")
    if not any(_LETTER.search(p.text) for p in pages):
        raise IngestError(path, "PDF chỉ chứa ảnh (bản quét), cần OCR trước")
    return pages


# --- DOCX ------------------------------------------------------------------------


def _docx_text(path: Path, data: bytes) -> str:
    """Paragraphs and tables in body order; heading styles become Markdown headings ("## …")."""
    import io

    import docx
    from docx.table import Table

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError(path, "tệp DOCX bị hỏng hoặc không phải định dạng Word (.docx)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx: PackageNotFoundError, KeyError, XML errors
        raise IngestError(path, f"tệp DOCX bị hỏng, không đọc được ({type(exc).__name__})") from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.append("\n".join(_table_rows(block)))
        else:
            text = block.text.strip()
            if text:
                lines.append(_heading_prefix(block) + text)
    return "\n\n".join(lines)


def _heading_prefix(paragraph) -> str:
    """"## " for a "Heading 2" style, "# " for "Title", "" for body text."""
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name == "Title":
        return "# "
    m = re.match(r"Heading\s*(\d)", name)
    return "#" * int(m.group(1)) + " " if m else ""


def _table_rows(table) -> list[str]:
    """A data table as Markdown rows, one cell per grid column (a merged cell is repeated, as python-docx reads
    it, so every figure stays under its header); cleaning reads each row with its headers (ingest.tables).
    A table without figures lays out text (the header block, the "Nơi nhận" and signature columns): its
    cells' lines, row by row, as if they were paragraphs."""
    rows = [[" ".join(cell.text.split()) for cell in row.cells] for row in table.rows]
    if any(is_figure(c) for row in rows for c in row):
        return markdown_table([r for r in rows if any(r)])
    lines: list[str] = []
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) not in seen:  # a merged cell, repeated by python-docx, is read once
                seen.add(id(cell._tc))
                lines.extend(ln.strip() for ln in cell.text.split("\n") if ln.strip())
    return lines
