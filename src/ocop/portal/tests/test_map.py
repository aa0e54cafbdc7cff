"""The portal map: the page without JavaScript, the GeoJSON points, filters, bad input and query counts."""

import datetime
import json

import pytest
from django.test import override_settings

from conftest import make_certificate, make_producer, make_product
from ocop.market.models import Listing, SalesPoint
from ocop.registry.choices import ProductStatus

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
ISSUED = (TODAY - datetime.timedelta(days=60)).isoformat()
LONG_AGO = TODAY - datetime.timedelta(days=400)
TRICKY = 'HTX "Điều" <Tân> & Lập'


def certified_producer(commune, name: str, tax_code: str, products: int = 1, **coordinates: object):
    producer = make_producer(name, commune, tax_code, **coordinates)
    made = []
    for index in range(products):
        product = make_product(producer, f"{name} sản phẩm {index}", status=ProductStatus.ACTIVE)
        make_certificate(product, f"{tax_code}/{index}", ISSUED)
        made.append(product)
    return producer, made


def sales_point(name: str, commune, kind: str = "supermarket", **fields: object) -> SalesPoint:
    values = {"unit": commune, "opened_on": LONG_AGO, "latitude": "11.5", "longitude": "106.9", **fields}
    return SalesPoint.objects.create(name=name, kind=kind, **values)


@pytest.fixture
def places(commune_a, commune_b):
    tricky, (product, _second) = certified_producer(
        commune_a, TRICKY, "3801111111", products=2, latitude="11.52", longitude="106.95"
    )
    far, _ = certified_producer(commune_b, "HTX Tiêu Bù Đăng", "3802222222", latitude="11.9", longitude="107.2")
    make_producer("HTX Chưa Có Sao", commune_b, "3803333333", latitude="11.8", longitude="107.1")  # no certificate
    showroom = sales_point("Trung tâm OCOP Đồng Phú", commune_a, "showroom_centre", address="1 Lê Lợi")
    shop = sales_point('Co.opmart <Đồng Xoài> & "Ngon"', commune_a, url="https://coop.example.vn/")
    closed = sales_point("Điểm bán đã đóng", commune_a, "ocop_point", closed_on=TODAY - datetime.timedelta(days=1))
    unconfirmed = sales_point("Điểm bán chưa xác nhận", commune_a, "ocop_point", confirmed=False)
    future = sales_point("Điểm bán sắp mở", commune_a, "ocop_point", opened_on=TODAY + datetime.timedelta(days=5))
    nowhere = sales_point("Chợ không toạ độ", commune_a, "traditional_market", latitude=None, longitude=None)
    Listing.objects.create(product=product, sales_point=shop, since=LONG_AGO)
    Listing.objects.create(product=product, sales_point=unconfirmed, since=LONG_AGO)
    Listing.objects.create(product=product, sales_point=showroom, since=LONG_AGO, confirmed=False)
    return {
        "tricky": tricky, "far": far, "product": product, "showroom": showroom, "shop": shop, "closed": closed,
        "unconfirmed": unconfirmed, "future": future, "nowhere": nowhere,
    }  # fmt: skip


def geojson(client, query: str = "") -> dict:
    response = client.get(f"/ban-do/diem.geojson{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=300"}
    return json.loads(response.content)


def names(collection: dict) -> set[str]:
    return {f["properties"]["name"] for f in collection["features"]}


