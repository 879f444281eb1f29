"""Generators of real test documents (PDF via fpdf2 with a Unicode TTF, DOCX via python-docx).

Plain functions, no fixtures: ingest, index and UI tests all build their
inputs with these, so every test reads files the real loaders must parse.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"

# Legacy font encodings, just enough letters to write test sentences (unmapped letters stay ASCII).
TCVN3 = {"á": "¸", "à": "µ", "ả": "¶", "ã": "·", "ạ": "¹", "ă": "¨", "â": "©", "ê": "ª", "ô": "«",
         "ơ": "¬", "ư": "\xad", "đ": "®", "ế": "Õ", "ệ": "Ö", "ố": "è", "ộ": "é", "ớ": "í", "ứ": "ø",
         "ậ": "Ë", "ầ": "Ç", "ấ": "Ê", "ị": "Þ", "í": "Ý", "ì": "×", "ó": "ã", "ò": "ß", "ú": "ó",
         "ù": "ï", "ợ": "î", "ủ": "ñ", "ụ": "ô", "ự": "÷", "ở": "ë", "ể": "Ó", "ề": "Ò"}  # fmt: skip
VNI = {"á": "aù", "à": "aø", "ả": "aû", "ã": "aõ", "ạ": "aï", "ă": "aê", "â": "aâ", "ê": "eâ",
       "ô": "oâ", "ơ": "ô", "ư": "ö", "đ": "ñ", "Đ": "Ñ", "ế": "eá", "ệ": "eä", "ố": "oá", "ộ": "oä",
       "ớ": "ôù", "ứ": "öù", "ậ": "aä", "ầ": "aà", "ấ": "aá", "ị": "ò", "í": "í", "ó": "où", "ò": "oø",
       "ú": "uù", "ù": "uø", "ợ": "ôï", "ủ": "uû", "ụ": "uï", "ự": "öï", "ở": "ôû", "ể": "eå", "ề": "eà"}  # fmt: skip

SAMPLE_VI = (
    "Ban Tiếp công dân tỉnh đã tiếp nhận 81 đơn thư khiếu nại, tố cáo của công dân. "
    "Văn phòng đã phối hợp với các sở, ngành giải quyết dứt điểm các vụ việc phức tạp, đông người."
)


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 bytes: vowel marks precomposed (ê, ơ, ư…), tone marks as combining characters."""
    import unicodedata

    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def encode_legacy(text: str, table: dict[str, str]) -> bytes:
    """Bytes of `text` as a legacy Vietnamese font encoding would store them (via Latin-1)."""
    return "".join(table.get(ch, ch) for ch in text).encode("latin-1", errors="replace")


def make_pdf(path: Path, pages: list[str]) -> Path:
    """A text PDF, one string per page, set in DejaVuSans so Vietnamese letters are real text."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    pdf.output(str(path))
    return Path(path)


def make_image_pdf(path: Path, n_pages: int = 1) -> Path:
    """A 'scanned' PDF: every page is just a picture, no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    img_path = Path(path).with_suffix(".png")
    img = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(img).rectangle((20, 20, 380, 60), fill="black")
    img.save(img_path)
    pdf = FPDF()
    for _ in range(n_pages):
        pdf.add_page()
        pdf.image(str(img_path), x=10, y=10, w=150)
    pdf.output(str(path))
    img_path.unlink()
    return Path(path)


def make_encrypted_pdf(path: Path, pages: list[str], password: str = "matkhau") -> Path:
    """A text PDF that needs a user password to open."""
    from pypdf import PdfReader, PdfWriter

    plain = Path(path).with_name("_plain_" + Path(path).name)
    make_pdf(plain, pages)
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    with open(path, "wb") as fh:
        writer.write(fh)
    plain.unlink()
    return Path(path)


def make_truncated_pdf(path: Path, pages: list[str]) -> Path:
    """A text PDF cut in half, as an interrupted download leaves it."""
    make_pdf(path, pages)
    data = Path(path).read_bytes()
    Path(path).write_bytes(data[: len(data) // 2])
    return Path(path)


def make_docx(
    path: Path,
    heading: str,
    paragraphs: list[str],
    table_rows: list[list[str]] | None = None,
    subheading: str | None = None,
) -> Path:
    """A Word file: a level-1 heading, paragraphs, an optional level-2 heading, then a table, in that order."""
    import docx

    document = docx.Document()
    document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if subheading:
        document.add_heading(subheading, level=2)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for r, row in enumerate(table_rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        document.add_paragraph("Đoạn sau bảng.")
    document.save(str(path))
    return Path(path)
