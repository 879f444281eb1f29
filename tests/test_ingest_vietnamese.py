"""Vietnamese text primitives shared by ingest, index filters and question understanding."""

from __future__ import annotations

import pytest

from ingest.vietnamese import find_numbers, number_keys, place_key


@pytest.mark.parametrize(
    "a, b",
    [
        ("tỉnh Quảng Ngãi", "Quang Ngai"),
        ("Bà Rịa - Vũng Tàu", "ba ria-vung tau"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("thành phố  Hà Nội", "HA NOI"),
    ],
)
def test_place_key_ignores_accents_hyphens_and_prefixes(a, b):
    assert place_key(a) == place_key(b)


def test_place_key_keeps_different_places_apart():
    assert place_key("Hà Nam") != place_key("Hà Nội")
    assert place_key(None) == ""


def test_place_key_of_an_office_contains_its_province():
    assert place_key("Quảng Ngãi") in place_key("Văn phòng UBND tỉnh Quảng Ngãi")


def test_a_value_in_a_web_address_is_no_figure():
    assert number_keys("xem tại tim-van-ban.aspx?keyword=04/2015&area=2&lan=1 với 85 người") == {"85"}


def test_the_first_part_of_a_share_of_things_is_a_figure_and_dates_or_document_numbers_are_not():
    assert find_numbers("Có 1.093/1.112 thôn, làng có hương ước") == ["1.093"]
    assert find_numbers("đã xử lý xong 46/46 phản ánh, đạt 100%") == ["46", "100%"]
    assert find_numbers("Nghị định số 59/2023/NĐ-CP ngày 14/8/2023; Kế hoạch số 01/KH-UBND; từ 01/6, các") == []
    assert find_numbers("ngày 14/8 năm nay") == []  # a day and month, not 14 of 8
    # a share or rank that ends its clause: "xếp thứ 19/63.", "2.791/2.864;" (not "ngày 25/12.")
    assert find_numbers("PAR INDEX đạt 88,12%, xếp thứ 19/63. Đã xử lý 2.791/2.864; ngày 25/12.") == ["88,12%", "19", "2.791"]
