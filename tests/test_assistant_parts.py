"""Splitting a question that asks several figures into one question per figure (assistant/parts.py)."""

from __future__ import annotations

import pytest

from assistant import compose
from assistant.parts import question_parts
from assistant.query import understand
from tests.test_assistant_extractive import ask, passages


def split(question: str) -> list[str]:
    return [p.question for p in question_parts(understand(question))]


def test_each_asking_word_is_a_part():
    got = split("Năm 2022 Văn phòng có bao nhiêu công chức, bao nhiêu viên chức và mấy lao động hợp đồng?")
    assert len(got) == 3
    # a part naming a noun of its own is asked as itself, in the setting said before the first asking word;
    # one naming a word the dictionary does not know ("lao động") is read as a follow-up
    assert got == ["Năm 2022 Văn phòng có bao nhiêu công chức", "Năm 2022 Văn phòng có bao nhiêu viên chức?",
                   "Còn mấy lao động hợp đồng?"]
    # without the first part's own words ("hồ sơ … qua bưu điện")
    assert split("Năm 2021 có bao nhiêu hồ sơ nộp qua bưu điện tại Trung tâm và hơn bao nhiêu lượt đánh giá?")[1] == (
        "Năm 2021 có hơn bao nhiêu lượt đánh giá?")
    # a part saying its own verb shares the setting only up to the last comma before the first asking word
    assert split("Năm 2023, Trung tâm nhắn bao nhiêu tin SMS, và trả kết quả tại chỗ cho bao nhiêu hồ sơ?")[1] == (
        "Năm 2023, trả kết quả tại chỗ cho bao nhiêu hồ sơ?")
    assert split("Theo báo cáo quý I/2024 của Văn phòng, biên chế đang thực hiện là bao nhiêu và hai nhà khách có "
                 "bao nhiêu viên chức?")[1] == "Theo báo cáo quý I/2024 của Văn phòng, hai nhà khách có bao nhiêu viên chức?"
    # a part counting nothing new is a follow-up of the first
    assert split("Năm 2023 đã giải quyết bao nhiêu hồ sơ, còn bao nhiêu đang giải quyết?")[1].lower().startswith("còn bao nhiêu")


def test_two_things_in_one_frame_under_one_asking_word_are_two_parts():
    assert split("Năm 2022 tỷ lệ trễ hạn của hồ sơ các sở, ngành và của hồ sơ đất đai là bao nhiêu?") == [
        "Năm 2022 tỷ lệ trễ hạn của hồ sơ các sở, ngành là bao nhiêu?",
        "Năm 2022 tỷ lệ trễ hạn của hồ sơ đất đai là bao nhiêu?",
    ]
    # asked for each: the repeated word opens both things, the distributing words leave the parts
    assert split("Năm 2022 quyết định của UBND tỉnh và quyết định của Chủ tịch UBND tỉnh mỗi loại bao nhiêu?") == [
        "Năm 2022 quyết định của UBND tỉnh bao nhiêu?",
        "Năm 2022 quyết định của Chủ tịch UBND tỉnh bao nhiêu?",
    ]
    # two measures, each its own ("tỷ lệ … và mức độ …"), asked for each
    assert split("Năm 2021, tỷ lệ hồ sơ giải quyết đúng hạn tại Trung tâm Phục vụ - Kiểm soát TTHC tỉnh Quảng Ngãi và "
                 "mức độ hài lòng của người dân lần lượt là bao nhiêu?") == [
        "Năm 2021, tỷ lệ hồ sơ giải quyết đúng hạn tại Trung tâm Phục vụ - Kiểm soát TTHC tỉnh Quảng Ngãi là bao nhiêu?",
        "Năm 2021, mức độ hài lòng của người dân là bao nhiêu?",
    ]
    assert split("Tỷ lệ hồ sơ trực tuyến năm 2022 của Sở Xây dựng so với Sở Y tế chênh nhau thế nào, mỗi bên mấy %?") == [
        "Tỷ lệ hồ sơ trực tuyến năm 2022 của Sở Xây dựng mấy %?",
        "Tỷ lệ hồ sơ trực tuyến năm 2022 của Sở Y tế mấy %?",
    ]


@pytest.mark.parametrize("question", [
    "Năm 2022 Sở Tài nguyên và Môi trường tiếp nhận bao nhiêu hồ sơ?",  # "và" inside a name
    "Năm 2022 Chi nhánh Văn phòng Đăng ký đất đai và Phòng Tài nguyên và Môi trường nhận bao nhiêu hồ sơ?",
    "Năm 2022 tỷ lệ trả kết quả trước hạn và đúng hạn là bao nhiêu?",  # one share of both
    "Năm 2022 Ban nhận bao nhiêu đơn khiếu nại và tố cáo?",  # one figure of both
])
def test_and_inside_one_thing_does_not_split(question):
    assert split(question) == [question]


def test_where_one_asked_thing_ends_and_the_next_begins():
    # ", còn" opens the next thing, even with a comma inside it
    assert split("Năm 2022 hồ sơ các sở, ngành là bao nhiêu bộ, còn hồ sơ đất đai của hộ gia đình, cá nhân là bao nhiêu?")[0] \
        == "Năm 2022 hồ sơ các sở, ngành là bao nhiêu bộ"
    # a comma right after the asking word closes its part
    assert split("Năm 2022 tổng hồ sơ Trung tâm nhận là bao nhiêu, phần nộp trực tuyến của các sở, ban ngành là bao nhiêu?")[0] \
        == "Năm 2022 tổng hồ sơ Trung tâm nhận là bao nhiêu"


