"""The offline answerer's general mechanisms on small invented reports (no index, no embedder).

Each test writes a passage the way reports are written and checks one mechanism:
which figure a count question gets, how a breakdown is quoted, how a follow-up's
own words steer the choice, and how a yes/no question is answered from "không có".
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant import compose, extractive, names, reading, spans
from assistant import parts, query
from assistant.query import understand
from index.passage import Passage
from ingest.document import Chunk, DocMeta, Period

META = DocMeta(doc_id="r.txt", title="Báo cáo", issuer="Văn phòng UBND tỉnh Bình Định",
               province="Bình Định", period=Period(2022), ocr_quality=0.3)


# a scanned report: OCR lost the diacritics (quality far below the ~0.3 of clean text)
SCAN = DocMeta(doc_id="scan.txt", issuer="Van phong UBND tinh Binh Dinh", province="Bình Định",
               period=Period(2022), ocr_quality=0.04)


def passages(*texts: str, meta: DocMeta = META) -> list[Passage]:
    return [Passage(Chunk(f"{meta.doc_id}#{i:04d}", meta.doc_id, t, ["II. Kết quả"]), meta, 0.0)
            for i, t in enumerate(texts)]


def ask(question: str, ps: list[Passage], previous: str | None = None) -> compose.Draft:
    prev = understand(previous) if previous else None
    q = understand(question, prev)
    weights = reading.TermWeights([p.chunk for p in ps])
    return extractive.answer(q, ps, weights)


def test_the_figure_whose_own_words_match_is_chosen_not_the_first_of_the_sentence():
    ps = passages(
        "Hồ sơ đất đai của hộ gia đình tiếp nhận là 2.847 hồ sơ, đã giải quyết 2.640 hồ sơ, trong đó trước hạn "
        "và đúng hạn 2.501 hồ sơ; trễ hạn 139 hồ sơ, chiếm tỷ lệ 5,2%.",
        "Công tác văn thư được duy trì thường xuyên, bảo đảm đúng quy định.",
    )
    draft = ask("Năm 2022 có bao nhiêu hồ sơ đất đai của hộ gia đình bị trễ hạn?", ps)
    assert not draft.abstained
    assert draft.meta["figures"] == ["139"]


def test_a_breakdown_is_quoted_with_the_total_it_breaks_down():
    ps = passages(
        "Tiếp công dân: từ ngày 01/01/2022 đến 31/3/2022, đã tiếp 45 lượt với 70 người. "
        "Trong đó: tiếp thường xuyên 30 lượt, 41 công dân, có 01 đoàn đông người với 12 công dân.",
    )
    draft = ask("Năm 2022 tiếp thường xuyên bao nhiêu lượt công dân?", ps)
    assert draft.meta["figures"] == ["30"]
    assert "45 lượt" in draft.text and "Trong đó" in draft.text


def test_a_followup_is_answered_by_its_own_new_words():
    ps = passages(
        "Năm 2022, Chủ tịch UBND tỉnh giao cho Văn phòng 58 biên chế hành chính và 12 biên chế sự nghiệp. "
        "Tính đến ngày 31/12/2022 đã sử dụng 53 biên chế, còn 05 biên chế.",
    )
    first = ask("Năm 2022 Văn phòng được giao bao nhiêu biên chế?", ps)
    assert first.meta["figures"] == ["58"]
    follow = ask("Đã sử dụng bao nhiêu?", ps, previous="Năm 2022 Văn phòng được giao bao nhiêu biên chế?")
    assert follow.meta["figures"] == ["53"]


def test_money_is_counted_in_the_currency_the_report_writes():
    ps = passages("Trong năm, tại Trung tâm thanh toán trực tuyến hơn 9 tỷ đồng với 4.100 giao dịch.")
    draft = ask("Năm 2022 Trung tâm thanh toán trực tuyến được bao nhiêu tiền?", ps)
    assert not draft.abstained and "hơn 9 tỷ đồng" in draft.text


def test_ocr_noun_with_one_misread_letter_still_attaches():
    ps = passages("Hang ngay tu van, hudng dan nop ho so cho hon 450 lugt nguoi den Trung tam.", meta=SCAN)
    draft = ask("Năm 2022 mỗi ngày Trung tâm hướng dẫn bao nhiêu lượt người?", ps)
    assert not draft.abstained and draft.meta["figures"] == ["450"]
    clean = DocMeta(doc_id="clean.txt", issuer=SCAN.issuer, province="Bình Định", period=Period(2022), ocr_quality=0.3)
    assert ask("Năm 2022 mỗi ngày Trung tâm hướng dẫn bao nhiêu lượt người?",
               passages("Hang ngay tu van cho hon 450 lugt nguoi.", meta=clean)).abstained


def test_semicolons_inside_parentheses_do_not_split_the_clause():
    text = "Danh mục thí điểm trực tuyến hoàn toàn (97 thủ tục; trong đó 85 thủ tục cấp tỉnh, 12 thủ tục cấp huyện)"
    assert len(spans.clause_spans(text, 0, len(text))) == 1


def test_a_count_is_answered_none_by_the_sentence_that_says_so():
    # the negation names the noun itself ("không trường hợp nào vi phạm")
    ps = passages("2.4. Việc nâng cao đạo đức công vụ: kết quả trong kỳ báo cáo, cơ quan không trường hợp nào vi phạm.",
                  "Công tác văn thư được duy trì thường xuyên.")
    draft = ask("Năm 2022, về nâng cao đạo đức công vụ, cơ quan vi phạm bao nhiêu trường hợp?", ps)
    assert not draft.abstained and draft.meta.get("says_none") and draft.text.startswith("Không có.")
    # "bao nhiêu lượt công dân" is answered by "không có công dân đến trực tiếp"
    ps = passages("Từ năm 2013 đến nay, Sở Thông tin và Truyền thông không có công dân đến trực tiếp, không có đơn thư.",
                  "Công tác văn thư được duy trì thường xuyên.")
    draft = ask("Năm 2022 Sở Thông tin và Truyền thông đã tiếp bao nhiêu lượt công dân đến trực tiếp?", ps)
    assert not draft.abstained and draft.meta.get("says_none")


def test_yes_no_is_answered_by_the_sentence_that_says_none():
    ps = passages(
        "Làm tốt việc tiếp nhận, giải quyết đơn thư khiếu nại, tố cáo của nhân dân theo đúng quy định.",
        "Trong năm, Sở không có công dân đến trực tiếp, không có đơn, thư khiếu nại, tố cáo.",
    )
    draft = ask("Năm 2022 Sở có nhận được đơn thư khiếu nại, tố cáo nào không?", ps)
    assert draft.text.startswith("Không.") and "không có đơn" in draft.text


def test_form_line_answered_khong_is_a_no():
    # IDF needs a few passages: "công chức" is everywhere in a report, "biệt phái" is not
    ps = passages("Điều động: 01 công chức. Biệt phái: Không. Luân chuyển: 03 công chức.",
                  "Văn phòng tổ chức hội nghị cán bộ, công chức, viên chức năm 2022.",
                  "Công khai việc tuyển dụng, nâng lương cho công chức theo quy định.",
                  "Công chức chấp hành nghiêm nội quy, quy chế của cơ quan.")
    draft = ask("Năm 2022 có biệt phái công chức nào không?", ps)
    assert draft.text.startswith("Không.") and "Biệt phái: Không" in draft.text


def test_a_very_short_sentence_is_quoted_with_the_next_one_counting_the_same_noun():
    ps = passages("Bộ phận một cửa của Văn phòng: Tiếp nhận 87 hồ sơ. Đã giải quyết 85 hồ sơ, còn 02 hồ sơ đang giải quyết. "
                  "Công tác văn thư được duy trì thường xuyên.")
    draft = ask("Năm 2022 Bộ phận một cửa của Văn phòng tiếp nhận bao nhiêu hồ sơ?", ps)
    assert draft.meta["figures"] == ["87"] and "Đã giải quyết 85 hồ sơ" in draft.text
    assert "văn thư" not in draft.text


def test_a_figure_opening_a_parenthesis_counts_what_precedes_it():
    ps = passages(
        "Trình phê duyệt Danh mục dịch vụ công trực tuyến (812 thủ tục; trong đó toàn trình 402 thủ tục), "
        "Danh mục thí điểm tiếp nhận và trả kết quả hoàn toàn trực tuyến thuộc thẩm quyền của các cơ quan, "
        "đơn vị và địa phương (64 thủ tục; trong đó 50 thủ tục cấp tỉnh và 14 thủ tục cấp huyện) trên địa bàn tỉnh.",
        "Công tác văn thư được duy trì thường xuyên.",
    )
    draft = ask("Năm 2022 thí điểm tiếp nhận và trả kết quả hoàn toàn trực tuyến cho bao nhiêu thủ tục?", ps)
    assert draft.meta["figures"] == ["64"]


def test_a_rank_question_needs_an_ordinal_not_any_figure():
    ps = passages("Quyết định số 93/QĐ-UBND ngày 17/01/2022 công bố Chỉ số cải cách hành chính; 25 cơ quan được đánh giá.")
    assert ask("Chỉ số cải cách hành chính năm 2022 của Văn phòng xếp thứ mấy?", ps).abstained
    ranked = passages("Chỉ số cải cách hành chính năm 2022 của Văn phòng xếp thứ 3 trên 25 cơ quan, đạt 91,5 điểm.")
    assert ask("Chỉ số cải cách hành chính năm 2022 của Văn phòng xếp thứ mấy?", ranked).meta["figures"] == ["3"]
    in_words = passages("Chỉ số cải cách hành chính năm 2022 của Văn phòng đứng thứ nhất trong các sở, ban ngành.",
                        "Quyết định số 93/QĐ-UBND ngày 17/01/2022 công bố Chỉ số cải cách hành chính.")
    draft = ask("Chỉ số cải cách hành chính năm 2022 của Văn phòng xếp thứ mấy?", in_words)
    assert not draft.abstained and "thứ nhất" in draft.text
    yearly = passages("Hằng năm, Văn phòng ban hành kế hoạch cải cách hành chính và kiểm tra việc thực hiện.")
    assert ask("Chỉ số cải cách hành chính năm 2022 của Văn phòng xếp thứ mấy?", yearly).abstained  # not "hạng năm"


def test_a_multiplier_between_figure_and_noun_keeps_the_attachment():
    ps = passages("Trong năm có hơn 41.000 nghìn lượt đánh giá mức độ hài lòng, đạt 99,7%.")
    draft = ask("Năm 2022 có bao nhiêu lượt đánh giá mức độ hài lòng?", ps)
    assert draft.meta["figures"] == ["41.000"]


def test_ocr_two_word_noun_with_one_misread_letter_still_attaches():
    ps = passages("Trong nam c6 12.345 hd so dugc nop va tra ket qua qua duong buu chinh.", meta=SCAN)
    draft = ask("Năm 2022 có bao nhiêu hồ sơ nộp và trả kết quả qua bưu chính?", ps)
    assert draft.meta["figures"] == ["12.345"]


def test_tong_so_introduces_a_count_not_a_document_number():
    ps = passages("Thực hiện tiếp nhận hồ sơ, trả kết quả giải quyết ngay tại chỗ với tổng số 12.345 hồ sơ.")
    draft = ask("Năm 2022 trả kết quả ngay tại chỗ bao nhiêu hồ sơ?", ps)
    assert draft.meta["figures"] == ["12.345"]


def test_a_speech_request_quotes_descriptive_sentences_not_lists_of_plans():
    ps = passages(
        "Đảng ủy và Văn phòng đã ban hành Kế hoạch số 31-KH/ĐUVP ngày 23/10/2021 về phong trào thi đua "
        "“Dân vận khéo” và Kế hoạch số 49/KH-VPUB ngày 09/11/2021 về phong trào thi đua “Dân vận khéo”.",
        "Phong trào thi đua “Dân vận khéo” tại Văn phòng được tiến hành thường xuyên, liên tục, hiệu quả, "
        "phù hợp với nhiệm vụ của từng phòng, ban.",
        "Công tác văn thư được duy trì thường xuyên.",
    )
    draft = ask("Tôi soạn bài phát biểu về phong trào thi đua Dân vận khéo năm 2022, cần vài câu trích.", ps)
    assert draft.meta.get("quote_request")
    first = draft.text.splitlines()[0]
    assert "tiến hành thường xuyên" in first and "31-KH/ĐUVP" not in first


def test_a_when_question_is_answered_by_a_sentence_with_a_date():
    ps = passages(
        "Trung tâm đẩy mạnh thanh toán trực tuyến không dùng tiền mặt trong giải quyết thủ tục hành chính, "
        "được người dân, doanh nghiệp đồng tình ủng hộ.",
        "Trung tâm triển khai thanh toán trực tuyến không dùng tiền mặt từ tháng 4/2022.",
        "Công tác văn thư được duy trì thường xuyên.",
    )
    q = understand("Trung tâm bắt đầu thanh toán trực tuyến không dùng tiền mặt từ khi nào?")
    assert q.kind == "when"
    draft = ask("Trung tâm bắt đầu thanh toán trực tuyến không dùng tiền mặt từ khi nào?", ps)
    assert "tháng 4/2022" in draft.text.splitlines()[0]  # the dated sentence leads, not the general one


def test_a_list_question_takes_the_sentence_whose_introduction_names_what_is_asked():
    ps = passages(
        "Các văn bản Văn phòng đã ban hành trong năm gồm: quyết định giao tự chủ cho đơn vị sự nghiệp trực thuộc, "
        "kế hoạch sắp xếp đơn vị sự nghiệp trực thuộc, công văn về quản lý đơn vị sự nghiệp.",
        "Các đơn vị sự nghiệp trực thuộc Văn phòng gồm: Trung tâm Thông tin, Nhà khách UBND tỉnh, Nhà khách Hà Nội.",
        "Công tác văn thư được duy trì thường xuyên.",
    )
    draft = ask("Năm 2022 Văn phòng có những đơn vị sự nghiệp trực thuộc nào?", ps)
    assert "Trung tâm Thông tin, Nhà khách" in draft.text.splitlines()[1]


def test_a_list_introduced_at_the_end_of_a_chunk_is_read_on_in_the_next_chunk():
    intro = ("Văn phòng đã thẩm tra, góp ý các dự thảo văn bản trình UBND tỉnh ban hành để chỉ đạo công tác "
             "cải cách hành chính, như:")
    items = ("Kế hoạch số 12/KH-UBND về cải cách hành chính năm 2022; Quyết định số 45/QĐ-UBND công bố Chỉ số "
             "cải cách hành chính năm 2021.")
    other = "Công tác văn thư được duy trì thường xuyên."
    texts, start = [intro, items, other], 0
    ps = []
    for i, t in enumerate(texts):  # consecutive chunks of one report, as the chunker cuts them
        ps.append(Passage(Chunk(f"r.txt#{i:04d}", "r.txt", t, ["II. Kết quả"], char_start=start,
                                char_end=start + len(t)), META, 0.0))
        start += len(t) + 2
    draft = ask("Năm 2022 Văn phòng đã góp ý những văn bản nào để chỉ đạo cải cách hành chính?", ps)
    assert "Kế hoạch số 12/KH-UBND" in draft.text


def test_a_total_asked_is_not_answered_by_the_figure_of_one_manner():
    ps = passages(
        "Hồ sơ các sở, ngành tiếp nhận trực tuyến tại Trung tâm là 6.900 hồ sơ.",
        "Hồ sơ các sở, ngành tiếp nhận tại Trung tâm là 9.800 hồ sơ, đã giải quyết 9.500 hồ sơ.",
    )
    draft = ask("Năm 2022 Trung tâm tiếp nhận bao nhiêu hồ sơ của các sở, ngành?", ps)
    assert draft.meta["figures"] == ["9.800"]
    draft = ask("Năm 2022 Trung tâm tiếp nhận trực tuyến bao nhiêu hồ sơ của các sở, ngành?", ps)  # the manner asked
    assert draft.meta["figures"] == ["6.900"]


def test_the_report_s_basis_is_its_preamble_s_opening_sentence_and_the_type_asked_comes_first():
    preamble = Passage(Chunk("r.txt#0000", "r.txt", "BÁO CÁO Kết quả công tác dân vận năm 2022\n\nThực hiện Công văn "
                             "số 77/UBND-NC ngày 02/3/2022 của Chủ tịch UBND tỉnh về báo cáo công tác dân vận.", []), META, 0.0)
    ps = [preamble] + passages(
        "Chủ tịch UBND tỉnh ban hành Quyết định số 15/QĐ-UBND ngày 10/3/2022 về công tác dân vận chính quyền của tỉnh.",
        "Chủ tịch UBND tỉnh ban hành Công văn số 90/UBND-NC ngày 20/3/2022 về báo cáo công tác dân vận.",
    )
    draft = ask("Báo cáo công tác dân vận năm 2022 được lập theo công văn nào của Chủ tịch UBND tỉnh?", ps)
    assert "77/UBND-NC" in draft.text
    draft = ask("Năm 2022 Chủ tịch UBND tỉnh ban hành công văn nào về công tác dân vận chính quyền?", ps[1:])
    assert "90/UBND-NC" in draft.text


def test_a_count_of_one_act_is_not_answered_by_a_figure_of_another_act():
    ps = passages("Luân chuyển: luân chuyển 03 công chức giữa các phòng trong nội bộ Văn phòng.",
                  "Công tác văn thư được duy trì thường xuyên.")
    assert ask("Năm 2022 Văn phòng tuyển dụng mới bao nhiêu công chức?", ps).abstained
    assert ask("Năm 2022 Văn phòng luân chuyển bao nhiêu công chức?", ps).meta["figures"] == ["03"]
    assert extractive.act_asked("nam 2022 ban da chuyen bao nhieu don den co quan co tham quyen") == "chuyen"
    assert extractive.act_asked("nam 2022 ban tiep nhan bao nhieu don") is None  # no specific act asked


def test_an_address_asked_needs_a_sentence_carrying_one():
    ps = passages("Lãnh đạo tỉnh tiếp công dân định kỳ tại Trụ sở Tiếp công dân tỉnh theo quy định.")
    assert ask("Trụ sở Tiếp công dân tỉnh nằm ở địa chỉ nào?", ps).abstained
    ps = passages("Lãnh đạo tỉnh tiếp công dân định kỳ tại Trụ sở Tiếp công dân tỉnh theo quy định.",
                  "Trụ sở Tiếp công dân tỉnh đặt tại số 52 đường Hùng Vương, thành phố Quy Nhơn.")
    assert "52 đường Hùng Vương" in ask("Trụ sở Tiếp công dân tỉnh nằm ở địa chỉ nào?", ps).text
    # a place's address is a street's: a web address said "tại địa chỉ https://…" is not where it stands
    web = passages("Lịch tiếp công dân của Trụ sở Tiếp công dân tỉnh được đăng tải tại địa chỉ "
                   "https://tiepcongdan.quangngai.gov.vn.")
    assert ask("Trụ sở Tiếp công dân tỉnh nằm ở địa chỉ nào?", web).abstained
    assert "tiepcongdan.quangngai.gov.vn" in ask("Lịch tiếp công dân được đăng tải tại địa chỉ nào?", web).text


def test_the_channel_asked_is_judged_in_the_figure_s_own_phrase():
    ps = passages("Trong năm, đã tiếp nhận 220 phản ánh, kiến nghị về TTHC. Trong đó có 20 phản ánh, kiến nghị của "
                  "công dân qua đơn thư, 114 phản ánh, kiến nghị trên Hệ thống phản ánh, kiến nghị của Chính phủ, 86 "
                  "phản ánh được tiếp nhận thông qua đường dây nóng và trực tiếp tại trụ sở.")
    q = understand("Năm 2022 Văn phòng nhận được mấy phản ánh, kiến nghị về TTHC mà công dân gửi bằng đơn thư?")
    cands = extractive.figure_candidates(q, ps, reading.TermWeights([p.chunk for p in ps]))
    channel = {c.figure: c.extra["features"]["channel"] for c in cands}
    assert channel["20"] == 1.0 and channel["114"] == channel["220"] == 0.0  # not the words before 114
    # a part saying the channel asked is what is asked, not a part of the total asked
    breakdown = {c.figure: c.extra["features"]["breakdown"] for c in cands}
    assert breakdown["20"] == 0.0 and breakdown["114"] == 1.0
    assert ask(q.question, ps).meta["figures"] == ["20"]


def test_a_long_sentence_is_cut_before_a_figure_not_inside_a_noun_written_with_a_comma():
    text = ("Trong năm, Trung tâm đã tiếp nhận và chuyển xử lý 220 phản ánh, kiến nghị về thủ tục hành chính của "
            "người dân và doanh nghiệp trên địa bàn tỉnh, trong đó có 20 phản ánh, kiến nghị của công dân gửi qua "
            "đơn thư đến Văn phòng, 114 phản ánh, kiến nghị trên Hệ thống tiếp nhận của Chính phủ thuộc Cổng Dịch vụ "
            "công quốc gia, 86 phản ánh được tiếp nhận thông qua đường dây nóng và trực tiếp tại trụ sở cơ quan.")
    pieces = [text[s:e] for s, e in spans.clause_spans(text, 0, len(text))]
    assert any(p.startswith("114 phản ánh") for p in pieces)
    assert not any(p.startswith("kiến nghị") for p in pieces)


def test_a_share_is_found_through_a_scan_s_signs_inside_its_words():
    ps = passages("Hb so cua cac sd, nganh tiép nhan 95.100 ho so; da giai quyét 93.600 ho so, trong do tra két qua "
                  "trudc han va ding han 93.543 ho so, chiém ty 1€ 99,94%; tré& han 57 ho so, chiém ty 1& 0,06%.",
                  meta=SCAN)
    assert ask("Năm 2022 tỷ lệ trễ hạn của hồ sơ các sở, ngành là mấy phần trăm?", ps).meta["figures"] == ["0,06%"]


def test_a_follow_up_naming_no_channel_keeps_the_last_turn_s():
    first = understand("6 tháng đầu năm 2022 Văn phòng nhận mấy phản ánh, kiến nghị qua đơn thư?")
    assert "don" in extractive.channel_pattern(understand("Cả năm 2022 thì sao?", first))
    own = extractive.channel_pattern(understand("Còn bao nhiêu phản ánh qua đường dây nóng?", first))
    assert "nong" in own and "don" not in own


def test_a_short_sentence_saying_no_case_under_its_topic_s_heading_answers_a_yes_no_question():
    ps = [Passage(Chunk("r.txt#0001", "r.txt", "Thường xuyên quán triệt các quy định về những việc cán bộ, công chức "
                        "không được làm. Kết quả trong kỳ báo cáo, cơ quan không có trường hợp nào vi phạm.",
                        ["II. Kết quả", "2.4. Việc nâng cao đạo đức công vụ"]), META, 0.0),
          Passage(Chunk("r.txt#0002", "r.txt", "Công tác văn thư, lưu trữ được duy trì thường xuyên, bảo đảm đúng quy định.",
                        ["II. Kết quả", "2.5. Công tác văn thư"]), META, 0.0)]
    draft = ask("Trong năm 2022, cơ quan Văn phòng UBND tỉnh có bị phát hiện trường hợp nào sai phạm về đạo đức công "
                "vụ, văn hóa công sở không?", ps)
    assert not draft.abstained and draft.text.startswith("Không.")


def test_a_question_asking_for_two_figures_gets_both():
    ps = passages(
        "Hồ sơ đất đai của hộ gia đình, cá nhân: tiếp nhận 3.100 hồ sơ, đã giải quyết 2.900 hồ sơ, trong đó trước hạn "
        "và đúng hạn 2.700 hồ sơ; trễ hạn 200 hồ sơ.",
        "Đến cuối năm, còn đang giải quyết 410 hồ sơ đất đai của hộ gia đình, cá nhân do chờ bổ sung giấy tờ.",
        "Công tác văn thư được duy trì thường xuyên.",
    )
    draft = ask("Năm 2022 đã giải quyết bao nhiêu hồ sơ đất đai của hộ gia đình, còn bao nhiêu đang giải quyết?", ps)
    assert draft.meta.get("parts") == 2
    assert "2.900" in draft.text and "410" in draft.text


def test_a_plan_of_another_issuer_is_not_the_offices_own():
    ps = passages(
        "Văn phòng thực hiện Kế hoạch số 01/KH-UBND ngày 05/01/2022 của UBND tỉnh về công tác phòng, chống tham nhũng "
        "năm 2022 của Văn phòng và các sở.",
        "Ban hành Kế hoạch số 07/KH-VP ngày 17/01/2022 về phòng, chống tham nhũng.",
    )
    draft = ask("Kế hoạch phòng, chống tham nhũng năm 2022 của Văn phòng là kế hoạch số mấy?", ps)
    assert "07/KH-VP" in draft.text and "01/KH-UBND" not in draft.text


def test_a_followup_is_not_split_although_its_standalone_form_has_two_count_words():
    prev = understand("Năm 2022 phê duyệt danh mục bao nhiêu thủ tục?")
    q = understand("Trong đó toàn trình bao nhiêu?", prev)
    assert q.followup and parts.question_parts(q) == [q]


def test_a_paraphrase_of_the_reports_wording_finds_the_figure():
    # "bị chậm" is how users say what reports write "trễ hạn"
    ps = passages("Tiếp nhận 530 hồ sơ trong năm 2022. Trễ hạn 12 hồ sơ.")
    draft = ask("Năm 2022 có bao nhiêu hồ sơ bị chậm?", ps)
    assert draft.meta["figures"] == ["12"]


def test_thesaurus_adds_the_equivalent_phrasings_of_what_a_text_says():
    from assistant.thesaurus import equivalents

    assert {"xu", "ly"} <= equivalents("da giai quyet 40 ho so")
    assert "cham" in equivalents("tre han 57 ho so")
    assert "cham" in equivalents("tre& han 57 ho so")  # OCR debris inside the phrase
    assert equivalents("cong tac van thu duoc duy tri") == set()


def test_proper_names_are_title_case_runs_not_the_first_word():
    assert names.proper_names("Nửa đầu năm 2023 huyện Bình Sơn có bao nhiêu hồ sơ?") == ["Bình Sơn"]
    assert names.proper_names("Năm 2023 Sở Công Thương Quảng Ngãi có tỷ lệ bao nhiêu?") == ["Sở Công Thương Quảng Ngãi"]
    # a body's head word opens a name even as the question's first word
    assert names.proper_names("Ban Tiếp công dân tỉnh nhận bao nhiêu đơn?") == ["Ban Tiếp"]
    assert names.proper_names("Năm nay Tiếp công dân tỉnh nhận bao nhiêu đơn?") == []
    assert names.proper_names("nam 2023 huyen binh son co bao nhieu don") == []


def test_a_place_the_reports_never_name_is_not_answered_with_another_places_figure():
    ps = passages("Năm 2022, Ban Tiếp công dân tỉnh Bình Định đã tiếp nhận 81 đơn, trong đó 12 đơn khiếu nại.")
    draft = ask("Năm 2022 huyện Hoài Nhơn tiếp nhận bao nhiêu đơn?", ps)
    assert draft.abstained and "Hoài Nhơn" in draft.meta["abstain_reason"]
    # two names side by side, each in the report, are found
    assert not ask("Năm 2022 Ban Tiếp công dân Bình Định tiếp nhận bao nhiêu đơn?", ps).abstained


def test_a_place_named_only_in_a_footnote_of_the_quoted_chunk_is_not_where_the_figure_was_counted():
    ps = passages("[3] UBND xã Tam Quan (huyện Hoài Nhơn); UBND xã Cát Tiến (huyện Phù Cát).\n\n"
                  "- Trung tâm tiếp nhận 9.800 hồ sơ, giải quyết và trả kết quả 9.500 hồ sơ.")
    draft = ask("Năm 2022 huyện Hoài Nhơn giải quyết bao nhiêu hồ sơ?", ps)
    assert draft.abstained and "Hoài Nhơn" in draft.meta["abstain_reason"]
    assert not ask("Năm 2022 Trung tâm giải quyết bao nhiêu hồ sơ?", ps).abstained


def test_a_name_read_with_a_misread_letter_in_a_scan_is_found():
    ps = passages("Thuc hien theo dé nghi cia S& Noi vu tai Cong van s6 1998/SNV-XDCQ, nam 2022 da tiép nhan 81 don.",
                  meta=SCAN)
    assert names.missing_names("Theo đề nghị của Sở Nội vụ năm 2022 tiếp nhận bao nhiêu đơn?", ps) == []
    assert names.missing_names("Năm 2022 huyện Hoài Nhơn tiếp nhận bao nhiêu đơn?", ps) == ["Hoài Nhơn"]


def test_a_sentence_continuing_its_paragraph_shares_its_setting():
    ps = passages("Tính đến ngày 28/2/2022 tại Trung tâm Phục vụ hành chính công tỉnh đã tiếp nhận 5.718 hồ sơ, "
                  "đã giải quyết 5.395 hồ sơ. Hồ sơ đang giải quyết: 56 hồ sơ.")
    ct = reading.analyse(ps[0].chunk)
    assert {"trung", "tam"} <= extractive.paragraph_before(ct, 1)
    assert extractive.paragraph_before(ct, 0) == set()


def test_the_second_figure_asked_is_another_figure_saying_the_parts_own_words():
    ps = passages(
        "Năm 2022, Chủ tịch UBND tỉnh giao cho Văn phòng 62 biên chế hành chính và 16 biên chế sự nghiệp. "
        "Tính đến ngày 28/12/2022 đã sử dụng 56 biên chế, còn 06 biên chế.",
        "Công tác văn thư được duy trì thường xuyên.",
    )
    draft = ask("Năm 2022 Chủ tịch UBND tỉnh giao cho Văn phòng bao nhiêu biên chế hành chính, "
                "và tính đến 28/12/2022 đã sử dụng bao nhiêu?", ps)
    assert draft.meta.get("parts") == 2
    assert draft.meta["figures"] == ["62", "56"]


def test_a_bare_figure_continuing_an_enumeration_counts_the_same_noun():
    ps = passages("Biên chế của Văn phòng được giao năm 2022: công chức được giao là 58, đang thực hiện 53; "
                  "hợp đồng là 07.",
                  "Nâng lương thường xuyên đối với 02 công chức và 01 viên chức.")
    draft = ask("Biên chế công chức của Văn phòng năm 2022 được giao bao nhiêu, hiện đang thực hiện bao nhiêu?", ps)
    assert "58" in draft.meta["figures"] and "53" in draft.meta["figures"]
    assert "nâng lương" not in draft.text.lower()


def test_ocr_tyle_read_as_ty_1_is_not_a_figure():
    folded = "chiem ty 18 93,2%"
    le, share = folded.index("18"), folded.index("93")
    assert extractive._is_reference_number(folded, le, le + 2)  # "18" is "lệ"
    assert not extractive._is_reference_number(folded, share, share + 5)


def test_a_department_named_without_its_head_in_a_list_is_found():
    ps = passages("Tỷ lệ hồ sơ phát sinh trực tuyến năm 2022: Sở Công Thương 96,5%; Tư pháp 92,6%; Xây dựng 91,8%.")
    assert names.missing_names("Năm 2022 Sở Công Thương và Sở Tư pháp đạt tỷ lệ bao nhiêu?", ps) == []
    assert names.missing_names("Năm 2022 Sở Giao Thông đạt tỷ lệ bao nhiêu?", ps) == ["Sở Giao Thông"]


def test_a_department_named_after_another_head_is_another_body():
    ps = passages("Hồ sơ đất đai do Phòng Tài nguyên và Môi trường thành phố tiếp nhận 14.076 hồ sơ.")
    assert names.missing_names("Năm 2022 Sở Tài nguyên và Môi trường tiếp nhận bao nhiêu hồ sơ?", ps) == ["Sở Tài"]
    assert names.missing_names("Năm 2022 Phòng Tài nguyên và Môi trường tiếp nhận bao nhiêu hồ sơ?", ps) == []


def test_a_day_asked_is_answered_only_by_a_sentence_with_a_date():
    ps = passages("Hội nghị cán bộ, công chức của Văn phòng năm 2022 được tổ chức trang trọng, đúng quy định.",
                  "Công tác văn thư được duy trì thường xuyên.")
    assert ask("Hội nghị cán bộ, công chức năm 2022 của Văn phòng được tổ chức vào ngày nào?", ps).abstained
    # the next sentence dates what the best one tells: both are quoted
    ps = passages("Triển khai nộp hồ sơ trực tuyến đối với 04 thủ tục đăng ký hộ kinh doanh, thông báo khuyến mại. "
                  "Từ 01/6/2022, việc này bắt buộc.")
    draft = ask("Kể từ ngày nào các thủ tục đăng ký hộ kinh doanh, thông báo khuyến mại chỉ nhận hồ sơ trực tuyến?", ps)
    assert not draft.abstained and "01/6/2022" in draft.text and "hộ kinh doanh" in draft.text


def test_a_department_whose_name_the_reports_only_use_as_a_verb_is_missing():
    ps = passages("Năm 2022 Văn phòng đã xây dựng kế hoạch cải cách hành chính; Sở Tư pháp đạt 92,6%.")
    assert names.missing_names("Năm 2022 Sở Xây dựng đạt tỷ lệ bao nhiêu?", ps) == ["Sở Xây"]
    assert names.missing_names("Năm 2022 Sở Tư pháp đạt tỷ lệ bao nhiêu?", ps) == []


def test_a_second_part_without_its_own_counted_noun_counts_the_first_parts():
    ps = passages("Năm 2022 phê duyệt Danh mục dịch vụ công trực tuyến gồm 973 thủ tục, trong đó dịch vụ công "
                  "trực tuyến một phần 512 thủ tục, dịch vụ công trực tuyến toàn trình 461 thủ tục.")
    draft = ask("Danh mục dịch vụ công trực tuyến năm 2022 có bao nhiêu thủ tục, trong đó bao nhiêu là "
                "dịch vụ công trực tuyến toàn trình?", ps)
    assert "973" in draft.meta["figures"] and "461" in draft.meta["figures"]


def test_a_part_not_found_is_named_and_the_found_part_kept():
    ps = passages("Năm 2022 Văn phòng đã tiếp nhận 530 hồ sơ.", "Công tác văn thư được duy trì thường xuyên.")
    draft = ask("Năm 2022 Văn phòng tiếp nhận bao nhiêu hồ sơ, và bao nhiêu hồ sơ bị trả lại do thiếu giấy tờ?", ps)
    assert not draft.abstained and draft.meta["figures"] == ["530"]
    assert "Không tìm thấy số liệu cho" in draft.text and draft.meta["parts_missing"]


def test_people_named_earlier_in_the_sentence_are_counted_as_nguoi():
    ps = passages("Tổng số viên chức của hai đơn vị sự nghiệp trực thuộc Văn phòng năm 2022 là 48 người; "
                  "trong năm đã cử 12 lượt đi đào tạo, bồi dưỡng.",
                  "Công tác văn thư được duy trì thường xuyên.")
    draft = ask("Năm 2022 hai đơn vị sự nghiệp có bao nhiêu viên chức?", ps)
    assert not draft.abstained and draft.meta["figures"] == ["48"]


def test_two_questions_in_one_message_get_two_figures():
    ps = passages("Năm 2022 Văn phòng đã tiếp nhận 530 hồ sơ, đã giải quyết 512 hồ sơ, đang giải quyết 18 hồ sơ.",
                  "Công tác văn thư được duy trì thường xuyên.")
    draft = ask("Năm 2022 Văn phòng tiếp nhận bao nhiêu hồ sơ? Đã giải quyết bao nhiêu?", ps)
    assert draft.meta.get("parts") == 2
    assert draft.meta["figures"] == ["530", "512"]


def test_a_clause_opening_trong_do_is_a_part_not_the_total_asked():
    ps = passages("Năm 2022, Văn phòng tiếp nhận 320 hồ sơ; trong đó tiếp nhận trực tuyến 140 hồ sơ.",
                  "Công tác văn thư được duy trì thường xuyên.")
    draft = ask("Năm 2022 Văn phòng tiếp nhận bao nhiêu hồ sơ?", ps)
    assert draft.meta["figures"] == ["320"]


def test_a_share_is_described_by_the_figure_it_is_a_share_of():
    ps = passages("Hồ sơ đất đai của hộ gia đình năm 2022: đã giải quyết 26.840 hồ sơ, trong đó trước hạn và đúng hạn "
                  "25.012 hồ sơ, chiếm tỷ lệ 93,2%; trễ hạn 1.828 hồ sơ, chiếm tỷ lệ 6,8%; đang giải quyết 1.853 hồ sơ.",
                  "Công tác văn thư được duy trì thường xuyên.")
    draft = ask("Năm 2022 hồ sơ đất đai của hộ gia đình bị trễ hạn chiếm tỷ lệ bao nhiêu?", ps)
    assert draft.meta["figures"] == ["6,8%"]


def test_the_share_asked_after_a_count_is_the_one_beside_it():
    ps = passages("Hồ sơ của các sở, ngành năm 2022: tiếp nhận 95.100 hồ sơ, trước hạn và đúng hạn 93.543 hồ sơ, "
                  "chiếm tỷ lệ 99,94%; trễ hạn 57 hồ sơ, chiếm tỷ lệ 0,06%.",
                  "Tỷ lệ hồ sơ của các sở, ngành bị trễ hạn năm 2022 đã giảm, tỷ lệ hài lòng đạt 98%.")
    draft = ask("Năm 2022 hồ sơ của các sở, ngành bị trễ hạn bao nhiêu, tỷ lệ mấy phần trăm?", ps)
    assert draft.meta["figures"] == ["57", "0,06%"]


def test_the_reports_acronyms_match_their_spelled_out_words_either_way():
    from assistant.thesaurus import equivalents

    assert {"thu", "tuc", "hanh", "chinh"} <= equivalents("100% tthc duoc cong khai")
    assert "tthc" in equivalents("100% thu tuc hanh chinh duoc cong khai")
    assert "tttt" in equivalents("so thong tin va truyen thong")
    assert "dien" in equivalents("nop va tra ket qua qua duong buu chinh")  # "qua bưu điện"
    ps = passages("Đến nay 100% TTHC thuộc thẩm quyền của Sở đã được thực hiện trên môi trường điện tử.",
                  "Năm 2022 100% thủ tục hành chính của Sở được công khai trên Cổng Thông tin điện tử của tỉnh.")
    draft = ask("Năm 2022 bao nhiêu phần trăm thủ tục hành chính của Sở được thực hiện trên môi trường điện tử?", ps)
    assert "môi trường điện tử" in draft.text


def test_online_public_services_are_counted_in_procedures_even_misread_in_a_scan():
    def attach(text: str, figure: str, fuzzy: bool = True) -> float:
        at = text.index(figure)
        return extractive.attachment(text, at, at + len(figure), "dich vu cong", fuzzy=fuzzy)

    assert attach("toan trinh 461 thu tuc", "461") == 0.85  # a public service is counted in procedures
    assert attach("mot phan 512 thi tuc", "512") == 0.6  # … with one letter misread in a scan
    assert attach("mot phan 512 thi tuc", "512", fuzzy=False) == 0.0
    assert attach("danh muc dich vu cong truc tuyen (973 thii tuc", "973") == 0.7  # "(N": counts what precedes


def test_an_ocr_trong_do_still_opens_the_parts_of_a_total():
    ps = passages("Nam 2022, Van phong tiep nhan 320 ho so; trong d6 tiep nhan truc tuyen 140 ho so.",
                  "Cong tac van thu duoc duy tri thuong xuyen.", meta=SCAN)
    draft = ask("Năm 2022 Văn phòng tiếp nhận bao nhiêu hồ sơ?", ps)
    assert draft.meta["figures"] == ["320"]


def test_a_month_asked_is_not_answered_by_a_figure_for_other_months():
    ps = passages("Tiếp nhận hồ sơ: Tính từ ngày 01/01/2022 đến ngày 28/2/2022 tại Trung tâm đã tiếp nhận 5.718 hồ sơ. "
                  "Hồ sơ đang giải quyết: 56 hồ sơ.\n\nBộ phận một cửa của Trung tâm: Tiếp nhận 104 hồ sơ.",
                  "Công tác văn thư được duy trì thường xuyên.")
    assert ask("Tháng 3/2022 Trung tâm tiếp nhận bao nhiêu hồ sơ?", ps).abstained  # the span holds for the section
    draft = ask("Từ đầu năm 2022 đến cuối tháng 2 Trung tâm tiếp nhận bao nhiêu hồ sơ?", ps)
    assert draft.meta["figures"] == ["5.718"]
    assert extractive.stated_months("tinh den ngay 28/2/2022 co 56 ho so") == (1, 2)
    assert extractive.stated_months("nam 2022 co 56 ho so") is None
    assert extractive.stated_months("tu ngay 01/03/2022 den ngay 31/3/2022 co 56 ho so", last=True) == (3, 3)


def test_the_figure_followed_by_the_asked_compound_noun_is_chosen():
    ps = passages("Năm 2022 Văn phòng tham mưu UBND tỉnh ban hành 36 quyết định công bố danh mục và quy trình nội bộ "
                  "giải quyết thủ tục hành chính. Các văn bản gồm: 79 Quyết định QPPL, 1.288 Quyết định khác.",
                  "Công tác văn thư được duy trì thường xuyên.")
    # "79 Quyết định QPPL": the acronym right after the noun stands for the question's compound
    draft = ask("Năm 2022 Văn phòng tham mưu ban hành bao nhiêu quyết định quy phạm pháp luật?", ps)
    assert draft.meta["figures"] == ["79"]
    assert extractive.compound(understand("Có mấy đơn vị hành chính?")) == ["hanh", "chinh"]
    # a modifier opened by a preposition is no compound
    assert extractive.compound(understand("Có bao nhiêu phản ánh về thủ tục hành chính?")) == []
    assert extractive.compound(understand("Có bao nhiêu hồ sơ thuộc thẩm quyền của các sở?")) == []


def test_words_a_scan_misread_are_read_as_the_question_words_they_stand_for():
    from ingest.vietnamese import is_syllable

    assert not is_syllable("hudng") and not is_syllable("lugt") and is_syllable("huong") and is_syllable("nghieng")
    # "-ng"/"-c" never follow a bare "i" ("đúng" scanned as "ding"); "-nh"/"-ch" never follow "o"/"u"
    assert not is_syllable("ding") and not is_syllable("thyc") and not is_syllable("chonh")
    assert is_syllable("dinh") and is_syllable("thich") and is_syllable("nghieng") and is_syllable("khuynh")
    assert reading.misread("ding", {"dung"}) == "dung"
    assert reading.misread("hudng", {"huong", "dan"}) == "huong"
    assert reading.misread("dbi", {"dai"}) is None  # in a short word only a letter put for a marked vowel may differ
    assert reading.misread("sd", {"so"}) == "so" and reading.misread("dbi", {"doi"}) == "doi"  # "sở", "đối"
    assert reading.misread("nhan", {"nhin"}) is None  # a real syllable is never taken for another
    ps = passages("Trung tam duy tri muc do hai long cua nguoi dan dat 99,8% voi 33.689 luot danh gia.",
                  "Hang ngay tu van, hudng dan ndp ho so cho hon 600 lugt nguoi.", meta=SCAN)
    draft = ask("Năm 2022 Trung tâm mỗi ngày hướng dẫn người dân nộp hồ sơ cho bao nhiêu lượt người?", ps)
    assert draft.meta["figures"] == ["600"]


def test_the_units_name_weighs_less_among_a_figures_own_words():
    ps = passages("Năm 2022, số lượng hồ sơ tiếp nhận tại Trung tâm Phục vụ - Kiểm soát TTHC là 56.703 hồ sơ.\n"
                  "Thực hiện tiếp nhận hồ sơ, trả kết quả giải quyết ngay tại chỗ với tổng số 17.053 hồ sơ.")
    q = understand("Năm 2022 Trung tâm Phục vụ - Kiểm soát TTHC giải quyết ngay tại chỗ bao nhiêu hồ sơ?")
    cands = extractive.figure_candidates(q, ps, reading.TermWeights([p.chunk for p in ps]))
    local = {c.figure: c.extra["features"]["local"] for c in cands}
    assert local["17.053"] > local["56.703"]  # "giải quyết ngay tại chỗ" says what is asked; the name only places it


def test_a_mark_not_and_splits_a_question_asking_two_figures():
    split = parts.question_parts(understand(
        "Năm 2022 các sở tiếp nhận bao nhiêu hồ sơ, tỷ lệ trả trước hạn và đúng hạn là bao nhiêu?"))
    assert [p.noun for p in split] == ["ho so", "%"]
    assert split[1].question == "Còn tỷ lệ trả trước hạn và đúng hạn là bao nhiêu?"
    split = parts.question_parts(understand("Năm 2023 có bao nhiêu TTHC sửa đổi, bổ sung và bao nhiêu TTHC bị bãi bỏ?"))
    assert split[0].question.endswith("sửa đổi, bổ sung") and split[1].question == "Còn bao nhiêu TTHC bị bãi bỏ?"
    assert len(parts.question_parts(understand("Sau khi sắp xếp lại bộ máy, Văn phòng còn mấy phòng?"))) == 1


def test_danh_muc_before_a_figure_introduces_a_count_not_a_section_number():
    text = "phe duyet danh muc 24 tthc duoc rut ngan thoi gian; theo muc 2 cua ke hoach"
    at = text.index("24")
    assert not extractive._is_reference_number(text, at, at + 2)
    at = text.index("2 cua")
    assert extractive._is_reference_number(text, at, at + 1)


def test_a_noun_guessed_from_elsewhere_in_the_question_does_not_stop_the_answer():
    ps = passages("Trong hầu hết các lĩnh vực, các TTHC đã được cắt giảm tới 50% - 60% thời hạn giải quyết so với "
                  "thời gian giải quyết theo quy định của pháp luật.",
                  "Sở đã tiếp nhận 1.200 hồ sơ trực tuyến trong năm.")
    q = understand("Năm 2022 thời gian xử lý hồ sơ được rút ngắn khoảng bao nhiêu so với luật quy định?")
    assert q.noun == "ho so" and not extractive.noun_after_count(q)
    draft = ask("Năm 2022 thời gian xử lý hồ sơ được rút ngắn khoảng bao nhiêu so với luật quy định?", ps)
    assert not draft.abstained and "50% - 60%" in draft.text
    assert extractive.noun_after_count(understand("Năm 2022 Sở tiếp nhận bao nhiêu hồ sơ?"))
    from assistant.thesaurus import equivalents

    assert {"cat", "giam"} <= equivalents("danh muc tthc duoc rut ngan thoi gian")  # "cắt giảm" a time limit


def test_a_name_the_report_gives_elsewhere_does_not_make_another_figure_its_own():
    ps = passages("Năm 2022, Trung tâm tiếp nhận, giải quyết 20.466 hồ sơ thủ tục hành chính trực tuyến của các sở.",
                  "Các xã đạt chuẩn tiếp công dân: UBND xã Đức Minh (huyện Mộ Đức); UBND xã Phổ Vinh (thị xã Đức Phổ).")
    draft = ask("Huyện Mộ Đức năm 2022 giải quyết bao nhiêu hồ sơ thủ tục hành chính?", ps)
    assert draft.abstained and "Mộ Đức" in draft.meta["abstain_reason"]
    assert ask("Năm 2022 Trung tâm giải quyết bao nhiêu hồ sơ trực tuyến?", ps).meta["figures"] == ["20.466"]


def test_a_literal_noun_matched_by_its_first_word_is_not_another_known_noun():
    assert understand("Năm 2022 Trung tâm gửi bao nhiêu thư xin lỗi?").noun == "lit:thu"
    text = "trien khai 100% viec nop ho so qua thiet bi di dong doi voi 04 thu tuc"
    at = text.index("04")
    assert extractive.attachment(text, at, at + 2, "lit:thu") == 0.0  # "04 thủ tục" counts procedures
    text = "gui 12 thu xin loi toi nguoi dan"
    at = text.index("12")
    assert extractive.attachment(text, at, at + 2, "lit:thu") == 1.0


def test_a_list_of_documents_of_one_type_quotes_sentences_naming_them():
    ps = passages("Năm 2022 Văn phòng tiếp tục tổ chức thực hiện tốt công tác dân vận chính quyền, công tác tiếp công dân "
                  "và công tác dân vận của cơ quan hành chính nhà nước các cấp.",
                  "Tiếp tục thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ và Chỉ thị số "
                  "08-CT/TU ngày 25/5/2021 của Ban Thường vụ Tỉnh ủy về công tác dân vận.")
    draft = ask("Năm 2022 Văn phòng tiếp tục tổ chức thực hiện những chỉ thị nào về công tác dân vận?", ps)
    assert "33/CT-TTg" in draft.text and "08-CT/TU" in draft.text


def test_an_address_asked_is_answered_by_the_sentence_that_carries_it():
    ps = passages("Năm 2022 cán bộ của Sở xử lý văn bản trên phần mềm quản lý văn bản đúng quy định, kịp thời.",
                  "Lãnh đạo Sở chỉ đạo cán bộ xử lý kịp thời văn bản trên phần mềm (qlvb.example.gov.vn).")
    draft = ask("Năm 2022 cán bộ của Sở xử lý văn bản trên phần mềm có địa chỉ gì?", ps)  # not a document number
    assert not draft.abstained and "qlvb.example.gov.vn" in draft.citations[0].quote


def test_the_question_s_word_pairs_in_a_figures_own_stretch_tell_grades_apart():
    ps = passages("Về đánh giá, xếp loại năm 2022. Có 10 cá nhân thuộc Văn phòng quản lý hoàn thành xuất sắc nhiệm vụ; "
                  "47 cá nhân hoàn thành tốt nhiệm vụ; 02 cá nhân hoàn thành nhiệm vụ.",
                  "Công tác văn thư được duy trì thường xuyên.")
    assert ask("Năm 2022 có mấy cá nhân chỉ xếp loại hoàn thành nhiệm vụ?", ps).meta["figures"] == ["02"]


def test_the_questions_word_pairs_are_read_across_commas():
    ps = passages("Các sở, ngành tiếp nhận 42.627 hồ sơ.", "Trung tâm tiếp nhận 56.703 hồ sơ.")
    weights = reading.TermWeights([p.chunk for p in ps])
    assert extractive._bigram_bonus(["so nganh"], "cac so, nganh tiep nhan 42.627 ho so", weights) == 1.0
    assert extractive._bigram_bonus(["so nganh"], "ho so nganh", weights) == 1.0
    assert extractive._bigram_bonus(["so nganh"], "cac so, ban nganh", weights) == 0.0


def test_a_list_is_the_sentence_whose_introduction_names_what_is_asked():
    ps = passages("Văn phòng đã ban hành Quyết định số 12/QĐ-VP về quy chế làm việc của các đơn vị sự nghiệp; "
                  "Quyết định số 13/QĐ-VP về chế độ tài chính của đơn vị sự nghiệp; Quyết định số 14/QĐ-VP về văn thư.",
                  "Các đơn vị sự nghiệp gồm: Trung tâm Thông tin, Nhà khách UBND tỉnh và Nhà khách Thanh Xuân.")
    # "A, B và C" spells out three items; a bare run of ";" items introduces nothing
    draft = ask("Văn phòng UBND tỉnh Bình Định có những đơn vị sự nghiệp nào?", ps)
    assert draft.citations[0].quote.startswith("Các đơn vị sự nghiệp gồm")


def test_a_no_that_concludes_the_sentence_before_it_answers_a_yes_no_question():
    ps = passages("Văn phòng thường xuyên tổ chức thực hiện tốt Quy chế văn hóa công sở và quy tắc ứng xử của cán bộ, "
                  "công chức, viên chức tại cơ quan trong năm.",
                  "Văn phòng quán triệt quy tắc ứng xử, đạo đức công vụ đến cán bộ, công chức, viên chức, người lao động. "
                  "Kết quả trong kỳ báo cáo, cơ quan không có trường hợp nào vi phạm.")
    draft = ask("Năm 2022 có cán bộ, công chức nào của Văn phòng vi phạm quy tắc ứng xử không?", ps)
    assert draft.text.startswith("Không.") and "không có trường hợp nào vi phạm" in draft.citations[0].quote


def test_a_scanned_word_with_another_consonant_is_that_word_not_the_noun():
    # "cong" differs from "dong" (đồng) by one consonant: it is "công", never a misread "đồng"
    ps = passages("Kinh phi thuc hien nhiem vu kiem soat thu tuc hanh chinh, nhat 13 cong tac tren dia ban tinh.", meta=SCAN)
    assert ask("Năm 2022 kinh phí thực hiện nhiệm vụ kiểm soát thủ tục hành chính là bao nhiêu tiền?", ps).abstained
    # a marked vowel misread is still the noun ("lugt" for "lượt", see above): "thi tuc" is "thủ tục"
    ps = passages("Danh muc dich vu cong truc tuyen gom 973 thi tuc hanh chinh.", meta=SCAN)
    assert ask("Năm 2022 danh mục dịch vụ công trực tuyến có bao nhiêu thủ tục?", ps).meta["figures"] == ["973"]


def test_kinh_phi_asks_an_amount_of_money_and_hoat_dong_is_not_dong():
    from assistant.query import understand as parse

    assert parse("Kinh phí chi cho hoạt động của Ban năm 2022 là bao nhiêu?").noun == "tien"
    assert parse("Năm 2022 có bao nhiêu hoạt động được tổ chức?").noun != "tien"
    ps = passages("Ban đã tổ chức tốt các hoạt động, nhất là 13 cuộc tiếp công dân định kỳ của lãnh đạo tỉnh.")
    assert ask("Kinh phí chi cho hoạt động của Ban năm 2022 là bao nhiêu?", ps).abstained
    ps = passages("Kinh phí chi cho hoạt động của Ban năm 2022 là 450 triệu đồng.")
    assert "450 triệu đồng" in ask("Kinh phí chi cho hoạt động của Ban năm 2022 là bao nhiêu?", ps).text


def test_a_share_of_something_else_does_not_answer_the_share_asked():
    ps = passages("Hai đơn vị phục vụ người dân tại Trung tâm đã thực hiện tự chủ tài chính 100%, tự trang trải kinh phí.")
    assert ask("Năm 2022 tỷ lệ hài lòng của người dân tại Trung tâm là bao nhiêu %?", ps).abstained
    ps = passages("Kết quả khảo sát năm 2022, tỷ lệ hài lòng của người dân đạt 98,5%.")
    assert ask("Năm 2022 tỷ lệ hài lòng của người dân là bao nhiêu %?", ps).meta["figures"] == ["98,5%"]
    # the share of a counted noun is found in any of its forms ("TTHC" is "thủ tục hành chính")
    ps = passages("Đến nay 100% thủ tục hành chính thuộc thẩm quyền đã được công khai trên Cổng thông tin điện tử.")
    assert not ask("Năm 2022 bao nhiêu phần trăm TTHC thuộc thẩm quyền được công khai?", ps).abstained


def test_a_figure_of_another_channel_does_not_answer_the_channel_asked():
    ps = passages("Năm 2022 có 21.769 hồ sơ được nộp và trả kết quả qua đường bưu chính theo yêu cầu của công dân.")
    assert ask("Năm 2022 có bao nhiêu hồ sơ được nộp qua ứng dụng trên điện thoại di động?", ps).abstained
    # the same channel in other words of the thesaurus ("bưu điện" / "bưu chính") answers
    draft = ask("Năm 2022 có bao nhiêu hồ sơ được gửi và trả kết quả qua bưu điện?", ps)
    assert draft.meta["figures"] == ["21.769"]
    # "kết quả", "quá hạn" fold to "qua" but name no channel
    assert ask("Năm 2022 có bao nhiêu hồ sơ được trả kết quả?", ps).meta["figures"] == ["21.769"]
    # in a scan the channel's vowels may be misread ("hinh thirc" for "hình thức")
    ps = passages("Thi diem 97 thu tuc tiep nhan va tra ket qua hoan toan bang hinh thirc trirc tuyen.", meta=SCAN)
    assert ask("Năm 2022 có bao nhiêu thủ tục trả kết quả bằng hình thức trực tuyến?", ps).meta["figures"] == ["97"]


def test_a_literal_nouns_first_word_alone_does_not_introduce_a_figure():
    # "thành viên" is not in the dictionary; "Thanh" of "Nhà khách Thanh Xuân … là 48 người" is not it
    ps = passages("Tổng số viên chức của Ban gồm hai nhà khách (Nhà khách Thanh Xuân, Nhà khách tỉnh là 48 người).")
    assert ask("Năm 2022 Ban có mấy thành viên?", ps).abstained
    ps = passages("Năm 2022, Ban có 07 thành viên, hoạt động theo quy chế.")
    assert ask("Năm 2022 Ban có mấy thành viên?", ps).meta["figures"] == ["07"]


def test_va_before_a_verbs_marker_splits_a_two_figure_question_not_a_comma_inside_a_noun_list():
    q = understand("Năm 2022 Trung tâm nhận bao nhiêu hồ sơ của các cơ quan, đơn vị và đã giải quyết xong bao nhiêu?")
    first, second = parts.question_parts(q)
    assert "đơn vị" in first.question and "đơn vị" not in second.question
    ps = passages("Năm 2022, số hồ sơ tiếp nhận tại Trung tâm của 20 cơ quan, đơn vị là 56.703 hồ sơ, "
                  "đã giải quyết 53.503 hồ sơ, đang giải quyết 3.200 hồ sơ.",
                  "Cơ cấu tổ chức gồm 07 đơn vị hành chính và 01 đơn vị sự nghiệp.")
    draft = ask(q.question, ps)
    assert draft.meta["figures"] == ["56.703", "53.503"] and len(draft.citations) == 1


def test_a_breakdown_goes_on_past_a_full_stop_in_its_paragraph():
    ps = passages("Tiếp công dân: năm 2022 đã tiếp 31 lượt với 53 người, có 02 đoàn đông người với 22 công dân. "
                  "Trong đó: Tiếp thường xuyên 24 lượt, 36 công dân, có 01 đoàn đông người với 14 công dân. "
                  "Tiếp định kỳ, đột xuất của lãnh đạo UBND tỉnh: 07 lượt với 17 công dân, có 01 đoàn đông người với 08 công dân.")
    assert ask("Năm 2022 có mấy đoàn đông người đến Văn phòng UBND tỉnh?", ps).meta["figures"] == ["02"]


def test_another_reports_figure_without_the_asked_phrase_is_not_a_line_of_the_answer():
    y21 = DocMeta(doc_id="a.txt", issuer="Văn phòng UBND tỉnh Bình Định", province="Bình Định", period=Period(2021), ocr_quality=0.3)
    y23 = DocMeta(doc_id="b.txt", issuer="Van phong UBND tinh Binh Dinh", province="Bình Định", period=Period(2023), ocr_quality=0.04)
    ps = (passages("Ban Tiếp công dân tỉnh đã tiếp nhận 995 đơn, xử lý 437 đơn đủ điều kiện (trong đó có 256 đơn khiếu nại; "
                   "36 đơn tố cáo).", meta=y21)
          + passages("Tiep nhan, xu ly don thu KNTC: Ban Tiep cong dan tinh da tiep nhan tong cong hon 1.076 don "
                     "(co hon 200 don co nhieu nguoi dung ten).", meta=y23))  # scanned: its lines are let in more easily
    q = understand("Ban Tiếp công dân tỉnh nhận được bao nhiêu đơn khiếu nại?")
    draft = extractive.answer(q, ps, reading.TermWeights([p.chunk for p in ps]), per_report=True)  # no period named
    assert draft.meta["figures"] == ["256"] and {c.doc_id for c in draft.citations} == {"a.txt"}


def test_tyle_scanned_as_ty_18_does_not_end_the_sentences_subject():
    # the words before a sentence's first count are its subject; "Tỷ lệ" scanned as "Ty 18" is no count
    ps = passages("Ty 18 ho so tiep nhan truc tuyen cua so, ban nganh tai Trung tam dat binh quan 70% voi 69.839 ho so.",
                  meta=SCAN)
    q = understand("Năm 2022 Trung tâm tiếp nhận bao nhiêu hồ sơ trực tuyến?")
    best = extractive.figure_candidates(q, ps, reading.TermWeights([p.chunk for p in ps]))[0]
    assert best.figure == "69.839" and best.extra["features"]["near"] == 1.0


def test_a_question_pair_said_in_the_thesauruss_other_words_counts_as_said():
    # "quá hạn" asked, "trễ hạn" written: the pair is in the figure's own stretch, "kết quả trước hạn" is not it
    w = reading.TermWeights([p.chunk for p in passages("trễ hạn 1.828 hồ sơ", "quá hạn")])
    assert extractive._bigram_bonus(["qua han"], "tre han 1.828 ho so", w) == 1.0
    assert extractive._bigram_bonus(["qua han"], "tra ket qua truoc han va dung han 25.012 ho so", w) == 0.0


def test_a_part_of_a_named_whole_is_not_answered_with_the_whole():
    # the report gives only the whole: "686 đơn đủ điều kiện" is no answer for the part "đơn tố cáo" among them
    ps = passages("Năm 2022 Ban Tiếp công dân tỉnh nhận hơn 1.076 đơn, số đơn đủ điều kiện xử lý khoảng 686 đơn.")
    assert ask("Năm 2022 trong số đơn đủ điều kiện xử lý có bao nhiêu đơn tố cáo?", ps).abstained
    # a part smaller than the whole named, with nothing else said, is not the other figure either
    assert ask("Trong khoảng 686 đơn đủ điều kiện xử lý năm 2022, có bao nhiêu đơn thuộc lĩnh vực đất đai?", ps).abstained
    # the part the report does break out is answered
    ps = passages("Năm 2022 xử lý 437 đơn đủ điều kiện (trong đó có 256 đơn khiếu nại; 36 đơn tố cáo).")
    assert ask("Năm 2022 trong số đơn đủ điều kiện xử lý có bao nhiêu đơn tố cáo?", ps).meta["figures"] == ["36"]
    # "trong 6 tháng" names a period, not a whole
    assert query.named_whole("Trong 6 tháng đầu năm 2023 có bao nhiêu hồ sơ?") is None
    assert query.named_whole("Trong hơn 12.000 văn bản tham mưu, có bao nhiêu giấy phép?") == query.Whole(12000, ["giay", "phep"])
    # a whole figure given, the words only the part says must be beside the part's figure
    ps = passages("Năm 2022 Trung tâm tiếp nhận 98.281 hồ sơ, giải quyết và trả kết quả 94.266 hồ sơ, đạt 99,5%.")
    assert ask("Trong 98.281 hồ sơ Trung tâm tiếp nhận năm 2022, hồ sơ lĩnh vực đất đai chiếm bao nhiêu?", ps).abstained
    assert ask("Trong 98.281 hồ sơ Trung tâm tiếp nhận năm 2022, bao nhiêu hồ sơ đã giải quyết và trả kết quả?",
               ps).meta["figures"] == ["94.266"]


def test_an_item_of_a_semicolon_list_owns_its_words_up_to_the_semicolon():
    # the item's words run past 40 characters and past a year ("giai đoạn 2020-2022") to its semicolon
    ps = passages("Năm 2022 có 15 cá nhân đạt danh hiệu “Chiến sỹ thi đua cấp cơ sở”; 03 cá nhân đề nghị Chủ tịch "
                  "UBND tỉnh công nhận danh hiệu “Chiến sỹ thi đua cấp tỉnh” giai đoạn 2020-2022; 12 cá nhân được tặng Giấy khen.")
    draft = ask("Năm 2022 có mấy cá nhân được đề nghị công nhận danh hiệu Chiến sỹ thi đua cấp tỉnh?", ps)
    assert draft.meta["figures"] == ["03"]


def test_a_figure_of_a_sibling_unit_does_not_answer_for_the_unit_asked():
    # the Centre's figures say "trả kết quả sớm" too, but the question asks the office's one-stop desk
    ps = passages("Tại Trung tâm Phục vụ hành chính công tỉnh đã tiếp nhận 5.718 hồ sơ; đã giải quyết, trả kết quả "
                  "sớm và đúng hạn: 5.395 hồ sơ.\nBộ phận một cửa của Văn phòng: Tiếp nhận 104 hồ sơ. Đã giải quyết "
                  "102 hồ sơ (trong đó trả sớm hạn 102 hồ sơ, đúng hạn 0 hồ sơ).")
    draft = ask("Năm 2022 Bộ phận một cửa của Văn phòng đã trả kết quả sớm hạn cho bao nhiêu hồ sơ?", ps)
    assert draft.meta["figures"] == ["102"]
    assert query.sibling_units("trung tam phuc vu - kiem soat tthc va ban tiep cong dan") == {"service centre",
                                                                                              "citizen reception"}


def test_a_word_beginning_another_word_does_not_introduce_a_figure():
    # "đơn vị và địa phương (97 thủ tục" counts no "đơn"; "số đơn đủ điều kiện: 97" does
    text = "danh muc cua cac don vi va dia phuong (97 thu tuc)"
    at = text.index("97")
    assert extractive.attachment(text, at, at + 2, "don") == 0.0
    text = "so don du dieu kien xu ly: 97"
    at = text.index("97")
    assert extractive.attachment(text, at, at + 2, "don") == 0.7


def test_the_provincial_office_named_is_not_answered_from_a_departments_report():
    so = DocMeta(doc_id="so.txt", title="Báo cáo", issuer="Sở Thông tin và Truyền thông tỉnh Bình Định",
                 province="Bình Định", period=Period(2022), ocr_quality=0.3)
    text = "Năm 2022 không có đơn, thư khiếu nại, tố cáo; tiếp nhận 12 đơn kiến nghị."
    assert ask("Năm 2022 Văn phòng UBND tỉnh Bình Định tiếp nhận bao nhiêu đơn kiến nghị?", passages(text, meta=so)).abstained
    assert ask("Năm 2022 Văn phòng UBND tỉnh Bình Định tiếp nhận bao nhiêu đơn kiến nghị?",
               passages(text)).meta["figures"] == ["12"]  # the office's own report


def test_the_words_placing_the_unit_do_not_tell_what_is_counted():
    # "thuộc Văn phòng" places the people; "tốt" tells which of the list's items is asked
    ps = passages("Năm 2022 có 10 cá nhân thuộc Văn phòng quản lý hoàn thành xuất sắc nhiệm vụ; 47 cá nhân hoàn thành "
                  "tốt nhiệm vụ; 02 cá nhân hoàn thành nhiệm vụ.",
                  *["Văn phòng thực hiện tốt công tác dân vận, chấp hành tốt quy định."] * 6)  # "tốt" is a common word
    draft = ask("Năm 2022 có bao nhiêu cá nhân thuộc Văn phòng UBND tỉnh hoàn thành tốt nhiệm vụ?", ps)
    assert draft.meta["figures"] == ["47"]


def test_which_organisation_is_answered_by_a_sentence_naming_one():
    ps = passages("Năm 2022, Văn phòng tổ chức Hội nghị cán bộ, công chức, viên chức; thực hiện việc điều động, luân "
                  "chuyển công chức theo quy định của UBND tỉnh.\nĐiều động: 01 công chức chuyển công tác về Sở Y tế.\n"
                  "Số công chức được điều động trong năm là 01 người.")
    draft = ask("Năm 2022 công chức được điều động khỏi Văn phòng chuyển về cơ quan nào?", ps)
    assert not draft.abstained and "Sở Y tế" in draft.text and "Hội nghị" not in draft.text


def test_a_figure_qualified_opposite_to_the_question_loses_to_the_one_qualified_as_asked():
    # "trễ hạn" asked: the share of the cases settled "trước hạn và đúng hạn" is the opposite case,
    # though its clause says more of the question's words ("trả kết quả")
    ps = passages("Hồ sơ đất đai của hộ gia đình, cá nhân: tiếp nhận 9.400 hồ sơ, đã giải quyết 9.000 hồ sơ, trong đó "
                  "trả kết quả trước hạn và đúng hạn 8.500 hồ sơ, chiếm tỷ lệ 94,4%; trễ hạn 500 hồ sơ, chiếm tỷ lệ 5,6%; "
                  "đang giải quyết 400 hồ sơ.")
    assert ask("Năm 2022 hồ sơ đất đai của hộ gia đình bị trả kết quả trễ hạn chiếm tỷ lệ bao nhiêu?", ps).meta["figures"] == ["5,6%"]
    # "chưa giải quyết xong" is said by "đang giải quyết", not by "đã giải quyết"
    assert ask("Năm 2022 còn bao nhiêu hồ sơ đất đai của hộ gia đình chưa giải quyết xong?", ps).meta["figures"] == ["400"]


def test_no_longer_answers_a_yes_no_question_with_no():
    ps = passages("Triển khai nộp hồ sơ trực tuyến qua thiết bị di động đối với 04 thủ tục về hộ kinh doanh. "
                  "Từ 01/6/2022, các thủ tục này chỉ tiếp nhận hồ sơ trực tuyến, không còn tiếp nhận hồ sơ giấy.")
    draft = ask("Từ tháng 6/2022 Trung tâm có còn tiếp nhận hồ sơ giấy của các thủ tục hộ kinh doanh không?", ps)
    assert draft.text.startswith("Không.") and "không còn tiếp nhận" in draft.text


def test_a_name_a_scan_misread_one_vowel_of_beside_a_word_read_right_is_found():
    ps = passages("Co cau to chirc bo may: Chanh Vian phong, 03 Phé Chanh Vin phong, 07 don vi hanh chinh.", meta=SCAN)
    assert names.missing_names("Năm 2022 Văn phòng có mấy Phó Chánh Văn phòng?", ps) == []
    # both words of a pair misread is too far: "Phé Chinh" is not "Phó Chánh"
    ps = passages("Co cau to chirc bo may: 03 Phé Chinh Vin phong.", meta=SCAN)
    assert names.missing_names("Năm 2022 Văn phòng có mấy Phó Chánh Văn phòng?", ps) == ["Phó Chánh Văn"]


def test_a_person_asked_is_answered_only_by_a_sentence_naming_one():
    ps = passages(
        "Lãnh đạo Văn phòng gồm Chánh Văn phòng và 03 Phó Chánh Văn phòng, trong đó có 01 đồng chí kiêm nhiệm "
        "Trưởng Ban Tiếp công dân tỉnh.",
    )
    assert ask("Ai là Trưởng Ban Tiếp công dân tỉnh năm 2022?", ps).abstained
    ps = passages(
        "Lãnh đạo Văn phòng gồm Chánh Văn phòng và 03 Phó Chánh Văn phòng, trong đó đồng chí Nguyễn Văn Hùng kiêm "
        "nhiệm Trưởng Ban Tiếp công dân tỉnh.",
    )
    draft = ask("Ai là Trưởng Ban Tiếp công dân tỉnh năm 2022?", ps)
    assert not draft.abstained and "Nguyễn Văn Hùng" in draft.text


def test_a_day_the_reports_never_say_pins_the_question_to_another_event():
    ps = passages("Ngày 20/12/2022, Văn phòng tổ chức hội nghị tổng kết năm 2022 với 85 người tham dự.")
    assert ask("Hội nghị tổng kết hôm 20/12/2022 có bao nhiêu người dự?", ps).meta["figures"] == ["85"]
    draft = ask("Hội nghị tổng kết hôm 27/12/2022 có bao nhiêu người dự?", ps)
    assert draft.abstained and "27/12/2022" in draft.meta["abstain_reason"]


def test_a_figure_said_only_of_another_level_of_government_is_not_the_asked_levels():
    ps = passages("Năm 2022 đã phê duyệt 85 thủ tục thuộc cấp tỉnh và 12 thủ tục thuộc cấp huyện.")
    assert ask("Năm 2022 phê duyệt bao nhiêu thủ tục thuộc cấp huyện?", ps).meta["figures"] == ["12"]
    assert ask("Năm 2022 phê duyệt bao nhiêu thủ tục thuộc cấp xã?", ps).abstained


def test_the_reports_signer_places_the_report_like_its_issuer():
    signed = DocMeta(doc_id="s.txt", issuer="Văn phòng UBND tỉnh Bình Định", province="Bình Định",
                     period=Period(2022), signer="Trần Văn Bình")
    ps = passages("Bộ phận một cửa của Văn phòng tiếp nhận 104 hồ sơ, đã giải quyết 102 hồ sơ.", meta=signed)
    draft = ask("Báo cáo năm 2022 do ông Trần Văn Bình ký: Bộ phận một cửa tiếp nhận bao nhiêu hồ sơ?", ps)
    assert draft.meta["figures"] == ["104"]
    assert ask("Báo cáo năm 2022 do ông Lê Văn Tám ký: Bộ phận một cửa tiếp nhận bao nhiêu hồ sơ?", ps).abstained


def test_a_department_opening_the_question_is_a_name_the_reports_must_say():
    assert names.proper_names("Sở Giao thông vận tải được bao nhiêu % hồ sơ trực tuyến?") == ["Sở Giao"]
    ps = passages("Một số cơ quan có tỷ lệ hồ sơ trực tuyến cao như các Sở: Tư pháp 92,6%; Sở Xây dựng 91,8%.")
    assert ask("Sở Giao thông vận tải năm 2022 có tỷ lệ hồ sơ trực tuyến bao nhiêu?", ps).abstained


def test_who_is_counted_is_not_what_a_share_is_of():
    ps = passages("Năm 2022, tỷ lệ hài lòng của tổ chức, công dân khi thực hiện TTHC tại Trung tâm đạt 98,5%; "
                  "tỷ lệ hồ sơ trực tuyến đạt 70%.")
    assert ask("Năm 2022 tỷ lệ người dân hài lòng khi làm TTHC ở Trung tâm là bao nhiêu %?", ps).meta["figures"] == ["98,5%"]
    assert ask("Năm 2022 tỷ lệ dân hài lòng ở Trung tâm đạt bao nhiêu %?", ps).meta["figures"] == ["98,5%"]


def test_a_followup_is_answered_only_by_a_sentence_saying_its_own_new_phrase():
    ps = passages(
        "Năm 2022, Văn phòng đã nêu cao vai trò trách nhiệm, thực hiện tốt chính sách, cải cách thủ tục hành chính.",
        "Trung tâm triển khai thử nghiệm nền tảng trợ lý ảo trong giải quyết thủ tục hành chính.",
    )
    first = "Năm 2022 Trung tâm có ứng dụng công nghệ mới nào không?"
    draft = ask("Cái trợ lý ảo đó đã dùng chính thức chưa?", ps, previous=first)
    assert not draft.abstained and "thử nghiệm" in draft.text
    draft = ask("Cái trợ lý ảo đó đã dùng chính thức chưa?", ps[:1], previous=first)
    assert draft.abstained  # "vai trò", "chính sách", "thủ tục" share syllables only


def test_what_there_is_is_not_counted_by_what_one_act_did():
    ps = passages("Thực hiện quy trình đề nghị bổ nhiệm: 01 Phó Chánh Văn phòng, 01 Phó Trưởng ban Tiếp công dân.")
    assert ask("Năm 2022 Văn phòng có tất cả mấy Phó Chánh Văn phòng?", ps).abstained
    draft = ask("Năm 2022 Văn phòng đề nghị bổ nhiệm mấy Phó Chánh Văn phòng?", ps)
    assert draft.meta["figures"] == ["01"]
    ps = passages("Lãnh đạo Văn phòng gồm Chánh Văn phòng và 03 Phó Chánh Văn phòng.")
    assert ask("Năm 2022 Văn phòng có tất cả mấy Phó Chánh Văn phòng?", ps).meta["figures"] == ["03"]


def test_the_office_a_report_is_addressed_to_places_it_like_its_issuer():
    ps = passages(
        "BÁO CÁO Kết quả công tác năm 2022\nKính gửi: Sở Nội vụ\nThực hiện Kế hoạch của UBND tỉnh, Sở Y tế phối hợp.",
        "Từ 01/6/2022, có 04 thủ tục chỉ tiếp nhận hồ sơ trực tuyến.",
    )
    draft = ask("Theo báo cáo năm 2022 mà Văn phòng UBND tỉnh gửi Sở Nội vụ, từ 01/6/2022 có mấy thủ tục chỉ tiếp "
                "nhận hồ sơ trực tuyến?", ps)
    assert draft.meta["figures"] == ["04"]
    # a body named elsewhere in the opening is not the addressee: the figure's passage must name it
    assert ask("Năm 2022 Sở Y tế có mấy thủ tục chỉ tiếp nhận hồ sơ trực tuyến?", ps).abstained


@pytest.mark.parametrize("texts, question, figures", [
    # a share of things answers with its first figure
    (["Có 1.093/1.112 thôn, làng, khu phố có hương ước, quy ước được UBND cấp huyện công nhận, đạt 98,3%."],
     "Năm 2022 bao nhiêu thôn, khu phố đã có hương ước, quy ước được công nhận?", ["1.093"]),
    # "trường hợp" counts whatever the sentence counts
    (["Các cơ quan đã gửi thư xin lỗi đối với 3.862/4.216 hồ sơ trễ hạn, đạt 91,6%."],
     "Năm 2022 hồ sơ trễ hạn thì đã gửi thư xin lỗi được bao nhiêu trường hợp?", ["3.862"]),
    # people counted by their visits answer how many people (not the "27 cán bộ" of another sentence)
    (["Toàn tỉnh đã tổ chức 1.036 hội nghị tuyên truyền Luật Thực hiện dân chủ ở cơ sở, thu hút hơn 87.400 lượt "
      "người tham dự.", "Qua kiểm tra phát hiện 27 cán bộ, công chức có vi phạm; đã xử lý kỷ luật 19 trường hợp."],
     "Năm 2022 tuyên truyền Luật thực hiện dân chủ ở cơ sở tổ chức mấy hội nghị, bao nhiêu người dự?",
     ["1.036", "87.400"]),
], ids=["share-of-things", "cases", "people-by-visits"])
def test_the_figure_counted_in_other_words(texts, question, figures):
    assert ask(question, passages(*texts)).meta["figures"] == figures


def test_a_case_asked_as_vu_is_not_the_vu_of_dich_vu():
    ps = passages(
        "Tham mưu phê duyệt, rút ngắn thời gian giải quyết đối với Danh mục dịch vụ công trực tuyến (973 thủ tục; "
        "trong đó 512 thủ tục một phần).",
        "Về khiếu nại: phải giải quyết 229 vụ việc thuộc thẩm quyền; đã giải quyết 214 vụ việc, đạt 93,4%.",
    )
    draft = ask("Năm 2022 vụ khiếu nại thuộc thẩm quyền đã giải quyết được bao nhiêu, đạt tỷ lệ mấy %?", ps)
    assert draft.meta["figures"] == ["214", "93,4%"]
    assert ask("Năm 2022 đã giải quyết dứt điểm được bao nhiêu vụ?", ps[:1]).abstained


def test_a_count_naming_nothing_it_counts_is_a_followup():
    ps = passages(
        "Thông qua đối thoại, chính quyền các cấp đã ghi nhận 3.457 ý kiến, kiến nghị của Nhân dân; đến nay đã giải "
        "quyết, trả lời 3.209 ý kiến, đạt 92,8%.",
    )
    first = "Qua đối thoại với dân năm 2022 thì tiếp nhận bao nhiêu ý kiến, kiến nghị?"
    assert ask(first, ps).meta["figures"] == ["3.457"]
    assert ask("Đã trả lời được bao nhiêu rồi?", ps, previous=first).meta["figures"] == ["3.209"]


def test_later_parts_stay_in_the_report_that_answered_the_first():
    other = DocMeta(doc_id="o.txt", issuer="Văn phòng UBND tỉnh Bình Định", province="Bình Định", period=Period(2021))
    ps = passages("Về khiếu nại: phải giải quyết 229 vụ việc thuộc thẩm quyền; đã giải quyết 214 vụ việc, đạt 93,4%.")
    ps += passages("Vụ khiếu nại thuộc thẩm quyền đã giải quyết đạt tỷ lệ 99,8%.", meta=other)
    q = understand("Vụ khiếu nại thuộc thẩm quyền đã giải quyết được bao nhiêu, đạt tỷ lệ mấy %?")
    draft = extractive.answer(q, ps, reading.TermWeights([p.chunk for p in ps]), per_report=True)
    assert draft.meta["figures"] == ["214", "93,4%"] and "99,8%" not in draft.text


def test_a_followup_goes_on_about_the_passage_the_last_answer_quoted():
    # two passages alike but for whom the dialogue was with: the one the last answer quoted goes on
    ps = passages(
        "Qua đối thoại với doanh nghiệp, đã ghi nhận 126 ý kiến; đã trả lời 120 ý kiến.",
        "Qua đối thoại với Nhân dân, đã ghi nhận 3.457 ý kiến; đã trả lời 3.209 ý kiến.",
    )
    q = understand("Đã trả lời được bao nhiêu rồi?", understand("Qua đối thoại năm 2022 ghi nhận bao nhiêu ý kiến?"))
    weights = reading.TermWeights([p.chunk for p in ps])
    assert extractive.answer(q, ps, weights).meta["figures"] == ["120"]  # the first passage ranks first
    q.last_chunks = [ps[1].chunk.chunk_id]
    assert extractive.answer(q, ps, weights).meta["figures"] == ["3.209"]


def test_a_shortcoming_or_a_target_is_not_the_periods_result():
    def under(heading: str, text: str, i: int) -> Passage:
        return Passage(Chunk(f"r.txt#{i:04d}", "r.txt", text, [heading]), META, 0.0)
    ps = [
        under("III. 2. Hạn chế, tồn tại", "Tỷ lệ hồ sơ nộp trực tuyến giữa các địa phương chưa đồng đều; còn 03 huyện "
              "có tỷ lệ hồ sơ trực tuyến dưới 40%.", 0),
        under("II. 2. Cải cách hành chính", "Về dịch vụ công trực tuyến, toàn tỉnh có 412.087 hồ sơ được nộp trực "
              "tuyến, chiếm 53,1% tổng số hồ sơ tiếp nhận.", 1),
    ]
    draft = ask("Tỷ lệ hồ sơ TTHC nộp trực tuyến của tỉnh năm 2022 là bao nhiêu?", ps)
    assert draft.meta["figures"] == ["53,1%"]
    # asked about the shortcomings, they answer
    assert ask("Hạn chế: tỷ lệ hồ sơ trực tuyến ở 03 huyện năm 2022 dưới bao nhiêu %?", ps).meta["figures"] == ["40%"]


def test_a_speech_quotes_whole_paragraphs_and_never_a_section_title():
    ps = passages(
        "b) Kết quả cải cách thủ tục hành chính\n"
        "Năm 2022, kết quả cải cách thủ tục hành chính của tỉnh có nhiều chuyển biến. Tỷ lệ hồ sơ giải quyết đúng "
        "hạn đạt 99,4%, người dân hài lòng với sự phục vụ.\n"
        "c) Công tác khác\nCông tác văn thư, lưu trữ được duy trì.",
    )
    draft = ask("Tôi cần vài đoạn về kết quả cải cách thủ tục hành chính năm 2022 để đưa vào bài phát biểu.", ps)
    assert "Kết quả cải cách thủ tục hành chính”" not in draft.text  # the title alone is no quote
    assert "có nhiều chuyển biến. Tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,4%" in draft.text


def test_a_figure_is_quoted_with_the_comparison_that_follows_it():
    ps = passages(
        "Các cơ quan hành chính nhà nước trên địa bàn tỉnh đã tiếp 6.482 lượt với 7.315 người, liên quan đến 5.127 "
        "vụ việc. So với năm 2021, số lượt tiếp công dân giảm 7,2%. Công tác văn thư được duy trì 12 năm.",
    )
    draft = ask("Năm 2022 các cơ quan hành chính tiếp công dân bao nhiêu lượt?", ps)
    assert draft.meta["figures"] == ["6.482"] and "giảm 7,2%" in draft.text and "văn thư" not in draft.text


def test_a_markdown_footnote_is_read_with_the_sentence_that_calls_it():
    ps = passages(
        "Phong trào thi đua Dân vận khéo được hưởng ứng; nhiều mô hình mang lại hiệu quả thiết thực[^2].",
        "[^2]: Tiêu biểu: mô hình \"Ngày thứ Bảy cùng dân\" của UBND thị xã Hoài Nhơn; \"Số hóa hồ sơ hộ tịch tại "
        "thôn\" của xã Cát Tiến.",
    )
    draft = ask("Kể tên một số mô hình Dân vận khéo tiêu biểu năm 2022.", ps)
    assert "Ngày thứ Bảy cùng dân" in draft.text and "[^2]" not in draft.text


def test_a_table_row_answers_with_the_cell_under_the_asked_header_in_the_asked_row():
    # a Markdown/DOCX table as cleaning writes it: one line per row, each cell after its header
    ps = passages(
        "Năm 2022, toàn tỉnh tiếp nhận 775.643 hồ sơ, trễ hạn 4.216 hồ sơ. Kết quả cụ thể theo từng cấp như sau:\n\n"
        "Cấp tỉnh – Hồ sơ tiếp nhận: 168.452; Trễ hạn: 1.056; Tỷ lệ đúng hạn: 99,3%\n\n"
        "Cấp huyện – Hồ sơ tiếp nhận: 214.376; Trễ hạn: 2.459; Tỷ lệ đúng hạn: 98,8%\n\n"
        "Cấp xã – Hồ sơ tiếp nhận: 392.815; Trễ hạn: 701; Tỷ lệ đúng hạn: 99,8%",
    )
    draft = ask("Năm 2022 cấp huyện trễ hạn bao nhiêu hồ sơ?", ps)
    assert not draft.abstained and draft.meta["figures"] == ["2.459"]
    assert "Cấp huyện – Hồ sơ tiếp nhận: 214.376; Trễ hạn: 2.459" in draft.text
    # the share column is the share its row's other headers say
    draft = ask("Năm 2022 tỷ lệ hồ sơ đúng hạn của cấp xã là bao nhiêu?", ps)
    assert draft.meta["figures"] == ["99,8%"]


def test_a_list_asked_by_its_section_title_is_the_items_under_it():
    meta = DocMeta(doc_id="h1.txt", title="Báo cáo", issuer="UBND tỉnh Gia Lai", province="Gia Lai",
                   period=Period(2025, half=1))
    head = "IV. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2025"
    items = ["1. Kiện toàn bộ phận tiếp công dân tại UBND cấp xã sau sắp xếp.",
             "2. Hoàn thành bàn giao hồ sơ vụ việc từ cấp huyện cho cấp xã trước ngày 15/7/2025.",
             "3. Tiếp tục nhân rộng hình thức tiếp công dân trực tuyến."]
    ps = [Passage(Chunk("h1.txt#0001", "h1.txt", "Tỷ lệ giải quyết khiếu nại còn thấp.", ["III. Hạn chế"]), meta, 0.0),
          Passage(Chunk("h1.txt#0002", "h1.txt", f"{head}\n\n{items[0]}", [head, items[0]]), meta, 0.0)]
    ps += [Passage(Chunk(f"h1.txt#000{i + 3}", "h1.txt", item, [head, item]), meta, 0.0)
           for i, item in enumerate(items[1:])]
    for i, p in enumerate(ps):
        p.chunk.char_start, p.chunk.char_end = 100 * i, 100 * i + 90
    draft = ask("Nhiệm vụ trọng tâm 6 tháng cuối năm 2025 gồm những việc gì?", ps)
    assert not draft.abstained
    for item in items:
        assert item.split(" ", 1)[1].rstrip(".") in draft.text
    assert draft.text.index("Kiện toàn") < draft.text.index("Hoàn thành") < draft.text.index("nhân rộng")
    assert "Tỷ lệ giải quyết" not in draft.text


def test_only_the_words_said_as_the_offices_name_are_dropped_from_what_tells_sentences_apart():
    meta = DocMeta(doc_id="gl.txt", issuer="UBND tỉnh Gia Lai", province="Gia Lai", period=Period(2024))
    p = passages("Đã cập nhật 2.751 vụ việc lên Cơ sở dữ liệu quốc gia.", meta=meta)[0]
    words = ["cap", "nhat", "co", "so", "du", "lieu", "quoc", "gia"]
    # "gia" of "quốc gia" is not the "Gia" of "Gia Lai"
    assert extractive._telling(words, p, {}, "Cập nhật lên cơ sở dữ liệu quốc gia được bao nhiêu?") == words
    told = extractive._telling(words + ["lai"], p, {}, "UBND tỉnh Gia Lai cập nhật lên cơ sở dữ liệu được bao nhiêu?")
    assert "gia" not in told and "lai" not in told and "cap" in told


def test_a_figure_said_for_another_span_of_months_does_not_answer_a_quarter():
    meta = DocMeta(doc_id="q3.txt", issuer="Sở Nội vụ tỉnh Quảng Trị", province="Quảng Trị", period=Period(2025, quarter=3))
    ps = passages("Thu ngân sách nhà nước trên địa bàn 9 tháng năm 2025 ước đạt 9.862 tỷ đồng, bằng 78,4% dự toán.",
                  meta=meta)
    assert ask("Riêng quý 3 thu ngân sách nhà nước trên địa bàn được bao nhiêu tỷ đồng?", ps).abstained
    assert not ask("9 tháng năm 2025 thu ngân sách nhà nước trên địa bàn được bao nhiêu tỷ đồng?", ps).abstained


def test_each_asked_case_counts_on_its_own():
    from assistant.thesaurus import case_agreement, cases_asked

    cases = cases_asked("cap tinh tre han bao nhieu ho so")
    assert case_agreement(cases, "ho so tre han tap trung o cap xa voi") == -1  # right case, wrong level
    assert case_agreement(cases, "tre han: | cap tinh") == 1.0
    assert case_agreement(cases, "tre han") == 0.5  # the total says no level


def test_a_table_that_starts_its_chunk_is_read_with_the_lead_sentence_that_ends_the_chunk_before():
    lead = "Kết quả giải quyết hồ sơ thủ tục hành chính trong năm 2022 theo cấp như sau:"
    rows = ("Cấp tỉnh – Tiếp nhận: 96.318; Trễ hạn: 521\n\nCấp xã – Tiếp nhận: 164.905; Trễ hạn: 2.319")
    ps = passages("Công tác cải cách thủ tục hành chính được chỉ đạo quyết liệt. " + lead, rows)
    ps[0].chunk.char_start, ps[0].chunk.char_end = 0, 140
    ps[1].chunk.char_start, ps[1].chunk.char_end = 142, 230
    draft = ask("Năm 2022 cấp tỉnh trễ hạn bao nhiêu hồ sơ thủ tục hành chính?", ps)
    assert not draft.abstained and draft.meta["figures"] == ["521"]
    # the table began in the chunk before: its first row ends that chunk, below the lead sentence
    ps = passages("Công tác cải cách thủ tục hành chính được chỉ đạo quyết liệt. " + lead + "\n\n" + rows.split("\n\n")[0],
                  rows.split("\n\n")[1])
    ps[0].chunk.char_start, ps[0].chunk.char_end = 0, 190
    ps[1].chunk.char_start, ps[1].chunk.char_end = 192, 240
    draft = ask("Năm 2022 cấp xã trễ hạn bao nhiêu hồ sơ thủ tục hành chính?", ps)
    assert not draft.abstained and draft.meta["figures"] == ["2.319"]


def test_a_department_s_count_is_not_the_total_of_a_table_of_its_district_offices():
    """The table's caption says "tại cấp huyện" two chunks before its "Tổng cộng" row, and the paragraph before it
    "Phòng Nội vụ các huyện": the district offices' total, not the department's ("Sở Nội vụ … tổng cộng")."""
    texts = ["Phòng Nội vụ các huyện, thị xã, thành phố đã tiếp nhận 258 đơn liên quan đến lĩnh vực Nội vụ.\n\n"
             "Bảng 2. Kết quả tiếp nhận đơn lĩnh vực Nội vụ tại cấp huyện năm 2023\n\n"
             "Thành phố Buôn Ma Thuột – Số đơn tiếp nhận: 46; Đã giải quyết: 9",
             "Huyện Ea Kar – Số đơn tiếp nhận: 20; Đã giải quyết: 4\n\nHuyện Lắk – Số đơn tiếp nhận: 12; Đã giải quyết: 2",
             "Tổng cộng – Số đơn tiếp nhận: 258; Đã giải quyết: 49\n\n2. Tiếp nhận, xử lý đơn thư\n\n"
             "Tổng số đơn Sở Nội vụ tiếp nhận trong năm 2023 là 187 đơn, tăng 12 đơn so với năm 2022."]
    ps, start, meta = [], 0, replace(META, issuer="Sở Nội vụ tỉnh Đắk Lắk", period=Period(2023))
    for i, t in enumerate(texts):  # consecutive chunks of one report, as the chunker cuts them
        ps.append(Passage(Chunk(f"r.txt#{i:04d}", "r.txt", t, ["III. Tiếp công dân"], char_start=start,
                                char_end=start + len(t)), meta, 0.0))
        start += len(t) + 2
    assert ask("Năm 2023 Sở Nội vụ tiếp nhận tổng cộng bao nhiêu đơn thư?", ps).meta["figures"] == ["187"]
    assert ask("Năm 2023 cấp huyện tiếp nhận tổng cộng bao nhiêu đơn?", ps).meta["figures"] == ["258"]
    # "Sở" alone, in a department's report, is that department
    assert ask("Năm 2023 Sở tiếp nhận tổng cộng bao nhiêu đơn thư?", ps).meta["figures"] == ["187"]


def test_a_period_of_months_is_answered_by_its_own_cell_and_by_a_sentence_naming_it():
    meta = replace(META, period=Period(2025, through_month=9))
    row = passages("Cuộc đối thoại của UBND cấp xã (cuộc) – Quý I: 79; Quý II: 92; Quý III: 97; Lũy kế 9 tháng: 268", meta=meta)
    assert ask("9 tháng đầu năm 2025 cấp xã tổ chức bao nhiêu cuộc đối thoại?", row).meta["figures"] == ["268"]
    assert ask("Quý II/2025 cấp xã tổ chức bao nhiêu cuộc đối thoại?", row).meta["figures"] == ["92"]
    # a cut-off in brackets qualifies one actor; the sentence still speaks of the nine months
    said = passages("9 tháng đầu năm 2025, UBND cấp huyện (đến ngày 30/6/2025) tổ chức 21 cuộc đối thoại với Nhân dân; "
                    "UBND cấp xã tổ chức 268 cuộc đối thoại.", meta=meta)
    assert ask("9 tháng đầu năm 2025 cấp huyện tổ chức bao nhiêu cuộc đối thoại?", said).meta["figures"] == ["21"]


def test_a_list_asked_of_the_department_that_wrote_the_report_is_its_section_s_items():
    """"Ngành Nội vụ gặp những khó khăn, vướng mắc gì?" in the Sở Nội vụ's report: the department's name says the
    whole report, as its title would; the section "Khó khăn, vướng mắc" holds the items, though a sentence saying
    "tháo gỡ khó khăn" elsewhere ranks first."""
    meta = replace(META, issuer="Sở Nội vụ tỉnh Đắk Lắk", title="Kết quả công tác 9 tháng đầu năm 2025",
                   period=Period(2025, through_month=9))
    other = Passage(Chunk("r.txt#0000", "r.txt", "Chủ tịch UBND tỉnh chủ trì 01 cuộc đối thoại với cộng đồng doanh "
                          "nghiệp về tháo gỡ khó khăn trong đầu tư.", ["II. Dân vận chính quyền"]), meta, 0.0)
    items = Passage(Chunk("r.txt#0001", "r.txt", "2. Khó khăn, vướng mắc\n\nThứ nhất, khối lượng công việc sắp xếp tổ "
                          "chức bộ máy lớn. Thứ hai, đội ngũ công chức cấp xã mới còn thiếu kinh nghiệm.",
                          ["V. ĐÁNH GIÁ CHUNG", "2. Khó khăn, vướng mắc"]), meta, 0.0)
    draft = ask("9 tháng đầu năm 2025 ngành Nội vụ gặp những khó khăn, vướng mắc gì?", [other, items])
    assert not draft.abstained and "Thứ nhất" in draft.text and "Thứ hai" in draft.text, draft.text


def test_reports_are_listed_in_the_order_of_their_periods():
    periods = [Period(2025), Period(2025, through_month=9), Period(2025, quarter=3), Period(2025, half=1),
               Period(2025, quarter=1), Period(2024), None]
    assert [p.label if p else None for p in sorted(periods, key=compose.period_key)] == [
        "năm 2024", "quý I năm 2025", "6 tháng đầu năm 2025", "quý III năm 2025", "9 tháng đầu năm 2025", "năm 2025", None]


def test_a_target_is_not_a_result():
    ps = passages("Các cơ quan đã thụ lý 214 vụ việc khiếu nại thuộc thẩm quyền. Đã giải quyết 196/214 vụ việc, đạt 91,6%.",
                  "Phấn đấu tỷ lệ giải quyết khiếu nại thuộc thẩm quyền đạt trên 95%.")
    assert ask("Tỷ lệ giải quyết khiếu nại thuộc thẩm quyền đạt bao nhiêu %?", ps).meta["figures"] == ["91,6%"]
    assert ask("Phấn đấu tỷ lệ giải quyết khiếu nại thuộc thẩm quyền đạt bao nhiêu %?", ps).meta["figures"] == ["95%"]


def test_the_row_the_question_names_answers():
    ps = passages("Trong năm 2022, toàn tỉnh tiếp nhận 178.934 hồ sơ trực tuyến, chiếm 65,5% tổng số hồ sơ. "
                  "Dịch vụ công trực tuyến theo sở, ngành:\n\n"
                  "Sở Tư pháp – Số DVC toàn trình: 112; Hồ sơ trực tuyến: 9.846\n\n"
                  "Sở Xây dựng – Số DVC toàn trình: 138; Hồ sơ trực tuyến: 12.573")
    assert ask("Năm 2022 Sở Xây dựng nhận bao nhiêu hồ sơ trực tuyến?", ps).meta["figures"] == ["12.573"]


def test_the_whole_provinces_figure_does_not_answer_for_one_department():
    ps = passages("Trong năm 2022, toàn tỉnh tiếp nhận 178.934 hồ sơ trực tuyến, chiếm 65,5% tổng số hồ sơ tiếp nhận "
                  "mới. Một số đơn vị có tỷ lệ hồ sơ trực tuyến cao trên 95% như Sở Khoa học và Công nghệ, Sở Tư pháp.",
                  "Dịch vụ công trực tuyến theo sở, ngành:\n\n"
                  "Sở Tư pháp – Số DVC toàn trình: 112; Hồ sơ trực tuyến: 9.846\n\n"
                  "Sở Xây dựng – Số DVC toàn trình: 138; Hồ sơ trực tuyến: 12.573")
    assert ask("Năm 2022 Sở Tư pháp nhận được bao nhiêu hồ sơ trực tuyến?", ps).meta["figures"] == ["9.846"]
    assert ask("Năm 2022 toàn tỉnh nhận được bao nhiêu hồ sơ trực tuyến?", ps).meta["figures"] == ["178.934"]


def test_a_sentence_may_begin_with_its_figure():
    ps = passages("Lãnh đạo Văn phòng chỉ đạo rà soát thủ tục hành chính mới để tham mưu công bố, áp dụng trên địa bàn "
                  "tỉnh. 100% thủ tục hành chính thuộc thẩm quyền được công khai trên Cổng Thông tin điện tử. Theo "
                  "Điều 3. 5 cơ quan phối hợp thực hiện.")
    draft = ask("Năm 2022 bao nhiêu phần trăm thủ tục hành chính được công khai trên Cổng Thông tin điện tử?", ps)
    assert draft.meta["figures"] == ["100%"]
    assert "“100% thủ tục hành chính thuộc thẩm quyền được công khai" in draft.text, draft.text
    assert [ps[0].chunk.text[s:e] for s, e in spans.sentence_spans(ps[0].chunk.text)][2] == "Theo Điều 3. 5 cơ quan phối hợp thực hiện"


def test_a_level_asked_is_said_beside_its_figure():
    ps = passages("Năm 2022, tỉnh cung cấp 1.652 dịch vụ công trực tuyến, trong đó 1.071 dịch vụ công trực tuyến toàn trình.")
    assert ask("Năm 2022 cấp xã có bao nhiêu dịch vụ công trực tuyến toàn trình?", ps).abstained
    assert ask("Năm 2022 có bao nhiêu dịch vụ công trực tuyến toàn trình?", ps).meta["figures"] == ["1.071"]
    ps = passages("Năm 2022, UBND các xã, phường, thị trấn tiếp nhận 5.120 hồ sơ; Bộ phận Một cửa cấp huyện tiếp "
                  "nhận 2.310 hồ sơ.")
    assert ask("Năm 2022 cấp xã tiếp nhận bao nhiêu hồ sơ?", ps).meta["figures"] == ["5.120"]


def test_money_put_to_another_use_does_not_answer():
    ps = passages("Năm 2022, để thực hiện công tác cải cách hành chính, các cơ quan cắt giảm chi thường xuyên, với tổng số "
                  "kinh phí tiết kiệm 12,5 tỷ đồng.",
                  "Năm 2022, Đoàn kiểm tra công tác cải cách hành chính của tỉnh đã tiến hành kiểm tra tại 14 cơ quan, "
                  "đơn vị (05 sở, ngành và 09 UBND cấp xã).")
    assert ask("Năm 2022 kinh phí bố trí cho công tác cải cách hành chính là bao nhiêu?", ps).abstained  # nor "05 sở"
    assert ask("Năm 2022 kinh phí tiết kiệm được bao nhiêu?", ps).meta["figures"] == ["12,5"]


def _report_with_limits(title: str, first: tuple[str, str], limits: list[str]) -> list[Passage]:
    """A 2022 report titled `title`: one passage under the heading `first[0]`, then the items under "2. Tồn tại, hạn chế"."""
    meta = DocMeta(doc_id="q.txt", title=title, issuer="UBND tỉnh Hà Tĩnh", province="Hà Tĩnh", period=Period(2022))
    ps = [Passage(Chunk("q.txt#0000", "q.txt", first[1], [first[0]]), meta, 0.0),
          Passage(Chunk("q.txt#0001", "q.txt", "\n\n".join(limits), ["III. ĐÁNH GIÁ CHUNG", "2. Tồn tại, hạn chế"]), meta, 0.0)]
    for i, p in enumerate(ps):
        p.chunk.char_start, p.chunk.char_end = 100 * i, 100 * i + 90
    return ps


def test_a_list_asked_by_its_section_title_beside_the_reports_own_subject():
    """"Những hạn chế trong thực hiện dân vận chính quyền, QCDC …?": the report's title says the subject, the
    section "Tồn tại, hạn chế" the rest; its items answer, not the title or the sentences that repeat the subject."""
    ps = _report_with_limits(
        "Kết quả thực hiện công tác dân vận chính quyền và Quy chế dân chủ ở cơ sở năm 2022",
        ("I. KẾT QUẢ", "Năm 2022, công tác dân vận chính quyền và thực hiện Quy chế dân chủ ở cơ sở được triển khai đồng "
                       "bộ, đạt nhiều kết quả."),
        ["- Một số xã công khai thông tin chưa kịp thời, chưa đầy đủ.", "- Còn 24 vụ việc khiếu nại chưa giải quyết xong."])
    for question in ("Những hạn chế trong thực hiện dân vận chính quyền, quy chế dân chủ năm 2022 là gì?",
                     "Năm 2022 báo cáo nêu những tồn tại, hạn chế nào?",
                     "Tồn tại, hạn chế năm 2022 gồm những nội dung gì?"):
        draft = ask(question, ps)
        assert "chưa kịp thời" in draft.text and "24 vụ việc" in draft.text, (question, draft.text)
        assert "triển khai đồng bộ" not in draft.text, (question, draft.text)


def test_a_share_asked_after_a_count_is_a_share_of_the_same_things():
    ps = passages("Năm 2022, hệ thống đã tiếp nhận 2.864 phản ánh, kiến nghị của người dân, doanh nghiệp; đã xử lý, trả "
                  "lời 2.791 phản ánh, kiến nghị, đạt 97,5%.",
                  "Tỷ lệ hồ sơ trực tuyến đạt 65,2% trong năm 2022.")
    assert ask("tỷ lệ bao nhiêu?", ps, previous="Năm 2022 phản ánh, kiến nghị tiếp nhận bao nhiêu?").meta["figures"] == ["97,5%"]


def test_a_complaint_is_not_a_denunciation():
    ps = passages("Năm 2022, các cơ quan đã giải quyết 287/311 vụ việc khiếu nại thuộc thẩm quyền, đạt 92,3% (cấp tỉnh "
                  "giải quyết 38/41 vụ việc, cấp huyện 176/190 vụ việc).",
                  "Năm 2022, cấp huyện đã giải quyết 45 vụ việc tố cáo thuộc thẩm quyền.")
    assert ask("Năm 2022 cấp huyện giải quyết được bao nhiêu vụ tố cáo?", ps).meta["figures"] == ["45"]
    # a part in brackets counts what the words before the bracket count; "cấp huyện" past the comma is the next one's
    assert ask("Năm 2022 cấp huyện giải quyết được bao nhiêu vụ khiếu nại?", ps).meta["figures"] == ["176"]
    follow = understand("còn tố cáo?", understand("Năm 2022 có bao nhiêu đơn khiếu nại?"))
    assert "tố cáo" in follow.standalone and "khiếu nại" not in follow.standalone


def test_an_index_the_reports_never_name_is_not_answered():
    ps = passages("Năm 2022, Chỉ số cải cách hành chính (PAR INDEX) của tỉnh đạt 88,12%, xếp thứ 19/63.",
                  "Năm 2022, Ban Thanh tra nhân dân các xã đã giám sát 238 cuộc.")
    assert ask("Chỉ số PCI năm 2022 của tỉnh xếp thứ mấy?", ps).abstained
    assert ask("Chỉ số PAR INDEX năm 2022 của tỉnh xếp thứ mấy?", ps).meta["figures"] == ["19"]
    # an index by the initials of words the reports spell out ("Chỉ số CCHC"), or explained by the question itself
    assert ask("Chỉ số CCHC năm 2022 của tỉnh xếp thứ mấy?", ps).meta["figures"] == ["19"]
    assert not ask("Chỉ số cải cách hành chính (PARX) năm 2022 xếp thứ mấy?", ps).abstained
    # an acronym that names no index is no index's name ("Ban TTND", "tổng đài SMS")
    assert ask("Ban TTND năm 2022 giám sát bao nhiêu cuộc?", ps).meta["figures"] == ["238"]


def test_a_speech_quotes_the_section_its_topic_names_not_a_passing_mention():
    ps = [Passage(Chunk("r.txt#0001", "r.txt", "Toàn tỉnh có 1.186 mô hình “Dân vận khéo” được công nhận, tập trung vào "
                        "các lĩnh vực cải cách hành chính, chuyển đổi số và an sinh xã hội.",
                        ["II. KẾT QUẢ THỰC HIỆN", "1.2. Phong trào thi đua “Dân vận khéo”"]), META, 0.0),
          Passage(Chunk("r.txt#0002", "r.txt", "Bảng 2. Kết quả giải quyết hồ sơ năm 2022\n\nNăm 2022, toàn tỉnh tiếp "
                        "nhận 1.086.452 hồ sơ thủ tục hành chính, giải quyết đúng hạn đạt 99,2%.",
                        ["II. KẾT QUẢ THỰC HIỆN", "5. Công tác cải cách hành chính"]), META, 0.0)]
    draft = ask("Nhờ tập hợp giúp các đoạn nói về kết quả cải cách hành chính năm 2022 để đưa vào bài phát biểu.", ps)
    assert "1.086.452" in draft.text and "1.186 mô hình" not in draft.text and "Bảng 2" not in draft.text, draft.text


def test_which_row_of_a_table_is_highest_or_lowest():
    ps = passages("Kết quả hòa giải ở cơ sở theo đơn vị năm 2022 như sau:\n\n"
                  "Huyện An Lão – Số vụ việc tiếp nhận: 52; Hòa giải thành: 40; Tỷ lệ thành: 76,9%\n\n"
                  "Huyện Hoài Ân – Số vụ việc tiếp nhận: 31; Hòa giải thành: 26; Tỷ lệ thành: 83,9%\n\n"
                  "Huyện Phù Cát – Số vụ việc tiếp nhận: 90; Hòa giải thành: 72; Tỷ lệ thành: 80,0%\n\n"
                  "Tổng cộng – Số vụ việc tiếp nhận: 173; Hòa giải thành: 138; Tỷ lệ thành: 79,8%")
    draft = ask("Năm 2022 đơn vị nào có tỷ lệ hòa giải thành cao nhất?", ps)
    assert draft.meta["figures"] == ["83,9%"] and "Hoài Ân" in draft.text
    # a count column when no share is asked; the total row is no unit
    assert ask("Năm 2022 đơn vị nào hòa giải thành nhiều nhất?", ps).meta["figures"] == ["72"]
    follow = ask("thấp nhất thì sao?", ps, previous="Năm 2022 đơn vị nào có tỷ lệ hòa giải thành cao nhất?")
    assert follow.meta["figures"] == ["76,9%"] and "An Lão" in follow.text
    assert "extreme" not in ask("Năm 2022 tỷ lệ hòa giải thành cao nhất là bao nhiêu?", ps).meta  # a figure, not a row


def test_a_short_row_is_quoted_alone_not_with_the_next_paragraph():
    ps = passages("Kết quả tiếp công dân năm 2022 theo cấp như sau:\n\n"
                  "Cấp xã – Số lượt: 759; Số người: 812\n\nTổng cộng – Số lượt: 2.318; Số người: 2.596\n\n"
                  "Phân loại theo nội dung: khiếu nại 548 lượt, tố cáo 117 lượt.")
    draft = ask("Năm 2022 tiếp công dân tổng cộng bao nhiêu lượt?", ps)
    assert draft.meta["figures"] == ["2.318"] and "Phân loại" not in draft.text, draft.text


def test_a_figure_of_every_petition_kind_does_not_answer_one_kind():
    ps = passages("Kết quả tiếp công dân đến kiến nghị, phản ánh, khiếu nại, tố cáo năm 2024 theo cấp như sau:\n\n"
                  "Cấp xã – Số lượt: 2.118; Số người: 2.327; Số vụ việc: 1.874\n\n"
                  "Về tố cáo: đã thụ lý 84 đơn tố cáo thuộc thẩm quyền, đã giải quyết 82 đơn, đạt 97,6%.")
    assert ask("Năm 2024 cấp xã giải quyết được bao nhiêu vụ tố cáo?", ps).abstained  # "Số vụ việc" is of every kind
    assert ask("Năm 2024 đã giải quyết bao nhiêu đơn tố cáo?", ps).meta["figures"] == ["82"]  # "Về tố cáo:" names it
    # the kind only describes what else is asked ("Tỉnh có vụ khiếu nại …"): the count is not of one kind
    assert "khieu nai" not in extractive._asking_clause("tinh co vu khieu nai keo dai, nam 2024 tiep bao nhieu luot")
    assert "to cao" in extractive._asking_clause("nam 2024 co bao nhieu don khieu nai, to cao")
    # "khiếu nại, tố cáo" (KNTC) asks both kinds, which no figure must name alone
    assert not ask("Năm 2024 cấp xã tiếp bao nhiêu vụ việc KNTC?", ps).abstained


def test_a_quote_over_two_paragraphs_is_one_line_and_keeps_its_total():
    ps = passages("Năm 2023, các cơ quan hành chính nhà nước đã tiếp 9.842 lượt với 11.205 người, tăng 6,3% so với năm 2022.\n\n"
                  "Trong đó: Ban Tiếp công dân tỉnh tiếp 1.076 lượt công dân; cấp huyện và cấp xã tiếp 7.965 lượt.")
    draft = ask("Năm 2023 Ban Tiếp công dân tỉnh tiếp bao nhiêu lượt công dân?", ps)
    assert draft.meta["figures"] == ["1.076"] and "9.842" in draft.text and "\n" not in draft.text, draft.text


def test_a_list_of_plans_quotes_the_plans_named_by_number_not_the_report_title():
    ps = passages("Kết quả công tác dân vận chính quyền, cải cách hành chính, tiếp công dân năm 2024",
                  "Thực hiện Công văn số 1342-CV/BDVTU ngày 18/11/2024, Sở Nội vụ báo cáo kết quả công tác dân vận chính "
                  "quyền, cải cách hành chính năm 2024 như sau.",
                  "Năm 2024, UBND tỉnh ban hành các kế hoạch:\n\n- Kế hoạch số 11/KH-UBND ngày 15/01/2024 về cải cách "
                  "hành chính;\n\n- Kế hoạch số 29/KH-UBND ngày 02/02/2024 về công tác dân vận chính quyền.")
    draft = ask("Kể tên các kế hoạch UBND tỉnh ban hành năm 2024 về cải cách hành chính, dân vận chính quyền.", ps)
    assert "11/KH-UBND" in draft.text and "29/KH-UBND" in draft.text and "1342" not in draft.text, draft.text


def test_a_field_asked_must_be_said_in_the_figures_sentence():
    ps = passages("Về khiếu nại: đã thụ lý 392 đơn khiếu nại thuộc thẩm quyền, đã giải quyết 381 đơn, đạt 97,2%. Nội dung "
                  "khiếu nại chủ yếu liên quan đến đất đai, bồi thường giải phóng mặt bằng.",
                  "Hồ sơ lĩnh vực đất đai tiếp nhận là 2.847 hồ sơ, đã giải quyết 2.640 hồ sơ.")
    assert ask("Năm 2022 có bao nhiêu đơn khiếu nại về lĩnh vực đất đai?", ps).abstained  # only the next sentence says it
    assert ask("Năm 2022 tiếp nhận bao nhiêu hồ sơ lĩnh vực đất đai?", ps).meta["figures"] == ["2.847"]
    assert ask("Năm 2022 đã thụ lý bao nhiêu đơn khiếu nại?", ps).meta["figures"] == ["392"]


def test_the_province_chairman_asked_is_not_answered_by_the_commune_chairmen():
    ps = passages("Chủ tịch UBND cấp xã đã tổ chức 412 hội nghị đối thoại với Nhân dân, thu hút hơn 36.000 lượt người.",
                  "Chủ tịch UBND tỉnh đã tổ chức 03 hội nghị đối thoại trực tiếp với Nhân dân.")
    assert ask("Năm 2022 Chủ tịch UBND tỉnh tổ chức bao nhiêu hội nghị đối thoại với Nhân dân?", ps).meta["figures"] == ["03"]
    assert ask("Năm 2022 Chủ tịch UBND cấp xã tổ chức bao nhiêu hội nghị đối thoại?", ps).meta["figures"] == ["412"]
    only_communes = passages("Chủ tịch UBND cấp xã đã tổ chức 412 hội nghị đối thoại với Nhân dân.")
    assert ask("Năm 2022 Chủ tịch UBND tỉnh tổ chức bao nhiêu hội nghị đối thoại với Nhân dân?", only_communes).abstained


def test_a_named_plan_asked_by_date_and_subject_is_quoted_where_its_subject_is_said():
    ps = passages("Thực hiện Kế hoạch số 30/KH-UBND ngày 17/02/2023 của UBND tỉnh, Văn phòng đã ban hành Kế hoạch số "
                  "136/KH-VP ngày 22/02/2023, Kế hoạch số 1879/KH-VP ngày 20/9/2023; đồng thời xây dựng mô hình dân vận khéo.",
                  "Về thực hiện dân chủ ở cơ sở: ban hành Kế hoạch số 1879/KH-VP ngày 20/9/2023 về triển khai thi hành Luật "
                  "Thực hiện dân chủ ở cơ sở.")
    draft = ask("Kế hoạch 1879/KH-VP của Văn phòng ban hành ngày nào, về việc gì?", ps)
    assert "20/9/2023 về triển khai" in draft.text, draft.text


def test_the_closing_formula_of_a_report_is_never_quoted():
    ps = passages("Trên đây là báo cáo kết quả công tác cải cách hành chính năm 2022 của Sở Nội vụ tỉnh Bình Định./",
                  "Năm 2022, công tác cải cách hành chính tiếp tục được đẩy mạnh; tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,1%.")
    draft = ask("Trích giúp em mấy đoạn về kết quả cải cách hành chính năm 2022 để viết bài phát biểu.", ps)
    assert "99,1%" in draft.text and "Trên đây" not in draft.text, draft.text


def test_a_sentence_naming_the_section_in_passing_does_not_stand_for_its_items():
    """"… chỉ ra những tồn tại, hạn chế gì?": the items under "Tồn tại, hạn chế", not a plan "về khắc phục tồn
    tại, hạn chế" that says the words but lists nothing."""
    ps = _report_with_limits(
        "Kết quả cải cách hành chính năm 2022",
        ("I. CHỈ ĐẠO", "Ngày 18/7/2022, UBND tỉnh ban hành Kế hoạch số 164/KH-UBND về khắc phục tồn tại, hạn chế và nâng "
                       "cao Chỉ số cải cách hành chính năm 2022."),
        ["- Số hồ sơ trễ hạn ở cấp xã còn lớn, nhất là trong lĩnh vực đất đai.",
         "- Hạ tầng công nghệ thông tin tại nhiều xã miền núi chưa ổn định."])
    draft = ask("Báo cáo năm 2022 nêu những tồn tại, hạn chế gì?", ps)
    assert "trễ hạn ở cấp xã" in draft.text and "miền núi" in draft.text and "164/KH-UBND" not in draft.text, draft.text


