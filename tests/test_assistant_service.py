"""The assistant end to end over the five bundled reports (session index from conftest)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from assistant.answer import ABSTAIN_TEXT, Answer, Turn
from assistant.service import Assistant
from ingest.vietnamese import number_keys

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def assistant(corpus_index):
    from settings import Settings

    return Assistant(corpus_index, Settings())


def _grounded(answer: Answer):
    """Every figure of every answer line is in a cited passage and each quote is verbatim."""
    for c in answer.citations:
        assert c.quote and c.quote in c.text
    assert not answer.meta.get("removed_sentences"), answer.meta.get("removed_sentences")


@pytest.mark.parametrize(
    "question, figure, doc",
    [
        # OCR scan without diacritics (năm 2023)
        ("Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?", "1.076", "002_70eccacdbed34b64.txt"),
        ("Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp thường xuyên bao nhiêu lượt công dân?", "265", "002_70eccacdbed34b64.txt"),
        # PDF text with hard line breaks (6 tháng đầu năm 2023)
        ("6 tháng đầu năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?", "81", "000_316e9ef7cc27ef2d.txt"),
        # Markdown from Word (năm 2021)
        ("Năm 2021 Văn phòng UBND tỉnh Quảng Ngãi đã tiếp nhận bao nhiêu đơn?", "995", "004_6068e4138d6b3699.txt"),
        ("Năm 2021 tỷ lệ hài lòng của người dân tại Trung tâm Phục vụ - Kiểm soát thủ tục hành chính là bao nhiêu?", "99,8%", "004_6068e4138d6b3699.txt"),
        # Sơn La, quý I năm 2024
        ("Quý I năm 2024 Trung tâm Phục vụ Hành chính công tỉnh Sơn La tiếp nhận bao nhiêu hồ sơ?", "5.718", "003_7d728e88c2b0f8f9.txt"),
        # typed without diacritics
        ("nam 2023 ban tiep cong dan tinh quang ngai tiep nhan bao nhieu don", "1.076", "002_70eccacdbed34b64.txt"),
    ],
)
def test_count_quotes_the_figure_as_written(assistant, question, figure, doc):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.text
    assert figure in answer.text
    assert answer.citations and answer.citations[0].doc_id == doc
    assert figure in answer.citations[0].quote
    _grounded(answer)


def test_qualifier_is_kept_with_the_figure(assistant):
    answer = assistant.ask("6 tháng đầu năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?")
    assert "hơn 81 đơn" in answer.text


def test_office_shorthand_and_a_courtesy_preamble_are_understood(assistant):
    typed = "Em đang làm báo cáo tổng kết, cho em hỏi năm 2023 Ban TCD tỉnh QNgãi tiếp bao nhiêu lượt công dân ạ?"
    answer = assistant.ask(typed)
    assert not answer.abstained and "hơn 265 lượt" in answer.text.replace("luot", "lượt").replace("hon", "hơn")
    assert answer.question == typed  # the user sees what they typed
    assert answer.meta["standalone"].startswith("Năm 2023 Ban tiếp công dân tỉnh Quảng Ngãi")


def test_ocr_citation_is_flagged(assistant):
    answer = assistant.ask("Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?")
    assert answer.citations[0].low_ocr
    assert answer.citations[0].to_json()["note"].startswith("văn bản quét")


def test_two_turn_conversation_carries_unit_and_changes_period(assistant):
    first = assistant.ask("Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?")
    second = assistant.ask("Còn 6 tháng đầu năm thì sao?", history=[Turn(first.question, first)])
    assert not second.abstained
    assert "81" in second.text and "1.076" not in second.text
    assert second.citations[0].doc_id == "000_316e9ef7cc27ef2d.txt"
    assert "6 tháng đầu năm 2023" in second.meta["standalone"]


def test_followup_with_only_a_noun_phrase(assistant):
    first = assistant.ask("6 tháng đầu năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?")
    second = assistant.ask("đơn tố cáo?", history=[Turn(first.question, first)])
    assert "07 đơn" in second.text, second.text


@pytest.mark.parametrize(
    "question",
    [
        "Năm 2019 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?",  # no report for that year
        "Ban Tiếp công dân tỉnh Cà Mau tiếp nhận bao nhiêu đơn?",  # no report for that province
        "Tỉnh Quảng Ngãi có bao nhiêu km đường cao tốc?",  # the reports do not say
    ],
)
def test_unanswerable_abstains_with_related_passages(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained, answer.text
    assert answer.text.startswith(ABSTAIN_TEXT)
    assert answer.citations == []


def test_an_abstention_for_a_period_or_province_says_what_the_reports_cover(assistant):
    answer = assistant.ask("Sáu tháng đầu năm 2024 Văn phòng UBND tỉnh Sơn La nhận bao nhiêu đơn?")
    assert answer.abstained and "Sơn La có số liệu cho: quý I năm 2024" in answer.text, answer.text
    answer = assistant.ask("Ban Tiếp công dân tỉnh Cà Mau tiếp nhận bao nhiêu đơn?")
    assert answer.abstained and "Quảng Ngãi" in answer.text.split("Có thể liên quan")[0], answer.text
    # a relative year is said as the year it was read as (the bundled reports are of 2021–2024)
    answer = assistant.ask("6 tháng đầu năm nay Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?")
    assert answer.abstained and f"“năm nay”, tức năm {date.today().year}" in answer.text, answer.text


def test_ambiguous_period_gets_one_line_per_report(assistant):
    answer = assistant.ask("Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?")
    assert not answer.abstained
    lines = [line for line in answer.text.splitlines() if line.startswith("- ")]
    assert len(lines) >= 2, answer.text
    assert len({c.doc_id for c in answer.citations}) == len(lines)
    for line in lines:
        assert "[" in line
    assert any(line.startswith("- Năm 2021") for line in lines)
    assert any(line.startswith("- Năm 2023") for line in lines)
    assert answer.meta["per_report"]
    _grounded(answer)


def test_report_says_none(assistant):
    answer = assistant.ask("Sở Thông tin và Truyền thông Hà Nam nhận được bao nhiêu đơn thư khiếu nại, tố cáo?")
    assert not answer.abstained
    assert "không có đơn" in answer.text


def test_answer_json_contract(assistant):
    data = assistant.ask("Năm 2021 Văn phòng UBND tỉnh Quảng Ngãi đã tiếp nhận bao nhiêu đơn?").to_json()
    assert {"question", "answer", "abstained", "citations", "passages", "timing_ms"} <= set(data)
    cite = data["citations"][0]
    assert {"n", "doc_id", "title", "section", "page", "quote", "text", "issuer", "period", "low_ocr"} <= set(cite)
    assert {"doc_id", "chunk_id", "section", "page", "text", "score"} <= set(data["passages"][0])
    assert {"retrieve", "answer", "total"} <= set(data["timing_ms"])
    json.dumps(data, ensure_ascii=False)


def test_every_figure_in_answers_is_in_a_cited_passage(assistant):
    for q in ["Năm 2021 Văn phòng tham mưu tổ chức bao nhiêu cuộc họp?", "Văn phòng UBND tỉnh Sơn La có bao nhiêu công chức?"]:
        answer = assistant.ask(q)
        if answer.abstained:
            continue
        cited = set().union(*(number_keys(c.text) | number_keys(c.period or "") for c in answer.citations))
        assert number_keys(answer.text.replace("[1]", "").replace("[2]", "").replace("[3]", "")) <= cited


def test_stream_yields_text_then_answer(assistant):
    pieces = list(assistant.stream("Năm 2021 Văn phòng UBND tỉnh Quảng Ngãi đã tiếp nhận bao nhiêu đơn?"))
    assert isinstance(pieces[-1], Answer) and all(isinstance(p, str) for p in pieces[:-1])
    assert "".join(pieces[:-1]) == pieces[-1].text


def test_draft_gives_quotable_paragraphs_with_citation_lines(assistant):
    quotes = assistant.draft("mô hình dân vận khéo", k=5)
    assert 1 <= len(quotes) <= 5
    for q in quotes:
        assert q.citation_line.startswith("Theo Báo cáo") and q.text


def test_named_comparison_gets_a_line_per_report_even_when_figures_agree(assistant):
    """Two years named: both reports answer, although both write 99,8% (no "the figures differ" claim)."""
    ans = assistant.ask("Tỷ lệ hài lòng của người dân ở Quảng Ngãi năm 2021 và năm 2023 là bao nhiêu?")
    assert not ans.abstained
    cited = {c.doc_id for c in ans.citations}
    assert {"004_6068e4138d6b3699.txt", "002_70eccacdbed34b64.txt"} <= cited
    assert "99,8%" in ans.text and "khác nhau" not in ans.text
    _grounded(ans)


def _assistant_over(tmp_path, embedder, head: str, reports: dict[str, str]) -> Assistant:
    """An Assistant over an index of small text reports, each `head` then its body, built with the real pipeline."""
    from index.hybrid import HybridIndex
    from index.store import ingest_paths
    from settings import Settings

    folder = tmp_path / "reports"
    folder.mkdir()
    for name, body in reports.items():
        (folder / name).write_text(head + body, encoding="utf-8")
    ingest_paths([folder], tmp_path / "index", embedder, progress=False)
    return Assistant(HybridIndex.load(tmp_path / "index", embedder), Settings())


def test_a_fact_of_the_year_may_come_from_that_years_six_month_report_but_a_figure_keeps_to_the_asked_period(
        tmp_path, embedder):
    """"Năm 2023": the full-year report first; a decision only the 6-month report names is still found."""
    assistant = _assistant_over(tmp_path, embedder, "UBND TỈNH BÌNH ĐỊNH\nVĂN PHÒNG\n\nBÁO CÁO\n", {
        "ca_nam.txt": "Kết quả thực hiện quy chế dân chủ năm 2023\n\nI. Kết quả\n\n"
                      "Năm 2023, Ban Tiếp công dân tỉnh tiếp nhận 640 đơn thư khiếu nại, tố cáo.\n",
        "sau_thang.txt": "Kết quả thực hiện quy chế dân chủ 6 tháng đầu năm 2023\n\nI. Kết quả\n\n"
                         "Ban hành Quy chế chi tiêu nội bộ của Văn phòng (Quyết định số 21/QĐ-VP ngày 15/02/2023). "
                         "Ban Tiếp công dân tỉnh tiếp nhận 300 đơn thư khiếu nại, tố cáo.\n",
    })

    fact = assistant.ask("Năm 2023 Quy chế chi tiêu nội bộ của Văn phòng ban hành theo quyết định số mấy?")
    assert "21/QĐ-VP" in fact.text and fact.citations[0].doc_id.startswith("sau_thang")
    figure = assistant.ask("Năm 2023 Ban Tiếp công dân tỉnh tiếp nhận bao nhiêu đơn thư?")
    assert "640" in figure.text and "300" not in figure.text


def test_who_signed_a_report_is_quoted_from_its_signature(assistant):
    answer = assistant.ask("Báo cáo số 2182/BC-VP của Văn phòng UBND tỉnh Quảng Ngãi do ai ký?")
    assert not answer.abstained and "Vi Minh Tam" in answer.text  # the scan's own spelling, flagged as scanned
    (c,) = answer.citations
    assert c.doc_id == "002_70eccacdbed34b64.txt" and c.section == "Chữ ký" and c.low_ocr
    answer = assistant.ask("Ai ký báo cáo quý I/2024 của Văn phòng UBND tỉnh Sơn La?")
    assert "CHÁNH VĂN PHÒNG Trần Bình Minh" in answer.text and answer.citations[0].quote == "CHÁNH VĂN PHÒNG\nTrần Bình Minh"
    _grounded(answer)


def test_whom_a_report_went_to_is_quoted_from_its_distribution_list(assistant):
    answer = assistant.ask("Báo cáo năm 2021 của Văn phòng UBND tỉnh Quảng Ngãi gửi tới những nơi nào?")
    assert not answer.abstained and "- Văn phòng Chính phủ (báo cáo);" in answer.text and "- Sở Nội vụ;" in answer.text
    (c,) = answer.citations
    assert c.doc_id == "004_6068e4138d6b3699.txt" and c.section == "Nơi nhận" and c.quote.startswith("- Văn phòng Chính phủ")
    _grounded(answer)


def test_a_reports_number_and_date_are_quoted_from_its_header(assistant):
    answer = assistant.ask("Báo cáo công tác dân vận chính quyền năm 2023 của Văn phòng UBND tỉnh Quảng Ngãi có số hiệu gì, ký ngày nào?")
    assert "“S6: 2182 /BC-VP Quang Ngai, ngay 02 thang 11 nam 2023”" in answer.text
    assert "Theo Báo cáo số 2182/BC-VP ngày 02/11/2023 của Văn phòng UBND tỉnh Quảng Ngãi" in answer.text
    assert answer.citations[0].section == "Số, ngày văn bản"
    _grounded(answer)
    # a header that leaves the number blank is quoted blank; a report without a header is not guessed at
    assert "“Số: /BC-VP Quảng Ngãi, ngày tháng 12 năm 2021”" in assistant.ask("Báo cáo năm 2021 của Văn phòng UBND tỉnh Quảng Ngãi ký ngày nào?").text
    assert assistant.ask("Báo cáo 6 tháng đầu năm 2023 của Văn phòng UBND tỉnh Quảng Ngãi có số hiệu gì?").abstained
    # both asked at once: the header, then the signature, each with its own [n]
    both = assistant.ask("Báo cáo số 2182/BC-VP do ai ký, ký ngày nào?")
    assert "2182 /BC-VP" in both.text and "“Vi Minh Tam” [2]" in both.text
    assert [c.section for c in both.citations] == ["Số, ngày văn bản", "Chữ ký"]


def test_an_index_of_a_year_is_read_from_the_next_years_report_that_names_it(embedder, tmp_path):
    """"PAR INDEX năm 2024" is published in 2025: the 2024 report gives only 2023's, the 2025 report 2024's."""
    assistant = _assistant_over(tmp_path, embedder, "UBND TỈNH HÀ TĨNH\n\nBÁO CÁO\n", {
        "nam_2024.txt": "Kết quả công tác cải cách hành chính năm 2024\n\nI. Kết quả\n\n"
                        "Năm 2024, toàn tỉnh tiếp nhận 1.086.452 hồ sơ thủ tục hành chính. Chỉ số cải cách hành chính "
                        "(PAR INDEX) năm 2023 của tỉnh đạt 86,05%, xếp thứ 24/63.\n",
        "sau_thang_2025.txt": "Kết quả công tác cải cách hành chính 6 tháng đầu năm 2025\n\nI. Kết quả\n\n"
                              "6 tháng đầu năm 2025, toàn tỉnh tiếp nhận 562.318 hồ sơ. Chỉ số cải cách hành chính "
                              "(PAR INDEX) năm 2024 của tỉnh đạt 88,12%, xếp thứ 19/63.\n",
    })

    answer = assistant.ask("Chỉ số PAR INDEX năm 2024 của tỉnh đạt bao nhiêu, xếp thứ mấy?")
    assert "88,12%" in answer.text and "19/63" in answer.text and "86,05%" not in answer.text, answer.text
    assert answer.citations[0].doc_id == "sau_thang_2025.txt"
    assert assistant.ask("Chỉ số PAR INDEX năm 2023 của tỉnh đạt bao nhiêu?").citations[0].doc_id == "nam_2024.txt"
    _grounded(answer)


def test_a_rank_of_an_index_asked_by_name_is_not_another_index_s_rank(tmp_path, embedder):
    """"Chỉ số SIPAS … xếp thứ mấy?": the report ranks only PAR INDEX, and says so in words too ("thứ hạng cao
    nhất"), which is no rank of SIPAS."""
    assistant = _assistant_over(tmp_path, embedder, "UBND TỈNH ĐẮK LẮK\nSỞ NỘI VỤ\n\nBÁO CÁO\n", {
        "9t_2025.txt": "Kết quả công tác 9 tháng đầu năm 2025\n\nII. Cải cách hành chính\n\n"
                       "2. Kết quả Chỉ số PAR INDEX và Chỉ số SIPAS\n\nNgày 06/5/2025, Bộ Nội vụ công bố Chỉ số cải cách "
                       "hành chính năm 2024 của các bộ, cơ quan ngang bộ và UBND các tỉnh, thành phố trực thuộc Trung "
                       "ương. Theo đó, Chỉ số PAR INDEX năm 2024 của tỉnh Đắk Lắk đạt 86,57%, xếp thứ 27/63 tỉnh, thành "
                       "phố, là năm có thứ hạng cao nhất của tỉnh từ trước đến nay. Chỉ số SIPAS năm 2024 của tỉnh đạt "
                       "82,91%.\n",
    })
    assert assistant.ask("Chỉ số SIPAS năm 2024 của Đắk Lắk xếp thứ mấy cả nước?").abstained
    assert "27/63" in assistant.ask("Chỉ số PAR INDEX năm 2024 của Đắk Lắk xếp thứ mấy?").text


def test_whether_any_body_did_something_is_answered_by_the_sentence_saying_none_did(tmp_path, embedder):
    """"Có cơ quan, đơn vị nào …?" asks whether, not which: a sentence naming a body ("Ban Dân vận Tỉnh ủy") is no
    answer when another says there was none."""
    assistant = _assistant_over(tmp_path, embedder, "UBND TỈNH ĐẮK LẮK\nSỞ NỘI VỤ\n\nBÁO CÁO\n", {
        "nam_2023.txt": "Kết quả công tác dân vận chính quyền, thực hiện Quy chế dân chủ ở cơ sở năm 2023\n\n"
                        "I. Công tác dân vận chính quyền và thực hiện Quy chế dân chủ ở cơ sở\n\n"
                        "1. Công tác chỉ đạo\n\nLuật Thực hiện dân chủ ở cơ sở có hiệu lực thi hành từ ngày 01/7/2023. "
                        "Ngay sau khi Luật có hiệu lực, Sở Nội vụ đã phối hợp với Ban Dân vận Tỉnh ủy tổ chức 03 hội nghị "
                        "quán triệt, phổ biến nội dung Luật và các văn bản hướng dẫn thi hành cho hơn 1.500 đại biểu là cán "
                        "bộ chủ chốt cấp huyện, cấp xã và người đứng đầu các cơ quan, đơn vị trên địa bàn tỉnh.\n\n"
                        "3. Kết quả thực hiện Quy chế dân chủ ở cơ sở\n\nDân chủ trong cơ quan hành chính, đơn vị sự nghiệp "
                        "công lập được bảo đảm. Trong năm 2023, không có cơ quan, đơn vị nào bị xử lý kỷ luật do vi phạm "
                        "Quy chế dân chủ ở cơ sở; chưa có trường hợp cán bộ, công chức bị xử lý vì có hành vi cản trở quyền "
                        "làm chủ của Nhân dân.\n",
    })
    answer = assistant.ask("Năm 2023 có cơ quan, đơn vị nào bị kỷ luật vì vi phạm QCDC không?")
    assert answer.text.startswith("Không.") and "không có cơ quan" in answer.text, answer.text


def test_a_part_of_a_year_asked_without_its_year_follows_the_report_just_quoted(tmp_path, embedder):
    """"Đến giữa năm …?" after an answer from 2025's quarterly report is the first half of 2025, not of 2024."""
    assistant = _assistant_over(tmp_path, embedder, "UBND TỈNH BÌNH ĐỊNH\nVĂN PHÒNG\n\nBÁO CÁO\n", {
        "nam_2024.txt": "Kết quả cải cách hành chính năm 2024\n\nI. Kết quả\n\n"
                        "Năm 2024, Tổ kiểm tra công vụ của tỉnh đã kiểm tra 32 cơ quan, đơn vị.\n",
        "6t_2024.txt": "Kết quả cải cách hành chính 6 tháng đầu năm 2024\n\nI. Kết quả\n\n"
                       "Trong 6 tháng đầu năm 2024, các đoàn kiểm tra đã kiểm tra 07 cơ quan, đơn vị.\n",
        "quy1_2025.txt": "Kết quả cải cách hành chính quý I năm 2025\n\nI. Kết quả\n\n"
                         "UBND tỉnh ban hành Kế hoạch số 35/KH-UBND ngày 20/02/2025 về kiểm tra công tác cải cách "
                         "hành chính năm 2025.\n",
        "6t_2025.txt": "Kết quả cải cách hành chính 6 tháng đầu năm 2025\n\nI. Kết quả\n\n"
                       "Theo Kế hoạch số 35/KH-UBND, các đoàn kiểm tra đã kiểm tra 11/18 cơ quan, đơn vị, địa phương.\n",
    })
    first = "Kế hoạch kiểm tra cải cách hành chính năm 2025 là kế hoạch số mấy?"
    plan = assistant.ask(first)
    assert "35/KH-UBND" in plan.text
    later = assistant.ask("đến giữa năm đã kiểm tra được bao nhiêu cơ quan rồi?", [Turn(first, plan)])
    assert "11/18" in later.text and "07" not in later.text, later.text
    assert later.meta["query"]["year"] == 2025 and later.meta["query"]["half"] == 1
    assert "kế hoạch số mấy" not in later.meta["standalone"], later.meta["standalone"]