def test_a_measure_word_repeated_on_both_sides_of_va_joins_two_things():
    assert split("Năm 2022 số công dân được Văn phòng tiếp thường xuyên và số công dân được lãnh đạo tỉnh tiếp "
                 "định kỳ là bao nhiêu?") == [
        "Năm 2022 số công dân được Văn phòng tiếp thường xuyên là bao nhiêu?",
        "Năm 2022 số công dân được lãnh đạo tỉnh tiếp định kỳ là bao nhiêu?",
    ]
    # a bare measure ("số lượt") shares what follows the second: one frame, said once
    question = "Tổng số lượt và số người được Ban Tiếp công dân tiếp thường xuyên năm 2022 là bao nhiêu?"
    assert split(question) == [question]


def test_each_thing_is_what_its_part_counts_unless_the_asking_word_names_it():
    q = understand("Trong số văn bản ban hành năm 2022, quyết định của UBND tỉnh và quyết định của Chủ tịch UBND tỉnh "
                   "mỗi loại bao nhiêu?")
    assert q.noun == "van ban" and [p.noun for p in question_parts(q)] == ["quyet dinh", "quyet dinh"]
    # the frame holds after the asking word too
    q = understand("Năm 2022 bao nhiêu hồ sơ của Sở Y tế và của Sở Xây dựng lần lượt được giải quyết?")
    assert [(p.question, p.noun) for p in question_parts(q)] == [
        ("Năm 2022 bao nhiêu hồ sơ của Sở Y tế được giải quyết?", "ho so"),
        ("Năm 2022 bao nhiêu hồ sơ của Sở Xây dựng được giải quyết?", "ho so"),
    ]


def test_a_comparison_after_the_asking_word_is_a_part_of_its_own():
    # it names what it counts: asked as itself, the period carried
    first, second = question_parts(understand("Năm 2022 hồ sơ đất đai bị trễ hạn bao nhiêu, so với hồ sơ của các sở "
                                              "thì thế nào?"))
    assert first.question == "Năm 2022 hồ sơ đất đai bị trễ hạn bao nhiêu"
    assert second.question == "hồ sơ của các sở là bao nhiêu?" and second.year == 2022 and "dat" not in second.topic
    # it names only another period: a follow-up of the first part
    got = split("Năm 2023 Ban nhận bao nhiêu đơn, so với năm 2022 thì thế nào?")
    assert got[0] == "Năm 2023 Ban nhận bao nhiêu đơn" and got[1].startswith("Còn năm 2022")


def test_each_part_gets_its_own_figure():
    ps = passages(
        "Hồ sơ của các sở, ngành: tiếp nhận 42.627 hồ sơ, trễ hạn 40 hồ sơ, chiếm tỷ lệ 0,1%.",
        "Hồ sơ đất đai của hộ gia đình, cá nhân: tiếp nhận 14.076 hồ sơ, trễ hạn 939 hồ sơ, chiếm tỷ lệ 8%.",
    )
    draft = ask("Năm 2022 tỷ lệ trễ hạn của hồ sơ các sở, ngành và của hồ sơ đất đai lần lượt là bao nhiêu?", ps)
    assert draft.meta["parts"] == 2 and draft.meta["figures"] == ["0,1%", "8%"]
    assert isinstance(draft, compose.Draft) and len(draft.citations) == 2


def test_a_state_said_after_the_last_thing_holds_for_a_first_part_counting_the_same_noun():
    got = split("Năm 2022 còn bao nhiêu hồ sơ của các sở và bao nhiêu hồ sơ đất đai đang giải quyết?")
    assert got[0] == "Năm 2022 còn bao nhiêu hồ sơ của các sở đang giải quyết"
    # a first part with a qualifier or a noun of its own keeps to itself
    assert split("Năm 2022 có bao nhiêu thủ tục mới ban hành và bao nhiêu thủ tục bị bãi bỏ?")[0].endswith("mới ban hành")
    assert split("Năm 2022 có bao nhiêu quyết định, bao nhiêu TTHC được công bố?")[0].endswith("bao nhiêu quyết định")


def test_a_later_part_takes_its_figure_from_what_an_earlier_part_quoted_over_another_passage():
    ps = passages(
        "Tiếp công dân: từ ngày 01/01/2022 đến ngày 28/02/2022, đã tiếp 31 lượt với 53 người, có 02 đoàn đông người "
        "với 22 công dân.",
        "Tổng cộng số viên chức hai đơn vị sự nghiệp công lập trực thuộc Văn phòng UBND tỉnh là 48 người.",
    )
    draft = ask("Hai tháng đầu năm 2022 Văn phòng UBND tỉnh tiếp tổng cộng bao nhiêu lượt, bao nhiêu người và có mấy "
                "đoàn đông người?", ps)
    assert draft.meta["figures"] == ["31", "53", "02"] and len(draft.citations) == 1


def test_a_later_part_opening_with_its_own_measure_of_a_noun_is_asked_as_itself():
    got = split("Năm 2022 Trung tâm có bao nhiêu hồ sơ nộp, trả qua bưu chính và tỷ lệ hồ sơ tiếp nhận trực tuyến "
                "là bao nhiêu %?")
    assert got == ["Năm 2022 Trung tâm có bao nhiêu hồ sơ nộp, trả qua bưu chính",
                   "Năm 2022 Trung tâm có tỷ lệ hồ sơ tiếp nhận trực tuyến là bao nhiêu %?"]
    # a measure without a noun of its own measures the first part's, all of its words kept
    parts = question_parts(understand("Năm 2022 Trung tâm nhận bao nhiêu hồ sơ của các sở, ngành, và tỷ lệ trả kết "
                                      "quả trước hạn, đúng hạn đạt bao nhiêu?"))
    assert "tỷ lệ trả kết quả trước hạn, đúng hạn" in parts[1].standalone and parts[1].noun == "%"
