"""`Period` (core/periods.py): the models with a first and a last day share one ordering constraint, one
"covers day D" and one overlap rule, under their own field names."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ocop.certificates.models import Certificate
from ocop.core.periods import Period
from ocop.market.models import Event, SalesPoint
from ocop.places.models import Unit
from ocop.registry.models import ProducerAddress

D = dt.date


def test_each_model_names_its_own_pair_of_fields():
    pairs = {m: (m.period_start, m.period_end) for m in (Unit, ProducerAddress, Event, Certificate, SalesPoint)}
    assert pairs == {
        Unit: ("valid_from", "valid_to"),
        ProducerAddress: ("valid_from", "valid_to"),
        Event: ("starts_on", "ends_on"),
        Certificate: ("issued_on", "valid_until"),
        SalesPoint: ("opened_on", "closed_on"),
    }
    for model in pairs:
        assert issubclass(model, Period)
        for name in pairs[model]:
            assert model._meta.get_field(name).get_internal_type() == "DateField"


@pytest.mark.django_db
def test_the_query_and_the_record_agree_on_which_units_a_day_covers():
    for day in (D(2025, 6, 30), D(2025, 7, 1), D(2026, 1, 1)):
        by_query = set(Unit.objects.valid_at(day).filter(code__startswith="7").values_list("pk", flat=True))
        by_record = {u.pk for u in Unit.objects.filter(code__startswith="7") if u.covers(day)}
        assert by_query == by_record and by_query, day


def test_a_producers_addresses_may_not_overlap(producer_a):
    current = producer_a.addresses.get()  # the open entry since registration
    start = current.valid_from

    def address(valid_from, valid_to=None):
        return ProducerAddress(producer=producer_a, commune=current.commune, valid_from=valid_from, valid_to=valid_to)

    with pytest.raises(ValidationError) as raised:
        address(start + dt.timedelta(days=10)).full_clean()
    assert list(raised.value.message_dict) == ["valid_from"]
    address(start - dt.timedelta(days=30), start - dt.timedelta(days=1)).full_clean()  # ends the day before
    with pytest.raises(ValidationError):
        address(start - dt.timedelta(days=30), start).full_clean()  # shares one day
    current.full_clean()  # a record does not overlap itself


def test_the_ordering_constraint_holds_in_the_database(producer_a):
    current = producer_a.addresses.get()
    current.valid_to = current.valid_from - dt.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        current.save()