def test_what_the_question_says_of_its_noun_must_be_said_where_the_figure_stands():
    ps = passages("Trung tâm tiếp nhận 98.281 hồ sơ, giải quyết và trả kết quả 94.266 hồ sơ, đạt 99,5%.",
                  "Cử 02 công chức đi học lớp Cao cấp lý luận chính trị.",
                  "Tiếp nhận 18.498 hồ sơ nộp và trả kết quả qua đường bưu điện theo yêu cầu.",
                  "Tiếp nhận, giải quyết 20.466 hồ sơ trực tuyến của các sở, ban ngành.")
    assert ask("Năm 2022 Trung tâm có bao nhiêu hồ sơ bị trễ hạn?", ps).abstained  # the total is not the late ones
    assert ask("Năm 2022 cử bao nhiêu công chức đi học thạc sĩ?", ps).abstained
    assert ask("Năm 2022 cử bao nhiêu công chức đi học lớp Cao cấp lý luận chính trị?", ps).meta["figures"] == ["02"]
    assert ask("Năm 2022 Trung tâm nhận bao nhiêu hồ sơ trực tuyến?", ps).meta["figures"] == ["20.466"]
    # an act after the noun is said in other verbs: "gửi" is "nộp"
    assert ask("Năm 2022 có bao nhiêu hồ sơ gửi qua bưu điện?", ps).meta["figures"] == ["18.498"]
    weights = reading.TermWeights([p.chunk for p in ps])
    said = reading.said_words("ban hanh 79 quyet dinh qppl")  # a qualifier said by its initials
    assert not extractive._qualifier_unsaid(["quy", "pham", "phap", "luat"], said, weights)
    assert extractive._qualifier_unsaid(["quy", "pham", "phap", "luat"], reading.said_words("ban hanh 79 quyet dinh"), weights)


