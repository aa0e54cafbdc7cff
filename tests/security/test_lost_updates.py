"""No silent lost updates (issue 12 §4): every edit carries the version it was read at; a save against a newer one
is refused with who changed the record, when and what, and changes nothing. Two officers acting on one dossier at
once: one wins, the other is told."""

import re

import pytest

from conftest import make_user, successor
from ocop.core.choices import RoleKind
from ocop.evaluation import workflow
from ocop.evaluation.choices import DossierState
from ocop.evaluation.tests.helpers import best
from ocop.portal.models import MisuseReport
from ocop.portal.tests.kit import certified
from ocop.registry.models import Workforce

pytestmark = pytest.mark.django_db


def version_in(html: str) -> str:
    return re.search(r'name="version" value="(\d+)"', html).group(1)


@pytest.fixture
def second_officer(commune_a):
    """Another officer of commune A, working at the same time."""
    return make_user("xa_a2", RoleKind.COMMUNE_OFFICER, unit=successor(commune_a))


def test_the_later_of_two_edits_is_refused_and_told_who_changed_what(as_user, officer_a, second_officer, producer_a):
    row = Workforce.objects.create(producer=producer_a, year=2024, workers=10, trained_workers=2, local_workers=8)
    url = f"/staff/producers/{producer_a.pk}/workforce/{row.pk}/edit/"
    first, second = as_user(officer_a), None
    seen = version_in(first.get(url).content.decode())
    from django.test import Client

    second = Client()
    second.force_login(second_officer)
    assert version_in(second.get(url).content.decode()) == seen
    data = {"year": 2024, "workers": 12, "trained_workers": 2, "local_workers": 8, "version": seen}
    assert first.post(url, data).status_code == 302
    response = second.post(url, {**data, "workers": 30})
    page = response.content.decode()
    assert response.status_code == 409 and "xa_a" in page and "10 → 12" in page
    row.refresh_from_db()
    assert row.workers == 12  # the first edit stands; the stale one changed nothing
    fresh = version_in(page)
    assert fresh != seen and second.post(url, {**data, "workers": 30, "version": fresh}).status_code == 302


def test_two_officers_acting_on_one_dossier_at_once(
    as_user, product_a, producer_user, officer_a, second_officer, province_officer
):
    dossier = workflow.open_dossier(product_a, "first", producer_user)
    workflow.save_self_assessment(dossier, producer_user, best(dossier))
    dossier = workflow.move(dossier, "submit", producer_user)
    url = f"/staff/dossiers/{dossier.pk}/"
    first = as_user(officer_a)
    seen = version_in(first.get(url).content.decode())
    checks = {f"check_{n}": "yes" for n in ("material_origin", "local_labour", "idea_origin", "local_identity")}
    assert first.post(f"{url}act/commune_forward/", {**checks, "version": seen}).status_code == 302
    from django.test import Client

    other = Client()
    other.force_login(second_officer)
    response = other.post(f"{url}act/commune_return/", {"reason": "Thiếu giấy tờ", "version": seen})
    assert response.status_code == 409 and "xa_a" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == DossierState.FORWARDED


def test_a_stale_handling_of_a_misuse_report_is_refused(client, as_user, producer_a, province_officer, officer_a):
    product = certified(producer_a, "Hạt điều rang muối Tân Lập")
    report = {"code": "ABCD-EFGH-JKLM", "seen_at": "Chợ", "description": "Tem giả.", "product": product.pk}
    client.post("/bao-cao-vi-pham/", report)
    pk = MisuseReport.objects.get().pk
    office, commune = as_user(province_officer), None
    seen = version_in(office.get(f"/staff/misuse/{pk}/").content.decode())
    from django.test import Client

    commune = Client()
    commune.force_login(officer_a)
    assert office.post(f"/staff/misuse/{pk}/", {"status": "confirmed", "version": seen}).status_code == 302
    response = commune.post(f"/staff/misuse/{pk}/", {"status": "unfounded", "version": seen})
    assert response.status_code == 409 and "tinh" in response.content.decode()
    assert MisuseReport.objects.get().status == "confirmed"
