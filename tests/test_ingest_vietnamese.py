"""Vietnamese text primitives shared by ingest, index filters and question understanding."""

from __future__ import annotations

import pytest

from ingest.vietnamese import number_keys, place_key


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