def test_the_qualifier_asked_is_the_words_after_the_counted_noun():
    def qualifier(question: str, previous: str | None = None) -> list[str]:
        return extractive.asked_qualifier(understand(question, understand(previous) if previous else None))

    assert qualifier("Năm 2021 có bao nhiêu hồ sơ bị trễ hạn?") == ["tre", "han"]
    assert qualifier("Sở GTVT có bao nhiêu văn bản đến?") == []  # "đến" is also a function word: not required
    assert qualifier("Ban hành bao nhiêu quyết định quy phạm pháp luật?") == ["quy", "pham", "phap", "luat"]
    assert qualifier("Nhận bao nhiêu hồ sơ trực tuyến quý I/2024?") == ["truc", "tuyen"]
    # what the things are about picks them out too
    assert qualifier("Có bao nhiêu đơn khiếu nại về tiền lương?") == ["khieu", "nai", "tien", "luong"]
    assert qualifier("Có bao nhiêu đơn chuyển về Sở Y tế?") == []  # an act, with where it went
    assert qualifier("Có bao nhiêu lượt người dân, tổ chức đánh giá?") == []  # who, not which part
    assert qualifier("Điều động mấy công chức đi nơi khác?") == []  # somewhere else, named by the report
    assert qualifier("Nhận bao nhiêu đơn kiểu đó?") == []  # the kind said before
    assert qualifier("Được giao bao nhiêu biên chế hành chính (công chức)?") == []  # glossed: either words will do
    assert qualifier("So sánh số đơn Ban Tiếp công dân Quảng Ngãi nhận năm 2021 và 2023.") == []  # no asking word
    # a follow-up asking anew has its own; one that does not keeps the last turn's
    assert qualifier("Còn mấy hồ sơ quá hạn?", "Trung tâm nhận bao nhiêu hồ sơ trực tuyến?") == ["qua", "han"]
    assert qualifier("Còn năm 2023?", "Năm 2022 Trung tâm nhận bao nhiêu hồ sơ trực tuyến?") == ["truc", "tuyen"]


