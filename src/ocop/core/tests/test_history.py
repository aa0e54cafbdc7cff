"""Every create, update and delete is recorded with who, when, before/after and its group."""

import datetime

import pytest

from ocop.core.context import changes_by
from ocop.core.models import ChangeLog
from ocop.registry.models import Workforce

pytestmark = pytest.mark.django_db


def entries_for(obj) -> list[ChangeLog]:
    return list(
        ChangeLog.objects.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name).order_by("id")
    )


def test_it_records_create_update_delete_with_before_and_after(producer_a, province_officer):
    with changes_by("web", user=province_officer) as ctx:
        producer_a.name = "HTX Điều Tân Lập mới"
        producer_a.save()
        producer_a.save()  # nothing changed: nothing recorded
    created, updated = entries_for(producer_a)[-2:]
    assert created.action == "create"
    assert updated.action == "update"
    assert updated.before == {"name": "HTX Điều Tân Lập"}
    assert updated.after == {"name": "HTX Điều Tân Lập mới"}
    assert (updated.user, updated.source, updated.group_id) == (province_officer, "web", ctx.group_id)
    assert updated.unit_path == producer_a.commune.path
    assert updated.producer_id == producer_a.pk

    workforce = Workforce.objects.create(producer=producer_a, year=2024, workers=10)
    workforce_pk = workforce.pk
    workforce.delete()
    deleted = ChangeLog.objects.filter(object_id=str(workforce_pk), action="delete").get()
    assert deleted.before["workers"] == 10 and deleted.after == {}


def test_dates_and_decimals_are_stored_as_text(producer_a):
    producer_a.founded_on = datetime.date(2019, 5, 17)
    producer_a.save()
    assert entries_for(producer_a)[-1].after == {"founded_on": "2019-05-17"}


def test_web_edits_are_attributed_to_the_user_and_request(as_user, province_officer, producer_a):
    client = as_user(province_officer)
    response = client.post(
        f"/staff/producers/{producer_a.pk}/workforce/add/",
        {"year": 2024, "workers": 12, "trained_workers": 3, "local_workers": 10},
    )
    assert response.status_code == 302
    entry = ChangeLog.objects.filter(content_type__model="workforce").latest("id")
    assert entry.user == province_officer and entry.source == "web"
    assert str(entry.group_id) == response["X-Request-ID"]


def test_the_global_log_is_filterable_and_scoped(as_user, province_officer, officer_b, producer_a, producer_b):
    client = as_user(province_officer)
    page = client.get("/staff/history/", {"action": "create", "kind": ""}).content.decode()
    assert "HTX Điều Tân Lập" in page and "Công ty TNHH Tiêu Minh Hưng" in page
    client = as_user(officer_b)
    page = client.get("/staff/history/").content.decode()
    assert "Công ty TNHH Tiêu Minh Hưng" in page
    assert "HTX Điều Tân Lập" not in page
    foreign = ChangeLog.objects.filter(producer_id=producer_a.pk).first()
    assert client.get(f"/staff/history/{foreign.pk}/").status_code == 404
    assert client.get("/staff/history/", {"since": "32/13/2024"}).status_code == 400
