"""Tables read row by row with their headers: Markdown pipe tables and real DOCX tables, through cleaning."""

from __future__ import annotations

from ingest.cleaning import clean
from ingest.loaders import load
from ingest.tables import is_row_line, linearize, rewrite_tables, row_line
from ingest.vietnamese import fold
from tests.fixtures_docs import make_docx

MARKDOWN = """Kết quả giải quyết hồ sơ theo từng cấp như sau:

| Cấp | Hồ sơ tiếp nhận | Trễ hạn | Tỷ lệ đúng hạn |
|---|---|---|---|
| Cấp tỉnh | 168.452 | 1.056 | 99,3% |
| **Cấp huyện** | 214.376 | 2.459 | 98,8% |

Hồ sơ trễ hạn tập trung ở lĩnh vực đất đai.
"""


def test_each_row_names_its_cells_by_their_headers():
    lines = rewrite_tables(MARKDOWN.splitlines())
    rows = [ln for ln, row in lines if row]
    assert rows == [
        "Cấp tỉnh – Hồ sơ tiếp nhận: 168.452; Trễ hạn: 1.056; Tỷ lệ đúng hạn: 99,3%",
        "Cấp huyện – Hồ sơ tiếp nhận: 214.376; Trễ hạn: 2.459; Tỷ lệ đúng hạn: 98,8%",
    ]
    assert [ln for ln, row in lines if not row][0].startswith("Kết quả giải quyết")


def test_serial_numbers_are_dropped_and_a_percent_header_gives_its_sign():
    headers = ["STT", "Loại đơn", "Tổng số đơn", "Tỷ lệ (%)", "Ghi chú"]
    assert row_line(headers, ["1", "Đơn khiếu nại", "1.518", "91,2", "-"]) == \
        "Đơn khiếu nại – Tổng số đơn: 1.518; Tỷ lệ: 91,2%"


def test_a_two_level_header_and_a_merged_label_read_once():
    rows = [["Cấp", "Tiếp nhận", "Tiếp nhận"], ["Cấp", "Trực tuyến", "Trực tiếp"],
            ["Tổng cộng", "Tổng cộng", "12"]]
    assert linearize(rows, 2) == ["Tổng cộng – Tiếp nhận – Trực tiếp: 12"]


def test_a_docx_table_is_cleaned_into_rows_that_stand_as_paragraphs(tmp_path):
    path = make_docx(
        tmp_path / "bc.docx", "II. Kết quả", ["Kết quả tiếp công dân theo cấp như sau:"],
        [["Cấp", "Số lượt", "Số vụ việc"], ["Cấp tỉnh", "497", "388"], ["Cấp huyện", "1.062", "859"]],
    )
    paragraphs = clean(load(path)).text.split("\n\n")
    assert "Cấp huyện – Số lượt: 1.062; Số vụ việc: 859" in paragraphs
    assert "Cấp tỉnh – Số lượt: 497; Số vụ việc: 388" in paragraphs
    assert "Đoạn sau bảng." in paragraphs  # the text after the table is not joined to its last row
    assert is_row_line(fold("Cấp huyện – Số lượt: 1.062; Số vụ việc: 859"))
    assert not is_row_line(fold("Năm 2024, toàn tỉnh tiếp 4.872 lượt công dân."))


def test_a_layout_table_without_figures_keeps_its_text():
    # Word reports often lay out the header block in a borderless table: the issuer must survive
    lines = rewrite_tables(["| UBND TỈNH GIA LAI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
                            "| Số: 57/BC-UBND | Gia Lai, ngày 12 tháng 12 năm 2024 |"])
    assert lines == [("UBND TỈNH GIA LAI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", False),
                     ("Số: 57/BC-UBND | Gia Lai, ngày 12 tháng 12 năm 2024", False)]


def test_a_word_report_laid_out_in_borderless_tables_keeps_its_issuer_and_signer(tmp_path):
    import docx

    from ingest.pipeline import process_file

    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 57/BC-UBND"
    header.cell(1, 1).text = "Gia Lai, ngày 12 tháng 12 năm 2024"
    for text in ("BÁO CÁO", "Kết quả công tác tiếp công dân năm 2024", "I. KẾT QUẢ",
                 "Năm 2024, toàn tỉnh đã tiếp 4.872 lượt công dân."):
        document.add_paragraph(text)
    sign = document.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:\n- Thanh tra Chính phủ;\n- Lưu: VT, NC."
    sign.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nPhạm Minh Trí"
    document.save(str(tmp_path / "bc.docx"))
    meta = process_file(tmp_path / "bc.docx").meta
    assert (meta.issuer, meta.doc_number, meta.date) == ("UBND tỉnh Gia Lai", "57/BC-UBND", "2024-12-12")
    assert meta.signer == "Phạm Minh Trí"


def test_a_pdf_table_is_read_by_its_columns_with_a_header_over_two_lines(tmp_path):
    from fpdf import FPDF

    from tests.fixtures_docs import FONT

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT.with_name("DejaVuSans-Bold.ttf")))  # table headings are bold
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Kết quả giải quyết hồ sơ thủ tục hành chính theo cấp trong quý III năm 2025 như sau:")
    with pdf.table(col_widths=(40, 25, 25, 25, 30)) as table:
        for row in (["Cấp", "Tiếp nhận", "Đã giải quyết", "Trễ hạn", "Tỷ lệ đúng hạn (%)"],
                    ["Cấp tỉnh", "96.318", "89.472", "521", "99,42"],
                    ["Cấp xã", "164.905", "154.236", "2.319", "98,50"]):
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.multi_cell(0, 6, "Hồ sơ trễ hạn tập trung ở cấp xã.")
    pdf.output(str(tmp_path / "bc.pdf"))
    paragraphs = clean(load(tmp_path / "bc.pdf")).text.split("\n\n")
    assert "Cấp tỉnh – Tiếp nhận: 96.318; Đã giải quyết: 89.472; Trễ hạn: 521; Tỷ lệ đúng hạn: 99,42%" in paragraphs
    assert "Cấp xã – Tiếp nhận: 164.905; Đã giải quyết: 154.236; Trễ hạn: 2.319; Tỷ lệ đúng hạn: 98,50%" in paragraphs