def test_a_count_of_things_about_a_subject_the_report_does_not_break_out_is_not_answered():
    ps = passages("Trong số đơn thuộc thẩm quyền có 06 đơn khiếu nại, Sở đã giải quyết 06/06 đơn; qua giải quyết, có 01 đơn "
                  "khiếu nại đúng một phần, 05 đơn khiếu nại sai.",
                  "Nội dung đơn khiếu nại chủ yếu liên quan đến chế độ, chính sách khi sắp xếp tổ chức bộ máy.",
                  "Tiếp nhận 17 đơn khiếu nại và 136 đơn kiến nghị, phản ánh.",
                  "Tổng quỹ tiền lương năm 2025 được giao theo kế hoạch.")
    assert ask("9 tháng đầu năm 2025 có bao nhiêu đơn khiếu nại về tiền lương?", ps).abstained
    assert ask("9 tháng đầu năm 2025 có bao nhiêu đơn khiếu nại?", ps).meta["figures"] == ["06"]


def test_a_district_s_office_of_a_field_is_found_by_the_district_in_a_report_of_that_field():
    ps = [Passage(Chunk("r.txt#0000", "r.txt", "Huyện Krông Pắc – Số lượt tiếp công dân: 18; Số đơn tiếp nhận: 23",
                        ["III. CÔNG TÁC TIẾP CÔNG DÂN TRONG NGÀNH NỘI VỤ"]), META, 0.0)]
    assert names.missing_names("Năm 2023 Phòng Nội vụ huyện Krông Pắc tiếp nhận bao nhiêu đơn?", ps) == []
    assert names.missing_names("Năm 2023 Phòng Tư pháp huyện Krông Pắc tiếp nhận bao nhiêu đơn?", ps) == ["Phòng Tư"]


