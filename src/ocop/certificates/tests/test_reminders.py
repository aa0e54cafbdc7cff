"""Reminders go out once per stage, to the right people, by email and in the app."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from conftest import make_certificate
from ocop.certificates.reminders import send_due
from ocop.core.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(producer_user, officer_a, officer_b, province_officer):
    for user in (producer_user, officer_a, officer_b, province_officer):
        user.email = f"{user.username}@example.vn"
        user.save()
    return producer_user, officer_a, officer_b, province_officer


def test_each_stage_is_reminded_once_to_the_people_in_scope(product_a, people):
    producer_user, _officer_a, officer_b, _office = people
    certificate = make_certificate(product_a, "R/1", "2023-06-01")  # valid until 31/05/2026
    assert send_due(dt.date(2025, 12, 1)) == 0
    assert send_due(dt.date(2025, 12, 2)) == 1  # window opens, 180 days before
    assert send_due(dt.date(2025, 12, 3)) == 0  # not twice
    assert sorted(mail.outbox[0].to) == ["coso_a@example.vn", "tinh@example.vn", "xa_a@example.vn"]
    assert send_due(dt.date(2026, 1, 31)) == 1  # window closes, 120 days before
    assert send_due(dt.date(2026, 6, 1)) == 1  # expired
    assert send_due(dt.date(2026, 6, 5)) == 0
    assert len(mail.outbox) == 3
    assert Notification.objects.filter(user=producer_user).count() == 3
    assert not Notification.objects.filter(user=officer_b).exists()
    assert certificate.reminders.count() == 3


def test_a_late_run_sends_only_the_latest_stage(product_a, people):
    make_certificate(product_a, "R/2", "2023-06-01")
    assert send_due(dt.date(2026, 6, 10)) == 1
    assert (
        Notification.objects.filter(title__contains="expired").exists()
        or Notification.objects.filter(title__contains="hết hiệu lực").exists()
    )


def test_a_renewed_or_revoked_certificate_is_not_reminded(product_a, people):
    make_certificate(product_a, "R/3", "2023-06-01")
    make_certificate(product_a, "R/4", "2026-02-01")  # re-evaluated in time
    assert send_due(dt.date(2026, 6, 2)) == 0


def test_the_command_and_the_notification_page(product_a, people, as_user):
    make_certificate(product_a, "R/5", "2023-06-01")
    call_command("certificates", "remind", "--date", "2025-12-02")
    call_command("certificates", "remind", "--date", "2025-12-02")
    client = as_user(people[0])
    page = client.get("/staff/notifications/").content.decode()
    assert "R/5" in page
    client.post("/staff/notifications/")
    assert not people[0].notifications.filter(read_at__isnull=True).exists()


def test_scheduling_queues_the_daily_job(db):
    from django_tasks_db.models import DBTaskResult

    call_command("certificates", "schedule")
    job = DBTaskResult.objects.get()
    assert job.task_path.endswith("run_daily") and job.run_after is not None
