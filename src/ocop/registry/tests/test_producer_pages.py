"""An office officer keeps the producer registry: search, filter, add, edit, move, delete."""

import pytest

from conftest import make_producer, unit
from ocop.places.models import Unit
from ocop.registry.models import Producer, ProducerAddress

pytestmark = pytest.mark.django_db


def producer_form(commune: Unit, **overrides: object) -> dict:
    data = {
        "name": "HTX Mật ong Đồng Phú",
        "legal_form": "cooperative",
        "tax_code": "3809990001",
        "founded_on": "15/03/2018",
        "representative_name": "Điểu Thị Lan",
        "representative_gender": "female",
        "representative_ethnicity": "22",
        "commune": commune.pk,
        "address": "Ấp 3",
        "address_since": "01/01/2020",
    }
    return {**data, **overrides}


def test_search_ignores_diacritics_and_case(as_user, province_officer, producer_a, producer_b):
    client = as_user(province_officer)
    for query in ("dieu", "Dieu", "ĐIỀU", "tan lap"):
        page = client.get("/staff/producers/", {"q": query}).content.decode()
        assert "HTX Điều Tân Lập" in page, query
        assert "Tiêu Minh Hưng" not in page, query


def test_a_unit_filter_includes_everything_below_it_on_the_map_of_the_date(
    as_user, province_officer, producer_a, producer_b
):
    client = as_user(province_officer)
    page = client.get("/staff/producers/", {"unit": "695", "at": "01/01/2024"}).content.decode()  # huyện Đồng Phú
    assert "HTX Điều Tân Lập" in page and "Tiêu Minh Hưng" not in page
    # The new commune Đồng Phú (2025) covers the old communes that became it.
    new_commune = producer_a.commune.successions_out.get().successor
    page = client.get("/staff/producers/", {"unit": new_commune.key}).content.decode()
    assert "HTX Điều Tân Lập" in page and "Tiêu Minh Hưng" not in page
    page = client.get("/staff/producers/", {"unit": "75", "at": "01/08/2025"}).content.decode()
    assert "HTX Điều Tân Lập" in page and "Tiêu Minh Hưng" in page


def test_an_unknown_filter_value_gets_a_message_not_a_500(as_user, province_officer, producer_a):
    client = as_user(province_officer)
    for params in ({"unit": "99999"}, {"legal_form": "pirate"}, {"at": "31/02/2024"}, {"sort": "password"}):
        response = client.get("/staff/producers/", params)
        assert response.status_code == 400, params
        assert "HTX Điều Tân Lập" not in response.content.decode()
    response = client.get("/staff/producers/", {"unit": "695", "at": "01/08/2025"})
    assert response.status_code == 400
    assert "không tồn tại" in response.content.decode() or "did not exist" in response.content.decode()


def test_it_creates_a_producer_with_its_first_address(as_user, province_officer, commune_a):
    client = as_user(province_officer)
    response = client.post("/staff/producers/add/", producer_form(commune_a))
    assert response.status_code == 302, response.content.decode()
    producer = Producer.objects.get(tax_code="3809990001")
    assert producer.representative_ethnicity == "22"
    address = producer.addresses.get()
    assert (address.commune, address.valid_from.isoformat(), address.valid_to) == (
        commune_a,
        "2020-01-01",
        None,
    )


def test_a_duplicate_tax_number_is_refused_and_nothing_saved(as_user, province_officer, producer_a, commune_a):
    client = as_user(province_officer)
    response = client.post("/staff/producers/add/", producer_form(commune_a, tax_code=producer_a.tax_code))
    assert response.status_code == 200
    assert "Đã có chủ thể khác dùng mã số thuế" in response.content.decode()
    assert Producer.objects.count() == 1


