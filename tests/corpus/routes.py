"""Every page of the URL conf that accepts POST, with the persona who may use it and a record to use it on, taken
from the demo (`ocop demo`): the forms corpus GETs the pages below, finds their POST forms, and attacks each field.

To add a surface: a new create/update/delete view of a model needs nothing (its record is found by its model); a
view acting on something else needs a line in PARAMS (how to fill its address) and, when its form shows on
another page, that page in PAGES. A POST route reached by no form fails `test_every_post_route_is_covered`.
"""

import io
import re
from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

ADMIN_PREFIX = "admin/"  # Django's admin: its own forms, not the platform's (ModelAdmin validates them)

# Routes with POST that no corpus form reaches, and why.
SKIPPED = {
    "logout/": "no fields: logs the visitor out",
    "staff/imports/<int:pk>/again/": "no fields, shown for a stopped job only (exchange/tests/test_worker_dies.py)",
    "staff/exports/<int:pk>/again/": "no fields, shown for a stopped job only (exchange/tests/test_worker_dies.py)",
    "staff/webhooks/deliveries/<int:pk>/replay/": "no fields: sends a delivery again (api/tests/test_webhooks.py)",
}


# Function views that take POST (a class view says so by its `post` method; these cannot be told apart).
FUNCTION_POSTS = ("bao-cao-vi-pham/", "i18n/setlang/")


def post_routes() -> Iterator[tuple[str, Any]]:
    """(pattern, view) of every route whose view answers POST, the admin's excepted."""

    def walk(patterns: list, prefix: str) -> Iterator[tuple[str, Any]]:
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern), p.callback

    for pattern, callback in walk(get_resolver().url_patterns, ""):
        view = getattr(callback, "view_class", None)
        if view is not None and hasattr(view, "post") and not pattern.startswith(ADMIN_PREFIX):
            yield pattern, view
        elif pattern in FUNCTION_POSTS:
            yield pattern, callback


# Pages whose GET shows POST forms, as (persona, address). The persona is a demo account ("" for a visitor); the
# address is filled from the demo's records by `fill`. Create/update/delete pages of a model are added by
# `crawl_pages` from the URL conf itself.
PAGES: list[tuple[str, str]] = [
    ("", "/login/"),
    ("", "/bao-cao-vi-pham/"),
    ("tinh", "/staff/account/"),
    ("tinh", "/staff/notifications/"),
    ("tinh", "/staff/dossiers/new/"),
    ("tinh", "/staff/dossiers/{dossier}/"),
    ("xa", "/staff/dossiers/{dossier}/"),
    ("coso", "/staff/dossiers/new/"),
    ("coso", "/staff/dossiers/{own_dossier}/"),
    ("corpus_coso", "/staff/dossiers/{draft_dossier}/"),
    ("corpus_coso", "/staff/dossiers/{draft_dossier}/self-assessment/"),
    ("tinh", "/staff/sessions/new/"),
    ("tinh", "/staff/sessions/rounds/new/"),
    ("admin", "/staff/sessions/rounds/central/new/"),
    ("admin", "/staff/sessions/central/new/"),
    ("tinh", "/staff/sessions/{session}/"),
    ("admin", "/staff/sessions/{central_session}/"),
    ("hd_chutich", "/staff/sessions/{open_session}/dossiers/{session_dossier}/score/"),
    ("tinh", "/staff/imports/"),
    ("tinh", "/staff/imports/{import_record}/"),
    ("tinh", "/staff/plans/add/"),
    ("tinh", "/staff/plans/{plan}/"),
    ("tinh", "/staff/plans/{plan}/tasks/"),
    ("tinh", "/staff/plans/{plan}/targets/add/"),
    ("tinh", "/staff/plans/{plan}/tasks/add/"),
    ("tinh", "/staff/plans/{plan}/tasks/{task}/report/"),
    ("tinh", "/staff/certificates/{certificate}/"),
    ("tinh", "/staff/certificates/{certificate}/revoke/"),
    ("tinh", "/staff/misuse/{misuse}/"),
    ("tinh", "/staff/market/activities/{activity}/"),
    ("tinh", "/staff/monitoring/inspections/{inspection}/"),
    ("admin", "/staff/accounts/locked/"),
]
# Public pages whose GET forms (search, verification) take the corpus as query parameters.
PUBLIC_PAGES = ["/", "/san-pham/", "/verify/"]


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "orange").save(out, "PNG")
    return out.getvalue()