def test_prose_set_with_justified_spaces_is_no_table():
    from ingest.pdf_tables import tables_in_layout

    layout = ("  đối  với  2.846/3.113  hồ  sơ,  đạt  91,4%.  Qua  hệ  thống  đánh  giá,  có\n"
              "  152.608  lượt  đánh  giá  của  người  dân;  tỷ  lệ  hài  lòng  đạt  97,6%.\n")
    assert tables_in_layout(layout) == []


def test_a_pdf_table_going_on_over_a_page_break_keeps_its_header(tmp_path):
    from fpdf import FPDF

    from tests.fixtures_docs import FONT

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT.with_name("DejaVuSans-Bold.ttf")))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Dịch vụ công trực tuyến theo đơn vị:\n" + "Nội dung báo cáo.\n" * 30)
    with pdf.table(col_widths=(60, 30, 30), repeat_headings=0) as table:  # printed without repeating its header
        rows = [["Đơn vị", "Hồ sơ trực tuyến", "Tỷ lệ (%)"]]
        rows += [[f"Phường số {i}", f"{1000 + i}", f"{80 + i % 10},5"] for i in range(1, 40)]
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.output(str(tmp_path / "bc.pdf"))
    assert len(load(tmp_path / "bc.pdf").pages) >= 2
    paragraphs = clean(load(tmp_path / "bc.pdf")).text.split("\n\n")
    assert "Phường số 1 – Hồ sơ trực tuyến: 1001; Tỷ lệ: 81,5%" in paragraphs
    assert "Phường số 39 – Hồ sơ trực tuyến: 1039; Tỷ lệ: 89,5%" in paragraphs  # on the next page


def _pdf_table_paragraphs(tmp_path, lead: str, widths: tuple, rows: list[list[str]], **options) -> list[str]:
    """The paragraphs cleaning reads from a one-page PDF: a lead line, then a table drawn as cells by fpdf2."""
    from fpdf import FPDF

    from tests.fixtures_docs import FONT

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT.with_name("DejaVuSans-Bold.ttf")))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 6, lead, align=options.pop("lead_align", "J"))
    with pdf.table(col_widths=widths, **options) as table:
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.output(str(tmp_path / "bc.pdf"))
    return clean(load(tmp_path / "bc.pdf")).text.split("\n\n")


def test_a_pdf_table_with_serial_numbers_an_empty_cell_and_a_header_over_three_lines(tmp_path):
    paragraphs = _pdf_table_paragraphs(
        tmp_path, "Kết quả tiếp công dân theo từng cấp như sau:", (10, 45, 25, 25, 18),
        [["TT", "Cấp tiếp công dân", "Số lượt", "Số người", "Đoàn đông người"],
         ["1", "Cấp tỉnh", "686", "812", "04"],
         ["2", "Cấp xã", "2.118", "2.327", "-"],
         ["", "Tổng cộng", "2.804", "3.139", "04"]])
    assert "Cấp tỉnh – Số lượt: 686; Số người: 812; Đoàn đông người: 04" in paragraphs, paragraphs
    assert "Cấp xã – Số lượt: 2.118; Số người: 2.327" in paragraphs, paragraphs
    assert "Tổng cộng – Số lượt: 2.804; Số người: 3.139; Đoàn đông người: 04" in paragraphs, paragraphs


def test_a_pdf_table_whose_labels_wrap_with_a_column_of_changes_under_a_caption_over_two_lines(tmp_path):
    paragraphs = _pdf_table_paragraphs(
        tmp_path, "Bảng 1. Kết quả tiếp công dân, tiếp nhận và giải quyết đơn tại cấp huyện, cấp xã và một số "
                  "chỉ tiêu năm 2024", (10, 40, 25, 25, 35),
        [["STT", "Đơn vị", "Lượt tiếp", "Số đơn", "Tăng/giảm"],
         ["1", "Thị xã Bỉm Sơn", "318", "455", "tăng 4,2%"],
         ["2", "Các địa phương còn lại (16 đơn vị)", "2.790", "2.661", "giảm 36 đơn"],
         ["", "Tổng cộng", "3.108", "3.116", "tăng 1,5%"]],
        lead_align="C", v_align="TOP", text_align="LEFT")  # the label wraps below its first line
    assert "Thị xã Bỉm Sơn – Lượt tiếp: 318; Số đơn: 455; Tăng/giảm: tăng 4,2%" in paragraphs, paragraphs
    # the label's second line ("vị)") stays with its row, and the rows after it are still the table's
    assert "Các địa phương còn lại (16 đơn vị) – Lượt tiếp: 2.790; Số đơn: 2.661; Tăng/giảm: giảm 36 đơn" in paragraphs, paragraphs
    assert "Tổng cộng – Lượt tiếp: 3.108; Số đơn: 3.116; Tăng/giảm: tăng 1,5%" in paragraphs, paragraphs
