"""Choosing a unit by name, old or new, never by typing a code: labels, search, reading back, the endpoint,
and the pages that use the picker (list filters, forms, the plan dashboard)."""

import re

import pytest

from conftest import successor, unit
from ocop.places import picker
from ocop.places.models import Unit

pytestmark = pytest.mark.django_db
DONG_PHU_NEW = "Xã Đồng Phú"


def scope_of(user):
    return picker.units_in_scope(user)


def test_a_new_commune_is_labelled_with_the_old_communes_it_was_made_of(commune_a):
    label = picker.label(successor(commune_a))
    assert label.startswith("Xã Đồng Phú, ")
    assert "(trước đây: Thị trấn Tân Phú, Xã Tân Lập, Xã Tân Tiến thuộc Huyện Đồng Phú)" in label


def test_an_old_commune_is_labelled_with_its_district_its_end_and_what_it_became(commune_a):
    label = picker.label(commune_a)
    assert label == "Xã Tân Lập, Huyện Đồng Phú, Tỉnh Bình Phước (đến 30/06/2025; nay: Xã Đồng Phú)"


def test_labels_follow_the_language_and_cost_two_queries(commune_a, django_assert_num_queries):
    from django.utils import translation

    units = list(Unit.objects.filter(pk__in=[commune_a.pk, successor(commune_a).pk]).select_related("parent__parent"))
    with translation.override("en"), django_assert_num_queries(2):
        labels = picker.labels(units)
    assert "(until 30/06/2025; now: Xã Đồng Phú)" in labels[commune_a.pk]
    assert "(formerly: Thị trấn Tân Phú, Xã Tân Lập, Xã Tân Tiến of Huyện Đồng Phú)" in labels[successor(commune_a).pk]


def test_typing_an_old_name_without_diacritics_finds_the_new_commune_too(province_officer, commune_a):
    found = picker.search("tan lap", scope_of(province_officer))
    assert commune_a in found and successor(commune_a) in found
    assert found[0] == commune_a  # its own name first, the commune it became part of after


def test_the_search_stays_within_the_persons_scope(officer_a, officer_b, commune_a):
    assert successor(commune_a) in picker.search("dong phu", scope_of(officer_a))
    assert picker.search("dong phu", scope_of(officer_b)) == []


def test_a_label_reads_back_as_its_unit_and_a_vague_name_as_the_units_it_may_mean(province_officer, commune_a):
    units = scope_of(province_officer)
    new = successor(commune_a)
    assert picker.read(picker.label(new), units).unit == new
    assert picker.read(picker.label(commune_a), units).unit == commune_a
    assert picker.read(new.key, units).unit == new
    vague = picker.read("Tân Lập", units)
    assert vague.unit is None and {commune_a, new} <= set(vague.matches)
    nothing = picker.read("Hoàn Kiếm", units)
    assert nothing.unit is None and nothing.matches == []
    assert "Hoàn Kiếm" in picker.problem("Hoàn Kiếm", nothing)


def test_the_search_endpoint_lists_options_by_name_for_signed_in_people_only(client, as_user, officer_a, officer_b):
    url = "/staff/units/search/"
    assert client.get(url, {"q": "dong phu"}).status_code == 302  # anonymous: to the login page
    page = as_user(officer_a).get(url, {"source": "scope", "q": "dong phu"}).content.decode()
    assert re.search(r'<li role="option" data-value="Xã Đồng Phú, [^"]*trước đây: [^"]*Xã Tân Lập', page)
    page = as_user(officer_b).get(url, {"source": "scope", "q": "dong phu"}).content.decode()
    assert DONG_PHU_NEW not in page and "Không có đơn vị nào" in page
    assert as_user(officer_a).get(url, {"source": "no-such-list", "q": "x"}).status_code == 404


