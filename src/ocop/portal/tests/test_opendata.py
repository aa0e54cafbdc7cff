"""Open data: both datasets in CSV, JSON and XLSX, with their documented columns and the right values."""

import csv
import datetime
import io
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.storage import default_storage
from django.urls import resolve
from django.utils import translation
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from conftest import make_certificate, make_producer, make_product
from ocop.certificates import services
from ocop.portal import opendata, opendata_files
from ocop.portal.models import CatalogueEntry
from ocop.portal.tests.kit import TODAY
from ocop.registry.choices import LegalForm, ProductStatus
from ocop.registry.models import Workforce

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[4] / "docs" / "open-data.md"
VALID, EXPIRED, REVOKED = "Hạt điều rang muối Tân Lập", "Điều sấy giòn", "Tiêu đen Minh Hưng"


def days_ago(n: int) -> str:
    return (TODAY - datetime.timedelta(days=n)).isoformat()


@pytest.fixture
def products(producer_a, producer_b) -> dict[str, object]:
    """A valid 4★ (with an OCOP product code), an expired 3★ and a revoked 5★ product; revenue for producer_a."""
    valid = make_product(producer_a, VALID, status=ProductStatus.ACTIVE)
    make_certificate(valid, "01/GCN", days_ago(100), stars=4, product_code="70-31-2025")
    expired = make_product(producer_a, EXPIRED, status=ProductStatus.ACTIVE)
    make_certificate(expired, "02/GCN", days_ago(4 * 365), stars=3)
    revoked = make_product(producer_b, REVOKED, product_set=10, status=ProductStatus.ACTIVE)
    certificate = make_certificate(revoked, "03/GCN", days_ago(200), stars=5)
    services.revoke(certificate, ground="b", on=TODAY, authority="UBND tỉnh", decision="QĐ 9/2026")
    Workforce.objects.create(producer=producer_a, year=2023, workers=10, revenue=900_000_000)
    Workforce.objects.create(producer=producer_a, year=2024, workers=12, revenue=1_250_000_000)
    Workforce.objects.create(producer=producer_a, year=2025, workers=12)  # not reported yet: 2024 is the latest
    Workforce.objects.create(producer=producer_b, year=2024, workers=7)  # no revenue at all: blank
    return {"valid": valid, "expired": expired, "revoked": revoked}


def parse(fmt: str, content: bytes) -> tuple[list[str], list[dict]]:
    """The file's column names and its rows as dicts (values as the format holds them)."""
    if fmt == "csv":
        assert content.startswith("\ufeff".encode())  # Excel needs the BOM to read UTF-8
        header, *lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        return header, [dict(zip(header, line, strict=True)) for line in lines]
    if fmt == "json":
        document = json.loads(content)
        assert document["licence"] == "CC BY 4.0"
        assert datetime.datetime.fromisoformat(document["generated"]).tzinfo is not None
        assert all(list(row) == document["columns"] for row in document["rows"])
        return document["columns"], document["rows"]
    sheet = load_workbook(io.BytesIO(content)).active
    header, *lines = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return header, [dict(zip(header, line, strict=True)) for line in lines]


def download(client, name: str, fmt: str) -> dict[str, dict]:
    response = client.get(f"/du-lieu-mo/{name}.{fmt}")
    assert response.status_code == 200
    header, rows = parse(fmt, response.content)
    assert header == opendata.DATASETS[name].column_names
    key = "product_name" if name == "catalogue" else "TenSanPham"
    return {row[key]: row for row in rows}


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
@pytest.mark.parametrize("name", ["catalogue", "PTNT_OCOP"])
def test_each_file_is_a_cacheable_cookie_free_download_with_the_documented_columns(client, products, name, fmt):
    response = client.get(f"/du-lieu-mo/{name}.{fmt}")
    assert response.status_code == 200 and response["Content-Type"] == opendata.CONTENT_TYPES[fmt]
    assert response["Content-Disposition"] == f'attachment; filename="{name}-{TODAY:%Y%m%d}.{fmt}"'
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=3600"}
    assert not response.cookies
    header, rows = parse(fmt, response.content)
    assert header == opendata.DATASETS[name].column_names and len(rows) == 3


