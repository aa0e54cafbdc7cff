"""The security matrix (issue 12 §7): every route × method × persona, on a record inside and outside the
personas' scope (and one that does not exist), answers what the rights table says — 404 out of sight, 403 in
sight without the right, allowed otherwise; anonymous visitors are sent to log in (401 on the API). A refused
write changes nothing. Lists, exports and the API's lists show no record the persona may not view, and no page,
file or answer shows a personal field's value (`world.personal`) to a persona without the "personal" right.

The routes and what each asks of the table are in `routes.py`; the world in `world.py`. The counts go to
test-artifacts/security-matrix.txt (`test_zz_summary`, the file's last test).
"""

import time
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from django.utils.translation import gettext_lazy
from routes import CATEGORIES, ROUTES, Entry, Kind, On, Open, can_import_some
from world import PERSONAS, SIDES, World, build

from ocop.core import rights
from ocop.core.models import ChangeLog
from ocop.core.versions import version_of
from ocop.exchange.kinds import KINDS
from ocop.exchange.models import ImportRecord
from ocop.exchange.tests.market_kit import csv_of

pytestmark = pytest.mark.django_db
SUMMARY = Path(__file__).resolve().parents[2] / "test-artifacts" / "security-matrix.txt"
STARTED: list[float] = []  # when the world was built (the matrix's own time, not the suite's)
TALLY: Counter[str] = Counter()  # outcome → cases
ROUTES_TRIED: set[str] = set()
LEAKS: list[str] = []
REFUSED_KIND = gettext_lazy("Your role cannot import this kind of record.")
TEXT_TYPES = ("text/", "application/json", "application/xml", "application/rss", "application/atom")


# ------------------------------------------------------------------------------------------ the routes


def _walk(patterns: list, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route == "admin/":
                yield route, None  # Django's admin: one entry for all of it
                continue
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def _api_methods() -> dict[str, tuple[str, ...]]:
    from ocop.api.urls import api

    schema = api.get_openapi_schema()
    return {
        path.lstrip("/").replace("{", "<").replace("}", ">"): tuple(m.upper() for m in ops)
        for path, ops in schema["paths"].items()
    }


@cache  # read when the file's tests run, not when the suite is collected (the API's schema takes seconds)
def discovered() -> dict[str, tuple[str, ...]]:
    """Every route of the URL conf (and the API's operations, from its OpenAPI document) → its methods."""
    api = _api_methods()
    found: dict[str, tuple[str, ...]] = {}
    for route, callback in _walk(get_resolver().url_patterns):
        view = getattr(callback, "view_class", None)
        if route in api:
            methods = api[route]
        elif view is not None:
            methods = tuple(m.upper() for m in ("get", "post") if hasattr(view, m))
        else:
            methods = ("GET",)
        found[route] = methods
    return found


def test_every_route_has_an_entry() -> None:
    missing = sorted(set(discovered()) - set(ROUTES))
    assert not missing, f"routes without an entry in tests/security/routes.py: {missing}"
    for route, entries in ROUTES.items():
        assert entries, f"{route}: no entry"
        for entry in entries:
            assert not isinstance(entry, Open) or entry.category in CATEGORIES, (route, entry)


def test_no_entry_is_stale() -> None:
    stale = sorted(set(ROUTES) - set(discovered()))
    assert not stale, f"entries in tests/security/routes.py for routes that no longer exist: {stale}"


def test_every_api_operation_has_its_documented_methods_tried() -> None:
    for route, methods in _api_methods().items():
        for entry in ROUTES[route]:
            assert not entry.methods or set(entry.methods) == set(methods), (route, entry.methods, methods)


# ------------------------------------------------------------------------------------------ the world


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Built once for the module, in a transaction rolled back at its end; each test runs in a savepoint."""
    STARTED.append(time.monotonic())
    with django_db_blocker.unblock(), transaction.atomic():
        built = build()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def clients(world: World, django_db_blocker: Any) -> dict[str, Client]:
    found = {}
    with django_db_blocker.unblock():
        for persona, user in world.people.items():
            found[persona] = Client()
            if user is not None:
                found[persona].force_login(user)
        found["api"] = Client()  # no session: the API is called with each persona's bearer token
    return found


# ------------------------------------------------------------------------------------------ the cases


def _outcome(response: Any) -> str:
    status = response.status_code
    if status in (301, 302, 303) and "/login/" in response.get("Location", ""):
        return "login"
    if status >= 500:
        return "500"
    if 300 <= status < 400:
        return "redirect"  # after a save, or back with a message
    if status < 300:
        return "ok"
    if status in (400, 409, 422):
        return "invalid"  # a form error: an empty write refused on its values, nothing saved
    return str(status)


def _is_api(route: str) -> bool:
    return route.startswith("api/")


def _url(route: str, kwargs: dict[str, Any]) -> str:
    path = route
    for name, value in kwargs.items():
        start = path.index("<")
        end = path.index(">", start)
        assert path[start + 1 : end].split(":")[-1] == name, (route, name)
        path = f"{path[:start]}{value}{path[end + 1 :]}"
    assert "<" not in path, (route, kwargs)
    return "/" + path


def _model(label_or_obj: Any) -> Any:
    return apps.get_model(label_or_obj) if isinstance(label_or_obj, str) else type(label_or_obj)


def expected(world: World, persona: str, route: str, entry: Entry, method: str, obj: Any) -> tuple[set[str], bool]:
    """The rights table's answer for one case (`obj`: the route's record, None for a record type), and whether
    it is a refusal (then nothing may change)."""
    user = world.people[persona]
    allowed = {"ok", "redirect"} if method == "GET" else {"ok", "redirect", "invalid"}
    anonymous = {"401"} if _is_api(route) else {"login"}
    if isinstance(entry, Open):
        if entry.category in ("public", "login"):
            return allowed, False
        return (anonymous, True) if user is None else (allowed, False)
    if user is None:
        return anonymous, True
    right = entry.right(method)
    if entry.gate is not None and not entry.gate(user):
        return set(entry.refusal), True
    if isinstance(entry, Kind):
        if entry.listed and method == "GET":
            return allowed, False  # a list of what one may view, maybe empty: the leak check reads it
        return (allowed, False) if rights.may(user, right, _model(entry.model)) else (set(entry.refusal), True)
    seen = entry.seen(obj) if entry.seen else obj
    asked = entry.ask(seen) if entry.ask else seen
    if not rights.may(user, "view", seen):
        # a right the role has on no record of the type is refused before the record is looked up: the same
        # answer for every record, so it says nothing of this one
        return ({"404"} if rights.may(user, right, _model(asked)) else {"404", *entry.refusal}), True
    if not rights.may(user, right, asked):
        return set(entry.refusal), True
    if entry.rule is not None and not entry.rule(user, asked):
        return {"404"}, True  # out of the view's narrower set reads as not there
    return allowed, False


def _fingerprint(obj: Any, model: Any) -> tuple:
    """What a refused write must leave as it was: the change log, the rows of the type, the record's version."""
    return (ChangeLog.objects.count(), model.objects.count(), version_of(obj) if obj is not None else 0)


