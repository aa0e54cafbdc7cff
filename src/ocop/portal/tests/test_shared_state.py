"""Several processes (gunicorn workers, nodes) answer the public pages: none may keep showing what another one
changed. Each "process" here is what one holds of its own — a CatalogueState and a cache connection — beside the
database and the cache they all share (Redis when REDIS_URL is set, as CI's PostgreSQL pass runs; local memory
otherwise, where every check still holds for the one process)."""

import pytest
from django.conf import settings
from django.core.cache import caches

from ocop.market.models import SalesPoint
from ocop.portal import state as state_module
from ocop.portal.state import CatalogueState, state
from ocop.portal.tests.kit import certified

pytestmark = pytest.mark.django_db


@pytest.fixture
def dieu(producer_a):
    return certified(producer_a, "Hạt điều rang muối Tân Lập", stars=4)


@pytest.fixture
def no_grace(monkeypatch):
    """The documented window (a process reads the catalogue's stamp at most once a second) taken to zero, so
    that "the next request" needs no waiting in a test."""
    monkeypatch.setattr(state_module, "CHECK_EVERY_SECONDS", 0.0)


def another_process() -> None:
    """Drop everything this process holds of its own: what it knows next comes from the database and the
    shared cache only, as for a process that did not make the change."""
    state.forget()
    caches["default"].close()
    del caches["default"]  # the next use opens a new connection (a new Redis connection pool)


def test_a_product_edited_on_one_process_shows_on_the_others_next_request(client, dieu, no_grace) -> None:
    page = f"/san-pham/{dieu.pk}/"
    assert "Hạt điều rang muối Tân Lập" in client.get(page).text  # rendered and kept in the shared cache

    another_process()
    kept = client.get(page).text
    assert "Hạt điều rang muối Tân Lập" in kept

    dieu.name = "Hạt điều rang củi Tân Lập"
    dieu.save()  # on process A; the catalogue's entry is refreshed in the database

    another_process()  # process B's next request
    assert "Hạt điều rang củi Tân Lập" in client.get(page).text


def test_a_process_that_did_not_make_the_change_sees_it_within_its_check(dieu, producer_a, no_grace) -> None:
    node_b = CatalogueState()  # another process's memory
    before = node_b.version()
    assert before == state.version()  # the same key for the same page: a page one process kept serves all

    dieu.name = "Điều rang muối"
    dieu.save()
    assert node_b.version() != before
    assert node_b.version() == state.version()


def test_market_records_beside_the_catalogue_are_seen_by_every_process(dieu, commune_a, no_grace) -> None:
    node_b = CatalogueState()
    before = node_b.version()
    SalesPoint.objects.create(name="Chợ Tân Lập", kind="market", unit=commune_a, opened_on="2020-01-01")
    assert state.version() != before  # the process that changed it: at once
    assert node_b.version() == state.version()  # another one: at its next check, through the shared cache


def test_the_vocabulary_is_built_once_for_every_process_with_redis(dieu, no_grace) -> None:
    built: list[str] = []

    def build() -> set[str]:
        built.append("built")
        return {"dieu"}

    assert state.derived("test-words", build) == {"dieu"}
    node_b = CatalogueState()
    assert node_b.derived("test-words", build) == {"dieu"}
    assert len(built) == (1 if settings.SHARED_CACHE else 2)

    dieu.name = "Tiêu đen"
    dieu.save()
    node_b.derived("test-words", build)
    assert len(built) == (2 if settings.SHARED_CACHE else 3)  # a new catalogue: built again, once
