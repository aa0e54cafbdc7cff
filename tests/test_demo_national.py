"""`ocop demo --national`: the national data set (every province, the benchmark's generator at a small scale
here), the shipped plans and the national office's account, in an empty database only."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import make_producer
from ocop.core.choices import RoleKind
from ocop.core.models import Role
from ocop.places.models import Unit
from ocop.programme.models import Plan
from ocop.registry.models import Producer

pytestmark = pytest.mark.django_db


def test_the_national_demo_loads_every_province_and_the_national_office(client):
    out = io.StringIO()
    call_command("demo", national=True, scale=0.002, stdout=out, stderr=io.StringIO())
    assert "National demo loaded: 40 producers" in out.getvalue() and "trunguong" in out.getvalue()
    role = Role.objects.select_related("unit").get(user__username="trunguong")
    assert (role.kind, role.unit.level) == (RoleKind.NATIONAL_OFFICE, "country")
    assert Role.objects.get(user__username="tinh").kind == RoleKind.PROVINCE_OFFICE
    provinces = {path.split("/")[1] for path in Producer.objects.values_list("commune__path", flat=True)}
    assert len(provinces) > 20  # spread over the country (both maps' codes)
    assert set(Plan.objects.values_list("slug", flat=True)) == {"binh-phuoc-2022-2025", "quoc-gia-2021-2025"}
    user = role.user
    assert user.check_password("ocop-demo-2026")
    client.force_login(user)
    page = client.get("/staff/plans/quoc-gia-2021-2025/provinces/?date=31/12/2025")
    assert page.status_code == 200 and page.content.decode().count("?unit=2025:") == 34
    from ocop.portal.models import CatalogueEntry

    assert CatalogueEntry.objects.exists()  # the portal shows the generated products
    again = io.StringIO()
    call_command("demo", national=True, stdout=again)
    assert "already loaded" in again.getvalue() and Producer.objects.count() == 40


def test_the_national_demo_needs_an_empty_database():
    make_producer(
        "HTX Điều Tân Lập", Unit.objects.get(map="legacy", parent__code="695", name="Xã Tân Lập"), "3801234567"
    )
    with pytest.raises(CommandError, match="empty database"):
        call_command("demo", national=True, scale=0.002, stdout=io.StringIO())
    assert Producer.objects.count() == 1 and not Role.objects.exists()
