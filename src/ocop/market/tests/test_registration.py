"""Events producers may register for: open to registration, not yet over, in their province on either map."""

import datetime as dt

import pytest

from conftest import unit
from ocop.market.models import Event

pytestmark = pytest.mark.django_db


def test_a_producer_registered_on_the_old_map_sees_its_new_provinces_events(as_user, producer_user):
    today = dt.date.today()
    Event.objects.create(name="Hội chợ OCOP Đồng Nai", kind="fair", level="provincial", unit=unit("2025", "75"),
                         starts_on=today, ends_on=today + dt.timedelta(days=3), registration_open=True)  # fmt: skip
    Event.objects.create(name="Hội chợ Hà Nội", kind="fair", level="provincial", unit=unit("2025", "01"),
                         starts_on=today, ends_on=today + dt.timedelta(days=3), registration_open=True)  # fmt: skip
    page = as_user(producer_user).get("/staff/market/events/").content.decode()
    assert "Hội chợ OCOP Đồng Nai" in page and "Hội chợ Hà Nội" not in page


def test_the_event_list_filters_the_events_still_open_for_registration(as_user, province_officer):
    today = dt.date.today()
    place = {"kind": "fair", "level": "provincial", "unit": unit("2025", "75")}
    Event.objects.create(name="Mở đăng ký", starts_on=today, ends_on=today, registration_open=True, **place)
    Event.objects.create(name="Đã qua", starts_on=today - dt.timedelta(days=9), ends_on=today - dt.timedelta(days=8),
                         registration_open=True, **place)  # fmt: skip
    Event.objects.create(name="Không nhận đăng ký", starts_on=today, ends_on=today, **place)
    page = as_user(province_officer).get("/staff/market/events/", {"registration": "on"}).content.decode()
    assert "Mở đăng ký" in page and "Đã qua" not in page and "Không nhận đăng ký" not in page
