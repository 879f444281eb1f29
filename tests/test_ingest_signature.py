"""The signer read from a report's last lines: title and name as printed, a scan's name, none at all."""

from __future__ import annotations

from ingest.document import Document, Page
from ingest.pipeline import process_file
from ingest.signature import find_signature, is_person_name
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
    assert meta.signer == "Lê Văn An" and meta.signature == "PHÓ CHÁNH VĂN PHÒNG\nLê Văn An" and meta.signature_page == 2
    docx = make_docx(tmp_path / "bc.docx", "BÁO CÁO", [body, "Nơi nhận:", "- Lưu: VT.", "GIÁM ĐỐC", "Nguyễn Duy Tuấn"])
    assert process_file(docx).meta.signature == "GIÁM ĐỐC\nNguyễn Duy Tuấn"
