"""The import pages: template, dry run report, confirmation, as an office officer would use them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from ocop.exchange.models import ImportRecord
from ocop.exchange.tests.test_import import csv_bytes, producer_row
from ocop.registry.models import Producer

pytestmark = pytest.mark.django_db


def test_the_template_has_the_headers_a_dropdown_and_instructions(as_user, province_officer):
    response = as_user(province_officer).get("/staff/imports/templates/producers.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Dữ liệu", "Hướng dẫn"]
    data = book["Dữ liệu"]
    assert [c.value for c in data[1]][:3] == ["Tên chủ thể", "Loại hình", "Mã số thuế / số ĐKKD"]
    assert data.data_validations.dataValidation  # drop-down lists for choices
    assert as_user(province_officer).get("/staff/imports/templates/nope.xlsx").status_code == 404


def test_check_then_confirm_the_import(as_user, province_officer):
    client = as_user(province_officer)
    upload = SimpleUploadedFile("chu-the.csv", csv_bytes([producer_row()]), content_type="text/csv")
    response = client.post("/staff/imports/", {"kind": "producers", "file": upload})
    assert response.status_code == 302 and not Producer.objects.exists()
    report = client.get(response["Location"]).content.decode()
    assert "Import now" in report or "Nhập ngay" in report
    response = client.post(response["Location"])
    assert Producer.objects.count() == 1
    assert client.post(f"/staff/imports/{ImportRecord.objects.filter(dry_run=True).get().pk}/").status_code == 302
    assert Producer.objects.count() == 1  # the same check cannot be confirmed twice


def test_a_bad_file_shows_its_problems_and_cannot_be_confirmed(as_user, province_officer):
    client = as_user(province_officer)
    upload = SimpleUploadedFile("chu-the.csv", csv_bytes([producer_row(**{"Loại hình": "Quán"})]))
    response = client.post("/staff/imports/", {"kind": "producers", "file": upload})
    page = client.get(response["Location"]).content.decode()
    assert "Quán" in page and ("Import now" not in page and "Nhập ngay" not in page)


def test_viewers_cannot_import(as_user, viewer):
    assert as_user(viewer).get("/staff/imports/").status_code == 403
