"""Files that used to stop an import with a 500: a CSV cell longer than the csv module's limit, a NUL character
in a cell (PostgreSQL refuses it in text), numbers beyond 64 bits or not finite. Each is a problem in the report,
by row and column; nothing is written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ocop.exchange.engine import run_import
from ocop.exchange.models import ImportRecord
from ocop.exchange.reading import FileProblem, read_table
from ocop.exchange.tests.test_import import csv_bytes, producer_row
from ocop.exchange.tests.test_kinds import csv_of
from ocop.exchange.values import CellError, integer, number
from ocop.registry.models import Producer, Workforce

pytestmark = pytest.mark.django_db
HUGE = 2**70


def test_a_csv_cell_longer_than_the_csv_limit_is_a_problem_with_its_row(superuser):
    data = csv_bytes([producer_row(), producer_row(**{"Địa chỉ": "x" * 200_000})])
    with pytest.raises(FileProblem, match="3"):
        read_table("chu-the.csv", data)
    report = run_import("producers", "chu-the.csv", data, superuser, dry_run=False)
    assert not report.ok and "131" in report.problems[0].message and not Producer.objects.exists()


def test_a_long_cell_uploaded_on_the_page_gets_a_report_not_an_error_page(as_user, province_officer):
    client = as_user(province_officer)
    client.raise_request_exception = False
    upload = SimpleUploadedFile("chu-the.csv", csv_bytes([producer_row(**{"Địa chỉ": "x" * 200_000})]))
    response = client.post("/staff/imports/", {"kind": "producers", "file": upload})
    assert response.status_code == 302
    record = ImportRecord.objects.get()
    assert record.problems and record.problems[0]["row"] is None


def test_a_nul_in_a_cell_is_reported_by_row_and_column_and_nothing_is_written(superuser):
    """(An .xlsx cannot carry the character: XML forbids it, and such a file is "not an Excel file we can read".)"""
    rows = [producer_row(), producer_row(**{"Mã số thuế / số ĐKKD": "3802223335", "Tên chủ thể": "HTX\x00 Bom Bo"})]
    report = run_import("producers", "chu-the.csv", csv_bytes(rows), superuser, dry_run=False)
    assert not report.ok and not Producer.objects.exists()
    [problem] = report.problems
    assert (problem.row, problem.column) == (3, "Tên chủ thể") and "NUL" in problem.message
    assert ImportRecord.objects.get().problems[0]["value"] == "HTX Bom Bo"


def test_a_nul_in_the_key_column_does_not_reach_the_database(superuser):
    data = csv_bytes([producer_row(**{"Mã số thuế / số ĐKKD": "38022\x0023334"})])
    report = run_import("producers", "chu-the.csv", data, superuser, dry_run=True)
    assert [p.column for p in report.problems] == ["Mã số thuế / số ĐKKD"]


@pytest.mark.parametrize("value", [str(HUGE), f"-{HUGE}", "1e999999999", "Infinity", "-inf", "sNaN", "NaN"])
def test_numbers_beyond_64_bits_or_not_finite_are_cell_problems(value):
    with pytest.raises(CellError):
        integer(value)
    if value.lower().lstrip("-") in ("infinity", "inf", "snan", "nan"):
        with pytest.raises(CellError):
            number(value)


def test_integers_beyond_64_bits_in_a_key_and_a_count_are_reported(officer_a, producer_a):
    rows = [
        {"Mã số thuế chủ thể": "3801234567", "Năm": HUGE, "Tổng số lao động": 12},
        {"Mã số thuế chủ thể": "3801234567", "Năm": 2024, "Tổng số lao động": HUGE},
        {"Mã số thuế chủ thể": "3801234567", "Năm": 2023, "Tổng số lao động": "Infinity"},
    ]
    report = run_import("workforce", "ld.csv", csv_of("workforce", rows), officer_a, dry_run=False)
    assert sorted(p.row for p in report.problems) == [2, 3, 4], report.problems
    assert not Workforce.objects.exists()


def test_a_product_set_beyond_64_bits_is_not_in_the_list(superuser, producer_a):
    from ocop.exchange.tests.test_kinds import certificate_row

    data = csv_of("certificates", [certificate_row(**{"Bộ sản phẩm": HUGE})])
    report = run_import("certificates", "gcn.csv", data, superuser, dry_run=True)
    assert [p.column for p in report.problems] == ["Bộ sản phẩm"]