def test_the_docs_show_exactly_the_declared_columns():
    text = DOCS.read_text()
    for name, dataset in opendata.DATASETS.items():
        section = text.split(f"## `{name}`", 1)[1].split("\n## ", 1)[0]
        table = section.split("\n\n| Column |", 1)[1].split("\n\n", 1)[0]
        documented = re.findall(r"^\| `([^`]+)` \|", table, flags=re.MULTILINE)
        assert documented == dataset.column_names, name
    assert opendata.PTNT_OCOP.column_names == [
        "MA_OCOP", "Ma_DonViHanhChinh", "Ma_ThoiGian", "Ma_SanPham", "TenSanPham", "XepHang", "ChuTheSXKD",
        "DoanhThuNam", "TrangThai",
    ]  # fmt: skip
    assert "CC BY 4.0" in text


def test_catalogue_values_for_a_valid_an_expired_and_a_revoked_certificate(client, products):
    rows = download(client, "catalogue", "csv")
    valid, expired, revoked = rows[VALID], rows[EXPIRED], rows[REVOKED]
    assert (valid["stars"], valid["status"]) == ("4", "Còn hiệu lực")
    assert (expired["stars"], expired["status"]) == ("", "Hết hiệu lực")  # stars only while valid
    assert (revoked["stars"], revoked["status"]) == ("", "Đã thu hồi")
    entry = CatalogueEntry.objects.select_related("commune__parent", "certificate").get(pk=products["valid"].pk)
    assert valid["product_id"] == str(products["valid"].pk) and valid["certificate_number"] == "01/GCN"
    assert valid["issued_on"] == f"{TODAY - datetime.timedelta(days=100):%d/%m/%Y}"  # dd/mm/yyyy in CSV
    assert valid["valid_through"] == f"{entry.valid_through:%d/%m/%Y}"
    assert valid["decision_number"] == "QĐ 01/GCN" and valid["product_set_number"] == "7"
    assert re.fullmatch(r"\d{5}", valid["commune_code"]) and valid["commune_code"] == entry.commune.code
    assert (valid["province_code"], valid["province_name"]) == ("75", entry.commune.parent.name)
    assert valid["legacy_district"] == "Huyện Đồng Phú" and valid["producer_name"] == "HTX Điều Tân Lập"
    with translation.override("vi"):
        assert valid["producer_type"] == str(LegalForm.COOPERATIVE.label)  # Vietnamese, like the exports
    assert valid["url"].startswith("http://testserver/san-pham/") and f"/{products['valid'].pk}/" in valid["url"]
    match = resolve(urlsplit(valid["url"]).path)  # the product page's own address
    assert (match.view_name, match.kwargs["pk"]) == ("portal:product", products["valid"].pk)
    as_json = download(client, "catalogue", "json")
    assert (as_json[VALID]["stars"], as_json[EXPIRED]["stars"]) == (4, None)
    assert as_json[VALID]["issued_on"] == days_ago(100)  # ISO dates in JSON
    as_xlsx = download(client, "catalogue", "xlsx")
    assert as_xlsx[VALID]["issued_on"] == datetime.datetime.fromisoformat(days_ago(100))  # a date cell


def test_ptnt_ocop_values_follow_the_documented_mapping(client, products):
    rows = download(client, "PTNT_OCOP", "csv")
    valid, expired, revoked = rows[VALID], rows[EXPIRED], rows[REVOKED]
    assert (valid["MA_OCOP"], expired["MA_OCOP"]) == ("70-31-2025", "02/GCN")  # the number when no code
    commune = CatalogueEntry.objects.get(pk=products["valid"].pk).commune
    assert valid["Ma_DonViHanhChinh"] == commune.code and commune.map == "2025"
    assert valid["Ma_ThoiGian"] == days_ago(100)[:4] and expired["Ma_ThoiGian"] == days_ago(4 * 365)[:4]
    assert valid["Ma_SanPham"] == str(products["valid"].pk)
    assert [row["XepHang"] for row in (valid, expired, revoked)] == ["4", "3", "5"]
    assert valid["ChuTheSXKD"] == "HTX Điều Tân Lập" and revoked["ChuTheSXKD"] == "Công ty TNHH Tiêu Minh Hưng"
    assert [row["TrangThai"] for row in (valid, expired, revoked)] == ["1", "0", "0"]
    # the latest year with a figure (2024: 2025 has none yet); blank for a producer that never gave one
    assert [row["DoanhThuNam"] for row in (valid, expired, revoked)] == ["1250000000", "1250000000", ""]
    as_json = download(client, "PTNT_OCOP", "json")
    assert (as_json[VALID]["DoanhThuNam"], as_json[REVOKED]["DoanhThuNam"]) == (1_250_000_000, None)
    assert (as_json[VALID]["XepHang"], as_json[VALID]["TrangThai"], as_json[VALID]["Ma_SanPham"]) == (
        4, 1, str(products["valid"].pk),
    )  # fmt: skip
    as_xlsx = download(client, "PTNT_OCOP", "xlsx")
    assert (as_xlsx[VALID]["DoanhThuNam"], as_xlsx[REVOKED]["DoanhThuNam"]) == (1_250_000_000, None)
    assert as_xlsx[VALID]["Ma_DonViHanhChinh"] == commune.code  # text: leading zeros would survive


