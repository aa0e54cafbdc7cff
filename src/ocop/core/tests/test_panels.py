"""Panels and query hooks (core/panels.py): a lower app's page shows what the apps above register, in order,
and leaves out a panel whose context says None; lists get the columns the apps above annotate."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from ocop.core import panels


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(panels, "PANELS", [])
    monkeypatch.setattr(panels, "ANNOTATIONS", {})


def render(source: str, **context) -> str:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return Template("{% load panels %}" + source).render(Context({"request": request, **context}))


STARS, LINK = "certificates/panels/product_stars.html", "portal/panels/product_link.html"


def test_a_page_renders_its_slot_in_order_and_leaves_out_a_panel_that_says_none(fresh, product_a):
    market = "market/includes/product_market.html"
    panels.register_panel("test.page", STARS, lambda request, obj: {"certificate": None}, order=20)
    panels.register_panel("test.page", market, lambda request, obj: {"listings": [], "events": []}, order=10)
    panels.register_panel("test.page", LINK, lambda request, obj: None, order=5)  # nothing to show
    panels.register_panel("test.page", STARS, lambda request, obj: {"certificate": None}, slot="facts")
    page = render('{% panels "test.page" %}', object=product_a)
    assert page.count("<dt>") == 1  # the "facts" slot is not the page's
    assert page.index('id="where-sold"') < page.index("<dt>")  # order 10 before order 20
    assert "<p><a" not in page  # the public link's panel said None


def test_registering_a_panel_again_replaces_it(fresh):
    panels.register_panel("test.page", STARS, lambda request, obj: {"certificate": None})
    panels.register_panel("test.page", STARS, lambda request, obj: {"certificate": None})
    assert render('{% panels "test.page" %}').count("<dt>") == 1


def test_registry_pages_get_the_panels_of_the_apps_above(as_user, province_officer, product_a):
    from conftest import make_certificate

    make_certificate(product_a, "GCN/1", "2025-01-10", stars=4)
    page = as_user(province_officer).get(f"/staff/products/{product_a.pk}/").content.decode()
    facts = page[page.index('<dl class="facts">') : page.index("</dl>")]
    assert "4★" in facts  # the certificates app's panel, among the product's facts
    assert 'id="where-sold"' in page  # the market's panel


def test_the_stars_column_comes_from_the_annotation_the_certificates_app_registers(db, product_a):
    from conftest import make_certificate
    from ocop.registry.models import Product

    make_certificate(product_a, "GCN/1", "2025-01-10", stars=5)
    assert panels.annotate(Product.objects.filter(pk=product_a.pk)).get().current_stars == 5


def test_without_a_registered_hook_a_list_has_no_stars_column(fresh, db, product_a):
    from ocop.registry.models import Product

    assert not hasattr(panels.annotate(Product.objects.filter(pk=product_a.pk)).get(), "current_stars")
