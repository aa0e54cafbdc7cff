"""The change log under the rights table (issue 12 §1): an entry is visible only to those who may view the record
it describes, now — not to whoever could see it where it sat when it changed — and fields marked personal (a misuse
reporter's contact and hashed address) are shown to the handling office only, in pages and exports; they are
dropped after the retention period by the worker's daily run."""

import datetime

import pytest
import time_machine
from django.test import override_settings

from ocop.core.daily import run_jobs
from ocop.core.models import ChangeLog
from ocop.portal.models import MisuseReport
from ocop.portal.tests.kit import certified
from ocop.registry.services import save_producer

pytestmark = pytest.mark.django_db
CONTACT = "0912 345 678, ba Hoa"
REPORT = {"code": "ABCD-EFGH-JKLM", "seen_at": "Chợ Đồng Xoài, sạp 12", "description": "Tem giả.", "contact": CONTACT}


def test_a_producer_that_moved_away_takes_its_history_with_it(
    as_user, province_officer, officer_a, producer_a, commune_b
):
    """Officer A saw producer A's changes while it was in A's commune; after it moved to B, none of them."""
    entries = list(ChangeLog.objects.filter(content_type__model="producer", object_id=str(producer_a.pk)))
    assert entries
    producer_a.commune = commune_b
    save_producer(producer_a, datetime.date(2023, 6, 1))
    client = as_user(officer_a)
    page = client.get("/staff/history/").content.decode()
    assert "HTX Điều Tân Lập" not in page
    for entry in entries:
        assert client.get(f"/staff/history/{entry.pk}/").status_code == 404
    assert "HTX Điều Tân Lập" not in client.get("/staff/exports/changes.csv").content.decode()
    office = as_user(province_officer)
    assert office.get(f"/staff/history/{entries[0].pk}/").status_code == 200  # still the province's


def test_a_deleted_records_history_stays_with_those_who_could_see_it(as_user, officer_a, officer_b, producer_a):
    product = producer_a.products.create(name="Mứt điều", product_set_id=7)
    product.delete()
    deletion = ChangeLog.objects.get(content_type__model="product", action="delete")
    assert as_user(officer_a).get(f"/staff/history/{deletion.pk}/").status_code == 200
    assert as_user(officer_b).get(f"/staff/history/{deletion.pk}/").status_code == 404


@pytest.fixture
def report(client, producer_a) -> MisuseReport:
    product = certified(producer_a, "Hạt điều rang muối Tân Lập")
    assert client.post("/bao-cao-vi-pham/", {**REPORT, "product": product.pk}).status_code == 200
    return MisuseReport.objects.get()


def test_the_reporters_contact_is_the_handling_offices_alone(as_user, report, province_officer, officer_a):
    created = ChangeLog.objects.get(content_type__model="misusereport", action="create")
    commune = as_user(officer_a)
    assert CONTACT not in commune.get(f"/staff/misuse/{report.pk}/").content.decode()
    assert CONTACT not in commune.get(f"/staff/history/{created.pk}/").content.decode()
    assert report.client_hash not in commune.get(f"/staff/history/{created.pk}/").content.decode()
    assert CONTACT not in commune.get("/staff/history/").content.decode()
    office = as_user(province_officer)
    assert CONTACT in office.get(f"/staff/misuse/{report.pk}/").content.decode()
    assert CONTACT in office.get(f"/staff/history/{created.pk}/").content.decode()


def test_producers_and_viewers_never_read_a_report_or_its_history(as_user, report, producer_user, viewer):
    created = ChangeLog.objects.get(content_type__model="misusereport", action="create")
    for user in (producer_user, viewer):
        client = as_user(user)
        assert client.get(f"/staff/history/{created.pk}/").status_code == 404
        assert CONTACT not in client.get("/staff/history/").content.decode()


@override_settings(OCOP_MISUSE_CONTACT_DAYS=365)
def test_the_contact_is_dropped_after_the_retention_period(report):
    with time_machine.travel(datetime.datetime(2099, 1, 1, 8, tzinfo=datetime.UTC)):
        results = run_jobs(datetime.date(2099, 1, 1))
    assert results["ocop.portal.tasks.forget_reporters"] == 1
    report.refresh_from_db()
    assert report.contact == "" and report.client_hash == ""
    for entry in ChangeLog.objects.filter(content_type__model="misusereport"):
        assert CONTACT not in str(entry.before) + str(entry.after)


def test_a_recent_report_keeps_its_contact(report):
    run_jobs(datetime.date.today())
    report.refresh_from_db()
    assert report.contact == CONTACT
