"""Naming a place as a document of a given day does (ocop.places.queries.addresses_on): on the map valid that day,
with the former names where the map changed in between."""

import datetime as dt

import pytest

from conftest import make_producer, unit
from ocop.places.models import Succession, Unit
from ocop.places.queries import address_on, addresses_on
from ocop.registry.queries import producer_address_on, producer_addresses_on
from ocop.registry.services import record_address

pytestmark = pytest.mark.django_db

BEFORE, AFTER = dt.date(2024, 5, 10), dt.date(2026, 7, 22)


def test_an_old_commune_is_itself_before_the_reform_and_its_new_commune_after_it():
    duc_hanh = unit("legacy", "25228")
    assert str(address_on(duc_hanh, BEFORE, "Thôn 3")) == "Thôn 3, Xã Đức Hạnh, Huyện Bù Gia Mập, Tỉnh Bình Phước"
    after = address_on(duc_hanh, AFTER, "Thôn 3")
    assert after.name == "Thôn 3, Xã Phú Nghĩa, Thành phố Đồng Nai"
    assert after.former == "Xã Đức Hạnh, Huyện Bù Gia Mập, Tỉnh Bình Phước"
    assert (after.province.name, after.district, after.former_district) == (
        "Thành phố Đồng Nai",
        None,
        "Huyện Bù Gia Mập",
    )


def test_a_new_commune_formed_across_districts_names_each_former_district():
    phuoc_binh = address_on(unit("2025", "25220"), AFTER)
    assert phuoc_binh.name == "Phường Phước Bình, Thành phố Đồng Nai"
    assert phuoc_binh.former == "Thị xã Phước Long và Huyện Phú Riềng, Tỉnh Bình Phước"


def test_a_divided_old_commune_names_each_new_commune_it_went_to():
    cong_vi = address_on(unit("legacy", "00007"), AFTER)
    assert cong_vi.name == "Phường Ngọc Hà hoặc Phường Giảng Võ, Thành phố Hà Nội"
    assert cong_vi.former == "Phường Cống Vị, Quận Ba Đình"  # the city kept its name


def test_a_new_commune_with_one_old_commune_is_named_by_the_old_one_before_the_reform():
    old = unit("legacy", "25228")
    new = Unit.objects.create(
        map="2025", code="99999", level="commune", division_type="xã", name="Xã Thử Nghiệm", short_name="Thử Nghiệm",
        search_text="xa thu nghiem", parent=unit("2025", "75"), path="2025/75/99999/", valid_from=dt.date(2025, 7, 1),
    )  # fmt: skip
    Succession.objects.create(predecessor=old, successor=new, on=dt.date(2025, 7, 1), partial=True)
    before = address_on(new, BEFORE)
    assert before.name == "Xã Đức Hạnh, Huyện Bù Gia Mập, Tỉnh Bình Phước" and before.former == ""


def test_a_province_is_named_as_on_the_day():
    binh_phuoc = unit("legacy", "70")
    assert str(address_on(binh_phuoc, BEFORE)) == "Tỉnh Bình Phước"
    assert str(address_on(binh_phuoc, AFTER)) == "Thành phố Đồng Nai (trước đây: Tỉnh Bình Phước)"


def test_many_places_cost_two_queries(django_assert_num_queries):
    ids = list(Unit.objects.filter(path__startswith="legacy/70/", level="commune").values_list("pk", flat=True))
    with django_assert_num_queries(2):
        places = addresses_on(ids, AFTER)
    assert len(places) == len(ids) > 100
    assert all(p.province.name == "Thành phố Đồng Nai" for p in places.values())


def test_a_producers_address_follows_its_history_and_the_map_of_the_day(django_assert_num_queries):
    producer = make_producer("HTX Đức Hạnh", unit("legacy", "25228"), "3809990001", address="Thôn 3")
    other = make_producer("HTX Tân Lập", unit("legacy", "25216"), "3809990002")
    record_address(producer, unit("2025", "25220"), "Tổ 5", dt.date(2025, 9, 1))
    assert producer_address_on(producer, BEFORE).name == "Thôn 3, Xã Đức Hạnh, Huyện Bù Gia Mập, Tỉnh Bình Phước"
    assert producer_address_on(producer, dt.date(2025, 8, 1)).name == "Thôn 3, Xã Phú Nghĩa, Thành phố Đồng Nai"
    with django_assert_num_queries(3):
        places = producer_addresses_on([producer, other], AFTER)
    assert places[producer.pk].name == "Tổ 5, Phường Phước Bình, Thành phố Đồng Nai"
    assert places[other.pk].province.name == "Thành phố Đồng Nai"
