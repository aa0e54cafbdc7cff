"""Product and producer pages, photos, SEO files and the headers a visitor's browser relies on."""

import datetime
import io
import json
import re

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from ocop.market.models import Listing, SalesPoint
from ocop.portal.tests.kit import certified
from ocop.registry.images import reencode
from ocop.registry.models import ProductPhoto

DAY = datetime.date


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def dieu(producer_a):
    return certified(producer_a, "Hạt điều rang muối <Tân Lập>", stars=4, price=320000, price_unit="hộp 500 g",
                     story="Vùng điều Đồng Phú.")  # fmt: skip


def add_photo(product, size=(1600, 1200)) -> ProductPhoto:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format="PNG")
    upload = ContentFile(out.getvalue(), name="p.png")
    upload.size = len(out.getvalue())
    return ProductPhoto.objects.create(product=product, image=reencode(upload), alt_text="Hộp điều 500 g")


def test_product_page_shows_certificate_where_to_buy_and_events(client, dieu, commune_a):
    shop = SalesPoint.objects.create(
        name="Co.opmart Đồng Xoài", kind="supermarket", unit=commune_a, opened_on=DAY(2021, 1, 1),
        latitude=11.53, longitude=106.89,
    )  # fmt: skip
    fair_shop = SalesPoint.objects.create(
        name="GO! Bình Phước", kind="supermarket", unit=commune_a, opened_on=DAY(2021, 1, 1),
        latitude=11.60, longitude=106.95,
    )  # fmt: skip
    Listing.objects.create(product=dieu, sales_point=fair_shop, since=DAY(2024, 1, 1))
    online = SalesPoint.objects.create(name="Sàn TMĐT Bình Phước", kind="ecommerce_platform", opened_on=DAY(2021, 1, 1))
    hidden = SalesPoint.objects.create(
        name="Chưa xác nhận", kind="supermarket", unit=commune_a, opened_on=DAY(2021, 1, 1), confirmed=False
    )
    Listing.objects.create(product=dieu, sales_point=shop, since=DAY(2024, 1, 1), price=320000)
    Listing.objects.create(product=dieu, sales_point=online, since=DAY(2024, 1, 1), url="https://shop.example/dieu")
    Listing.objects.create(product=dieu, sales_point=hidden, since=DAY(2024, 1, 1))
    ended = SalesPoint.objects.create(
        name="Đã ngừng bán", kind="supermarket", unit=commune_a, opened_on=DAY(2021, 1, 1)
    )
    Listing.objects.create(product=dieu, sales_point=ended, since=DAY(2022, 1, 1), until=DAY(2023, 1, 1))
    response = client.get(f"/san-pham/{dieu.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    certificate = dieu.certificates.get()
    assert certificate.number in html and certificate.display_code in html  # the verify link
    assert "Co.opmart Đồng Xoài" in html and "https://shop.example/dieu" in html
    assert "Chưa xác nhận" not in html and "Đã ngừng bán" not in html
    assert "&lt;Tân Lập&gt;" in html and "<Tân Lập>" not in html
    assert '<svg class="points-map"' in html  # where to buy on a map that needs no tiles (two places or more)
    schema = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert schema["@type"] == "Product" and schema["name"] == "Hạt điều rang muối <Tân Lập>"
    assert schema["offers"][0]["priceCurrency"] == "VND"
    assert "\\u003C" in html  # no "<" from data inside the script element


def test_community_tourism_shows_site_services_and_season(client, producer_a):
    stay = certified(producer_a, "Du lịch sinh thái Tân Lập", product_set=26, tourism_location="Ấp 3, Tân Lập",
                     tourism_seasons="Tháng 11 – tháng 4", tourism_services="Homestay, ẩm thực")  # fmt: skip
    html = client.get(f"/san-pham/{stay.pk}/").content.decode()
    assert "Ấp 3, Tân Lập" in html and "Tháng 11 – tháng 4" in html and "Homestay, ẩm thực" in html


def test_producer_page_shows_only_the_contacts_it_chose_to_publish(client, dieu, producer_a):
    producer_a.phone, producer_a.email, producer_a.website = "0912 345 678", "htx@example.vn", "https://htx.example.vn"
    producer_a.publish_phone, producer_a.publish_email = True, False
    producer_a.save()
    html = client.get(f"/chu-the/{producer_a.pk}/").content.decode()
    assert "0912 345 678" in html and "https://htx.example.vn" in html and "htx@example.vn" not in html
    assert "Hạt điều rang muối" in html


def test_pages_outside_the_catalogue_are_404(client, producer_b, draft_b):
    assert client.get(f"/san-pham/{draft_b.pk}/").status_code == 404
    assert client.get(f"/chu-the/{producer_b.pk}/").status_code == 404
    assert client.get("/san-pham/999999/x/").status_code == 404


def test_photos_in_several_widths_lazily_loaded(client, dieu, producer_b, draft_b):
    photo = add_photo(dieu)
    html = client.get(f"/san-pham/{dieu.pk}/").content.decode()
    assert 'srcset="' in html and " 320w" in html and " 1280w" in html and 'alt="Hộp điều 500 g"' in html
    listing = client.get("/san-pham/").content.decode()
    assert 'loading="lazy"' in listing
    url = re.search(r'src="(/anh/[^"]+/320/[^"]+\.jpg)"', listing).group(1)
    response = client.get(url)
    assert response.status_code == 200 and "immutable" in response["Cache-Control"]
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).width == 320
    assert client.get(url.replace("/320/", "/333/")).status_code == 404
    assert client.get(url.replace(".jpg", "x.jpg")).status_code == 404
    private = add_photo(draft_b)  # a product not on the portal keeps its photos to itself
    stem = private.image.name.rsplit("/", 1)[1].removesuffix(".jpg")
    assert client.get(f"/anh/{private.pk}/320/{stem}.jpg").status_code == 404
    assert photo.pk != private.pk