def _request(world: World, clients: dict, persona: str, route: str, method: str, url: str, data: dict) -> Any:
    if _is_api(route):
        client, headers = clients["api"], {}  # one client (a new one builds the middleware again: slow)
        if world.people[persona] is not None:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens[persona]}"
        return client.generic(method, url, **headers) if method != "POST" else client.post(url, data, **headers)
    client = clients[persona]
    return client.get(url) if method == "GET" else client.post(url, data)


def _leaks(world: World, persona: str, entry: Kind, response: Any) -> list[str]:
    """Markers of records of the listed type the persona may not view, in the page or file they got."""
    if not response.get("Content-Type", "").startswith(TEXT_TYPES) or world.people[persona] is None:
        return []
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    model = _model(entry.model)
    found = []
    for mark, (key, side) in world.markers.items():
        obj = world.objects.get(key, {}).get(side)
        if (
            obj is not None
            and mark in text
            and type(obj) is model
            and not rights.may(world.people[persona], "view", obj)
        ):
            found.append(f"{key}/{side}")
    return found


def _personal_leaks(world: World, persona: str, response: Any) -> list[str]:
    """Values of personal fields in the page, file or answer, of records the persona may not read them on."""
    if not response.get("Content-Type", "").startswith(TEXT_TYPES):
        return []
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    user = world.people[persona]
    return [
        f"{key}/{side} personal ({mark})"
        for mark, (key, side) in world.personal.items()
        if mark.lower() in text.lower() and not rights.sees_personal(user, world.obj(key, side))
    ]


