"""The signer and the distribution list read from a report's last lines: as printed, a scan's, none at all."""

from __future__ import annotations

from ingest.document import Document, Page
from ingest.pipeline import process_file
from ingest.signature import find_recipients, find_signature, is_person_name
from tests.fixtures_docs import make_docx, make_pdf


def _doc(text: str, number: int | None = None) -> Document:
    return Document(doc_id="x.md", source="x.md", pages=[Page(number, text)], sha256="0", fmt="md")


def test_the_title_and_name_under_the_distribution_list_are_kept_as_printed():
    text = ("Trên đây là báo cáo của Văn phòng./.\n**Nơi nhận:**\n- Sở Nội vụ;\n- Lưu: VT, HCQT(hnb).\n"
            "**CHÁNH VĂN PHÒNG**\n**Phạm Xuân Duệ**\n")
    sig = find_signature(_doc(text, number=7))
    assert sig.text == "CHÁNH VĂN PHÒNG\nPhạm Xuân Duệ" and sig.name == "Phạm Xuân Duệ" and sig.page == 7


def test_a_scanned_name_without_its_title_is_still_the_signer():
    text = "Noi nhgn: 2 H VAN PHONG\n- Nhu trén; m\n- BTV Pang ty Khéi CQ va DN tinh;\n- Luu VT, HCQT(b).\nVi Minh Tam\n"
    sig = find_signature(_doc(text))
    assert sig.text == "Vi Minh Tam" and sig.name == "Vi Minh Tam"


def test_no_name_after_the_distribution_list_means_no_signer():
    assert find_signature(_doc("Nội dung báo cáo.\nNơi nhận:\n- Sở Nội vụ;\n- Lưu: VT.\n")) is None
    assert not is_person_name("Nơi nhận:") and not is_person_name("- Lưu VT") and not is_person_name("CHÁNH VĂN PHÒNG")


def test_pdf_and_docx_reports_carry_their_signer_into_docmeta(tmp_path):
    body = "BÁO CÁO\nKết quả công tác dân vận năm 2023\nNăm 2023 Văn phòng tiếp nhận 120 đơn thư của công dân."
    pdf = make_pdf(tmp_path / "bc.pdf", [body, "Nơi nhận:\n- Sở Nội vụ;\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nLê Văn An"])
    meta = process_file(pdf).meta
    # "KT." (signing for the head) stays with the title under it
    assert meta.signer == "Lê Văn An" and meta.signature == "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nLê Văn An"
    assert meta.signature_page == 2
    docx = make_docx(tmp_path / "bc.docx", "BÁO CÁO", [body, "Nơi nhận:", "- Lưu: VT.", "GIÁM ĐỐC", "Nguyễn Duy Tuấn"])
    assert process_file(docx).meta.signature == "GIÁM ĐỐC\nNguyễn Duy Tuấn"


def test_the_distribution_list_is_kept_item_by_item_with_an_item_running_over_a_line():
    text = ("Trên đây là báo cáo của Văn phòng./.\nNơi nhận:\n- Ban Dân vận Tỉnh ủy;\n- VPUB: CVP, PCVP, các phòng,\n"
            "  ban, đơn vị, CBTH;\n- Lưu VT, HCQT(b).\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nLê Văn An\n")
    rec = find_recipients(_doc(text, number=9))
    assert rec.text == "- Ban Dân vận Tỉnh ủy;\n- VPUB: CVP, PCVP, các phòng, ban, đơn vị, CBTH;\n- Lưu VT, HCQT(b)." and rec.page == 9
    # a scan's list, its stray marks kept verbatim, ends at the signer's name
    rec = find_recipients(_doc("Noi nhgn: 2 H VAN PHONG\n- Nhu trén; m\n- Luu VT, HCQT(b).\nVi Minh Tam\n"))
    assert rec.text == "- Nhu trén; m\n- Luu VT, HCQT(b)."
    assert find_recipients(_doc("Nội dung báo cáo.\nCHÁNH VĂN PHÒNG\nLê Văn An\n")) is None


def test_pdf_and_docx_reports_carry_their_distribution_list_into_docmeta(tmp_path):
    body = "BÁO CÁO\nKết quả công tác dân vận năm 2023\nNăm 2023 Văn phòng tiếp nhận 120 đơn thư của công dân."
    pdf = make_pdf(tmp_path / "bc.pdf", [body, "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT.\nCHÁNH VĂN PHÒNG\nLê Văn An"])
    meta = process_file(pdf).meta
    assert meta.recipients == "- Sở Nội vụ;\n- Lưu: VT." and meta.recipients_page == 2
    docx = make_docx(tmp_path / "bc.docx", "BÁO CÁO", [body, "Nơi nhận:", "- UBND tỉnh (báo cáo);", "- Lưu: VT.", "GIÁM ĐỐC",
                                                     "Nguyễn Duy Tuấn"])
    assert process_file(docx).meta.recipients == "- UBND tỉnh (báo cáo);\n- Lưu: VT."
