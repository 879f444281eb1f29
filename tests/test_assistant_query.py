"""Question understanding without an LLM: slots, accent-insensitivity, follow-ups against the conversation."""

from __future__ import annotations

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
    ],
)
def test_kind_and_noun(question, kind, noun):
    q = understand(question)
    assert q.kind == kind and q.noun == noun


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


def test_followup_replaces_province():
    first = understand("Năm 2023 Văn phòng UBND tỉnh Quảng Ngãi tổ chức bao nhiêu cuộc họp?")
    second = understand("Thế còn Sơn La?", first)
    assert second.province == "Sơn La" and second.noun == "cuoc hop" and second.year == 2023
    assert "Sơn La" in second.standalone and "Quảng Ngãi" not in second.standalone


def test_a_full_new_question_is_not_a_followup():
    first = understand("Năm 2023 Ban Tiếp công dân tỉnh Quảng Ngãi tiếp nhận bao nhiêu đơn?")
    q = understand("Sở Thông tin và Truyền thông Hà Nam đã ban hành những văn bản nào về dân vận chính quyền?", first)
    assert not q.followup and q.year is None and q.province == "Hà Nam"
