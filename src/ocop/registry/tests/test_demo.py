"""The Bình Phước demo is deterministic and shaped like the province's registry and certificates."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import Count, Min

from ocop.certificates.models import Certificate
from ocop.core.models import ChangeLog, Role
from ocop.registry.models import Producer, Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("demo")


def test_the_demo_covers_every_district_and_a_mix_of_people_and_products(demo):
    producers = Producer.objects.filter(is_demo=True).select_related("commune__parent")
    assert {p.commune.map for p in producers} == {"legacy"}
    assert len({p.commune.parent.code for p in producers}) == 11
    assert {p.commune.parent.parent.code for p in producers} == {"70"}
    assert {p.representative_gender for p in producers} == {"female", "male"}
    assert len({p.representative_ethnicity for p in producers}) >= 3
    assert len({p.legal_form for p in producers}) >= 5
    assert not Producer.objects.annotate(n=Count("workforce")).exclude(n=5).exists()
    names = " ".join(Product.objects.filter(is_demo=True).values_list("search_text", flat=True))
    for family in ("dieu", "tieu", "ca phe", "mat ong", "yen", "say", "sau rieng", "buoi"):
        assert family in names, family
    assert Role.objects.count() == 4
    assert len(set(ChangeLog.objects.values_list("group_id", flat=True))) == 1


def test_the_demo_certificates_tell_the_provinces_story(demo):
    first = Certificate.objects.values("product").annotate(first=Min("issued_on"))
    before_2022 = sum(1 for row in first if row["first"] < dt.date(2022, 1, 1))
    by_2025 = sum(1 for row in first if dt.date(2022, 1, 1) <= row["first"] <= dt.date(2025, 12, 31))
    assert 90 <= before_2022 <= 110 and 140 <= by_2025 <= 170
    today = dt.date(2026, 11, 30)
    valid = Certificate.objects.valid_on(today)
    assert valid.filter(stars=5).count() == 3
    assert valid.filter(stars=3).count() > valid.filter(stars=4).count() > 0
    assert Certificate.objects.filter(revoked_on__isnull=False).count() == 1
    renewed = first.filter(first__lt=dt.date(2022, 1, 1)).annotate(n=Count("id")).filter(n__gt=1).count()
    lapsed = sum(1 for c in Certificate.objects.filter(valid_until__lt=today) if c.status_on(today) == "expired")
    assert renewed > 20 and lapsed > 20


def test_the_demo_is_the_same_every_time(demo):
    first = list(Producer.objects.order_by("name").values_list("name", "tax_code", "commune__code"))
    stars = list(Certificate.objects.order_by("number").values_list("number", "product__name", "stars", "issued_on"))
    from ocop.evaluation.models import CouncilSession, Dossier, Round
    from ocop.market.models import Activity, CommuneStatus, CraftVillage, Event, SalesPoint
    from ocop.programme.models import Plan

    market = [m.objects.count() for m in (Event, SalesPoint, Activity, CommuneStatus, CraftVillage)]
    for model in (Plan, Activity, CommuneStatus, CraftVillage, Event, SalesPoint):
        model.objects.all().delete()
    Dossier.objects.all().delete()
    CouncilSession.objects.all().delete()
    Round.objects.all().delete()
    Certificate.objects.all().delete()
    Product.objects.all().delete()
    Producer.objects.all().delete()
    call_command("demo")
    assert list(Producer.objects.order_by("name").values_list("name", "tax_code", "commune__code")) == first
    assert (
        list(Certificate.objects.order_by("number").values_list("number", "product__name", "stars", "issued_on"))
        == stars
    )
    assert [m.objects.count() for m in (Event, SalesPoint, Activity, CommuneStatus, CraftVillage)] == market


def test_the_demo_2026_round_has_dossiers_in_every_state(demo):
    from ocop.evaluation.choices import DossierState
    from ocop.evaluation.models import CouncilSession, Dossier

    assert set(Dossier.objects.values_list("state", flat=True)) == set(DossierState.values)
    assert list(CouncilSession.objects.order_by("held_on").values_list("state", flat=True)) == ["closed", "open"]
    recognised = Dossier.objects.get(state="recognised")
    assert recognised.certificate.status_on(dt.date(2026, 11, 30)) == "valid"
