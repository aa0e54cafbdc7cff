"""Every route of the platform, with what the security matrix asks of it (issue 12 §7).

A route is named by its pattern as the URL conf writes it ("staff/producers/<int:pk>/edit/"). Each has an entry:

- `On(record, action)`: the route acts on one record of the world (`world.py`), inside or outside the personas'
  province; `kwargs` builds the URL's arguments from that record. The matrix asks `rights.may` for the answer:
  out of what the persona may view → 404, in sight without the action → 403, else allowed.
- `Kind(model, action)`: the route acts on a record type (a list, an "add" page, an export, an import kind):
  without the action anywhere in the table → 403, else allowed — and the page shows no record the persona may
  not view (each world record carries a marker word; `test_matrix` looks for them).
- `Open(category, reason)`: not a question for the rights table — "public" (the portal, anyone), "self" (the
  person's own account, tokens, notifications, jobs: any signed-in person), "login", "admin" (Django's admin,
  superusers only), "static". Public and self routes are still requested (no 500, anonymous goes to log in).

A route may have several entries (a dossier step, each export). A new route without an entry fails
`test_every_route_has_an_entry`; an entry naming a route that no longer exists fails `test_no_entry_is_stale`.
docs/scoping.md ("The security matrix") says how to add one.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Kwargs = Callable[[Any], dict[str, Any]]


def pk(obj: Any) -> dict[str, Any]:
    return {"pk": obj.pk}


def child(parent: str) -> Kwargs:
    """A record under its producer or product: /producers/<parent_pk>/workforce/<pk>/…"""
    return lambda obj: {"parent_pk": getattr(obj, f"{parent}_id"), "pk": obj.pk}


def parent(name: str = "parent_pk") -> Kwargs:
    return lambda obj: {name: obj.pk}


@dataclass(frozen=True)
class On:
    record: str  # a key of World.objects
    action: str = "view"  # the right asked of GET
    post: str | None = None  # the right asked of POST (default: `action`)
    kwargs: Kwargs = pk
    seen: Callable[[Any], Any] | None = None  # the record whose sight decides 404, when not the route's record
    ask: Callable[[Any], Any] | None = None  # the record the action is asked on (default: the seen record)
    data: dict[str, Any] = field(default_factory=dict)  # POST data (default: empty)
    methods: tuple[str, ...] = ()  # default: what the view answers
    refusal: tuple[str, ...] = ("403",)  # how a refused action answers
    # The view's own narrowing of the table, where it is stricter than the record type's right (a person's own
    # import to confirm, a member's own blind scoresheet): whether the person passes it (after the table).
    rule: Callable[[Any, Any], bool] | None = None
    # A right the page needs before any record is looked up (the import pages: importing some kind).
    gate: Callable[[Any], bool] | None = None

    def right(self, method: str) -> str:
        return self.post or self.action if method != "GET" else self.action


@dataclass(frozen=True)
class Kind:
    model: str  # "app.model"
    action: str = "view"
    post: str | None = None
    kwargs: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    methods: tuple[str, ...] = ()
    refusal: tuple[str, ...] = ("403",)
    listed: bool = False  # a list of what one may view: open to every signed-in person, checked for leaks
    gate: Callable[[Any], bool] | None = None

    def right(self, method: str) -> str:
        return self.post or self.action if method != "GET" else self.action


@dataclass(frozen=True)
class Open:
    category: str  # public, self, login, admin, static
    reason: str
    kwargs: dict[str, Any] | None = field(default_factory=dict)  # None: not requested; a value may be a
    # function of the world (a certificate's verification code)
    methods: tuple[str, ...] = ()  # default: what the view answers


CATEGORIES = ("public", "self", "login", "admin", "static")
Entry = On | Kind | Open


def _crud(prefix: str, record: str, detail: bool = False, listed: bool = True) -> dict[str, tuple[Entry, ...]]:
    """A record type's list, add, edit and delete pages (market, registry)."""
    model = RECORD_MODELS[record]
    routes: dict[str, tuple[Entry, ...]] = {
        f"{prefix}add/": (Kind(model, "add"),),
        f"{prefix}<int:pk>/edit/": (On(record, "change"),),
        f"{prefix}<int:pk>/delete/": (On(record, "delete"),),
    }
    if listed:
        routes[prefix] = (Kind(model, listed=True),)
    if detail:
        routes[f"{prefix}<int:pk>/"] = (On(record),)
    return routes