def test_received_asked_by_the_bare_verb_is_not_answered_by_what_was_settled():
    ps = passages("Tổng số đơn Sở Nội vụ tiếp nhận trong năm 2023 là 187 đơn; trong đó: đơn khiếu nại 21 đơn, đơn tố cáo "
                  "05 đơn, đơn kiến nghị, phản ánh 161 đơn.",
                  "Qua giải quyết 09 đơn khiếu nại, có 01 đơn khiếu nại đúng một phần, 08 đơn khiếu nại sai; 02 đơn tố "
                  "cáo đều được kết luận là tố cáo sai.")
    assert ask("Năm 2023 Sở nhận bao nhiêu đơn khiếu nại?", ps).meta["figures"] == ["21"]
    assert ask("thế tố cáo?", ps, "Năm 2023 Sở nhận bao nhiêu đơn khiếu nại?").meta["figures"] == ["05"]
    assert extractive.received_asked("nam 2023 so nhan bao nhieu don?")  # typed without marks
    assert not extractive.received_asked("Tổng đài nhắn được hơn bao nhiêu tin?")  # "nhắn" folds like "nhận"
    assert not extractive.received_asked("Có bao nhiêu mô hình được công nhận?")


def test_a_document_asked_by_its_year_is_not_another_year_s_document():
    ps = passages("Văn phòng đã tham mưu ban hành Kế hoạch số 11/KH-UBND ngày 30/01/2023 về rà soát, đánh giá thủ tục hành "
                  "chính năm 2023 và Kế hoạch số 23/KH-UBND ngày 13/02/2023 kiểm tra công tác cải cách hành chính năm 2023.")
    assert ask("Kế hoạch kiểm tra cải cách hành chính năm 2025 là kế hoạch số mấy?", ps).abstained
    assert "23/KH-UBND" in ask("Kế hoạch kiểm tra cải cách hành chính năm 2023 là kế hoạch số mấy?", ps).text


