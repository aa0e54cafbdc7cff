"""The two questions of the map: what lies under a unit on a date, and what a unit was and became."""

import pytest
from vietnam_provinces import Ward

from ocop.places.models import Succession, Unit
from ocop.places.sync import sync_units

pytestmark = pytest.mark.django_db

BINH_PHUOC_DISTRICTS = {
    "Thành phố Đồng Xoài", "Thị xã Bình Long", "Thị xã Phước Long", "Thị xã Chơn Thành",
    "Huyện Bù Đăng", "Huyện Bù Đốp", "Huyện Bù Gia Mập", "Huyện Đồng Phú", "Huyện Hớn Quản",
    "Huyện Lộc Ninh", "Huyện Phú Riềng",
}  # fmt: skip


def test_it_holds_both_maps_in_full():
    assert Unit.objects.filter(map="2025", level="province").count() == 34
    assert Unit.objects.filter(map="2025", level="commune").count() == 3321
    assert Unit.objects.filter(map="legacy", level="province").count() == 63
    assert Unit.objects.filter(map="legacy", level="district").count() == 696
    assert Unit.objects.filter(map="legacy", level="commune").count() == 10051


def test_it_lists_binh_phuoc_eleven_district_level_units_in_2024(client):
    response = client.get("/api/v1/units", {"parent": "70", "at": "2024-01-01"})
    assert response.status_code == 200
    units = response.json()
    assert {u["name"] for u in units} == BINH_PHUOC_DISTRICTS
    assert {u["map"] for u in units} == {"legacy"}
    assert {u["level"] for u in units} == {"district"}


def test_it_lists_the_communes_of_the_new_dong_nai_in_august_2025(client):
    response = client.get("/api/v1/units", {"parent": "75", "at": "2025-08-01"})
    units = response.json()
    expected = {str(int(w.code)).zfill(5) for w in Ward.iter_by_province(75)}
    assert {u["code"] for u in units} == expected
    assert len(units) > 90
    assert {u["map"] for u in units} == {"2025"}
    assert all(u["parent"]["key"] == "2025:75" for u in units)


def test_parent_75_before_the_reform_is_the_old_dong_nai(client):
    units = client.get("/api/v1/units", {"parent": "75", "at": "2024-01-01"}).json()
    assert "Thành phố Biên Hòa" in {u["name"] for u in units}
    assert {u["level"] for u in units} == {"district"}


def test_an_equal_code_on_both_maps_is_told_apart_by_map_and_key(client):
    old = client.get("/api/v1/units/75", {"at": "2024-01-01"}).json()
    new = client.get("/api/v1/units/75", {"at": "2025-08-01"}).json()
    assert (old["map"], old["key"], old["valid_to"]) == ("legacy", "legacy:75", "2025-06-30")
    assert (new["map"], new["key"], new["valid_from"]) == ("2025", "2025:75", "2025-07-01")
    assert client.get("/api/v1/units/legacy:75").json()["key"] == "legacy:75"
    assert client.get("/api/v1/units/75", {"map": "legacy"}).json()["key"] == "legacy:75"


def test_a_legacy_commune_shows_its_parent_chain_and_what_it_became(client):
    commune = Unit.objects.get(map="legacy", parent__code="695", name="Xã Tân Lập")
    data = client.get(f"/api/v1/units/{commune.code}", {"map": "legacy"}).json()
    assert [a["name"] for a in data["ancestors"]] == ["Tỉnh Bình Phước", "Huyện Đồng Phú"]
    assert data["valid_to"] == "2025-06-30"
    assert [s["unit"]["name"] for s in data["successors"]] == ["Xã Đồng Phú"]
    assert data["successors"][0]["on"] == "2025-07-01"


def test_the_new_dong_nai_names_old_binh_phuoc_and_old_dong_nai_as_predecessors(client):
    data = client.get("/api/v1/units/75", {"map": "2025"}).json()
    assert {p["unit"]["key"] for p in data["predecessors"]} == {"legacy:70", "legacy:75"}
    old_binh_phuoc = client.get("/api/v1/units/70").json()  # exists only on the old map
    assert old_binh_phuoc["map"] == "legacy"
    assert [s["unit"]["key"] for s in old_binh_phuoc["successors"]] == ["2025:75"]


def test_units_search_ignores_diacritics(client):
    units = client.get("/api/v1/units", {"parent": "70", "at": "2024-01-01", "q": "dong phu"}).json()
    assert [u["name"] for u in units] == ["Huyện Đồng Phú"]


def test_bad_questions_get_clear_4xx_answers(client):
    assert client.get("/api/v1/units", {"parent": "999"}).status_code == 400
    assert client.get("/api/v1/units", {"at": "31/02/2024"}).status_code == 422
    assert client.get("/api/v1/units/99999").status_code == 404


def test_sync_is_idempotent():
    before = (Unit.objects.count(), Succession.objects.count())
    result = sync_units(Unit, Succession)
    assert (result["created"], result["updated"], result["successions"]) == (0, 0, 0)
    assert (Unit.objects.count(), Succession.objects.count()) == before


def test_sync_repairs_a_changed_name():
    unit = Unit.objects.get(map="legacy", code="70")
    Unit.objects.filter(pk=unit.pk).update(name="Sai tên")
    assert sync_units(Unit, Succession)["updated"] == 1
    assert Unit.objects.get(pk=unit.pk).name == "Tỉnh Bình Phước"


def test_search_without_a_parent_looks_at_every_level_of_the_dates_map(client):
    units = client.get("/api/v1/units", {"q": "dong phu", "at": "2024-01-01"}).json()
    assert "Huyện Đồng Phú" in {u["name"] for u in units}
    assert {u["map"] for u in units} == {"legacy"}
    assert client.get("/api/v1/units", {"map": "legacy"}).json()[0]["map"] == "legacy"
    assert len(client.get("/api/v1/units", {"map": "legacy"}).json()) == 63


def test_a_parent_that_did_not_exist_on_the_date_is_a_400(client):
    response = client.get("/api/v1/units", {"parent": "70", "at": "2025-08-01"})
    assert response.status_code == 400 and "parent" in response.json()["errors"]


@pytest.mark.parametrize(
    "url", ["/api/v1/units?parent=%00", "/api/v1/units?q=%00", "/api/v1/units/%00", "/staff/producers/?q=%00"]
)
def test_nul_characters_are_refused_on_both_databases(client, url):
    assert client.get(url).status_code == 400