def test_the_endpoint_offers_only_what_the_form_accepts(as_user, province_officer):
    communes = as_user(province_officer).get("/staff/units/search/", {"source": "communes", "q": "dong phu"})
    assert 'data-value="Huyện Đồng Phú' not in communes.content.decode()  # a district is not a commune
    assert f'data-value="{DONG_PHU_NEW}, ' in communes.content.decode()


def test_a_list_filter_reads_a_name_and_shows_the_units_label_never_a_code(as_user, province_officer, producer_a):
    client = as_user(province_officer)
    page = client.get("/staff/producers/").content.decode()
    assert 'name="unit"' in page and '<select name="unit"' not in page
    chosen = picker.label(successor(producer_a.commune))
    response = client.get("/staff/producers/", {"unit": chosen})
    page = response.content.decode()
    assert response.status_code == 200 and "HTX Điều Tân Lập" in page
    assert f'value="{chosen}"' in page
    page = client.get("/staff/producers/", {"unit": "695", "at": "01/01/2024"}).content.decode()  # a link's code
    assert 'value="Huyện Đồng Phú, Tỉnh Bình Phước (đến 30/06/2025)"' in page and 'value="695"' not in page


def test_a_vague_name_in_a_filter_asks_which_one_and_the_choice_is_sent_as_a_key(
    as_user, province_officer, producer_a, commune_a
):
    client = as_user(province_officer)
    response = client.get("/staff/producers/", {"unit": "tan lap"})
    page = response.content.decode()
    assert response.status_code == 400 and "Nhiều đơn vị khớp với “tan lap”" in page
    assert f'type="radio" name="unit" value="{commune_a.key}"' in page
    # The box's words and the chosen radio both come back; the choice (sent last) wins.
    response = client.get(f"/staff/producers/?unit=tan+lap&unit={commune_a.key}&at=01/01/2024")
    assert response.status_code == 200 and "HTX Điều Tân Lập" in response.content.decode()


def test_an_export_reads_the_same_name_as_its_list(as_user, province_officer, producer_a):
    chosen = picker.label(successor(producer_a.commune))
    response = as_user(province_officer).get("/staff/exports/producers.csv", {"unit": chosen})
    assert response.status_code == 200 and "HTX Điều Tân Lập" in response.content.decode("utf-8-sig")


def test_the_producer_form_takes_a_commune_by_its_label_and_shows_no_long_list(as_user, superuser, commune_a):
    from ocop.registry.models import Producer

    client = as_user(superuser)
    page = client.get("/staff/producers/add/").content.decode()
    assert page.count("<option") < 100  # the whole country's 13,000 communes are searched, not listed
    data = {
        "name": "HTX Mới", "legal_form": "cooperative", "tax_code": "3809999999", "representative_name": "Lê Văn A",
        "representative_gender": "male", "representative_ethnicity": "01", "address_since": "01/01/2024",
        "commune": picker.label(commune_a),
    }  # fmt: skip
    response = client.post("/staff/producers/add/", data)
    assert response.status_code == 302
    assert Producer.objects.get(tax_code="3809999999").commune == commune_a


def test_a_vague_commune_in_a_form_saves_nothing_and_offers_the_choices(as_user, province_officer, commune_a):
    from ocop.registry.models import Producer

    data = {"name": "HTX Mơ Hồ", "legal_form": "cooperative", "tax_code": "3808888888", "address_since": "01/01/2024",
            "representative_name": "B", "representative_gender": "male", "representative_ethnicity": "01",
            "commune": "Tân Lập"}  # fmt: skip
    response = as_user(province_officer).post("/staff/producers/add/", data)
    page = response.content.decode()
    assert response.status_code == 200 and "Nhiều đơn vị khớp với “Tân Lập”" in page
    assert f'value="{commune_a.key}"' in page
    assert not Producer.objects.filter(tax_code="3808888888").exists()
    response = as_user(province_officer).post("/staff/producers/add/", {**data, "commune": ["Tân Lập", commune_a.key]})
    assert response.status_code == 302 and Producer.objects.get(tax_code="3808888888").commune == commune_a