def _child(prefix: str, record: str, parent_key: str) -> dict[str, tuple[Entry, ...]]:
    model = RECORD_MODELS[record]
    return {
        f"{prefix}add/": (On(parent_key, "add", kwargs=parent(), ask=lambda p, m=model: _new(m, p)),),
        f"{prefix}<int:pk>/edit/": (On(record, "change", kwargs=child(parent_key)),),
        f"{prefix}<int:pk>/delete/": (On(record, "delete", kwargs=child(parent_key)),),
    }


def _new(model: str, parent_obj: Any) -> Any:
    """A record of `model` about to be added under `parent_obj` (the add right is asked on it)."""
    from django.apps import apps

    cls = apps.get_model(model)
    name = type(parent_obj)._meta.model_name
    return cls(**{name: parent_obj})


def _new_finding_file(item: Any) -> Any:
    """An evidence file about to be attached to a checklist item (the add right is asked on it)."""
    from ocop.monitoring.models import FindingFile

    return FindingFile(item=item)


RECORD_MODELS = {
    "producer": "registry.producer", "product": "registry.product", "workforce": "registry.workforce",
    "linkage": "registry.linkage", "credential": "registry.credential", "productphoto": "registry.productphoto",
    "certificate": "certificates.certificate", "event": "market.event", "participation": "market.participation",
    "salespoint": "market.salespoint", "listing": "market.listing", "communestatus": "market.communestatus",
    "craftvillage": "market.craftvillage", "activity": "market.activity", "support": "market.support",
}  # fmt: skip


def can_import_some(user: Any) -> bool:
    from ocop.exchange.kinds import KINDS

    return any(kind.can_import(user) for kind in KINDS.values())


def own(user: Any, record: Any) -> bool:
    return record.user_id == user.pk


def member(user: Any, sheet: Any) -> bool:
    return sheet.member_id == user.pk


def CODE(world: Any) -> str:
    return world.obj("certificate", "in").verification_code


PUBLIC = "the public portal: anyone, signed in or not"
SELF = "the person's own account, tokens, notifications or jobs: any signed-in person"