def _ghost(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The same URL for a record that does not exist."""
    return {k: 10**9 if isinstance(v, int) else f"khong-co-{v}" if k == "slug" else v for k, v in kwargs.items()}


def run_case(world: World, clients: dict, persona: str, route: str, entry: Entry, method: str, side: str) -> list[str]:
    """One case, in a savepoint rolled back after it. Returns what went wrong (empty: as the table says)."""
    obj = world.obj(entry.record, side) if isinstance(entry, On) else None
    if isinstance(entry, On):
        kwargs = entry.kwargs(obj)
    else:
        kwargs = {k: v(world) if callable(v) else v for k, v in (entry.kwargs or {}).items()}
    url = _url(route, kwargs)
    want, refused = expected(world, persona, route, entry, method, obj)
    data = getattr(entry, "data", {})
    problems = []
    with transaction.atomic():
        model = _model(obj if obj is not None else entry.model) if not isinstance(entry, Open) else None
        before = _fingerprint(obj, model) if model is not None and method != "GET" else None
        try:
            response = _request(world, clients, persona, route, method, url, data)
            got = _outcome(response)
        except Exception as error:  # a 500: reported with its cause, as the case's failure
            response, got = None, f"500 ({type(error).__name__}: {error})"
        if before is not None and refused and _fingerprint(obj, model) != before:
            problems.append(f"{method} {url} as {persona}: refused ({got}) yet something changed")
        if got not in want:
            problems.append(f"{method} {url} as {persona} ({side}): {got}, the table says {'/'.join(sorted(want))}")
        if response is not None and got == "ok":
            leaked = _personal_leaks(world, persona, response)
            LEAKS.extend(f"{url} as {persona}: {item}" for item in leaked)
            problems.extend(f"{url} as {persona} shows {item}" for item in leaked)
        if isinstance(entry, Kind) and response is not None and got == "ok":
            leaked = _leaks(world, persona, entry, response)
            LEAKS.extend(f"{url} as {persona}: {item}" for item in leaked)
            problems.extend(f"{url} as {persona} shows {item}" for item in leaked)
        if isinstance(entry, On) and side == "out" and "404" in want and world.people[persona] is not None:
            ghost_url = _url(route, _ghost(kwargs))  # out of sight reads as not there at all
            ghost = _outcome(_request(world, clients, persona, route, method, ghost_url, data))
            if ghost != got:
                problems.append(f"{method} {url} as {persona}: {got}, but {ghost} for a record that does not exist")
        transaction.set_rollback(True)
    TALLY[got.split(" ")[0]] += 1
    TALLY["cases"] += 1
    return problems


REQUESTED = [
    (route, index)
    for route, entries in ROUTES.items()
    for index, entry in enumerate(entries)
    if not (isinstance(entry, Open) and entry.kwargs is None)
]


@pytest.mark.parametrize(("route", "index"), REQUESTED, ids=[f"{r or '/'}#{i}" for r, i in REQUESTED])
def test_route(world: World, clients: dict, route: str, index: int) -> None:
    entry = ROUTES[route][index]
    methods = entry.methods or discovered().get(route, ("GET",))
    ROUTES_TRIED.add(route)
    problems = []
    for persona in PERSONAS:
        for method in methods:
            for side in SIDES if isinstance(entry, On) else ("in",):
                problems += run_case(world, clients, persona, route, entry, method, side)
    assert not problems, "\n".join(problems)


KIND_NAMES = sorted(KINDS)


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_import_kind(world: World, clients: dict, kind: str) -> None:
    """Each import kind, uploaded by each persona: the check runs for those the table lets import the kind's
    records; anyone else is refused (the page, or the kind, with the reason) and nothing is written."""
    model = KINDS[kind].model
    refusal = set()
    for language in ("vi", "en"):  # the language switch routes may have left a client in English
        with translation.override(language):
            refusal.add(str(REFUSED_KIND))
    problems = []
    for persona in PERSONAS:
        user = world.people[persona]
        upload = SimpleUploadedFile(f"{kind}.csv", csv_of(kind, []), content_type="text/csv")
        with transaction.atomic():
            before = (ChangeLog.objects.count(), model.objects.count(), ImportRecord.objects.count())
            response = clients[persona].post("/staff/imports/", {"kind": kind, "file": upload})
            got = _outcome(response)
            if user is None or not can_import_some(user):
                want, refused = {"login"} if user is None else {"403"}, True
            else:
                want, refused = {"redirect"}, not rights.may(user, "import", model)
            if got in want and user is not None and can_import_some(user):
                record = ImportRecord.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])
                said = any(p.get("message") in refusal for p in record.problems)
                if said != refused:
                    problems.append(f"{kind} as {persona}: refused {said}, the table says {refused}: {record.problems}")
            after = (ChangeLog.objects.count(), model.objects.count())
            if after != before[:2]:
                problems.append(f"{kind} as {persona}: the check changed something")
            if got not in want:
                problems.append(f"{kind} as {persona}: {got}, the table says {'/'.join(sorted(want))}")
            transaction.set_rollback(True)
        TALLY[got] += 1
        TALLY["cases"] += 1
    ROUTES_TRIED.add("staff/imports/")
    assert not problems, "\n".join(problems)


def test_zz_summary() -> None:
    """The counts for the closing note, written to test-artifacts/security-matrix.txt (runs last in the file)."""
    seconds = time.monotonic() - STARTED[0] if STARTED else 0.0
    complete = {route for route, _index in REQUESTED} == ROUTES_TRIED
    categories = Counter(entry.category for entries in ROUTES.values() for entry in entries if isinstance(entry, Open))
    lines = [
        "Security matrix (tests/security/test_matrix.py)",
        f"routes in the URL conf and the API: {len(discovered())}; with an entry: {len(ROUTES)}",
        f"routes requested: {len(ROUTES_TRIED)}; personas: {len(PERSONAS)}",
        "open routes by category: " + ", ".join(f"{k} {v}" for k, v in sorted(categories.items())),
        f"route × method × persona × record cases: {TALLY['cases']}",
        "by outcome: " + ", ".join(f"{k} {v}" for k, v in sorted(TALLY.items()) if k != "cases"),
        f"500s: {TALLY['500']}; leaks: {len(LEAKS)}",
        f"time: {seconds:.1f} s" + ("" if complete else " (a selection of the file, not all of it)"),
    ]
    SUMMARY.parent.mkdir(exist_ok=True)
    SUMMARY.write_text("\n".join(lines) + "\n")
    assert TALLY["500"] == 0 and not LEAKS, LEAKS