def test_a_later_part_that_the_first_quote_already_answers_adds_no_other_figure():
    ps = passages("Sở Nội vụ tham mưu tổ chức kỳ thi tuyển công chức hành chính năm 2023 với 142 chỉ tiêu, có 1.036 thí "
                  "sinh đăng ký dự tuyển; kết quả có 127 thí sinh trúng tuyển.",
                  "Trong năm, đã cử 412 người đi đào tạo, bồi dưỡng; trong đó bồi dưỡng lý luận chính trị cao cấp 64 người.")
    draft = ask("Kỳ thi tuyển công chức năm 2023 có bao nhiêu chỉ tiêu, bao nhiêu người trúng tuyển?", ps)
    assert draft.meta["figures"] == ["142", "127"] and "64 người" not in draft.text, draft.text
    assert len(draft.citations) == 1


def test_a_city_whose_name_opens_like_a_fund_is_found_by_its_name():
    ps = passages("Bảng 2. Kết quả tiếp công dân\n\nThành phố Quy Nhơn – Số lượt: 812; Số người: 968; Đoàn đông người: 06")
    assert names.missing_names("Năm 2022 TP Quy Nhơn tiếp bao nhiêu lượt công dân?", ps) == []
    assert names.missing_names("Năm 2022 Quỹ Bảo trì đường bộ chi bao nhiêu?", ps) == ["Quỹ Bảo"]