STAFF: dict[str, tuple[Entry, ...]] = {
    # core
    "staff/": (Open("self", "the things-to-do page: each person's own work, from the rights table"),),
    "staff/history/": (Kind("registry.producer", listed=True),),  # the change log: no entry of a hidden producer
    "staff/history/<int:pk>/": (
        On("changelog", seen=lambda entry: entry.content_type.get_object_for_this_type(pk=entry.object_id)),
    ),  # an entry is seen by those who may view the record it describes
    "staff/notifications/": (Open("self", SELF),),
    "staff/account/": (Open("self", SELF),),
    "staff/account/tokens/<int:pk>/revoke/": (On("apitoken", "change"),),
    "staff/webhooks/": (Kind("api.delivery", listed=True),),
    "staff/webhooks/deliveries/<int:pk>/replay/": (On("delivery", "replay", methods=("POST",)),),
    "staff/accounts/locked/": (Kind("core.role", "unlock"),),
    "staff/accounts/<int:pk>/unlock/": (On("role", "unlock", kwargs=lambda role: {"pk": role.user_id}),),
    "staff/units/search/": (Open("self", "the administrative map (public reference data), for pickers"),),
    # registry
    **_crud("staff/producers/", "producer", detail=True),
    **_crud("staff/products/", "product", detail=True),
    **_child("staff/producers/<int:parent_pk>/workforce/", "workforce", "producer"),
    **_child("staff/producers/<int:parent_pk>/linkages/", "linkage", "producer"),
    **_child("staff/producers/<int:parent_pk>/credentials/", "credential", "producer"),
    **_child("staff/products/<int:parent_pk>/photos/", "productphoto", "product"),
    # evaluation
    "staff/criteria/": (Open("self", "the published criteria: reference data for every signed-in person"),),
    "staff/criteria/<int:version_id>/sets/<int:set_number>/": (
        Open("self", "a blank scoresheet of the published criteria", kwargs={"version_id": 1, "set_number": 7}),
    ),
    "staff/dossiers/": (Kind("evaluation.dossier", listed=True),),
    "staff/dossiers/new/": (Kind("evaluation.dossier", "add"),),
    "staff/dossiers/<int:pk>/": (On("dossier"),),
    "staff/dossiers/<int:pk>/self-assessment/": (On("draft_dossier", "view", post="change"),),
    "staff/dossiers/<int:pk>/evidence/": (On("draft_dossier", "add", ask=lambda d: _new("evaluation.evidence", d)),),
    "staff/dossiers/<int:pk>/evidence/<int:evidence_pk>/": (
        On("evidence", kwargs=lambda e: {"pk": e.dossier_id, "evidence_pk": e.pk}),
    ),
    "staff/dossiers/<int:pk>/act/<slug:action>/": (
        On("draft_dossier", "submit", kwargs=lambda d: {"pk": d.pk, "action": "submit"}),
        On("dossier", "process", kwargs=lambda d: {"pk": d.pk, "action": "unschedule"}, data={"reason": "x"}),
    ),
    "staff/sessions/": (Kind("evaluation.councilsession", listed=True),),
    "staff/sessions/new/": (Kind("evaluation.councilsession", "add"),),
    "staff/sessions/rounds/new/": (Kind("evaluation.round", "add"),),
    "staff/sessions/central/new/": (Kind("evaluation.councilsession", "central"),),
    "staff/sessions/rounds/central/new/": (Kind("evaluation.round", "central"),),
    "staff/sessions/<int:pk>/": (On("councilsession"),),
    "staff/sessions/<int:pk>/act/<slug:action>/": (
        On("councilsession", "change", kwargs=lambda s: {"pk": s.pk, "action": "add_member"}),
        On("councilsession", "change", kwargs=lambda s: {"pk": s.pk, "action": "close"}),
    ),
    "staff/sessions/<int:pk>/dossiers/<int:dossier_pk>/score/": (
        # one without a seat is sent back to the session page with the reason
        On(
            "scoresheet",
            "score",
            kwargs=lambda s: {"pk": s.session_id, "dossier_pk": s.dossier_id},
            refusal=("403", "redirect"),
        ),
    ),
    "staff/sessions/<int:pk>/dossiers/<int:dossier_pk>/score.pdf": (
        # blind scoring: while the session is open, a sheet is its member's alone (the office reads it once closed)
        On("scoresheet", kwargs=lambda s: {"pk": s.session_id, "dossier_pk": s.dossier_id}, rule=member),
    ),
    "staff/sessions/<int:pk>/minutes.<str:fmt>": (On("councilsession", kwargs=lambda s: {"pk": s.pk, "fmt": "pdf"}),),
    # exchange: imports (one entry per kind), exports (one per list), jobs
    # the import page, for those who may import some kind; each kind's right: test_import_kinds
    "staff/imports/": (Kind("exchange.importrecord", gate=can_import_some),),
    "staff/jobs/": (Open("self", "one's own imports and exports"),),
    "staff/imports/<int:pk>/": (
        On("importrecord", gate=can_import_some, methods=("GET",)),
        On("importrecord", gate=can_import_some, methods=("POST",), rule=own),  # confirming is one's own act
    ),
    "staff/imports/<int:pk>/again/": (On("importrecord", gate=can_import_some),),
    "staff/imports/templates/<slug:kind>.xlsx": (
        Open("self", "an empty import template: no record in it", kwargs={"kind": "producers"}),
    ),
    "staff/exports/<slug:name>.<slug:fmt>": (),  # filled below, one entry per export
    "staff/exports/<int:pk>/": (On("exportrecord"),),
    "staff/exports/<int:pk>/file": (On("exportrecord"),),
    "staff/exports/<int:pk>/again/": (On("exportrecord"),),
    # market
    "staff/market/": (Open("self", "the market section's index of lists"),),
    **_crud("staff/market/events/", "event", detail=True),
    **_crud("staff/market/participations/", "participation"),
    **_crud("staff/market/sales-points/", "salespoint", detail=True),
    **_crud("staff/market/listings/", "listing"),
    **_crud("staff/market/new-rural/", "communestatus"),
    **_crud("staff/market/craft-villages/", "craftvillage"),
    **_crud("staff/market/activities/", "activity", detail=True),
    "staff/market/activities/<int:pk>/files/": (On("activity", "add", ask=lambda a: _new("market.activityfile", a)),),
    "staff/market/activities/<int:pk>/files/<int:file_pk>/": (
        On("activityfile", kwargs=lambda f: {"pk": f.activity_id, "file_pk": f.pk}),
    ),
    **_crud("staff/market/support/", "support"),
    # programme
    "staff/plans/": (Kind("programme.plan", listed=True),),
    "staff/plans/add/": (Kind("programme.plan", "add"),),
    "staff/plans/<slug:slug>/": (On("plan", kwargs=lambda p: {"slug": p.slug}),),
    "staff/plans/<slug:slug>/targets/add/": (On("plan", "change", kwargs=lambda p: {"slug": p.slug}),),
    "staff/plans/<slug:slug>/tasks/": (On("plan", kwargs=lambda p: {"slug": p.slug}),),
    "staff/plans/<slug:slug>/tasks/add/": (On("plan", "change", kwargs=lambda p: {"slug": p.slug}),),
    "staff/plans/<slug:slug>/tasks/<int:task_pk>/report/": (
        On(
            "task",
            "change",
            kwargs=lambda t: {"slug": t.solution.plan.slug, "task_pk": t.pk},
            ask=lambda t: t.solution.plan,
        ),
    ),
    "staff/plans/<slug:slug>/indicators/<slug:code>/": (
        On("plan", kwargs=lambda p: {"slug": p.slug, "code": "new_products"}),
    ),
    "staff/plans/<slug:slug>/report.<slug:fmt>": (
        On("plan", "export", kwargs=lambda p: {"slug": p.slug, "fmt": "xlsx"}),
    ),
    # the national dashboard and report: the figures of the whole country (the plan's unit), after sight of the plan
    "staff/plans/<slug:slug>/provinces/": (
        On("national_plan", "figures", kwargs=lambda p: {"slug": p.slug}, ask=lambda p: p.province),
    ),
    "staff/plans/<slug:slug>/provinces/report.<slug:fmt>": (
        On("national_plan", "figures", kwargs=lambda p: {"slug": p.slug, "fmt": "xlsx"}, ask=lambda p: p.province),
    ),
    # stories
    "staff/stories/": (Kind("stories.article"),),  # for those the table lets read articles
    "staff/stories/new/": (Kind("stories.article", "add"),),
    "staff/stories/<int:pk>/": (On("article", "change"),),
    "staff/stories/<int:pk>/delete/": (On("article", "delete"),),
    # certificates
    "staff/certificates/": (Kind("certificates.certificate", listed=True),),
    "staff/certificates/add/": (Kind("certificates.certificate", "add"),),
    "staff/certificates/worklist/": (Kind("certificates.certificate", listed=True),),
    "staff/certificates/<int:pk>/": (On("certificate"),),
    # who recognised it revokes it: the province's 4★ (the province office), the ministry's 5★ (the national office)
    "staff/certificates/<int:pk>/revoke/": (On("certificate", "revoke"), On("certificate_central", "revoke")),
    "staff/certificates/<int:pk>/pdf/": (On("certificate"),),
    "staff/certificates/<int:pk>/decision.pdf": (On("certificate"),),
    # monitoring (hậu kiểm)
    "staff/monitoring/": (Kind("monitoring.inspection", listed=True),),
    "staff/monitoring/plans/add/": (Kind("monitoring.inspectionplan", "add"),),
    "staff/monitoring/plans/<int:pk>/": (On("inspectionplan"),),
    "staff/monitoring/plans/<int:pk>/edit/": (On("inspectionplan", "change"),),
    "staff/monitoring/inspections/add/": (Kind("monitoring.inspection", "add"),),
    "staff/monitoring/inspections/<int:pk>/": (On("inspection"),),
    "staff/monitoring/inspections/<int:pk>/edit/": (On("inspection", "change"),),
    "staff/monitoring/inspections/<int:pk>/items/<int:item_pk>/": (
        On("checkitem", "change", kwargs=lambda i: {"pk": i.inspection_id, "item_pk": i.pk}),
    ),
    "staff/monitoring/inspections/<int:pk>/items/<int:item_pk>/files/": (
        On("checkitem", "add", kwargs=lambda i: {"pk": i.inspection_id, "item_pk": i.pk}, ask=_new_finding_file),
    ),
    "staff/monitoring/inspections/<int:pk>/files/<int:file_pk>/": (
        On("findingfile", kwargs=lambda f: {"pk": f.item.inspection_id, "file_pk": f.pk}),
    ),
    "staff/monitoring/inspections/<int:pk>/decide/": (On("inspection", "decide"),),
    "staff/monitoring/inspections/<int:pk>/remedied/": (On("inspection", "decide"),),
    "staff/monitoring/inspections/<int:pk>/revoke/": (On("inspection", "revoke", ask=lambda i: i.certificate),),
    # portal (staff)
    "staff/misuse/": (Kind("portal.misusereport"),),  # for those the table lets read reports
    "staff/misuse/<int:pk>/": (On("misusereport", post="handle"),),
}

