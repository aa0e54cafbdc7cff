""" "Valid on date D" has one home (certificates/lifecycle.py): the certificates' queryset, the public catalogue
and the indicators' in-memory check all answer as `lifecycle.is_valid_on` does, day by day."""

import datetime as dt

from conftest import make_certificate, make_product
from ocop.certificates import lifecycle
from ocop.certificates.models import Certificate
from ocop.portal import catalogue
from ocop.portal.models import CatalogueEntry
from ocop.programme.indicators.compute import valid_certificate
from ocop.programme.indicators.dataset import Cert

D = dt.date


def lives(product_a):
    """A product renewed (the older certificate superseded), one revoked, one kept valid by the transition
    rule after its expiry, and one plainly expiring."""
    producer = product_a.producer
    renewed, revoked = product_a, make_product(producer, "Trà xanh")
    extended, lapsing = make_product(producer, "Mật ong"), make_product(producer, "Nước mắm")
    make_certificate(renewed, "R/1", "2022-03-15")
    make_certificate(renewed, "R/2", "2025-01-10", stars=3)
    make_certificate(revoked, "V/1", "2023-06-01", revoked_on=D(2024, 9, 1), revocation_ground="a")
    late = make_certificate(extended, "E/1", "2023-01-05")
    Certificate.objects.filter(pk=late.pk).update(extended_until=late.valid_until + dt.timedelta(days=90))
    make_certificate(lapsing, "L/1", "2023-08-20", stars=5)
    return [renewed, revoked, extended, lapsing]


def days_around(certificates):
    """Every edge of every certificate, with the days either side."""
    edges = set()
    for c in certificates:
        for day in (c.issued_on, c.valid_until, c.extended_until, c.revoked_on):
            if day is not None:
                edges |= {day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)}
    return sorted(edges)


def test_the_queryset_answers_as_the_rule_on_every_edge(product_a):
    lives(product_a)
    certificates = list(Certificate.objects.all())
    for day in days_around(certificates):
        by_query = set(Certificate.objects.valid_on(day).values_list("number", flat=True))
        by_rule = {c.number for c in certificates if lifecycle.is_valid_on(c.facts(), day)}
        assert by_query == by_rule, day


def test_the_catalogue_and_the_indicators_answer_as_the_certificates_on_every_edge(product_a):
    products = lives(product_a)
    certificates = list(Certificate.objects.order_by("issued_on", "id"))
    for day in days_around(certificates):
        valid_products = set(Certificate.objects.valid_on(day).values_list("product_id", flat=True))
        catalogue.rebuild(day)
        assert set(CatalogueEntry.objects.valid_on(day).values_list("product_id", flat=True)) == valid_products, day
        assert {e.product_id for e in CatalogueEntry.objects.all() if e.is_valid_on(day)} == valid_products, day
        in_memory = {p.pk for p in products if valid_certificate(as_dataset(certificates, p.pk), day)}
        assert in_memory == valid_products, day


def as_dataset(certificates, product_id):
    """The product's certificates as the indicators' dataset reads them, oldest issue first."""
    return [
        Cert(c.product_id, c.stars, c.decision_date, c.issued_on, c.valid_until, c.extended_until, c.revoked_on, False)
        for c in certificates
        if c.product_id == product_id
    ]


def test_the_rule_in_python():
    facts = lifecycle.Facts(D(2023, 1, 5), D(2026, 1, 4), extended_until=D(2026, 4, 4))
    assert not lifecycle.is_valid_on(facts, D(2023, 1, 4))
    assert lifecycle.is_valid_on(facts, D(2026, 4, 4))  # kept valid by the transition rule
    assert not lifecycle.is_valid_on(facts, D(2026, 4, 5))
    assert lifecycle.last_valid_day(facts.valid_until, facts.extended_until) == D(2026, 4, 4)
    superseded = lifecycle.Facts(D(2023, 1, 5), D(2026, 1, 4), superseded_on=D(2025, 6, 1))
    assert lifecycle.is_valid_on(superseded, D(2025, 5, 31)) and not lifecycle.is_valid_on(superseded, D(2025, 6, 1))


def test_valid_means_one_of_the_valid_statuses_on_every_day():
    """`is_valid_on` (the dates' predicate) and `status_on` (the statuses) are one rule, day by day."""
    shapes = [
        lifecycle.Facts(D(2023, 1, 5), D(2026, 1, 4)),
        lifecycle.Facts(D(2023, 1, 5), D(2026, 1, 4), extended_until=D(2026, 4, 4)),
        lifecycle.Facts(D(2023, 1, 5), D(2026, 1, 4), revoked_on=D(2024, 2, 1), extended_until=D(2026, 4, 4)),
        lifecycle.Facts(D(2023, 1, 5), D(2026, 1, 4), superseded_on=D(2025, 12, 1)),
        lifecycle.Facts(D(2023, 1, 5), D(2026, 1, 4), revoked_on=D(2023, 1, 5)),
    ]
    for facts in shapes:
        day = D(2023, 1, 1)
        while day < D(2026, 5, 1):
            assert lifecycle.is_valid_on(facts, day) == (
                lifecycle.status_on(facts, day) in lifecycle.Status.VALID_STATES
            )
            day += dt.timedelta(days=1)