def test_money_is_not_counted_by_a_table_whose_rows_say_dong_of_dong_nguoi():
    text = ("Bảng 2. Kết quả tiếp công dân năm 2022\n\nBan Tiếp công dân tỉnh – Số lượt: 1.076; Số người: 1.254; "
            "Số vụ việc: 917; Đoàn đông người: 14")
    ps = [Passage(Chunk("r.txt#0000", "r.txt", text, ["III. CÔNG TÁC TIẾP CÔNG DÂN, GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO"]), META, 0.0)]
    assert ask("Năm 2022 qua giải quyết khiếu nại, tố cáo đã thu hồi cho Nhà nước bao nhiêu tiền?", ps).abstained
    assert ask("Năm 2022 Ban Tiếp công dân tỉnh tiếp bao nhiêu lượt?", ps).meta["figures"] == ["1.076"]


def test_one_month_asked_is_answered_only_by_a_passage_naming_that_month():
    quarter = passages("Trong quý I năm 2022, Ban Tiếp công dân tỉnh đã tiếp 246 lượt công dân.")
    assert ask("Tháng 2/2022 Ban Tiếp công dân tỉnh tiếp bao nhiêu lượt công dân?", quarter).abstained
    month = passages("Riêng trong tháng 2, Ban Tiếp công dân tỉnh đã tiếp 80 lượt công dân.")
    assert ask("Tháng 2/2022 Ban Tiếp công dân tỉnh tiếp bao nhiêu lượt công dân?", month).meta["figures"] == ["80"]