EXPORT_MODELS = {
    "producers": "registry.producer", "products": "registry.product", "certificates": "certificates.certificate",
    "workforce": "registry.workforce", "dossiers": "evaluation.dossier", "changes": "registry.producer",
    "events": "market.event", "participations": "market.participation", "sales_points": "market.salespoint",
    "listings": "market.listing", "commune_statuses": "market.communestatus", "craft_villages": "market.craftvillage",
    "activities": "market.activity", "supports": "market.support", "inspections": "monitoring.inspection",
}  # fmt: skip
STAFF["staff/exports/<slug:name>.<slug:fmt>"] = tuple(
    Kind(model, "export", kwargs={"name": name, "fmt": "csv"}, refusal=("403", "404"))
    for name, model in EXPORT_MODELS.items()
)

PUBLIC_ROUTES: dict[str, tuple[Entry, ...]] = {
    "": (Open("public", PUBLIC),),
    "san-pham/": (Open("public", PUBLIC),),
    "san-pham/<int:pk>/": (Open("public", PUBLIC + "; certified products only", kwargs=None),),
    "san-pham/<int:pk>/<str:slug>/": (Open("public", PUBLIC + "; certified products only", kwargs=None),),
    "chu-the/<int:pk>/": (Open("public", PUBLIC + "; producers of certified products only", kwargs=None),),
    "chu-the/<int:pk>/<str:slug>/": (Open("public", PUBLIC + "; producers of certified products only", kwargs=None),),
    "anh/<int:pk>/<int:width>/<str:stem>.jpg": (Open("public", "photos of certified products", kwargs=None),),
    "bao-cao-vi-pham/": (Open("public", "anyone may report a misuse of the OCOP mark"),),
    "ngon-ngu/<str:code>/": (Open("public", "the portal's language switch", kwargs={"code": "en"}),),
    "ban-do/": (Open("public", PUBLIC),),
    "ban-do/diem.geojson": (Open("public", PUBLIC),),
    "du-lieu-mo/": (Open("public", "open data: certified products"),),
    "du-lieu-mo/<str:name>.<str:fmt>": (Open("public", "open data files", kwargs={"name": "catalogue", "fmt": "csv"}),),
    "robots.txt": (Open("public", PUBLIC),),
    "sitemap.xml": (Open("public", PUBLIC),),
    "tin-tuc/": (Open("public", "published news"),),
    "tin-tuc/rss/": (Open("public", "published news"),),
    "tin-tuc/atom/": (Open("public", "published news"),),
    "tin-tuc/anh/<int:pk>/<str:name>": (Open("public", "covers of published news", kwargs=None),),
    "tin-tuc/<slug:slug>/": (Open("public", "published news", kwargs=None),),
    "verify/": (Open("public", "anyone may check a certificate's code"),),
    "verify/<str:code>/": (Open("public", "anyone may check a certificate's code", kwargs={"code": CODE}),),
    "i18n/setlang/": (Open("public", "the language switch", kwargs=None),),
    "healthz": (Open("public", "probe for the proxy: the process answers; no data, no database"),),
    "readyz": (Open("public", "probe for the proxy: the status only; the checks to the metrics allow-list or token"),),
    "metrics": (
        Open(
            "public",
            "Prometheus metrics: only from OCOP_METRICS_ALLOW or with OCOP_METRICS_TOKEN, "
            "tested in core/tests/test_metrics.py (the matrix asks from 127.0.0.1, allowed)",
        ),
    ),
    "login/": (Open("login", "the log-in page (throttled: core/tests/test_login_throttle.py)"),),
    "logout/": (Open("login", "logging out", kwargs=None),),
    "admin/": (Open("admin", "Django's admin: superusers only, by Django's own checks", kwargs=None),),
    "^media/products/(?P<path>.+)$": (Open("static", "product photos: re-encoded, random names", kwargs=None),),
}