def test_public_pages_are_cacheable_cookie_free_and_carry_security_headers(client, dieu):
    for url in ["/", "/san-pham/", f"/san-pham/{dieu.pk}/", f"/chu-the/{dieu.producer_id}/", "/verify/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url  # nothing personal: a shared cache may keep the page
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp, url
        assert response["Referrer-Policy"] and response["X-Content-Type-Options"] == "nosniff"
        assert "on" + "click=" not in response.content.decode() and "<script>" not in response.content.decode()
    assert "public" in client.get("/san-pham/")["Cache-Control"]


def test_pages_stay_small(client, producer_a):
    for i in range(24):
        certified(producer_a, f"Sản phẩm số {i} có tên khá dài để trang nặng hơn")
    html = client.get("/san-pham/").content
    css = client.get("/static/portal/portal.css")
    css_bytes = len(b"".join(css.streaming_content)) if css.streaming else len(css.content)
    assert len(html) + css_bytes < 150_000


def test_robots_and_sitemap(client, dieu):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /staff/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/san-pham/{dieu.pk}/hat-dieu-rang-muoi-tan-lap/" in sitemap


def test_lasting_links_are_on_the_public_address_whatever_host_the_request_names(client, dieu, settings):
    """A Host naming another port passes ALLOWED_HOSTS: with OCOP_SITE_URL set, the sitemap, robots.txt and the
    product page's structured data (kept in the page cache for everyone) link to the public address."""
    settings.OCOP_SITE_URL = "https://ocop.example.vn"
    odd = {"HTTP_HOST": "testserver:6666"}
    assert "Sitemap: https://ocop.example.vn/sitemap.xml" in client.get("/robots.txt", **odd).content.decode()
    sitemap = client.get("/sitemap.xml", **odd).content.decode()
    assert f"https://ocop.example.vn/san-pham/{dieu.pk}/" in sitemap and "6666" not in sitemap
    page = client.get(f"/san-pham/{dieu.pk}/hat-dieu-rang-muoi-tan-lap/", **odd).content.decode()
    assert f'"url": "https://ocop.example.vn/san-pham/{dieu.pk}/' in page and "6666" not in page


def test_language_switch_by_link(client, dieu):
    response = client.get("/ngon-ngu/en/", {"next": f"/san-pham/{dieu.pk}/"})
    assert response.status_code == 302 and response["Location"] == f"/san-pham/{dieu.pk}/"
    assert "Where to buy" in client.get(f"/san-pham/{dieu.pk}/").content.decode()
    assert client.get("/ngon-ngu/en/", {"next": "https://evil.example/"})["Location"] == "/"
    client.get("/ngon-ngu/vi/")
    assert "Nơi mua" in client.get(f"/san-pham/{dieu.pk}/").content.decode()
