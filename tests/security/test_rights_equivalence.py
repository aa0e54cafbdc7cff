"""The rights table is read two ways — as a query (`Model.objects.for_user(user, action)`) and as a test of one
record in memory (`rights.may(user, action, obj)`) — and the two must agree: for every record type of the table,
every action and every persona, over the matrix's world (records inside and outside the personas' scope)."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from world import PERSONAS, World, build

from ocop.core import rights

pytestmark = pytest.mark.django_db
MODELS = rights.models_in_table()


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        built = build()
        yield built
        transaction.set_rollback(True)


def test_the_world_has_records_of_most_types(world: World) -> None:
    """A type without records would make its comparison empty: most types must have some on both sides."""
    empty = [model._meta.label_lower for model in MODELS if not model.objects.exists()]
    assert len(empty) <= len(MODELS) // 4, empty


@pytest.mark.parametrize("model", MODELS, ids=[m._meta.label_lower for m in MODELS])
def test_the_query_and_the_record_test_agree(world: World, model: Any) -> None:
    records = list(model.objects.all())
    disagreements = []
    for persona in PERSONAS:
        user = world.people[persona]
        for action in rights.actions_of(model):
            queried = set(model.objects.for_user(user, action).values_list("pk", flat=True))
            tested = {obj.pk for obj in records if rights.may(user, action, obj)}
            if queried != tested:
                disagreements.append(f"{persona} {action}: query {sorted(queried)} but may() {sorted(tested)}")
    assert not disagreements, "\n".join(disagreements)


def test_anonymous_visitors_get_nothing(world: World) -> None:
    for model in MODELS:
        for action in rights.actions_of(model):
            assert not model.objects.for_user(None, action).exists(), (model, action)
