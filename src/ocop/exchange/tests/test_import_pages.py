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


def test_a_big_file_is_checked_and_imported_in_the_background(
    as_user, province_officer, settings, django_capture_on_commit_callbacks
):
    from ocop.exchange.tasks import run_import_job

    settings.OCOP_IMPORT_SYNC_BYTES = 10
    client = as_user(province_officer)
    upload = SimpleUploadedFile("chu-the.csv", csv_bytes([producer_row()]), content_type="text/csv")
    with django_capture_on_commit_callbacks() as queued:
        response = client.post("/staff/imports/", {"kind": "producers", "file": upload})
    check = ImportRecord.objects.get()
    assert len(queued) == 1 and check.state == "queued" and check.data
    page = client.get(response["Location"]).content.decode()
    assert "<progress" in page and 'http-equiv="refresh"' in page
    assert client.post(response["Location"]).status_code == 404  # cannot confirm an unfinished check
    run_import_job.call(check.pk)  # what `ocop worker` does
    page = client.get(response["Location"]).content.decode()
    assert "<progress" not in page and ("Import now" in page or "Nhập ngay" in page)
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(response["Location"])
    job = ImportRecord.objects.get(dry_run=False)
    assert response["Location"] == f"/staff/imports/{job.pk}/" and not Producer.objects.exists()
    run_import_job.call(job.pk)
    job.refresh_from_db()
    assert (job.state, job.created, job.data) == ("done", 1, None) and Producer.objects.count() == 1
    assert job.group_id and not ImportRecord.objects.get(pk=check.pk).data  # the file is not kept after import


def test_a_job_that_fails_says_so_and_writes_nothing(province_officer, monkeypatch):
    from ocop.exchange import tasks

    record = ImportRecord.objects.create(
        kind="producers", file_name="x.csv", user=province_officer, state="queued", data=b"x"
    )

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(tasks, "run_import", boom)
    tasks.run_import_job.call(record.pk)
    record.refresh_from_db()
    assert record.state == "failed" and record.problems and record.data is None
