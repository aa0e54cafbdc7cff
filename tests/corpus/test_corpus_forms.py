"""The bad-input corpus on every form: each page of the URL conf that accepts POST is opened as the persona who may
use it (on the demo's records), its forms are read as a browser reads them, and every field is posted with hostile
values (tests/corpus/values.py), the other fields as the page filled them. Never a 500; a refused post (an error
status, or the form shown again with errors) leaves the row count of every table as it was.

Each post runs in a savepoint rolled back after it, so a post that succeeds (an edit saved, a record deleted)
does not change what the next one finds. Public forms (log-in, misuse report, language) and the GET forms of
public pages (search, verification) are attacked the same way."""

import io
import os
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import resolve

from corpus import tally
from corpus.pages import Field, Form, post_forms
from corpus.routes import PUBLIC_PAGES, SKIPPED, crawl_pages, post_routes
from corpus.values import LISTS, SCALARS
from ocop.core.management.commands.rowcounts import row_counts

pytestmark = pytest.mark.django_db

VALUES: list[tuple[str, str | list[str]]] = [*SCALARS.items(), *LISTS.items()]
# The suite's run is a sample within its time budget (a refused post renders its page again, ~50 ms; there are ~120
# forms): on at most two forms of each route, the values that broke pages before in every field at once, one more
# in turn, and a few fields on their own with a value each; the turns rotate over routes, so the run as a whole
# tries every value. OCOP_CORPUS=full tries every form, every value in every field at once and four values in each
# field on its own (several minutes).
FULL = os.environ.get("OCOP_CORPUS") == "full"
ALWAYS = [(n, SCALARS[n]) for n in ("nul", "200k", "int-2**63")] + [("list-mixed", LISTS["list-mixed"])]
ROTATING, FIELDS_ALONE, FORMS_PER_ROUTE = 1, 4, 2
JUNK_FIELD = "corpus"  # posted to forms with nothing to fill in
# Tables a refused request writes to by design, per route: a failed log-in is counted (django-axes).
# A dossier's step refused to someone on its route is kept on the route (views_dossiers.DossierAct).
WRITES_WHEN_REFUSED = {
    "login/": ("axes_accessattempt", "axes_accessfailurelog", "axes_accesslog"),
    "staff/dossiers/<int:pk>/act/<slug:action>/": ("evaluation_dossierevent",),
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[dict[tuple[str, str], list[Form]]]:
    """The demo, loaded once for the module in a transaction rolled back at its end; and every POST form its
    pages show, by (route, persona). Files (a product photo) go to a folder of the module's own."""
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    with media, django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO())
        yield crawl_pages(Client())
        transaction.set_rollback(True)


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    tally.write({"forms-post", "forms-get", "forms-post-fields", "forms-get-fields", "500s", "partial-writes"})


ROUTES = sorted(pattern for pattern, _view in post_routes() if pattern not in SKIPPED)


def test_every_post_route_is_covered(world):
    """A POST route that no crawled page shows a form for is neither attacked nor skipped with a reason."""
    reached = {route for route, _persona in world}
    missing = sorted(set(ROUTES) - reached)
    assert not missing, f"add the page showing the form to corpus/routes.py PAGES, or to SKIPPED: {missing}"


def refused(response: object) -> bool:
    """An error status, or a page shown again with a form's errors (what a refused post answers)."""
    if response.status_code >= 400:
        return True
    if response.status_code != 200 or not response.context:
        return False
    forms = [
        v for c in response.context for v in c.flatten().values() if hasattr(v, "errors") and hasattr(v, "is_bound")
    ]
    return any(f.is_bound and f.errors for f in forms)


def as_list(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else [value]


def attempts(form: Form, turn: int) -> Iterator[tuple[str, dict[str, list[str]]]]:
    """(what is tried, the data posted): every field at once with each value of the form's share of the corpus,
    then fields on their own with a value each, the others as the page filled them. `turn` (the form's place in
    the run) rotates the shares."""
    fields = form.editable or [Field(JUNK_FIELD, "text")]
    share = VALUES if FULL else [*ALWAYS, *(VALUES[(turn * ROTATING + i) % len(VALUES)] for i in range(ROTATING))]
    for name, value in dict(share).items():
        yield f"*={name}", {**form.data, **{f.name: as_list(value) for f in fields}}
    if not form.editable:
        return  # nothing to fill in: the junk field took the share
    alone = fields if FULL else [fields[(turn + i) % len(fields)] for i in range(min(FIELDS_ALONE, len(fields)))]
    for index, field in enumerate(alone):
        for step in range(4 if FULL else 1):
            name, value = VALUES[(turn + index * 4 + step) % len(VALUES)]
            yield f"{field.name}={name}", {**form.data, field.name: as_list(value)}


def attack(client: Client, route: str, form: Form, turn: int, method: str = "post") -> list[str]:
    """Every attempt on one form; the failures, described."""
    failures = []
    exempt = WRITES_WHEN_REFUSED.get(route, ())
    before = {t: n for t, n in row_counts().items() if t not in exempt}
    tally.add(f"forms-{method}-fields", route, len(form.editable))
    for what, data in attempts(form, turn):
        cache.clear()  # throttles (misuse reports) count in the cache: each attempt starts afresh
        with transaction.atomic():
            send = client.post if method == "post" else client.get
            response = send(form.action, data)
            tally.add(f"forms-{method}", route, 1)
            if response.status_code >= 500:
                tally.add("500s", route, 1)
                failures.append(f"{form.action} {what}: {response.status_code}")
            elif method == "get" or refused(response):
                after = {t: n for t, n in row_counts().items() if t not in exempt}
                if after != before:
                    changed = {t: (before.get(t), n) for t, n in after.items() if before.get(t) != n}
                    tally.add("partial-writes", route, 1)
                    failures.append(f"{form.action} {what}: refused ({response.status_code}) but wrote {changed}")
            transaction.set_rollback(True)
    return failures


@pytest.mark.parametrize("route", ROUTES)
def test_no_form_field_gives_a_500_or_a_partial_write(world, route):
    forms = [(persona, forms) for (r, persona), forms in world.items() if r == route]
    if not forms:
        pytest.fail(f"no page shows a form for {route}: see test_every_post_route_is_covered")
    failures = []
    for persona, found in forms:
        client = Client(raise_request_exception=False)
        if persona:
            client.force_login(User.objects.get(username=persona))
        for number, form in enumerate(found if FULL else found[:FORMS_PER_ROUTE]):
            failures += attack(client, route, form, ROUTES.index(route) + number)
    assert not failures, "\n".join(failures[:20])


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_no_public_search_field_gives_a_500_or_a_write(world, page):
    """The GET forms of public pages (catalogue search, certificate verification) take the corpus too."""
    client = Client(raise_request_exception=False)
    response = client.get(page)
    forms = get_forms(page, response.content.decode())
    assert forms, f"{page} shows no search form"
    failures = []
    for form in forms:
        failures += attack(client, resolve(form.action).route, form, PUBLIC_PAGES.index(page), method="get")
    assert not failures, "\n".join(failures[:20])


def get_forms(page: str, html: str) -> list[Form]:
    return [f for f in post_forms(page, html, method="get") if f.editable]
