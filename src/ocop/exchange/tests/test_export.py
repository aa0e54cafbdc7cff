"""Exports: what the list shows (scope, filters, sort), in .xlsx and .csv, and back in again unchanged."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from conftest import make_certificate, make_producer, make_product
from ocop.core.models import ChangeLog
from ocop.exchange.engine import run_import
from ocop.exchange.models import ExportRecord
from ocop.registry.models import Product, Workforce

pytestmark = pytest.mark.django_db


def read_xlsx(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())  # Excel needs the BOM to read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture
def registry(producer_a, producer_b, product_a, draft_b):
    """Two producers in two communes, with products, certificates and workforce."""
    make_product(producer_a, "Điều nhân sấy", status="active", price=250000, price_unit="hộp")
    make_certificate(product_a, "GCN-01/2023", "2023-03-15", stars=4)
    Workforce.objects.create(
        producer=producer_a, year=2024, workers=12, trained_workers=5, local_workers=10, revenue=1_250_000_000
    )
    Workforce.objects.create(producer=producer_a, year=2023, workers=10)  # revenue unknown: an empty cell
    return producer_a, producer_b


def test_an_export_is_the_list_with_its_filters_and_sort(as_user, province_officer, registry):
    client = as_user(province_officer)
    response = client.get("/staff/exports/products.xlsx?q=dieu&sort=-name&page=2")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="products-')
    rows = read_xlsx(response.content)
    names = [row[1] for row in rows[1:]]
    assert sorted(names) == ["Hạt điều rang muối Tân Lập", "Điều nhân sấy"]  # "dieu" finds both, all pages
    page = client.get("/staff/products/?q=dieu&sort=-name").content.decode()
    assert [page.index(name) for name in names] == sorted(page.index(name) for name in names)  # same order
    assert "/staff/exports/products.xlsx?q=dieu&amp;sort=-name" in page  # the link carries the filters


def test_csv_and_xlsx_hold_the_same_rows_with_vietnamese_dates_and_labels(as_user, province_officer, registry):
    client = as_user(province_officer)
    xlsx_rows = read_xlsx(client.get("/staff/exports/certificates.xlsx").content)
    csv_rows = read_csv(client.get("/staff/exports/certificates.csv").content)
    assert xlsx_rows[0] == csv_rows[0] and len(xlsx_rows) == len(csv_rows) == 2
    header = xlsx_rows[0]
    issued = header.index("Ngày cấp")
    assert xlsx_rows[1][issued] == datetime.datetime(2023, 3, 15)  # a real date cell in Excel…
    assert csv_rows[1][issued] == "15/03/2023"  # …and dd/mm/yyyy in CSV
    assert csv_rows[1][header.index("Cấp công nhận")] == "UBND cấp tỉnh"  # labels in Vietnamese, like the template


def test_exports_stay_in_scope(as_user, officer_a, outsider_officer, producer_user, registry):
    rows = read_csv(as_user(officer_a).get("/staff/exports/producers.csv").content)
    assert [row[0] for row in rows[1:]] == ["HTX Điều Tân Lập"]  # not producer_b of the other commune
    assert len(read_csv(as_user(outsider_officer).get("/staff/exports/products.csv").content)) == 1
    rows = read_csv(as_user(producer_user).get("/staff/exports/products.csv").content)
    assert {row[0] for row in rows[1:]} == {"3801234567"}


def test_bad_filters_or_unknown_lists_change_nothing(as_user, province_officer, registry):
    client = as_user(province_officer)
    response = client.get("/staff/exports/products.xlsx?unit=99999&at=nope")
    assert response.status_code == 400 and "99999" in response.content.decode()
    assert client.get("/staff/exports/nothing.xlsx").status_code == 404
    assert client.get("/staff/exports/products.pdf").status_code == 404
    assert as_user(province_officer).get("/staff/exports/products.xlsx?q=" + "x" * 5000).status_code == 400


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get("/staff/exports/producers.xlsx").status_code == 302


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("kind", ["producers", "products", "certificates", "workforce"])
def test_an_exported_file_re_imports_unchanged_and_a_corrected_one_updates(
    as_user, province_officer, registry, kind, fmt
):
    data = as_user(province_officer).get(f"/staff/exports/{kind}.{fmt}").content
    before = ChangeLog.objects.count()
    report = run_import(kind, f"{kind}.{fmt}", data, province_officer, dry_run=False)
    assert report.ok, report.problems
    assert report.nothing_to_change and report.unchanged >= 1
    assert ChangeLog.objects.count() == before


def test_a_corrected_product_file_updates_one_record_and_logs_it(as_user, province_officer, registry):
    rows = read_xlsx(as_user(province_officer).get("/staff/exports/products.xlsx").content)
    header, price = rows[0], rows[0].index("Giá (đồng)")
    rows[1][price] = 99000
    lines = [";".join("" if v is None else str(v) for v in row) for row in [header, *rows[1:]]]
    report = run_import("products", "sua.csv", "\n".join(lines).encode(), province_officer, dry_run=False)
    assert report.ok and (report.updated, report.created) == (1, 0), report.problems
    product = Product.objects.get(name=rows[1][1])
    assert product.price == 99000
    entry = ChangeLog.objects.filter(object_id=str(product.pk), action="update").latest("at")
    assert entry.source == "import" and entry.after == {"price": "99000"} and entry.user == province_officer


def test_big_exports_run_as_a_job_with_progress(
    as_user, province_officer, registry, settings, django_capture_on_commit_callbacks
):
    from ocop.exchange.tasks import run_export_job

    settings.OCOP_EXPORT_SYNC_ROWS = 1
    client = as_user(province_officer)
    with django_capture_on_commit_callbacks() as queued:
        response = client.get("/staff/exports/products.xlsx?sort=name")
    record = ExportRecord.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/exports/{record.pk}/"
    assert len(queued) == 1 and record.state == "queued" and record.params == {"sort": "name"}
    page = client.get(response["Location"]).content.decode()
    assert "<progress" in page and 'http-equiv="refresh"' in page
    run_export_job.call(record.pk)  # what `ocop worker` does
    page = client.get(response["Location"]).content.decode()
    assert "<progress" not in page and f"/staff/exports/{record.pk}/file" in page
    rows = read_xlsx(client.get(f"/staff/exports/{record.pk}/file").content)
    assert [row[1] for row in rows[1:]] == list(Product.objects.order_by("name", "id").values_list("name", flat=True))


def test_nobody_else_downloads_ones_export(as_user, province_officer, officer_a, registry, settings):
    from ocop.exchange.tasks import run_export_job

    settings.OCOP_EXPORT_SYNC_ROWS = 0
    as_user(province_officer).get("/staff/exports/producers.csv")
    record = ExportRecord.objects.get()
    run_export_job.call(record.pk)
    assert as_user(officer_a).get(f"/staff/exports/{record.pk}/file").status_code == 404
    assert as_user(officer_a).get(f"/staff/exports/{record.pk}/").status_code == 404


def test_the_command_exports_with_filters(tmp_path, superuser, registry, commune_a):
    target = tmp_path / "chu-the.csv"
    call_command("export", "producers", str(target), "--filter", "legal_form=cooperative", "--sort=-name")
    assert [row[0] for row in read_csv(target.read_bytes())[1:]] == ["HTX Điều Tân Lập"]
    with pytest.raises(CommandError, match="Invalid filters"):
        call_command("export", "producers", str(target), "--unit", "00000")
    with pytest.raises(CommandError, match=r"\.xlsx or \.csv"):
        call_command("export", "producers", str(tmp_path / "x.pdf"))


def test_a_name_that_looks_like_a_formula_stays_text(as_user, province_officer, commune_a):
    make_producer('=HYPERLINK("http://x")', commune_a, "3801111111")
    client = as_user(province_officer)
    sheet = load_workbook(io.BytesIO(client.get("/staff/exports/producers.xlsx").content)).active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("=HYPERLINK")
    row = read_csv(client.get("/staff/exports/producers.csv").content)[1]
    assert row[0] == ' =HYPERLINK("http://x")'  # Excel will not run it; the importer strips the space


@pytest.mark.parametrize("kind", ["producers", "products", "certificates", "workforce", "dossiers", "changes"])
def test_an_export_costs_the_same_queries_for_3_or_30_rows(
    as_user, province_officer, commune_a, kind, django_assert_max_num_queries
):
    from ocop.registry.models import Workforce

    def add(start: int, count: int) -> None:
        for n in range(start, start + count):
            producer = make_producer(f"HTX số {n}", commune_a, f"38000000{n:02d}")
            product = make_product(producer, f"Sản phẩm {n}")
            make_certificate(product, f"GCN-{n}", "2024-05-01")
            Workforce.objects.create(producer=producer, year=2024, workers=5)

    client = as_user(province_officer)
    add(0, 3)
    with django_assert_max_num_queries(16) as small:
        assert client.get(f"/staff/exports/{kind}.xlsx").status_code == 200
    add(3, 27)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(f"/staff/exports/{kind}.xlsx").status_code == 200