def test_lapsed_products_are_left_out_when_the_office_hides_them(client, products, settings):
    settings.OCOP_PORTAL_LAPSED = "hide"
    for fmt in opendata.FORMATS:
        assert list(download(client, "catalogue", fmt)) == [VALID]
        rows = download(client, "PTNT_OCOP", fmt)
        assert list(rows) == [VALID] and str(rows[VALID]["TrangThai"]) == "1"
    page = client.get("/du-lieu-mo/").content.decode()
    assert re.search(r"\b1 (row|dòng)\b", page)


def test_building_a_file_takes_a_fixed_number_of_queries(products, producer_b, django_assert_max_num_queries):
    def render_all() -> None:
        for name in opendata.DATASETS:
            for fmt in opendata.FORMATS:
                with django_assert_max_num_queries(2):  # entries with what they need; revenues
                    opendata.render(name, fmt)

    render_all()
    for index in range(6):
        producer = make_producer(f"Tổ hợp tác {index}", producer_b.commune, f"38000000{index:02d}")
        Workforce.objects.create(producer=producer, year=2024, workers=5, revenue=100_000_000 * (index + 1))
        product = make_product(producer, f"Sản phẩm {index}", status=ProductStatus.ACTIVE)
        make_certificate(product, f"1{index}/GCN", days_ago(30 + index), stars=3 + index % 2)
    assert CatalogueEntry.objects.count() == 9
    render_all()


@pytest.mark.parametrize(
    "path",
    ["nothing.csv", "catalogue.pdf", "catalogue.CSV", "ptnt_ocop.csv", "catalogue.csv.zip", "catalogue", "..csv"],
)
def test_unknown_datasets_or_formats_are_not_found(client, products, path):
    assert client.get(f"/du-lieu-mo/{path}").status_code == 404


def test_the_index_lists_each_dataset_with_its_formats_columns_rows_and_licence(client, products):
    response = client.get("/du-lieu-mo/")
    assert response.status_code == 200 and not response.cookies
    page = response.content.decode()
    assert "csrfmiddlewaretoken" not in page and "CC BY 4.0" in page
    for name, dataset in opendata.DATASETS.items():
        for fmt in opendata.FORMATS:
            assert f'href="/du-lieu-mo/{name}.{fmt}"' in page
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in page
    assert re.search(r"\b3 (rows|dòng)\b", page)


# ------------------------------------------------------------ files kept in storage (portal/opendata_files.py)
# A download reads a built file; after a change the last file is served while fresh enough and the worker builds
# the new one, once; the daily run builds the new day's files and removes old ones.


