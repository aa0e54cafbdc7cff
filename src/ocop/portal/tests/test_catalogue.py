"""The catalogue read model follows the records; search ignores accents and forgives one typo."""

import datetime
import html
import re

import pytest

from conftest import make_product
from ocop.certificates import services
from ocop.portal import catalogue, search
from ocop.portal.models import CatalogueEntry
from ocop.portal.tests.kit import TODAY, certified


@pytest.fixture
def products(producer_a, producer_b):
    return {
        "dieu": certified(producer_a, "Hạt điều rang muối Tân Lập", stars=4),
        "mat_ong": certified(producer_b, "Mật ong hoa cà phê Minh Hưng", stars=3, product_set=1),
        "tieu": certified(producer_b, "Tiêu đen Minh Hưng", stars=5, product_set=10),
        "old": certified(producer_a, "Điều sấy giòn", stars=3, issued=TODAY - datetime.timedelta(days=4 * 365)),
    }


def names(response) -> list[str]:
    """The products listed, read from the page (a page served from the cache has no template context)."""
    return [html.unescape(name) for name in re.findall(r'<span class="name">(.*?)</span>', response.content.decode())]


def test_entries_follow_products_and_certificates(products, producer_a):
    assert CatalogueEntry.objects.count() == 4
    entry = CatalogueEntry.objects.get(pk=products["dieu"].pk)
    assert entry.stars == 4 and entry.is_valid_on(TODAY)
    assert entry.commune.map == "2025"  # placed on the current map
    assert entry.legacy_district == "Huyện Đồng Phú"
    assert "dong phu" in entry.search_text and "tan lap" in entry.search_text
    uncertified = make_product(producer_a, "Bánh tráng")
    assert not CatalogueEntry.objects.filter(pk=uncertified.pk).exists()
    products["dieu"].name = "Hạt điều rang củi"
    products["dieu"].save()
    assert CatalogueEntry.objects.get(pk=products["dieu"].pk).name == "Hạt điều rang củi"
    producer_a.name = "HTX Điều Xanh"
    producer_a.save()
    assert "htx dieu xanh" in CatalogueEntry.objects.get(pk=products["dieu"].pk).search_text


def test_revocation_and_rebuild(products):
    certificate = products["tieu"].certificates.get()
    services.revoke(certificate, ground="b", on=TODAY, authority="UBND tỉnh", decision="QĐ 1/2026")
    entry = CatalogueEntry.objects.get(pk=products["tieu"].pk)
    assert entry.revoked_on == TODAY and not entry.is_valid_on(TODAY)
    CatalogueEntry.objects.all().delete()
    assert catalogue.rebuild() == 4


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hat dieu rang muoi", "Hạt điều rang muối Tân Lập"),
        ("HẠT ĐIỀU", "Hạt điều rang muối Tân Lập"),
        ("mat ong", "Mật ong hoa cà phê Minh Hưng"),
        ("ca phe", "Mật ong hoa cà phê Minh Hưng"),
        ("dieuu rang", "Hạt điều rang muối Tân Lập"),  # a letter too many
        ("hat dieu rnag", "Hạt điều rang muối Tân Lập"),  # two letters swapped
        ("tiue den", "Tiêu đen Minh Hưng"),
        ("mat ogn", "Mật ong hoa cà phê Minh Hưng"),
        ("minh hung", "Tiêu đen Minh Hưng"),  # by the producer's name
        ("dong phu", "Hạt điều rang muối Tân Lập"),  # by the old district
    ],
)
def test_search_ignores_accents_and_small_typos(client, products, query, expected):
    response = client.get("/san-pham/", {"q": query})
    assert response.status_code == 200
    assert expected in names(response)


def test_whole_phrase_in_the_name_ranks_first(client, products):
    assert names(client.get("/san-pham/", {"q": "dieu"}))[0] == "Điều sấy giòn"
    assert names(client.get("/san-pham/", {"q": "ca phe"}))[0] == "Mật ong hoa cà phê Minh Hưng"


def test_typo_index_only_for_words_the_catalogue_lacks(products):
    known = search.vocabulary()
    assert known.alternatives("dieu") == {"dieu"}
    assert "dieu" in known.alternatives("dieuu")
    assert "ong" in known.alternatives("ogn")
    assert known.alternatives("xyzw") == {"xyzw"}