def records() -> dict[str, list[object]]:
    """The demo's records that fill PAGES' addresses (several where each shows other forms: a dossier's actions
    depend on its state), and the few the demo lacks (a misuse report, an API token, a photo, a lockout, a checked
    import), made here."""
    from axes.models import AccessAttempt
    from django.contrib.auth.models import User
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from ocop.certificates.models import Certificate
    from ocop.core.choices import RoleKind
    from ocop.core.models import ApiToken, Role
    from ocop.evaluation.models import CouncilSession, Dossier
    from ocop.exchange.engine import run_import
    from ocop.exchange.tests.test_import import csv_bytes, producer_row
    from ocop.market.models import Activity
    from ocop.monitoring.models import Inspection
    from ocop.portal import misuse
    from ocop.programme.models import Plan, Task
    from ocop.registry.models import Product, ProductPhoto

    tinh, coso = User.objects.get(username="tinh"), User.objects.get(username="coso")
    ApiToken.issue(tinh, "corpus")
    name = default_storage.save("products/corpus.png", ContentFile(png()))
    photo = ProductPhoto.objects.create(product=Product.objects.first(), image=name, width=8, height=8)
    AccessAttempt.objects.create(username="xem", ip_address="192.0.2.1", user_agent="corpus", failures_since_start=9)
    report = misuse.receive({"seen_at": "Chợ Đồng Xoài", "description": "Tem giả", "code": "X"}, "corpus")
    record = run_import("producers", "chu-the.csv", csv_bytes([producer_row()]), tinh, dry_run=True).record_id
    draft = Dossier.objects.filter(state="draft").first()
    owner = User.objects.create_user("corpus_coso")  # the draft dossier's producer: fills its self-assessment
    Role.objects.create(user=owner, kind=RoleKind.PRODUCER, producer=draft.product.producer)
    provincial = CouncilSession.objects.filter(round__level="province")  # the central ones: the national office's
    open_session = provincial.filter(state="open").first()
    # the demo's inspections: one awaiting its outcome, one awaiting a remedy; and one proposing a revocation
    inspections = [Inspection.objects.filter(outcome=o).order_by("pk").first() for o in ("", "remedy")]
    proposal = Inspection.objects.filter(outcome="remedy").order_by("-pk").first()
    Inspection.objects.filter(pk=proposal.pk).update(outcome="revoke", revocation_ground="b")
    return {
        "dossier": list(Dossier.objects.values_list("pk", flat=True)),
        "draft_dossier": [draft.pk],
        "own_dossier": list(Dossier.objects.for_user(coso, "view").values_list("pk", flat=True)),
        "session": list(provincial.values_list("pk", flat=True)),
        "central_session": list(CouncilSession.objects.filter(round__level="central").values_list("pk", flat=True)),
        "open_session": [open_session.pk],
        "session_dossier": [Dossier.objects.filter(session=open_session).first().pk],
        "import_record": [record],
        "plan": [Plan.objects.first().slug],
        "task": [Task.objects.filter(solution__plan=Plan.objects.first()).first().pk],
        "certificate": [Certificate.objects.filter(revoked_on__isnull=True).first().pk],
        "misuse": [report.pk],
        "activity": [Activity.objects.first().pk],
        "photo": [photo.pk],
        "inspection": [i.pk for i in [*inspections, proposal]],
    }


def fill(address: str, found: dict[str, list[object]]) -> list[str]:
    """Every address `address` names (one per record of its placeholders, taken together)."""
    names = re.findall(r"{(\w+)}", address)
    if not names:
        return [address]
    count = min(len(found[n]) for n in names)
    return [address.format(**{n: found[n][i] for n in names}) for i in range(count)]


def model_pages() -> list[tuple[str, str]]:
    """The create/update/delete pages of every model view, as the province office, on a record of the model."""
    pages = []
    for pattern, view in post_routes():
        model = getattr(view, "model", None)
        if model is None or "<int:pk>/revoke" in pattern:  # a certificate's revocation: in PAGES
            continue
        record = model.objects.order_by("pk").first() if "<int:pk>" in pattern else None
        parent = None
        if "<int:parent_pk>" in pattern:
            parent = getattr(record, f"{view.parent_field}_id") if record else view.parent_model.objects.first().pk
        address = "/" + pattern.replace("<int:pk>", str(record.pk if record else 0))
        pages.append(("tinh", address.replace("<int:parent_pk>", str(parent))))
    return pages


def crawl_pages(client: Any) -> dict[tuple[str, str], list[Any]]:
    """Every POST form the pages show, by (route pattern, persona), one form per address it posts to."""
    from django.contrib.auth.models import User
    from django.urls import Resolver404, resolve

    from corpus.pages import post_forms

    found = records()
    forms: dict[tuple[str, str], dict[str, Any]] = {}
    for persona, address in PAGES + model_pages():
        client.logout()
        if persona:
            client.force_login(User.objects.get(username=persona))
        pages = fill(address, found)
        for page in pages:
            response = client.get(page)
            if response.status_code == 403 and persona == "tinh":  # no role may (a photo is replaced, not edited)
                persona = "admin"
                client.force_login(User.objects.get(username=persona))
                response = client.get(page)
            if response.status_code != 200 and len(pages) > 1:
                continue  # one of several records (dossiers in every state): not every persona sees each
            assert response.status_code == 200, f"{persona or 'visitor'} GET {page}: {response.status_code}"
            for form in post_forms(page, response.content.decode()):
                try:
                    route = resolve(form.action).route
                except Resolver404:
                    continue
                forms.setdefault((route, persona), {}).setdefault(form.action, form)
    return {key: list(by_action.values()) for key, by_action in forms.items()}
