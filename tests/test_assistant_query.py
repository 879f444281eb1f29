"""Question understanding without an LLM: slots, accent-insensitivity, follow-ups against the conversation."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.query import understand


@pytest.mark.parametrize(
    "question, year, half, quarter",
    [
        ("Năm 2023 Ban Tiếp công dân nhận bao nhiêu đơn?", 2023, None, None),
        ("6 tháng đầu năm 2023 có bao nhiêu lượt tiếp dân?", 2023, 1, None),
        ("6 thang cuoi nam 2022 xu ly bao nhieu ho so", 2022, 2, None),
        ("Quý I/2024 Văn phòng tổ chức mấy cuộc họp?", 2024, None, 1),
        ("quy 1 nam 2024 co bao nhieu van ban", 2024, None, 1),
        ("Trong 2021 đã tiếp nhận bao nhiêu đơn?", 2021, None, None),
    ],
)
def test_period(question, year, half, quarter):
    q = understand(question)
    assert (q.year, q.half, q.quarter) == (year, half, quarter)


def test_nhiem_ky_range_is_not_a_year():
    assert understand("Quy chế làm việc nhiệm kỳ 2021-2026 là gì?").year is None


@pytest.mark.parametrize(
    "question, province, unit",
    [
        ("Ban Tiếp công dân tỉnh Quảng Ngãi nhận bao nhiêu đơn?", "Quảng Ngãi", "Ban Tiếp công dân"),
        ("ban tiep cong dan tinh quang ngai nhan bao nhieu don", "Quảng Ngãi", "Ban Tiếp công dân"),
        ("Trung tâm Phục vụ - Kiểm soát TTHC tiếp nhận bao nhiêu hồ sơ?", None, "Trung tâm Phục vụ - Kiểm soát TTHC"),
        ("Sở Thông tin và Truyền thông Hà Nam đã làm gì?", "Hà Nam", "Sở Thông tin và Truyền thông"),
        ("van phong ubnd tinh son la", "Sơn La", "Văn phòng UBND"),
        ("Sở Tư pháp tiếp nhận bao nhiêu hồ sơ?", None, "So Tu Phap"),
        # the report's own department then its verb, and a place's premises, name no department
        ("Sở tiếp nhận bao nhiêu đơn thư vậy?", None, None),
        ("Trụ sở Tiếp công dân tỉnh Quảng Ngãi nằm ở địa chỉ nào?", "Quảng Ngãi", None),
    ],
)
def test_province_and_unit(question, province, unit):
    q = understand(question)
    assert q.province == province and q.unit == unit


@pytest.mark.parametrize(
    "question, kind, noun",
    [
        ("Ban Tiếp công dân nhận bao nhiêu đơn tố cáo?", "count", "don"),
        ("Có mấy đoàn đông người?", "count", "doan"),
        ("Tỷ lệ hài lòng của người dân là bao nhiêu?", "count", "%"),
        ("Số lượng hồ sơ tiếp nhận trực tuyến", "count", "ho so"),
        ("Những mô hình dân vận khéo nào được triển khai?", "list", None),
        ("Có trường hợp nào vi phạm không?", "yesno", "truong hop"),
        ("Công tác cải cách hành chính được thực hiện như thế nào?", "open", None),
        # "máy" (bộ máy) folds like "mấy" but asks nothing; a bare "may" typed without marks still asks
        ("Bộ máy của Văn phòng được sắp xếp lại như thế nào?", "open", None),
        ("co may doan dong nguoi", "count", "doan"),
    ],
)
def test_kind_and_noun(question, kind, noun):
    q = understand(question)
    assert q.kind == kind and q.noun == noun


def test_who_signed_is_its_own_kind():
    for question in ("Báo cáo này do ai ký?", "Ai ký báo cáo số 2182/BC-VP?", "Người ký báo cáo quý I/2024 là ai?"):
        assert understand(question).kind == "signer", question
    assert understand("Hai kỳ báo cáo nhận bao nhiêu đơn?").kind == "count"  # "hai kỳ" is no "ai ký"
    assert understand("Báo cáo số 2182/BC-VP đề ngày nào?").kind == "report_id"
    assert understand("Báo cáo năm 2023 có số hiệu gì, ký ngày nào?").kind == "report_id"
    assert understand("Báo cáo số 2182/BC-VP do ai ký, ký ngày nào?").kind == "report_id_signer"
    # another document's date, or a date the report tells of, is not the report's own
    assert understand("Kế hoạch 1879/KH-VP ban hành ngày nào?").kind == "docref"
    assert understand("Theo báo cáo, Trung tâm bắt đầu thanh toán trực tuyến từ ngày nào?").kind == "when"


def test_whom_a_report_went_to_is_its_own_kind():
    for question in ("Báo cáo năm 2023 gửi tới những nơi nào?", "Báo cáo quý I/2024 được gửi cho ai?",
                     "Nơi nhận của báo cáo số 2182/BC-VP gồm những đâu?", "Báo cáo 6 tháng đầu năm gửi đến đâu?"):
        assert understand(question).kind == "recipients", question
    # what a report tells of being sent is no distribution list
    assert understand("Năm 2023 có bao nhiêu đơn gửi đến Ban Tiếp công dân?").kind == "count"
    assert understand("Trung tâm tỉnh Sơn La và Trung tâm tỉnh Quảng Ngãi mỗi nơi nhận bao nhiêu hồ sơ?").kind == "count"
    assert understand("Đơn không thuộc thẩm quyền được chuyển đến cơ quan nào?").kind != "recipients"


def test_noun_phrase_and_topic():
    q = understand("Ban Tiếp công dân nhận bao nhiêu đơn tố cáo?")
    assert q.noun_phrase == "to cao"
    assert {"tiep", "dan", "to", "cao"} <= set(q.topic)
    assert "bao" not in q.topic and "nhieu" not in q.topic


def test_followup_replaces_period_and_keeps_the_rest():
    first = understand("Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?")
    second = understand("Còn 6 tháng đầu năm thì sao?", first)
    assert second.followup
    assert (second.year, second.half) == (2023, 1)
    assert (second.unit, second.province, second.noun, second.kind) == ("Ban Tiếp công dân", "Quảng Ngãi", "don", "count")
    assert "6 tháng đầu năm 2023" in second.standalone and "Ban Tiếp công dân" in second.standalone
    assert "Năm 2023" not in second.standalone


def test_followup_noun_qualifier_and_relative_year():
    first = understand("Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?")
    second = understand("đơn tố cáo?", first)
    assert second.noun == "don" and second.noun_phrase == "to cao" and second.year == 2023
    assert "đơn tố cáo" in second.standalone
    third = understand("năm trước?", second)
    assert third.year == 2022 and third.half is None and "tố cáo" in third.standalone


def test_this_year_is_the_clocks_year():
    assert understand("6 tháng đầu năm nay tiếp bao nhiêu lượt?", today_year=2031).year == 2031
    assert understand("năm ngoái tiếp bao nhiêu lượt?", today_year=2031).year == 2030
    assert understand("năm nay tiếp bao nhiêu lượt?").year == date.today().year


def test_followup_replaces_province():
    first = understand("Năm 2023 Văn phòng UBND tỉnh Quảng Ngãi tổ chức bao nhiêu cuộc họp?")
    second = understand("Thế còn Sơn La?", first)
    assert second.province == "Sơn La" and second.noun == "cuoc hop" and second.year == 2023
    assert "Sơn La" in second.standalone and "Quảng Ngãi" not in second.standalone


def test_a_full_new_question_is_not_a_followup():
    first = understand("Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?")
    q = understand("Sở Thông tin và Truyền thông Hà Nam đã ban hành những văn bản nào về dân vận chính quyền?", first)
    assert not q.followup and q.year is None and q.province == "Hà Nam"


def test_several_periods_are_listed_in_the_order_named():
    q = understand("Sơn La quý I/2024 nhận bao nhiêu đơn, so với Quảng Ngãi 6 tháng đầu năm 2023?")
    assert [p.label for p in q.periods] == ["quý I năm 2024", "6 tháng đầu năm 2023"]
    assert (q.year, q.quarter, q.half) == (2024, 1, None)  # the first period named leads


def test_a_half_without_its_year_takes_the_year_named_after_it():
    q = understand("Tỷ lệ hồ sơ trực tuyến 6 tháng đầu năm so với cả năm 2022 thế nào?")
    assert [p.label for p in q.periods] == ["6 tháng đầu năm 2022", "năm 2022"]


@pytest.mark.parametrize("question", ["So sánh số lượt tiếp công dân năm 2022 và 2023", "so sanh so luot tiep dan"])
def test_so_sanh_is_not_a_department(question):
    assert understand(question).unit is None


def test_a_department_is_still_recognised():
    assert understand("Sở Tư pháp tiếp nhận bao nhiêu hồ sơ?").unit == "So Tu Phap"


def test_money_question_counts_currency():
    assert understand("Thanh toán trực tuyến được bao nhiêu tiền?").noun == "tien"


@pytest.mark.parametrize("question, word", [
    ("Năm 2021 Văn phòng báo cáo Tỉnh ủy bao nhiêu nội dung?", "noi"),
    ("Có bao nhiêu hội nghị được tổ chức?", "hoi"),
    ("Thanh toán trực tuyến được bao nhiêu tiền?", "toan"),
])
def test_syllables_of_content_words_stay_in_the_topic(question, word):
    assert word in understand(question).topic


def test_followup_focus_is_its_own_new_words():
    prev = understand("Năm 2021 Văn phòng được giao bao nhiêu biên chế?")
    q = understand("Đã sử dụng bao nhiêu?", prev)
    assert q.followup and q.focus == ["su", "dung"]
    assert understand("Năm 2021 Văn phòng được giao bao nhiêu biên chế?").focus == []


# --- which reports a question is about (assistant.chain.select_documents) ---------------

from assistant.chain import select_documents  # noqa: E402
from ingest.document import DocMeta, Period  # noqa: E402

DOCS = {
    "qn21": DocMeta("qn21", issuer="Văn phòng UBND tỉnh Quảng Ngãi", province="Quảng Ngãi", period=Period(2021)),
    "qn23h1": DocMeta("qn23h1", issuer="Văn phòng UBND tỉnh Quảng Ngãi", province="Quảng Ngãi", period=Period(2023, half=1)),
    "qn23": DocMeta("qn23", issuer="Văn phòng UBND tỉnh Quảng Ngãi", province="Quảng Ngãi", period=Period(2023)),
    "sl24q1": DocMeta("sl24q1", issuer="Văn phòng UBND tỉnh Sơn La", province="Sơn La", period=Period(2024, quarter=1)),
}


def test_full_year_question_reads_the_full_year_report_first_and_may_widen_to_that_year():
    sel = select_documents(DOCS, understand("Năm 2023 Quảng Ngãi tiếp nhận bao nhiêu đơn?"))
    assert sel.doc_ids == ["qn23"] and sel.wider == ["qn23h1"] and not sel.compare
    # a part of the year named ("6 tháng đầu năm", "cả năm"): a report of another part speaks of another period
    sel = select_documents(DOCS, understand("Sáu tháng đầu năm 2023 Quảng Ngãi tiếp nhận bao nhiêu đơn?"))
    assert sel.doc_ids == ["qn23h1"] and sel.wider is None
    sel = select_documents(DOCS, understand("Cả năm 2023 Quảng Ngãi tiếp nhận bao nhiêu đơn?"))
    assert sel.doc_ids == ["qn23"] and sel.wider is None
    # the whole year asked and only its first half reported: the half's figures are not the year's
    half_only = {k: v for k, v in DOCS.items() if k != "qn23"}
    sel = select_documents(half_only, understand("Cả năm 2023 Quảng Ngãi tiếp nhận bao nhiêu đơn?"))
    assert sel.doc_ids == [] and sel.reason == "no report for this period"
    assert select_documents(half_only, understand("Năm 2023 Quảng Ngãi tiếp nhận bao nhiêu đơn?")).doc_ids == ["qn23h1"]


def test_two_periods_of_one_year_are_compared():
    sel = select_documents(DOCS, understand("Quảng Ngãi 6 tháng đầu năm 2023 so với cả năm 2023 nhận bao nhiêu đơn?"))
    assert sel.compare and sel.doc_ids == ["qn23h1", "qn23"]


def test_each_province_keeps_its_own_period():
    sel = select_documents(DOCS, understand("Sơn La quý I/2024 nhận bao nhiêu đơn, so với Quảng Ngãi 6 tháng đầu năm 2023?"))
    assert sel.compare and sel.doc_ids == ["sl24q1", "qn23h1"]


def test_a_province_without_a_report_for_the_period_answers_from_its_own_reports():
    sel = select_documents(DOCS, understand("Sơn La và Quảng Ngãi năm 2023 mỗi nơi có mấy Phó Chánh Văn phòng?"))
    assert sel.compare and set(sel.doc_ids) == {"sl24q1", "qn23"}


def test_a_period_no_report_covers_is_refused():
    assert select_documents(DOCS, understand("6 tháng cuối năm 2022 nhận bao nhiêu đơn?")).reason
    # a quarter's report covers part of the half only: its figures are not the half's
    assert select_documents(DOCS, understand("6 tháng đầu năm 2024 Sơn La nhận bao nhiêu đơn?")).reason
    assert select_documents(DOCS, understand("Quý I/2024 Sơn La nhận bao nhiêu đơn?")).doc_ids == ["sl24q1"]


@pytest.mark.parametrize("followup", ["Trong đó bao nhiêu đơn đủ điều kiện xử lý?", "Riêng đơn tố cáo bao nhiêu?",
                                      "Bao nhiêu đơn trong số đó là đơn khiếu nại của công dân?"])
def test_a_part_of_the_last_answer_is_a_followup_and_keeps_its_period(followup):
    prev = understand("Năm 2021 Ban Tiếp công dân Quảng Ngãi nhận bao nhiêu đơn?")
    q = understand(followup, prev)
    assert q.followup and q.year == 2021 and q.province == "Quảng Ngãi"


def test_a_report_named_by_its_number_is_the_one_asked_about():
    docs = dict(DOCS)
    docs["qn23"] = DocMeta("qn23", issuer="Văn phòng UBND tỉnh Quảng Ngãi", province="Quảng Ngãi",
                           doc_number="2182/BC-VP", period=Period(2023))
    assert select_documents(docs, understand("Báo cáo 2182/BC-VP được lập theo công văn nào?")).doc_ids == ["qn23"]
    assert select_documents(docs, understand("bc so 2182/bc-vp de ngay nao")).doc_ids == ["qn23"]
    assert select_documents(docs, understand("Công văn 2182/SNV-XDCQ nói gì?")).doc_ids != ["qn23"]


def test_dang_vien_is_a_counted_noun_not_the_verb_marker_dang():
    assert understand("Văn phòng có bao nhiêu đảng viên?").noun == "dang vien"
    assert understand("Còn bao nhiêu hồ sơ đang giải quyết?").noun == "ho so"


@pytest.mark.parametrize("text, period", [
    ("nửa đầu 2023 giải quyết bao nhiêu hồ sơ", (2023, 1, None)),
    ("6 tháng 2023 nhận bao nhiêu đơn", (2023, 1, None)),
    ("06 tháng đầu năm 2023 bao nhiêu đơn", (2023, 1, None)),
    ("nửa năm đầu 2023 bao nhiêu đơn", (2023, 1, None)),
    ("6 tháng cuối năm 2023 có bao nhiêu đơn", (2023, 2, None)),
    ("hai tháng đầu năm 2024 tiếp bao nhiêu lượt", (2024, None, 1)),
    ("3 tháng đầu năm 2024 có bao nhiêu đơn", (2024, None, 1)),
    ("quý một năm 2024 có bao nhiêu đơn", (2024, None, 1)),
    ("Q1/2024 có bao nhiêu đơn", (2024, None, 1)),
    ("quý IV/2023 có bao nhiêu đơn", (2023, None, 4)),
    ("tính đến giữa năm 2023 có mấy cơ quan", (2023, 1, None)),
])
def test_the_ways_users_write_a_half_or_quarter(text, period):
    q = understand(text)
    assert [(p.year, p.half, p.quarter) for p in q.periods] == [period]
    assert (q.year, q.half, q.quarter) == period


@pytest.mark.parametrize("text, period", [
    ("Từ tháng 1 đến tháng 6/2023 nhận bao nhiêu đơn?", (2023, 1, None)),
    ("tháng 1-3/2024 có bao nhiêu đơn", (2024, None, 1)),
    ("tháng 7 - 12/2023 có bao nhiêu đơn", (2023, 2, None)),
    ("từ tháng 1 đến tháng 2/2024 có bao nhiêu đơn", (2024, None, 1)),
    ("từ tháng 1 đến hết tháng 12 năm 2023 có bao nhiêu đơn", (2023, None, None)),
    ("tháng 2/2024 có bao nhiêu đơn", (2024, None, None)),
    ("Từ đầu năm đến hết tháng 6/2023 nhận mấy đơn?", (2023, 1, None)),
    ("Tính đến tháng 3/2024 có bao nhiêu hồ sơ?", (2024, None, 1)),
])
def test_a_range_of_months_is_the_reporting_period_it_falls_in(text, period):
    q = understand(text)
    assert (q.year, q.half, q.quarter) == period


def test_a_classifier_after_the_count_word_is_not_the_counted_noun():
    assert understand("Có bao nhiêu cái gửi qua mạng?").noun is None


def test_period_words_are_not_topic():
    q = understand("Cả năm 2021 tính đến 31/12 Ban Tiếp công dân nhận bao nhiêu đơn?")
    assert not {"ca", "tinh", "den"} & set(q.topic)


def test_phan_tram_is_the_unit_asked_and_luong_a_topic():
    assert "tram" not in understand("Hồ sơ trễ hạn chiếm mấy phần trăm?").topic
    assert "luong" in understand("Văn phòng nâng lương cho bao nhiêu người?").topic
    assert "luong" not in understand("Số lượng hồ sơ tiếp nhận trực tuyến là bao nhiêu?").topic


@pytest.mark.parametrize(
    "question, months",
    [
        ("Tháng 3/2024 Trung tâm tiếp nhận bao nhiêu hồ sơ?", (3, 3)),
        ("Từ tháng 1 đến tháng 6/2023 nhận bao nhiêu đơn?", (1, 6)),
        ("Từ đầu năm 2024 đến cuối tháng 2 nhận bao nhiêu hồ sơ?", (1, 2)),
        ("Tính đến tháng 2/2024 có bao nhiêu hồ sơ?", (1, 2)),
        ("6 tháng đầu năm 2023 có bao nhiêu đơn?", None),
    ],
)
def test_months_named(question, months):
    assert understand(question).months == months


def test_a_followup_naming_a_period_replaces_the_months():
    first = understand("Tháng 3/2024 Trung tâm tiếp nhận bao nhiêu hồ sơ?")
    assert understand("Còn tháng 2 thì sao?", first).months == (2, 2)
    assert understand("Còn năm 2023?", first).months is None
    assert understand("Đã giải quyết bao nhiêu?", first).months == (3, 3)


def test_query_survives_a_json_round_trip():
    import json

    from assistant.query import Query

    q = understand("Tháng 3/2024 Trung tâm Phục vụ hành chính công tiếp nhận bao nhiêu hồ sơ?")
    back = Query.from_dict(json.loads(json.dumps(q.to_dict())))
    assert back == q and back.months == (3, 3)


def test_a_classifier_before_a_known_noun_is_skipped():
    assert understand("Năm 2023 có bao nhiêu bộ hồ sơ được gửi qua bưu điện?").noun == "ho so"
    assert understand("Có bao nhiêu bộ phận một cửa?").noun == "lit:bo phan"


def test_that_figure_is_a_followup():
    first = understand("Năm 2021 Trung tâm Phục vụ - Kiểm soát TTHC tỉnh Quảng Ngãi giải quyết bao nhiêu hồ sơ?")
    second = understand("Vậy nửa đầu năm 2023 con số đó là bao nhiêu?", first)
    assert second.followup and second.noun == "ho so" and (second.year, second.half) == (2023, 1)
    assert second.unit == first.unit
    own = understand("Năm 2022 có bao nhiêu hồ sơ do Sở Tư pháp giải quyết?", first)
    assert not own.followup  # "hồ sơ do …" is no "số đó"


@pytest.mark.parametrize("first, second", [
    ("Năm 2023 mức độ hài lòng tại Trung tâm Phục vụ - Kiểm soát TTHC tỉnh Quảng Ngãi đạt bao nhiêu?",
     "Dựa trên bao nhiêu lượt đánh giá vậy?"),
    ("Năm 2021 Chủ tịch UBND tỉnh Quảng Ngãi giao cho Văn phòng bao nhiêu biên chế sự nghiệp?",
     "Trung tâm Công báo và Tin học đã dùng bao nhiêu trong số đó?"),
    ("Năm 2023 các sở, ngành tại Trung tâm Phục vụ - Kiểm soát TTHC tỉnh Quảng Ngãi nhận bao nhiêu hồ sơ?",
     "Trong số đã giải quyết xong, bao nhiêu hồ sơ được trả đúng hoặc trước hạn?"),
    ("Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp bao nhiêu đoàn đông người?", "Vậy riêng nửa đầu năm là mấy đoàn?"),
])
def test_followups_that_lean_on_the_last_answer(first, second):
    q = understand(second, understand(first))
    assert q.followup and q.province == "Quảng Ngãi" and q.year in (2021, 2023)


def test_a_units_name_is_not_the_counted_noun():
    q = understand("Trong năm 2023 toàn tỉnh thanh toán trực tuyến được bao nhiêu tiền? Riêng Trung tâm Phục vụ - "
                   "Kiểm soát TTHC là bao nhiêu?")
    assert q.noun == "tien"
    assert understand("Riêng Trung tâm Phục vụ - Kiểm soát TTHC là bao nhiêu?").noun is None
    assert understand("Trung tâm Phục vụ - Kiểm soát TTHC tiếp nhận bao nhiêu thủ tục hành chính?").noun == "tthc"


def test_a_classifier_alone_leaves_the_noun_said_elsewhere():
    q = understand("Năm 2023 hồ sơ của các sở, ngành đã được giải quyết xong bao nhiêu bộ?")
    assert q.noun == "ho so"
    # before a verb or a marker the classifier still stands alone
    assert understand("Năm 2023 hồ sơ đất đai có bao nhiêu bộ bị trễ hạn?").noun == "ho so"
    assert understand("Năm 2023 hồ sơ đất đai còn bao nhiêu bộ đang giải quyết?").noun == "ho so"


def test_the_report_read_is_not_what_is_counted():
    q = understand("Theo báo cáo quý I/2024 của Văn phòng UBND tỉnh Sơn La, biên chế sự nghiệp là bao nhiêu?")
    assert q.noun != "bao cao"
    assert understand("Quý I/2024 Văn phòng nhận được bao nhiêu báo cáo kết quả giải quyết?").noun == "bao cao"


def test_a_rate_pointed_back_to_with_ay_is_a_followup_in_the_new_period():
    prev = understand("Cả năm 2023, hồ sơ đất đai ở thành phố Quảng Ngãi được trả đúng hạn đạt bao nhiêu phần trăm?")
    q = understand("Tính riêng nửa đầu năm 2023 thì tỷ lệ ấy là bao nhiêu?", prev)
    assert q.followup and (q.year, q.half) == (2023, 1) and "ay" not in q.topic
    assert understand("Nửa đầu năm 2023 của Quảng Ngãi thì tỷ lệ ấy đạt được là bao nhiêu?", prev).followup
    # the new period takes the old one's place in the rewritten question
    assert q.standalone.startswith("6 tháng đầu năm 2023, hồ sơ đất đai ở thành phố Quảng Ngãi được trả đúng hạn")


def test_the_reports_own_number_and_the_asking_verb_are_not_topic():
    q = understand("Báo cáo 2182/BC-VP có ghi nhận trường hợp vi phạm đạo đức công vụ nào không?")
    assert not {"bc", "vp", "ghi"} & set(q.topic)
    assert {"vi", "pham", "dao", "duc"} <= set(q.topic)
    assert "ghi" in understand("Năm 2023 Văn phòng ghi nhận bao nhiêu ý kiến?").topic  # a count's verb stays


def test_a_followup_naming_another_unit_drops_the_last_units_name_from_the_topic():
    first = understand("Từ đầu năm 2024 đến 28/2, Trung tâm Phục vụ Hành chính công tỉnh Sơn La tiếp nhận bao nhiêu hồ sơ?")
    q = understand("Còn bộ phận một cửa của chính Văn phòng UBND tỉnh thì nhận bao nhiêu?", first)
    assert q.unit == "Bộ phận Một cửa" and q.noun == "ho so" and q.year == 2024
    assert not {"trung", "tam", "phuc", "vu"} & set(q.topic) and {"tiep", "nhan"} <= set(q.topic)


def test_a_modifier_opened_by_a_preposition_is_not_the_nouns_phrase():
    assert understand("Năm 2023 có bao nhiêu đơn tố cáo?").noun_phrase == "to cao"
    # "hồ sơ tại Trung tâm", "phản ánh về TTHC do công dân gửi": where and what about, not a kind of hồ sơ / phản ánh
    assert understand("Các sở tiếp nhận bao nhiêu hồ sơ tại Trung tâm Phục vụ hành chính công?").noun_phrase is None
    assert understand("Văn phòng nhận mấy phản ánh, kiến nghị về TTHC do công dân gửi qua đơn thư?").noun_phrase is None


def test_bao_nhieu_is_the_asking_word_where_the_question_also_says_tong_cong():
    q = understand("6 tháng đầu năm 2023, tổng cộng 20 cơ quan, đơn vị ở Trung tâm nhận vào bao nhiêu hồ sơ?")
    assert q.noun == "ho so"


def test_a_thing_pointed_back_to_makes_a_followup_but_trong_do_does_not():
    prev = understand("Nửa đầu năm 2023 Văn phòng UBND tỉnh Quảng Ngãi có làm kế hoạch chuyển đổi vị trí công tác không?")
    q = understand("Kế hoạch đó số mấy, ký ngày nào?", prev)
    assert q.followup and (q.year, q.half, q.province) == (2023, 1, "Quảng Ngãi")
    assert "ký ngày nào" in q.standalone  # the rewritten question (a chat model's) keeps what is now asked
    assert not understand("Năm 2021 có bao nhiêu hồ sơ, trong đó bao nhiêu hồ sơ trễ hạn?", prev).followup
    # a part of the same count keeps its own words too
    prev = understand("Quý I/2024 Văn phòng UBND tỉnh Sơn La nhận được bao nhiêu đơn?")
    assert "khiếu nại" in understand("Bao nhiêu đơn trong số đó là khiếu nại?", prev).standalone


def test_words_folded_like_a_noun_are_not_that_noun():
    assert understand("Kế hoạch số mấy, ký ngày nào?").noun != "ky"
    assert understand("Văn phòng có mấy đồng chí kiêm nhiệm Trưởng Ban?").noun != "tien"
    assert understand("Văn phòng chi bao nhiêu đồng cho công tác dân vận?").noun == "tien"


def test_an_acronym_written_with_an_ampersand_is_one_word():
    # "TT&TT" is "tttt", which the thesaurus reads as "Thông tin và Truyền thông"; not two words "tt" no report has
    topic = understand("Kể từ năm 2013, Sở TT&TT Hà Nam đã tiếp công dân lần nào chưa?").topic
    assert "tttt" in topic and "tt" not in topic


def test_a_year_describing_a_document_asked_for_is_not_the_reporting_period():
    # the plan "năm 2024" was issued (and reported) in 2023
    q = understand("Kế hoạch về biên chế công chức, số lượng người làm việc năm 2024 là số mấy, ban hành ngày nào?")
    assert q.kind == "docref" and q.year is None
    assert understand("Năm 2023 Văn phòng ban hành kế hoạch cải cách hành chính số mấy?").year == 2023
    assert understand("Năm 2023 có bao nhiêu kế hoạch được ban hành?").year == 2023


def test_the_tasks_set_for_a_period_are_read_in_the_report_whose_title_names_it():
    docs = dict(DOCS, sl24q1=DocMeta("sl24q1", title="Kết quả công tác quý I; Nhiệm vụ trọng tâm quý II năm 2024",
                                     issuer="Văn phòng UBND tỉnh Sơn La", province="Sơn La", period=Period(2024, quarter=1)))
    sel = select_documents(docs, understand("Quý II năm 2024 Sơn La có những nhiệm vụ trọng tâm nào?"))
    assert sel.doc_ids == ["sl24q1"] and sel.reason is None
    sel = select_documents(DOCS, understand("Quý II năm 2024 Sơn La có những nhiệm vụ trọng tâm nào?"))
    # no title names it: only the passages that name the quarter and its year may answer (else the answer abstains)
    assert sel.doc_ids == ["sl24q1"] and sel.reason is None and sel.require_year == 2024 and "ii" in sel.require_part


def test_a_group_measured_in_people_is_what_is_counted():
    assert understand("Năm 2024 Văn phòng được giao biên chế công chức mấy người?").noun == "cong chuc"
    assert understand("Năm 2024 Văn phòng có bao nhiêu người?").noun == "nguoi"
    assert understand("Doanh thu của nhà khách năm 2024 là bao nhiêu?").noun == "tien"  # an amount of money


def test_a_new_question_naming_no_period_or_province_keeps_the_conversation_s():
    first = understand("Quý I/2024 Văn phòng UBND tỉnh Sơn La luân chuyển mấy công chức giữa các phòng?")
    q = understand("Trong quý có ai được nâng lương thường xuyên không, mấy người?", first)
    assert (q.year, q.quarter, q.province) == (2024, 1, "Sơn La") and "luong" in q.topic and "luan" not in q.topic
    # a question naming its own period keeps it, and a first question has nothing to keep
    assert understand("Năm 2021 có mấy người được nâng lương?", first).year == 2021
    assert understand("Trong quý có ai được nâng lương thường xuyên không?").year is None


def test_mid_year_names_the_first_half_unless_it_is_between_two_years():
    q = understand("Báo cáo giữa năm 2023 của Văn phòng có bao nhiêu hồ sơ?")
    assert (q.year, q.half) == (2023, 1)
    q = understand("So sánh số hồ sơ giữa năm 2022 và năm 2023?")
    assert q.half is None and [p.year for p in q.periods] == [2022, 2023]


def test_the_first_year_of_a_term_is_its_first_year():
    assert understand("Năm đầu nhiệm kỳ 2021-2026 Văn phòng nhận bao nhiêu đơn?").year == 2021
    assert understand("Năm cuối nhiệm kỳ 2021 - 2026 có bao nhiêu đơn?").year == 2026
    assert understand("Nhiệm kỳ 2021-2026 có bao nhiêu đơn?").year is None


def test_a_province_typed_with_marks_must_have_its_own_marks():
    # "trực tuyến Quảng Ngãi" folds to "…tuyen quang ngai": no "Tuyên Quang"
    q = understand("Năm 2023 có bao nhiêu thủ tục dịch vụ công trực tuyến Quảng Ngãi?")
    assert (q.province, q.provinces) == ("Quảng Ngãi", ["Quảng Ngãi"])
    assert understand("thu tuc truc tuyen quang ngai nam 2023").provinces == ["Quảng Ngãi"]
    assert understand("Tỉnh Tuyên Quang có bao nhiêu hồ sơ?").province == "Tuyên Quang"


def test_a_request_for_quotes_is_about_what_it_names_after_ve():
    q = understand("Mình đang viết bài phát biểu về công tác đào tạo, bồi dưỡng cán bộ, cần một đoạn trích nguyên văn "
                   "trong báo cáo năm 2023, ghi rõ nguồn giúp mình.")
    assert q.quote_request and q.year == 2023
    assert q.topic[:6] == ["cong", "tac", "dao", "tao", "boi", "duong"]
    assert not {"viet", "phat", "bieu", "trich", "nguyen", "nguon"} & set(q.topic)


def test_issues_counted_after_the_asking_word_are_a_noun_of_their_own():
    assert understand("Năm 2023 xuất bản được mấy số Công báo điện tử?").noun == "lit:so cong"
    assert understand("Có bao nhiêu số hồ sơ trễ hạn?").noun == "ho so"  # "số hồ sơ": the number of dossiers
    assert understand("Bao nhiêu số liệu được cập nhật?").noun is None


def test_a_followup_asking_what_is_open_even_after_a_yes_no_question():
    first = understand("Sở Thông tin và Truyền thông có nhận đơn thư khiếu nại nào không?")
    assert first.kind == "yesno"
    assert understand("Thế còn hạn chế trong công tác dân vận là gì?", first).kind == "open"
    assert understand("Còn năm 2022?", first).kind == "yesno"  # a bare follow-up keeps the question's kind


def test_a_half_read_in_the_full_year_report_needs_evidence_naming_the_half():
    docs = {"bd24": DocMeta("bd24", issuer="UBND tỉnh Bình Định", province="Bình Định", period=Period(2024))}
    sel = select_documents(docs, understand("6 tháng đầu năm 2024 Bình Định có bao nhiêu hồ sơ nộp trực tuyến?"))
    assert sel.doc_ids == ["bd24"] and sel.require_part and not sel.reason
    assert select_documents(docs, understand("Năm 2024 Bình Định có bao nhiêu hồ sơ?")).require_part is None


def test_vu_is_a_case_but_nhiem_vu_is_not():
    assert understand("Đã giải quyết bao nhiêu vụ khiếu nại?").noun == "vu viec"
    assert understand("Năm 2023 có bao nhiêu nhiệm vụ được giao?").noun != "vu viec"


def test_tasks_for_a_half_no_report_covers_are_read_where_a_heading_names_that_half():
    # "Nhiệm vụ trọng tâm 6 tháng cuối năm 2025" is set in the first half's report, whose title names only its own
    docs = {"gl24": DocMeta("gl24", issuer="UBND tỉnh Gia Lai", province="Gia Lai", period=Period(2024)),
            "gl25h1": DocMeta("gl25h1", issuer="UBND tỉnh Gia Lai", province="Gia Lai", period=Period(2025, half=1))}
    sel = select_documents(docs, understand("Nhiệm vụ trọng tâm 6 tháng cuối năm 2025 gồm những gì?"))
    assert not sel.reason and sel.require_year == 2025 and sel.require_part and "cuoi" in sel.require_part
    # a figure of that half is still in no report
    sel = select_documents(docs, understand("6 tháng cuối năm 2025 tiếp nhận bao nhiêu đơn?"))
    assert sel.reason == "no report for this period"


@pytest.mark.parametrize("question", [
    "Anh/chị trích giúp em mấy đoạn về kết quả giải quyết khiếu nại năm 2024 để em đưa vào bài phát biểu.",
    "soan giup doan noi ve tiep cong dan truc tuyen nam 2024 de phat bieu",
])
def test_a_request_for_quotes_is_not_a_count_and_its_topic_ends_before_its_purpose(question):
    q = understand(question)
    assert q.quote_request and q.kind == "open" and q.noun is None
    assert not {"em", "dua", "phat", "bieu"} & set(q.topic)


@pytest.mark.parametrize("first,then,said,gone", [
    ("Quý 3 cấp tỉnh nhận bao nhiêu hồ sơ TTHC?", "còn cấp xã?", "cấp xã", "cấp tỉnh"),
    ("Năm 2024 có bao nhiêu hồ sơ đúng hạn?", "còn trễ hạn thì sao?", "trễ hạn", "đúng hạn"),
])
def test_a_followup_naming_the_opposite_case_takes_its_place(first, then, said, gone):
    q = understand(then, understand(first))
    assert said in q.standalone and gone not in q.standalone


def test_n_months_of_the_year_are_asked_months_and_read_only_where_a_passage_says_them():
    q = understand("9 tháng đầu năm 2025 tuyển dụng được bao nhiêu công chức?")
    assert (q.year, q.months, q.half, q.quarter) == (2025, (1, 9), None, None)
    docs = {"q3": DocMeta("q3", issuer="Sở Nội vụ tỉnh Quảng Trị", province="Quảng Trị", period=Period(2025, quarter=3))}
    sel = select_documents(docs, q)
    assert sel.doc_ids == ["q3"] and sel.require_part and "9 thang" in sel.require_part.replace("0?", "")
    assert understand("6 tháng đầu năm 2025 tuyển dụng bao nhiêu?").months is None  # a half, not months


def test_a_report_of_nine_months_answers_them_and_covers_its_quarters_in_part():
    docs = {"y23": DocMeta("y23", period=Period(2023)), "m9": DocMeta("m9", period=Period(2025, through_month=9)),
            "q3": DocMeta("q3", period=Period(2025, quarter=3))}
    sel = select_documents(docs, understand("9 tháng đầu năm 2025 Sở tiếp bao nhiêu lượt công dân?"))
    assert sel.doc_ids == ["m9"] and sel.require_part is None
    sel = select_documents(docs, understand("Quý II/2025 Sở Nội vụ tiếp nhận bao nhiêu đơn?"))
    assert sel.doc_ids == ["m9"] and sel.require_part and re.search(sel.require_part, "quy ii")
    assert select_documents(docs, understand("Quý III/2025 Sở tiếp nhận bao nhiêu đơn?")).doc_ids == ["q3"]


def test_a_year_named_only_as_a_comparisons_base_is_not_spoken_of():
    from assistant.chain import speaks_of_year

    assert not speaks_of_year("Tổng số đơn tiếp nhận là 6.384 đơn, tăng 8,7% so với năm 2023.", "2023")
    assert not speaks_of_year("giảm 4,8% so với cùng kỳ năm 2023", "2023")
    assert speaks_of_year("tăng 8,7% so với năm 2023 (5.873 đơn)", "2023")
    assert speaks_of_year("Năm 2023, toàn tỉnh tiếp nhận 5.873 đơn.", "2023")


def test_quy_che_dan_chu_is_a_subject_not_a_document_asked_for():
    assert understand("Những hạn chế trong thực hiện quy chế dân chủ năm 2024 là gì?").kind == "list"
    assert understand("Quy chế làm việc nào được ban hành năm 2023?").kind == "docref"
    assert understand("Văn phòng gắn thực hiện quy chế dân chủ với quy định nào của Ban Bí thư, là quy định số mấy?"
                      ).kind == "docref"


@pytest.mark.parametrize("question, noun", [("so luot tiep cong dan cua cap xa nam 2024", "luot"),
                                            ("Số đơn khiếu nại năm 2023?", "don")])
def test_a_count_named_without_bao_nhieu_is_a_count_and_so_is_not_a_department(question, noun):
    q = understand(question)
    assert q.kind == "count" and q.noun == noun and q.unit is None
    assert understand("so tu phap tiep nhan bao nhieu ho so").unit == "So Tu Phap"
    assert understand("Sở kiến nghị những gì với các bộ, ngành Trung ương?").kind == "list"  # "Sở", typed as such


def test_a_year_named_only_as_a_comparison_base_is_not_the_period_asked():
    first = understand("6 tháng đầu năm 2025 toàn tỉnh tiếp bao nhiêu lượt công dân?")
    follow = understand("So với cùng kỳ năm 2024 số lượt tiếp tăng hay giảm?", first)
    assert (follow.year, follow.half) == (2025, 1)  # the conversation's period, compared with 2024
    assert understand("So với năm 2023 thì năm 2024 tiếp bao nhiêu lượt?").year == 2024
    assert understand("Năm 2024 so với năm 2023 tăng bao nhiêu?").year == 2024


@pytest.mark.parametrize("question", ["Báo cáo chỉ ra những tồn tại, hạn chế gì?", "Có những vướng mắc gì?",
                                      "Sở có những kiến nghị, đề xuất gì?",
                                      "Nêu các tồn tại, hạn chế trong báo cáo 6 tháng đầu năm 2025"])
def test_the_items_of_a_report_section_are_asked_as_a_list(question):
    assert understand(question).kind == "list"


def test_a_follow_up_reads_as_one_clean_question():
    """What the chat shows as "Đã hiểu câu hỏi là: …": the other end of a ranking replaces the first, and a kind
    put in place of its opposite is not said twice."""
    highest = understand("Năm 2022 đơn vị nào có tỷ lệ hòa giải thành cao nhất?")
    assert understand("thấp nhất thì sao?", highest).standalone == "Năm 2022 đơn vị nào có tỷ lệ hòa giải thành thấp nhất?"
    complaints = understand("Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi nhận bao nhiêu đơn khiếu nại?")
    assert understand("đơn tố cáo?", complaints).standalone == \
        "Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi nhận bao nhiêu đơn tố cáo?"


def test_a_follow_up_asking_another_thing_another_way_is_rebuilt_from_its_own_words():
    """A count after a plan's number: the new noun spliced into the last question would keep its frame
    ("Cơ quan cách hành chính … là kế hoạch số mấy?"); the follow-up's own words lead, the carried subject and
    period follow, and what it says again ("kiểm tra") stays in its topic."""
    plan = understand("Kế hoạch kiểm tra cải cách hành chính năm 2025 là kế hoạch số mấy?")
    q = understand("đến giữa năm đã kiểm tra được bao nhiêu cơ quan rồi?", plan)
    assert q.standalone == "Đến giữa năm đã kiểm tra được bao nhiêu cơ quan rồi (cải cách hành chính, 6 tháng đầu)?"
    assert {"kiem", "tra", "cach", "hanh", "chinh"} <= set(q.topic)
    rules = understand("Sở Thông tin và Truyền thông Hà Nam có quy chế làm việc không?")
    q = understand("Còn quy chế văn hóa công sở và chuẩn mực ứng xử thì ban hành theo quyết định nào?", rules)
    assert q.standalone.startswith("Quy chế văn hóa công sở và chuẩn mực ứng xử thì ban hành theo quyết định nào (")
    assert "Truyền thông" in q.standalone and "Hà Nam" in q.standalone


def test_another_index_named_alone_in_a_follow_up_takes_the_last_one_s_place():
    prev = understand("PAR INDEX năm 2022 của Đắk Lắk đạt bao nhiêu %?")
    q = understand("còn SIPAS?", prev)
    assert q.standalone == "Chỉ số SIPAS năm 2022 của Đắk Lắk đạt bao nhiêu %?"
    assert "sipas" in q.topic and "par" not in q.topic and "index" not in q.topic
    same = understand("còn PAR INDEX?", prev)
    assert "par" in same.topic


def test_a_part_of_the_year_named_as_a_comparison_s_base_is_not_the_period_asked():
    prev = understand("Quý III/2025 hồ sơ TTHC giải quyết đúng hạn đạt bao nhiêu %?")
    q = understand("so với quý II thì tăng hay giảm?", prev)
    assert (q.year, q.quarter) == (2025, 3)
    assert q.standalone == "Quý III/2025 hồ sơ TTHC giải quyết đúng hạn đạt bao nhiêu % so với quý II thì tăng hay giảm?"
    assert understand("Quý III/2025 so với quý II/2025 tăng bao nhiêu?").quarter == 3


def test_a_comparison_asked_after_a_figure_is_a_follow_up_of_its_period():
    prev = understand("PAR INDEX 2024 của tỉnh xếp thứ mấy?")
    q = understand("so với năm trước tăng mấy bậc?", prev)
    assert q.followup and q.year == 2024  # "năm trước" is the base compared with, not the year asked
    assert understand("So với năm trước, năm 2024 tăng mấy bậc?").year == 2024
    assert understand("Năm trước tỉnh xếp thứ mấy?", today_year=2026).year == 2025


def test_a_level_asked_after_a_unit_replaces_the_unit():
    prev = understand("Tỷ lệ hồ sơ đúng hạn ở Trung tâm Phục vụ hành chính công 6 tháng đầu năm 2025 là bao nhiêu?")
    q = understand("Thế còn cấp xã?", prev)
    assert q.unit is None and "trung" not in q.topic
    assert q.standalone == "Tỷ lệ hồ sơ đúng hạn ở cấp xã 6 tháng đầu năm 2025 là bao nhiêu?"


def test_tasks_for_a_quarter_inside_a_covered_half_are_read_in_the_quarter_before_s_report():
    # "Nhiệm vụ trọng tâm quý II/2025": the half's report covers the quarter but the tasks were set in quý I's
    docs = {"bd25q1": DocMeta("bd25q1", issuer="Văn phòng UBND tỉnh Bình Định", province="Bình Định",
                              period=Period(2025, quarter=1)),
            "bd25h1": DocMeta("bd25h1", issuer="Văn phòng UBND tỉnh Bình Định", province="Bình Định",
                              period=Period(2025, half=1))}
    sel = select_documents(docs, understand("Kể tên các nhiệm vụ trọng tâm quý II/2025"))
    assert sel.doc_ids is None and sel.require_year == 2025 and "ii" in sel.require_part
    # a figure of the quarter is only in the half's report, in passages that name the quarter
    sel = select_documents(docs, understand("Quý II/2025 tiếp nhận bao nhiêu hồ sơ?"))
    assert sel.doc_ids == ["bd25h1"] and "ii" in sel.require_part


def test_a_part_of_a_year_without_its_year_leans_on_the_last_turn():
    prev = understand("Kế hoạch kiểm tra CCHC năm 2025 là kế hoạch số mấy?")
    q = understand("đến giữa năm đã kiểm tra được bao nhiêu cơ quan rồi?", prev)
    assert q.followup and q.half == 1 and q.noun == "don vi"  # "cơ quan" is counted as "đơn vị" is
    assert not understand("6 tháng đầu năm 2025 Trung tâm Phục vụ hành chính công nhận bao nhiêu hồ sơ?", prev).followup