def test_a_market_form_keeps_a_units_label_when_nothing_changed(as_user, province_officer, commune_a):
    from ocop.market.models import SalesPoint

    point = SalesPoint.objects.create(name="Chợ Tân Lập", kind="market", unit=commune_a, opened_on="2020-01-01")
    page = as_user(province_officer).get(f"/staff/market/sales-points/{point.pk}/edit/").content.decode()
    assert f'value="{picker.label(commune_a)}"' in page


def test_the_plan_dashboard_chooses_a_unit_by_name(as_user, province_officer):
    from ocop.programme.loader import load_plan, shipped_plans

    plan = load_plan(shipped_plans()[0])
    client = as_user(province_officer)
    page = client.get(f"/staff/plans/{plan.slug}/").content.decode()
    assert f'data-picker="/staff/units/search/?source=plan&amp;plan={plan.slug}"' in page
    assert 'value="70"' not in page and 'value="Tỉnh Bình Phước (đến 30/06/2025' in page
    page = client.get(f"/staff/plans/{plan.slug}/", {"unit": "Huyện Đồng Phú"}).content.decode()
    assert "<strong>Huyện Đồng Phú</strong>" in page
    response = client.get(f"/staff/plans/{plan.slug}/", {"unit": "Tân"})
    assert response.status_code == 400 and 'type="radio" name="unit"' in response.content.decode()
    options = client.get("/staff/units/search/", {"source": "plan", "plan": plan.slug, "q": "dong phu"})
    assert "Huyện Đồng Phú" in options.content.decode() and "Thành phố Đồng Nai" not in options.content.decode()


def test_a_plan_the_person_cannot_see_offers_no_units(as_user, outsider_officer):
    from ocop.programme.loader import load_plan, shipped_plans

    plan = load_plan(shipped_plans()[0])
    response = as_user(outsider_officer).get("/staff/units/search/", {"source": "plan", "plan": plan.slug, "q": "dong"})
    assert "Đồng Phú" not in response.content.decode()


def test_old_links_with_a_code_still_work(as_user, province_officer, producer_a):
    response = as_user(province_officer).get(
        "/staff/producers/", {"unit": unit("legacy", "70").code, "at": "01/01/2024"}
    )
    assert "HTX Điều Tân Lập" in response.content.decode()


def test_the_admin_searches_units_by_name_instead_of_a_raw_id_box(as_user, superuser):
    client = as_user(superuser)
    for url in ("/admin/market/event/add/", "/admin/market/communestatus/add/", "/admin/market/activity/add/"):
        page = client.get(url).content.decode()
        assert 'id="id_unit"' in page and "admin-autocomplete" in page, url
        assert not re.search(r'<input[^>]*name="unit"[^>]*vForeignKeyRawIdAdminField', page), url
    found = client.get("/admin/autocomplete/", {"app_label": "market", "model_name": "event", "field_name": "unit",
                                                "term": "Đồng Phú"}).json()  # fmt: skip
    assert "Xã Đồng Phú" in [r["text"] for r in found["results"]]


def test_text_far_longer_than_any_label_matches_nothing_instead_of_a_500(as_user, province_officer):
    """SQLite refuses a LIKE pattern over 50,000 bytes ("pattern too complex"): a pasted page in a unit field was
    a 500 on every form with a picker (events, activities, craft villages…). No label is that long."""
    assert picker.search("x" * 200_000, Unit.objects.all()) == []
    assert picker.read("Đồng Phú " * 30_000, Unit.objects.all()).unit is None
    client = as_user(province_officer)
    client.raise_request_exception = False
    response = client.post("/staff/market/events/add/", {"name": "Hội chợ", "unit": "x" * 200_000})
    assert response.status_code == 200 and "unit" in response.context["form"].errors