def test_a_commune_that_did_not_exist_on_the_date_is_refused(as_user, province_officer, commune_a):
    client = as_user(province_officer)
    response = client.post("/staff/producers/add/", producer_form(commune_a, address_since="01/09/2025"))
    assert response.status_code == 200
    assert "Xã Tân Lập không còn tồn tại vào ngày 01/09/2025" in response.content.decode()
    assert not Producer.objects.exists() and not ProducerAddress.objects.exists()


def test_missing_and_malformed_fields_get_vietnamese_messages(as_user, province_officer, commune_a):
    client = as_user(province_officer)
    response = client.post(
        "/staff/producers/add/",
        producer_form(commune_a, name="", tax_code="abc", founded_on="2018-13-45", email="x@"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trường này là bắt buộc" in html
    assert "Nhập một ngày hợp lệ" in html
    assert not Producer.objects.exists()


def test_moving_to_another_commune_keeps_the_address_history(as_user, province_officer, producer_a, commune_b):
    client = as_user(province_officer)
    new_commune = Unit.objects.get(map="2025", code=commune_b.successions_out.get().successor.code)
    data = producer_form(new_commune, name=producer_a.name, tax_code=producer_a.tax_code, address_since="01/08/2025")
    response = client.post(f"/staff/producers/{producer_a.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()
    old, new = producer_a.addresses.order_by("valid_from")
    assert old.valid_to.isoformat() == "2025-07-31"
    assert (new.commune, new.valid_from.isoformat()) == (new_commune, "2025-08-01")
    producer_a.refresh_from_db()
    assert producer_a.commune == new_commune
    assert producer_a.commune_at(__import__("datetime").date(2024, 1, 1)) == old.commune


def test_a_producer_with_products_cannot_be_deleted(as_user, province_officer, product_a):
    client = as_user(province_officer)
    response = client.post(f"/staff/producers/{product_a.producer_id}/delete/", follow=True)
    assert "vẫn còn sản phẩm" in response.content.decode()
    assert Producer.objects.filter(pk=product_a.producer_id).exists()


def test_a_producer_without_products_can_be_deleted(as_user, province_officer, producer_b):
    client = as_user(province_officer)
    assert client.post(f"/staff/producers/{producer_b.pk}/delete/").status_code == 302
    assert not Producer.objects.filter(pk=producer_b.pk).exists()


def test_workforce_parts_cannot_exceed_the_total(as_user, province_officer, producer_a):
    client = as_user(province_officer)
    url = f"/staff/producers/{producer_a.pk}/workforce/add/"
    response = client.post(url, {"year": 2024, "workers": 5, "trained_workers": 9, "local_workers": 1})
    assert response.status_code == 200
    assert not producer_a.workforce.exists()
    client.post(url, {"year": 2024, "workers": 5, "trained_workers": 2, "local_workers": 1})
    response = client.post(url, {"year": 2024, "workers": 6, "trained_workers": 2, "local_workers": 1})
    assert response.status_code == 200 and producer_a.workforce.count() == 1


def test_lists_use_a_constant_number_of_queries(as_user, province_officer, django_assert_max_num_queries):
    communes = list(unit("legacy", "695").children.all()[:5])
    for index in range(30):
        make_producer(f"Chủ thể {index}", communes[index % 5], f"38000000{index:02d}")
    client = as_user(province_officer)
    with django_assert_max_num_queries(12):
        response = client.get("/staff/producers/", {"sort": "commune"})
    assert response.content.decode().count("Chủ thể ") >= 25


def test_linkage_and_credential_rules_give_messages_not_errors(as_user, province_officer, producer_a):
    client = as_user(province_officer)
    url = f"/staff/producers/{producer_a.pk}/linkages/add/"
    response = client.post(url, {"partner": "Saigon Co.op", "output_share": "150", "started_on": "01/01/2024"})
    assert response.status_code == 200 and "100" in response.content.decode()
    response = client.post(
        url,
        {
            "partner": "Saigon Co.op",
            "output_share": "30",
            "started_on": "01/01/2024",
            "ended_on": "01/01/2023",
        },
    )
    assert response.status_code == 200
    assert not producer_a.linkages.exists()
    response = client.post(
        f"/staff/producers/{producer_a.pk}/credentials/add/",
        {"kind": "vietgap", "number": "12/2024", "issued_on": "01/06/2024", "expires_on": "01/06/2023"},
    )
    assert response.status_code == 200 and not producer_a.credentials.exists()


def test_a_duplicate_workforce_year_gets_its_own_message(as_user, province_officer, producer_a):
    client = as_user(province_officer)
    url = f"/staff/producers/{producer_a.pk}/workforce/add/"
    client.post(url, {"year": 2024, "workers": 5, "trained_workers": 2, "local_workers": 1})
    response = client.post(url, {"year": 2024, "workers": 6, "trained_workers": 2, "local_workers": 1})
    assert "Chủ thể này đã có số liệu lao động của năm đó." in response.content.decode()
    assert producer_a.workforce.count() == 1


def test_deleting_a_product_logs_the_credentials_it_detaches(as_user, province_officer, product_a):
    from ocop.core.models import ChangeLog
    from ocop.registry.models import Credential

    credential = Credential.objects.create(producer=product_a.producer, product=product_a, kind="vietgap")
    assert as_user(province_officer).post(f"/staff/products/{product_a.pk}/delete/").status_code == 302
    credential.refresh_from_db()
    assert credential.product is None
    change = ChangeLog.objects.filter(content_type__model="credential", action="update").get()
    assert change.after == {"product_id": None}


def test_tourism_fields_belong_to_set_26_only(as_user, province_officer, producer_a):
    data = {
        "producer": producer_a.pk,
        "product_set": 7,
        "name": "Điều",
        "status": "draft",
        "tourism_capacity": 50,
    }
    response = as_user(province_officer).post("/staff/products/add/", data)
    assert response.status_code == 200
    data.update(product_set=26, name="Du lịch Tân Lập", tourism_location="Ấp 2")
    assert as_user(province_officer).post("/staff/products/add/", data).status_code == 302


def test_the_product_list_with_stars_uses_a_constant_number_of_queries(
    as_user, province_officer, producer_a, django_assert_max_num_queries
):
    from conftest import make_certificate, make_product

    for index in range(25):
        product = make_product(producer_a, f"Sản phẩm {index}")
        make_certificate(product, f"GCN/{index}", "2025-01-10", stars=3 + index % 3)
    client = as_user(province_officer)
    with django_assert_max_num_queries(12):
        page = client.get("/staff/products/").content.decode()
    assert page.count("★") >= 25


def test_a_producer_that_moved_is_counted_where_it_was_on_the_date(as_user, province_officer, producer_a):
    import datetime as dt

    from ocop.registry.services import record_address

    new_commune = producer_a.commune.successions_out.get().successor
    record_address(producer_a, new_commune, "Tổ 5", dt.date(2025, 8, 1))
    client = as_user(province_officer)
    assert client.get("/api/v1/producers", {"unit": "695", "at": "2024-01-01"}).json()["count"] == 1
    assert client.get("/api/v1/producers", {"unit": "70", "at": "2024-01-01"}).json()["count"] == 1
    assert client.get("/api/v1/producers", {"unit": new_commune.key, "at": "2025-09-01"}).json()["count"] == 1
    assert client.get("/api/v1/producers", {"unit": "legacy:695", "at": "2025-06-30"}).json()["count"] == 1
    assert client.get("/api/v1/products", {"unit": "695", "at": "2024-01-01"}).status_code == 200


def test_huge_ids_in_filters_are_refused_not_crashed(as_user, province_officer):
    client = as_user(province_officer)
    assert client.get("/staff/products/", {"producer": "9" * 25}).status_code == 400
    assert client.get("/api/v1/products", {"producer": "9" * 25}).status_code == 400