def test_the_page_works_without_javascript(client, places):
    response = client.get("/ban-do/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<svg class="points-map"' in page and page.count("<circle") == 4  # 2 producers, showroom, shop
    assert f'href="/chu-the/{places["tricky"].pk}/' in page and f'href="/chu-the/{places["far"].pk}/' in page
    assert "HTX &quot;Điều&quot; &lt;Tân&gt; &amp; Lập" in page and "<Tân>" not in page
    assert "Trung tâm OCOP Đồng Phú</strong>, 1 Lê Lợi" in page
    assert "Co.opmart &lt;Đồng Xoài&gt;" in page
    for absent in ("Chưa Có Sao", "đã đóng", "chưa xác nhận", "sắp mở", "Chợ không toạ độ"):
        assert absent not in page
    assert "<script>" not in page and " onclick=" not in page and " onload=" not in page  # CSP: no inline JS
    assert 'data-points="/ban-do/diem.geojson"' in page
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=300"}


def test_leaflet_is_loaded_only_on_the_map_page(client, places):
    page = client.get("/ban-do/").content.decode()
    assert "portal/vendor/leaflet/leaflet.js" in page and "portal/vendor/leaflet/leaflet.css" in page
    assert "portal/map.js" in page
    for path in ("/san-pham/", f"/san-pham/{places['product'].pk}/", f"/chu-the/{places['tricky'].pk}/"):
        other = client.get(path)
        assert other.status_code == 200
        assert b"leaflet" not in other.content.lower() and b"portal/map.js" not in other.content


def test_the_tile_server_is_passed_to_the_script_only_when_set(client, places):
    assert 'data-tiles=""' in client.get("/ban-do/").content.decode()
    with override_settings(OCOP_MAP_TILES="https://tile.example.vn/{z}/{x}/{y}.png", OCOP_MAP_ATTRIBUTION="© <OSM>"):
        page = client.get("/ban-do/").content.decode()
    assert 'data-tiles="https://tile.example.vn/{z}/{x}/{y}.png"' in page
    assert 'data-attribution="© &lt;OSM&gt;"' in page


def test_geojson_holds_only_public_confirmed_open_points(client, places):
    collection = geojson(client)
    assert collection["type"] == "FeatureCollection"
    assert names(collection) == {TRICKY, "HTX Tiêu Bù Đăng", "Trung tâm OCOP Đồng Phú", places["shop"].name}
    by_name = {f["properties"]["name"]: f for f in collection["features"]}
    producer = by_name[TRICKY]
    assert producer["geometry"] == {"type": "Point", "coordinates": [106.95, 11.52]}
    assert producer["properties"]["kind"] == "producer" and producer["properties"]["products"] == 2
    assert producer["properties"]["url"].startswith(f"/chu-the/{places['tricky'].pk}/")
    showroom = by_name["Trung tâm OCOP Đồng Phú"]["properties"]
    assert showroom["kind"] == "showroom" and showroom["address"].startswith("1 Lê Lợi, ")
    shop = by_name[places["shop"].name]["properties"]
    assert shop["kind"] == "sales_point" and shop["url"] == "https://coop.example.vn/" and shop["kind_label"]


def test_geojson_escapes_names(client, places):
    content = client.get("/ban-do/diem.geojson").content
    assert b"<" not in content and b">" not in content and b"&" not in content  # escaped as \u003C and so on
    assert TRICKY in names(json.loads(content))  # and read back exactly


def test_kind_filter(client, places):
    assert names(geojson(client, "?kind=producer")) == {TRICKY, "HTX Tiêu Bù Đăng"}
    assert names(geojson(client, "?kind=showroom")) == {"Trung tâm OCOP Đồng Phú"}
    assert names(geojson(client, "?kind=sales_point")) == {places["shop"].name}
    assert len(names(geojson(client, "?kind=showroom&kind=sales_point"))) == 2
    page = client.get("/ban-do/?kind=showroom").content.decode()
    assert "Trung tâm OCOP Đồng Phú" in page and "Tiêu Bù Đăng" not in page
    assert 'data-points="/ban-do/diem.geojson?kind=showroom"' in page


def test_product_filter_shows_where_it_is_sold(client, places):
    product = places["product"]
    collection = geojson(client, f"?product={product.pk}")
    # Only the confirmed listing at a confirmed, open point: not the unconfirmed point nor the unconfirmed listing.
    assert names(collection) == {places["shop"].name}
    assert collection["features"][0]["properties"]["product"]["url"].startswith(f"/san-pham/{product.pk}/")
    page = client.get(f"/ban-do/?product={product.pk}").content.decode()
    assert f'href="/san-pham/{product.pk}/' in page and "Co.opmart" in page and "Tiêu Bù Đăng" not in page
    assert f'data-points="/ban-do/diem.geojson?product={product.pk}"' in page
    assert names(geojson(client, f"?product={product.pk}&kind=producer")) == {places["shop"].name}  # ignored


def test_the_product_page_links_to_the_map(client, places):
    product = places["product"]
    page = client.get(f"/san-pham/{product.pk}/").content.decode()
    assert f"/ban-do/?product={product.pk}" in page


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("?kind=nothing", 4), ("?kind=", 4), ("?kind=producer&kind=showroom&kind=x", 3), ("?product=", 4),
        ("?page=x&kind[]=1", 4), ("?kind=%E2%80%AE", 4), ("?kind=PRODUCER", 4),
    ],
)  # fmt: skip
def test_unknown_values_are_ignored(client, places, query, count):
    assert client.get(f"/ban-do/{query}").status_code == 200
    assert len(geojson(client, query)["features"]) == count