def test_an_index_asked_by_name_is_answered_only_by_a_share_that_names_it():
    ps = passages("Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) của tỉnh đạt 84,36%.",
                  "Các cơ quan hành chính nhà nước đã giải quyết 478/512 đơn thuộc thẩm quyền, đạt tỷ lệ 93,4%, vượt "
                  "chỉ tiêu 85% do Thanh tra Chính phủ giao.")
    assert ask("Chỉ số SIPAS năm 2022 của tỉnh đạt bao nhiêu %?", ps).meta["figures"] == ["84,36%"]
    earlier = passages("Chỉ số SIPAS năm 2021 của tỉnh đạt 82,67%.", ps[1].chunk.text)
    assert ask("Chỉ số SIPAS năm 2022 của tỉnh đạt bao nhiêu %?", earlier).abstained  # not 2021's, nor another share


def test_a_count_of_one_handling_is_not_answered_by_a_figure_another_handling_counts():
    ps = passages("Các cơ quan hành chính nhà nước đã tiếp nhận 812 đơn, gồm 163 đơn khiếu nại, 58 đơn tố cáo và 591 đơn "
                  "kiến nghị, phản ánh.")
    assert ask("Năm 2022 đã giải quyết xong bao nhiêu đơn tố cáo?", ps).abstained  # 58 were received
    assert ask("Năm 2022 đã tiếp nhận bao nhiêu đơn tố cáo?", ps).meta["figures"] == ["58"]
    assert ask("Năm 2022 có bao nhiêu đơn tố cáo?", ps).meta["figures"] == ["58"]  # no act asked
    settled = passages("Đã tiếp nhận 812 đơn; đã giải quyết 40 đơn tố cáo.")
    assert ask("Năm 2022 đã giải quyết xong bao nhiêu đơn tố cáo?", settled).meta["figures"] == ["40"]


def test_the_unit_asked_is_not_answered_by_all_the_agencies_of_the_province():
    ps = passages("Năm 2022, các cơ quan hành chính nhà nước trên địa bàn tỉnh đã tiếp 3.418 lượt công dân với 3.967 "
                  "người. Ban Tiếp công dân tỉnh đã tiếp 538 lượt với 649 người, 461 vụ việc.")
    assert ask("Ban Tiếp công dân tỉnh tiếp bao nhiêu lượt công dân?", ps).meta["figures"] == ["538"]
    assert ask("Năm 2022 toàn tỉnh tiếp bao nhiêu lượt công dân?", ps).meta["figures"] == ["3.418"]


def test_a_report_s_own_acronym_says_the_words_it_stands_for():
    assert {"phuc", "vu", "hanh", "chinh", "cong"} <= reading.said_words("cap tinh (trung tam pvhcc) 55.372")


def test_a_change_in_percent_does_not_answer_a_rate_unless_a_change_is_asked():
    ps = passages("Năm 2022, Trung tâm đã tiếp nhận 55.372 hồ sơ, tăng 8,1% so với cùng kỳ. Đã giải quyết 53.986 hồ sơ, "
                  "trong đó đúng hạn 53.823 hồ sơ, đạt tỷ lệ 99,7%.")
    assert ask("Tỷ lệ hồ sơ đúng hạn ở Trung tâm năm 2022 là bao nhiêu?", ps).meta["figures"] == ["99,7%"]
    assert ask("Năm 2022 số hồ sơ Trung tâm tiếp nhận tăng bao nhiêu % so với cùng kỳ?", ps).meta["figures"] == ["8,1%"]


def test_a_share_of_a_counted_noun_is_also_said_by_the_words_that_qualify_it():
    ps = passages("Tỷ lệ giải quyết đúng hạn ở cấp huyện đạt 99,0%, cấp xã đạt 99,5%.")
    assert ask("Tỷ lệ hồ sơ đúng hạn ở cấp xã năm 2022 là bao nhiêu?", ps).meta["figures"] == ["99,5%"]
    assert ask("Tỷ lệ hồ sơ trực tuyến ở cấp xã năm 2022 là bao nhiêu?", ps).abstained  # another share


def test_the_whole_asked_is_not_answered_by_one_row_of_its_breakdown():
    heading = ["2.3. Hoạt động của Trung tâm Phục vụ hành chính công tỉnh"]
    sentence = ("Trong năm 2022, Trung tâm đã tiếp nhận 98.436 hồ sơ. Đã giải quyết 96.915 hồ sơ, trong đó đúng hạn "
                "96.721 hồ sơ, đạt tỷ lệ 99,8%; trễ hạn 194 hồ sơ.")
    table = ("Bảng 1. Kết quả giải quyết hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh năm 2022\n\n"
             "Sở Giao thông vận tải – Tiếp nhận: 31.245; Đã giải quyết: 31.012; Đúng hạn: 31.006; Trễ hạn: 6\n\n"
             "Sở Tư pháp – Tiếp nhận: 18.932; Đã giải quyết: 18.811; Đúng hạn: 18.808; Trễ hạn: 3")
    ps = [Passage(Chunk(f"r.txt#000{i}", "r.txt", t, heading), META, 0.0) for i, t in enumerate([table, sentence])]
    asked = "Năm 2022 Trung tâm Phục vụ hành chính công tỉnh giải quyết trễ hạn bao nhiêu hồ sơ?"
    assert ask(asked, ps).meta["figures"] == ["194"]
    assert ask("Năm 2022 Sở Tư pháp giải quyết trễ hạn bao nhiêu hồ sơ?", ps).meta["figures"] == ["3"]  # a row named
