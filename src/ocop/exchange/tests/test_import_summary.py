"""What an import's summary says it did: a refused file wrote nothing, so its rows are never "new"; the summary
says what the rows without problems would have given. The same words on the page, in the command's output and in
a background job's report."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from ocop.exchange.engine import run_import
from ocop.exchange.models import ImportRecord
from ocop.exchange.tests.test_import import csv_bytes, producer_row
from ocop.registry.models import Producer

pytestmark = pytest.mark.django_db
GOOD, BAD = producer_row(), producer_row(**{"Mã số thuế / số ĐKKD": "3802223335", "Loại hình": "Quán"})
WRITTEN_AS_NEW = "2 dòng: 1 mới"  # the old summary of a refused file: one row "new", though nothing was written


def test_a_refused_import_says_nothing_was_written_and_what_would_have_been(superuser):
    with translation.override("en"):
        report = run_import("producers", "chu-the.csv", csv_bytes([GOOD, BAD]), superuser, dry_run=False)
        summary = report.summary
    assert not report.written and not Producer.objects.exists()
    assert summary == (
        "2 rows; nothing was written. Rows without problems would have given: 1 new, 0 updated, 0 unchanged."
    )
    with translation.override("en"):
        check = run_import("producers", "chu-the.csv", csv_bytes([GOOD]), superuser, dry_run=True)
        assert (
            check.summary == "1 row checked; nothing written yet. Importing would give: 1 new, 0 updated, 0 unchanged."
        )
        done = run_import("producers", "chu-the.csv", csv_bytes([GOOD]), superuser, dry_run=False)
        assert done.summary == "1 row imported. Written: 1 new, 0 updated, 0 unchanged."
        again = run_import("producers", "chu-the.csv", csv_bytes([GOOD]), superuser, dry_run=False)
        assert again.summary == "1 row: nothing to change, the records already hold it."


def test_an_import_that_lost_a_race_says_what_it_would_have_written(superuser, monkeypatch):
    """Checked clean, then refused by the database (another writer came first): nothing was written."""
    from django.db import IntegrityError

    from ocop.registry.exchange import ProducerKind

    def collide(self: object, prepared: list) -> None:
        raise IntegrityError("duplicate key")

    monkeypatch.setattr(ProducerKind, "write_many", collide)
    with translation.override("en"):
        report = run_import("producers", "chu-the.csv", csv_bytes([GOOD]), superuser, dry_run=False)
        assert report.summary == (
            "1 row; nothing was written. Rows without problems would have given: 1 new, 0 updated, 0 unchanged."
        )
    assert not Producer.objects.exists()


def test_the_report_page_of_a_refused_file_shows_no_new_rows(as_user, province_officer):
    client = as_user(province_officer)
    upload = SimpleUploadedFile("chu-the.csv", csv_bytes([GOOD, BAD]), content_type="text/csv")
    page = client.get(client.post("/staff/imports/", {"kind": "producers", "file": upload})["Location"])
    text = page.content.decode()
    assert WRITTEN_AS_NEW not in text
    assert "2 dòng; chưa ghi dữ liệu nào." in text and "lẽ ra sẽ cho: 1 mới" in text
    assert "Quán" in text  # the problem itself is listed


def test_the_command_says_what_would_have_been_written(tmp_path, superuser):
    path = tmp_path / "chu-the.csv"
    path.write_bytes(csv_bytes([GOOD, BAD]))
    with pytest.raises(CommandError) as refused:
        call_command("import", "producers", str(path))
    assert "nothing was written" in str(refused.value) and "would have given: 1 new" in str(refused.value)
    assert "1 new," not in str(refused.value).split("would have given")[0]
    path.write_bytes(csv_bytes([GOOD]))
    out = io.StringIO()
    call_command("import", "producers", str(path), "--dry-run", stdout=out)
    assert "Importing would give: 1 new" in out.getvalue() and not Producer.objects.exists()
    call_command("import", "producers", str(path), stdout=out)
    assert "Written: 1 new" in out.getvalue() and Producer.objects.count() == 1


def test_a_background_check_of_a_refused_file_reports_the_same(
    as_user, province_officer, settings, django_capture_on_commit_callbacks
):
    from ocop.exchange.tasks import run_import_job

    settings.OCOP_IMPORT_SYNC_BYTES = 10
    client = as_user(province_officer)
    upload = SimpleUploadedFile("chu-the.csv", csv_bytes([GOOD, BAD]), content_type="text/csv")
    with django_capture_on_commit_callbacks():
        response = client.post("/staff/imports/", {"kind": "producers", "file": upload})
    run_import_job.call(ImportRecord.objects.get().pk)
    text = client.get(response["Location"]).content.decode()
    assert WRITTEN_AS_NEW not in text and "lẽ ra sẽ cho: 1 mới" in text
    with translation.override("en"):
        assert ImportRecord.objects.get().summary.startswith("2 rows; nothing was written.")