@pytest.mark.parametrize("product", ["abc", "-1", "0", "99999", "1e3", "٣", "99999999999999999999999", "%F0%9F%98%80"])
def test_bad_products_are_not_found(client, places, product):
    assert client.get(f"/ban-do/?product={product}").status_code == 404
    assert client.get(f"/ban-do/diem.geojson?product={product}").status_code == 404


def test_null_bytes_are_refused_not_a_crash(client, places):
    assert client.get("/ban-do/?kind=producer%00").status_code == 400  # the project's middleware
    assert client.get("/ban-do/diem.geojson?product=1%00").status_code == 400


def test_a_product_that_is_not_public_is_not_found(client, places, draft_b):
    assert client.get(f"/ban-do/?product={draft_b.pk}").status_code == 404


def test_only_safe_methods(client, places):
    assert client.post("/ban-do/").status_code == 405
    assert client.post("/ban-do/diem.geojson").status_code == 405


def test_no_points_is_not_an_error(client, db):
    assert geojson(client) == {"type": "FeatureCollection", "features": []}
    assert client.get("/ban-do/").status_code == 200


@pytest.mark.parametrize(("query", "queries"), [("", 2), ("?kind=producer", 1), ("?product={pk}", 2)])
def test_a_fixed_number_of_queries(client, places, commune_b, django_assert_max_num_queries, query, queries):
    """Producers, sales points, and the product when filtering by one: never a query per point."""
    query = query.format(pk=places["product"].pk)
    with django_assert_max_num_queries(queries):
        client.get(f"/ban-do/diem.geojson{query}")
    with django_assert_max_num_queries(queries):
        client.get(f"/ban-do/{query}")
    for index in range(5):  # more producers, products, points and listings: not one query more
        certified_producer(
            commune_b, f"HTX Thêm {index}", f"38090000{index:02d}", products=2, latitude="11.7", longitude="107.0"
        )
        point = sales_point(f"Điểm thêm {index}", commune_b, "ocop_point")
        Listing.objects.create(product=places["product"], sales_point=point, since=LONG_AGO)
    with django_assert_max_num_queries(queries):
        grown = client.get(f"/ban-do/diem.geojson{query}")
    assert len(json.loads(grown.content)["features"]) >= 6
    with django_assert_max_num_queries(queries):
        assert client.get(f"/ban-do/{query}").status_code == 200


def test_the_vendored_leaflet_is_the_npm_release_it_says_it_is():
    """Leaflet is committed (the suite and production need no npm) exactly as scripts/vendor_leaflet.sh copied it
    from the integrity-checked npm tarball: a hand edit of any file fails here."""
    import hashlib
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "static" / "portal" / "vendor" / "leaflet"
    sums = dict(line.split("  ./")[::-1] for line in (folder / "SHA256SUMS").read_text().splitlines())
    on_disk = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()} - {"SHA256SUMS", "VERSION"}
    assert set(sums) == on_disk
    for name, digest in sums.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