@pytest.fixture
def kept(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.OCOP_OPEN_DATA_STALE_SECONDS = 900


def queued() -> int:
    return DBTaskResult.objects.filter(task_path__endswith="refresh_open_data").count()


def test_a_second_download_reads_the_built_file_without_rendering(kept, client, products, monkeypatch):
    first = client.get("/du-lieu-mo/catalogue.csv").content
    monkeypatch.setattr(opendata, "render", lambda *args, **kwargs: pytest.fail("rendered again"))
    assert client.get("/du-lieu-mo/catalogue.csv").content == first
    assert queued() == 0


def test_after_a_change_the_fresh_file_is_served_and_the_worker_builds_the_new_one_once(kept, client, products):
    assert set(download(client, "catalogue", "csv")) == {VALID, EXPIRED, REVOKED}
    certificate = products["valid"].certificates.get()
    services.revoke(certificate, ground="b", on=TODAY, authority="UBND tỉnh", decision="QĐ 10/2026")
    stale = download(client, "catalogue", "csv")
    assert stale[VALID]["status"] == "Còn hiệu lực"  # the file built before the change, still fresh
    download(client, "catalogue", "csv")
    assert queued() == 1  # two stale downloads, one rebuild
    assert opendata_files.refresh_open_data.call("http://testserver") == 6
    assert download(client, "catalogue", "csv")[VALID]["status"] == "Đã thu hồi"
    assert download(client, "PTNT_OCOP", "json")[VALID]["TrangThai"] == 0


def test_a_file_older_than_the_stale_limit_is_built_in_the_request(kept, client, products, settings):
    download(client, "catalogue", "xlsx")
    services.revoke(products["valid"].certificates.get(), ground="b", on=TODAY, authority="UBND", decision="QĐ 1")
    settings.OCOP_OPEN_DATA_STALE_SECONDS = 0
    assert download(client, "catalogue", "xlsx")[VALID]["status"] == "Đã thu hồi"
    assert queued() == 0


def test_another_address_gets_its_own_urls(kept, client, products, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "ocop.example.vn"]
    client.get("/du-lieu-mo/catalogue.csv")
    other = client.get("/du-lieu-mo/catalogue.csv", HTTP_HOST="ocop.example.vn").content.decode()
    assert "http://ocop.example.vn/" in other and "testserver" not in other


def test_the_daily_run_builds_the_asked_files_for_the_new_day_and_removes_old_ones(kept, client, products, settings):
    client.get("/du-lieu-mo/PTNT_OCOP.csv")
    old = opendata_files._pointer("PTNT_OCOP", "csv")
    assert old is not None and default_storage.exists(old.path)
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert opendata_files.rebuild_open_data(tomorrow) == 1  # only the file someone asked for
    new = opendata_files._pointer("PTNT_OCOP", "csv")
    assert new is not None and new.day == tomorrow.isoformat() and new.path != old.path
    assert default_storage.exists(old.path)  # a node may still be reading it: kept two days
    opendata_files.rebuild_open_data(tomorrow + datetime.timedelta(days=3))
    assert not default_storage.exists(old.path)


def test_a_revenue_corrected_after_a_download_is_in_the_next_file(
    kept, client, products, producer_a, settings, django_capture_on_commit_callbacks
):
    """DoanhThuNam is read from the producer's workforce records, not the catalogue read model: a correction must
    change what the kept file is built from, else the old figure is published until the next day's run."""
    assert download(client, "PTNT_OCOP", "json")[VALID]["DoanhThuNam"] == 1_250_000_000
    Workforce.objects.filter(producer=producer_a, year=2024).update(revenue=None)  # entered by mistake
    with django_capture_on_commit_callbacks(execute=True):
        Workforce.objects.get(producer=producer_a, year=2024).save()  # through the form: a save
    settings.OCOP_OPEN_DATA_STALE_SECONDS = 0
    assert download(client, "PTNT_OCOP", "json")[VALID]["DoanhThuNam"] == 900_000_000


def test_two_addresses_each_keep_their_file(kept, client, products, settings, monkeypatch):
    """A site answered under two addresses (www. and the bare name, or http and https) must not render the national
    file and store a new copy on every download that alternates between them: with OCOP_SITE_URL set (production,
    `check --deploy` warns without it) the files link to the public address whatever the request names."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "ocop.example.vn"]
    settings.OCOP_SITE_URL = "https://ocop.example.vn"
    renders = []
    real = opendata.render
    monkeypatch.setattr(opendata, "render", lambda *args, **kwargs: renders.append(args) or real(*args, **kwargs))
    for _ in range(3):
        client.get("/du-lieu-mo/catalogue.csv")
        client.get("/du-lieu-mo/catalogue.csv", HTTP_HOST="ocop.example.vn")
    assert len(renders) == 1


def test_a_refresh_queued_again_while_the_worker_was_down_builds_nothing_current(kept, client, products):
    """With the worker down, a stale download queues a refresh every OCOP_OPEN_DATA_STALE_SECONDS; when the worker
    comes back, the refreshes after the first must not render the six national files again for nothing."""
    download(client, "catalogue", "csv")
    services.revoke(products["valid"].certificates.get(), ground="b", on=TODAY, authority="UBND", decision="QĐ 2")
    assert opendata_files.refresh_open_data.call("http://testserver") == 6
    assert opendata_files.refresh_open_data.call("http://testserver") == 0  # every file current already


def test_a_client_naming_ports_in_host_does_not_fill_the_storage(kept, client, products, settings):
    """ALLOWED_HOSTS ignores the port, so `Host: testserver:1`, `:2`… would each be a new `site`: each download would
    render the file, keep a copy for two days (a national file is megabytes) and move the shared pointer away
    from the real address. With OCOP_SITE_URL they are all the one public address."""
    settings.OCOP_SITE_URL = "https://ocop.example.vn"
    for port in range(1, 6):
        assert client.get("/du-lieu-mo/catalogue.csv", HTTP_HOST=f"testserver:{port}").status_code == 200
    assert len(default_storage.listdir(opendata_files.FOLDER)[1]) <= 1
    assert "https://ocop.example.vn/san-pham/" in client.get("/du-lieu-mo/catalogue.csv").content.decode()