def test_filters_and_sorting(client, products, commune_b):
    assert names(client.get("/san-pham/", {"stars": "5"})) == ["Tiêu đen Minh Hưng"]
    assert set(names(client.get("/san-pham/", {"product_set": "10"}))) == {"Tiêu đen Minh Hưng"}
    assert names(client.get("/san-pham/", {"legal_form": "company_llc", "sort": "stars"}))[0] == "Tiêu đen Minh Hưng"
    entry = CatalogueEntry.objects.get(pk=products["tieu"].pk)
    by_commune = client.get("/san-pham/", {"province": entry.commune.parent_id, "commune": entry.commune_id})
    assert set(names(by_commune)) == {"Mật ong hoa cà phê Minh Hưng", "Tiêu đen Minh Hưng"}
    assert len(names(client.get("/san-pham/", {"province": entry.commune.parent_id}))) == 4
    assert names(client.get("/san-pham/", {"sort": "newest"}))[-1] == "Điều sấy giòn"


def test_lapsed_products_marked_or_hidden(client, products, settings):
    response = client.get("/san-pham/", {"q": "dieu say"})
    assert names(response) == ["Điều sấy giòn"]
    assert (
        "Certificate no longer valid" in response.content.decode() or "không còn hiệu lực" in response.content.decode()
    )
    assert "★★★" not in response.content.decode().split("Điều sấy giòn")[1].split("</li>")[0]
    assert client.get(f"/san-pham/{products['old'].pk}/").status_code == 200
    settings.OCOP_PORTAL_LAPSED = "hide"
    assert names(client.get("/san-pham/", {"q": "dieu say"})) == []
    assert client.get(f"/san-pham/{products['old'].pk}/").status_code == 404
    # a star filter never lists a lapsed product, whatever the choice
    settings.OCOP_PORTAL_LAPSED = "mark"
    assert "Điều sấy giòn" not in names(client.get("/san-pham/", {"stars": "3"}))


@pytest.mark.parametrize(
    "params",
    [
        {"q": "a" * 10_000},
        {"q": "' OR 1=1 --"},
        {"q": "<script>alert(1)</script>"},
        {"q": "%%%___"},
        {"page": "999999"},
        {"page": "-1"},
        {"page": "abc"},
        {"stars": "7"},
        {"stars": "<b>"},
        {"product_set": "99"},
        {"province": "abc"},
        {"province": "999999", "commune": "x"},
        {"sector": "zz"},
        {"sort": "password"},
        {"legal_form": "'; DROP TABLE"},
    ],
)
def test_bad_parameters_give_a_clear_page(client, products, params):
    response = client.get("/san-pham/", params)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_catalogue_queries_do_not_grow_with_results(client, producer_a, django_assert_max_num_queries):
    for i in range(3):
        certified(producer_a, f"Sản phẩm {i}")
    with django_assert_max_num_queries(10) as few:
        client.get("/san-pham/", {"q": "san pham"})
    for i in range(3, 30):
        certified(producer_a, f"Sản phẩm {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/san-pham/", {"q": "san pham"})
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/")


def test_pages_are_served_from_the_cache_until_the_catalogue_changes(client, products, django_assert_num_queries):
    url = f"/san-pham/{products['dieu'].pk}/"
    assert "Hạt điều rang muối Tân Lập" in client.get(url).content.decode()
    with django_assert_num_queries(0):  # the catalogue's version was checked less than a second ago
        assert "Hạt điều rang muối Tân Lập" in client.get(url).content.decode()
    products["dieu"].name = "Hạt điều rang củi Tân Lập"
    products["dieu"].save()
    assert "Hạt điều rang củi Tân Lập" in client.get(url).content.decode()


def test_broad_searches_are_listed_by_name(client, products, monkeypatch):
    # "tan lap" is in one product's name and in the other's producer: ranked, the name match comes first
    assert names(client.get("/san-pham/", {"q": "tan lap"})) == ["Hạt điều rang muối Tân Lập", "Điều sấy giòn"]
    monkeypatch.setattr(search, "RANK_AT_MOST", 1)  # two matches are now "broad": listed by folded name
    response = client.get("/san-pham/", {"q": "tan lap", "page": "1"})  # another URL: not the cached page
    assert names(response) == ["Điều sấy giòn", "Hạt điều rang muối Tân Lập"]
    assert response.context["page"].paginator.count == 2
