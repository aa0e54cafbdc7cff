"""The Bình Phước demo is deterministic and shaped like the province's registry."""

import pytest
from django.core.management import call_command

from ocop.core.models import Role
from ocop.registry.models import Producer, Product

pytestmark = pytest.mark.django_db


def test_the_demo_covers_every_district_and_a_mix_of_people_and_products():
    call_command("demo")
    producers = Producer.objects.filter(is_demo=True).select_related("commune__parent")
    assert {p.commune.map for p in producers} == {"legacy"}
    assert len({p.commune.parent.code for p in producers}) == 11
    assert {p.commune.parent.parent.code for p in producers} == {"70"}
    assert {p.representative_gender for p in producers} == {"female", "male"}
    assert len({p.representative_ethnicity for p in producers}) >= 3
    assert len({p.legal_form for p in producers}) >= 5
    assert all(p.workforce.count() == 5 for p in producers)
    names = " ".join(Product.objects.filter(is_demo=True).values_list("search_text", flat=True))
    for family in ("dieu", "tieu", "ca phe", "mat ong", "yen", "say", "sau rieng", "buoi"):
        assert family in names, family
    assert Role.objects.count() == 4


def test_the_demo_is_the_same_every_time():
    call_command("demo")
    first = list(Producer.objects.order_by("name").values_list("name", "tax_code", "commune__code"))
    Product.objects.all().delete()
    Producer.objects.all().delete()
    call_command("demo")
    assert list(Producer.objects.order_by("name").values_list("name", "tax_code", "commune__code")) == first