API: dict[str, tuple[Entry, ...]] = {
    "api/v1/": (Open("public", "the API's index", kwargs=None),),
    "api/v1/openapi.json": (Open("public", "the API's description"),),
    "api/v1/docs": (Open("public", "the API's documentation page", kwargs=None),),
    "api/v1/units": (Open("public", "the administrative map: public reference data"),),
    "api/v1/units/<code>": (Open("public", "the administrative map", kwargs={"code": "75"}),),
    "api/v1/verify/<code>": (Open("public", "anyone may check a certificate's code", kwargs={"code": CODE}),),
    "api/v1/producers": (Kind("registry.producer", post="add", listed=True),),
    "api/v1/producers/<producer_id>": (On("producer", post="change", kwargs=lambda o: {"producer_id": o.pk}),),
    "api/v1/producers/<producer_id>/workforce": (
        On("producer", "add", kwargs=lambda o: {"producer_id": o.pk}, ask=lambda p: _new("registry.workforce", p)),
    ),
    "api/v1/products": (Kind("registry.product", post="add", listed=True),),
    "api/v1/products/<product_id>": (On("product", post="change", kwargs=lambda o: {"product_id": o.pk}),),
    "api/v1/products/<product_id>/photos": (
        On("product", "add", kwargs=lambda o: {"product_id": o.pk}, ask=lambda p: _new("registry.productphoto", p)),
    ),
    "api/v1/scoring/evaluate": (Open("self", "scores answers against the published criteria; stores nothing"),),
    "api/v1/dossiers": (Kind("evaluation.dossier", post="add", listed=True),),
    "api/v1/dossiers/<dossier_id>/evidence": (
        On("draft_dossier", "add", kwargs=lambda o: {"dossier_id": o.pk}, ask=lambda d: _new("evaluation.evidence", d)),
    ),
    "api/v1/dossiers/<dossier_id>/submit": (On("draft_dossier", "submit", kwargs=lambda o: {"dossier_id": o.pk}),),
    "api/v1/webhooks": (Kind("api.subscription", post="add", listed=True),),
    "api/v1/webhooks/<subscription_id>": (On("subscription", "change", kwargs=lambda o: {"subscription_id": o.pk}),),
    "api/v1/webhooks/<subscription_id>/deliveries": (On("subscription", kwargs=lambda o: {"subscription_id": o.pk}),),
    "api/v1/webhook-deliveries/<delivery_id>/replay": (
        On("delivery", "replay", kwargs=lambda o: {"delivery_id": o.pk}),
    ),
    "api/v1/dossiers/<dossier_id>": (On("dossier", kwargs=lambda o: {"dossier_id": o.pk}),),
    "api/v1/dossiers/<dossier_id>/scoresheets": (On("dossier", kwargs=lambda o: {"dossier_id": o.pk}),),
    "api/v1/certificates": (Kind("certificates.certificate", listed=True),),
    "api/v1/certificates/<certificate_id>": (On("certificate", kwargs=lambda o: {"certificate_id": o.pk}),),
    "api/v1/plans/": (Kind("programme.plan", listed=True),),
    "api/v1/plans/<slug>/indicators": (On("plan", kwargs=lambda p: {"slug": p.slug}),),
}
for _path, _record in (
    ("events", "event"), ("participations", "participation"), ("sales-points", "salespoint"),
    ("listings", "listing"), ("commune-statuses", "communestatus"), ("craft-villages", "craftvillage"),
    ("activities", "activity"), ("supports", "support"),
):  # fmt: skip
    _writes = _record in ("listing", "participation")  # the market records other systems write
    API[f"api/v1/market/{_path}"] = (Kind(RECORD_MODELS[_record], post="add" if _writes else None, listed=True),)
    API[f"api/v1/market/{_path}/<pk>"] = (On(_record, post="change" if _writes else None),)

ROUTES: dict[str, tuple[Entry, ...]] = {**STAFF, **PUBLIC_ROUTES, **API}
