"""POST /api/v1/scoring/evaluate — the full breakdown of one sheet or of a council's sheets."""

import base64
import binascii
import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from ocop.core.api import (
    CREATE,
    LIST,
    ONE,
    UPDATE,
    FilterError,
    FormRefused,
    Page,
    answers,
    etag,
    filtered,
    is_text,
    listing,
    record,
    save_form,
    seen_version,
)
from ocop.core.api_auth import gate
from ocop.core.filters import query_schema
from ocop.core.versions import check_version, locked
from ocop.evaluation import council, services, workflow
from ocop.evaluation.choices import DossierKind
from ocop.evaluation.filters import DossierFilter
from ocop.evaluation.forms import EvidenceForm, OpenDossierForm
from ocop.evaluation.models import Dossier, Evidence
from ocop.evaluation.schemas import ScoringIn, ScoringOut
from ocop.evaluation.scoring import ScoringInputError
from ocop.evaluation.views_dossiers import criteria_choices

router = Router()


@router.post(
    "/evaluate",
    response=answers(ScoringOut, 400, 401, 403, 429),
    summary="Score a sheet or a council (QĐ 26/2026 rules)",
)
def evaluate(request: HttpRequest, body: ScoringIn) -> dict[str, Any]:
    """Body: `criteria_version` (optional, default the newest), `product_set` (1–26), `sheets`
    (each `{"member": "…", "choices": {"1.1": 3, "8": {"case": "a", "option": 2}}, "disqualifiers": [1],
    "disqualified_criteria": ["6.1.1"]}`; option positions count from 1 as printed), `discrepancy_points`
    (default 15). One sheet → its breakdown; several → the council's result. See docs/scoring.md.

    The body's shape is checked by its schema; the answers against the criteria by the engine (400 with
    every problem either way)."""
    try:
        return services.evaluate(body)
    except ScoringInputError as error:
        raise FilterError(error.problems, detail=_("Invalid data.")) from None


class DossierOut(Schema):
    id: int
    product_id: int
    product_name: str
    kind: str
    state: str
    receipt_number: str
    round: str | None
    session_id: int | None
    council_total: float | None
    council_stars: int | None
    proposed_central: bool
    certifiable: bool | None
    disqualified: bool
    disqualification_reasons: list[str]
    certificate_id: int | None


class DossierPage(Page):
    results: list[DossierOut]


class SheetOut(Schema):
    member: str
    total: float | None
    stars: int | None
    disqualified: bool
    disqualification_reasons: list[str]
    submitted_at: str | None


def dossier_out(d: Dossier) -> dict[str, Any]:
    return {
        "id": d.pk,
        "product_id": d.product_id,
        "product_name": d.product.name,
        "kind": d.kind,
        "state": d.state,
        "receipt_number": d.receipt_number,
        "round": str(d.round) if d.round else None,
        "session_id": d.session_id,
        "council_total": float(d.council_total) if d.council_total is not None else None,
        "council_stars": d.council_stars,
        "proposed_central": d.proposed_central,
        "certifiable": d.result.get("certifiable"),  # None until the council has scored it
        "disqualified": bool(d.result.get("disqualified")),
        "disqualification_reasons": d.result.get("disqualification_reasons", []),
        "certificate_id": d.certificate_id,
    }


dossiers = Router()


@dossiers.get(
    "dossiers",
    response=answers(DossierPage, *LIST),
    summary="Dossiers in your scope (or of your council sessions)",
)
def list_dossiers(
    request: HttpRequest,
    filters: Query[query_schema(DossierFilter)],
    page: int = 1,
    page_size: int = 50,
    cursor: str | None = None,
) -> dict:
    """Filters: `q`, `unit` (+ `at`), `state`, `kind`, `sort`; `cursor=` (empty for the first) pages by id."""
    qs = Dossier.objects.for_user(request.user).select_related("product", "round")
    return listing(request, filtered(request, DossierFilter, qs), page, page_size, cursor, dossier_out)


@dossiers.get("dossiers/{dossier_id}", response=answers(DossierOut, *ONE))
def dossier_detail(request: HttpRequest, dossier_id: int) -> dict:
    qs = Dossier.objects.for_user(request.user).select_related("product", "round")
    return dossier_out(get_object_or_404(qs, pk=dossier_id))


@dossiers.get(
    "dossiers/{dossier_id}/scoresheets", response=answers(list[SheetOut], *ONE), summary="Submitted sheets you may see"
)
def dossier_scoresheets(request: HttpRequest, dossier_id: int) -> list[dict]:
    """Blind: a member sees the others' sheets only after submitting their own; the office after closing."""
    dossier = get_object_or_404(Dossier.objects.for_user(request.user), pk=dossier_id)
    if dossier.session is None:
        return []
    return [
        {
            "member": str(s.member),
            "total": float(s.total) if s.total is not None else None,
            "stars": s.stars,
            "disqualified": bool(s.result.get("disqualified")),
            "disqualification_reasons": s.result.get("disqualification_reasons", []),
            "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None,
        }
        for s in council.visible_sheets(dossier.session, dossier, request.user)
    ]


# ------------------------------------------------------------------------------------------- writing
# Opening a dossier, attaching evidence and submitting it: the pages' services (workflow.py) and forms, the
# rights table asked before the body is read (`gate`) and again by the services.


class DossierIn(Schema):
    product: int = Field(ge=1, lt=2**63)
    kind: Literal[tuple(DossierKind.values)] = DossierKind.FIRST  # type: ignore[valid-type]  # the choices' codes


class EvidenceIn(Schema):
    file: str = Field(description="The file's bytes in base64 (PDF, image, DOCX, XLSX, ODT, ODS or ZIP; ≤ 10 MB)")
    file_name: str = Field(min_length=1, max_length=100, description="With its extension: it must match the bytes")
    criterion: str = Field("", description="The criterion it proves (e.g. `1.1`), empty for the whole dossier")
    note: str = Field("", max_length=255)


class EvidenceOut(Schema):
    id: int
    dossier_id: int
    criterion: str
    note: str
    uploaded_at: datetime.datetime


class SubmitIn(Schema):
    note: str = Field("", max_length=0, description="Nothing to send: the body is `{}`")


def _dossier_answer(dossier: Dossier, response: HttpResponse) -> dict[str, Any]:
    response["ETag"] = etag(dossier)
    return dossier_out(Dossier.objects.select_related("product", "round").get(pk=dossier.pk))


@dossiers.post("dossiers", response=answers(DossierOut, *CREATE), auth=gate("add", Dossier), summary="Open a dossier")
def create_dossier(request: HttpRequest, body: DossierIn, response: HttpResponse) -> dict[str, Any]:
    """As the page does: the newest criteria; an upgrade or re-evaluation starts from the product's last dossier.
    A product with a dossier in progress is refused (400)."""
    form = OpenDossierForm({"product": body.product, "kind": body.kind}, user=request.user)
    if not form.is_valid():
        raise FormRefused({name: [str(m) for m in errors] for name, errors in form.errors.items()})
    dossier = workflow.open_dossier(form.cleaned_data["product"], form.cleaned_data["kind"], request.user)
    return _dossier_answer(dossier, response)


@dossiers.post(
    "dossiers/{dossier_id}/evidence",
    response=answers(EvidenceOut, *UPDATE),
    auth=gate("add", Evidence, "dossier_id", within=(Dossier, "dossier")),
    summary="Attach evidence to a dossier",
)
def attach_evidence(request: HttpRequest, dossier_id: int, body: EvidenceIn) -> Evidence:
    dossier = record(request)
    if not workflow.may_edit(request.user, dossier):
        raise PermissionDenied(_("The dossier cannot be changed now, or not by you."))
    try:
        content = base64.b64decode(body.file, validate=True)
    except (binascii.Error, ValueError):
        raise FormRefused({"file": [_("Not base64: send the file's bytes encoded in base64.")]}) from None
    if not all(is_text(v) for v in (body.file_name, body.criterion, body.note)):
        raise FormRefused({"note": [_("Not valid text (a lone surrogate character): nothing was saved.")]})
    upload = SimpleUploadedFile(body.file_name, content)
    data = {"criterion": body.criterion, "note": body.note}
    form = EvidenceForm(data, {"file": upload}, criteria=criteria_choices(dossier))
    form.instance.dossier, form.instance.uploaded_by = dossier, request.user

    def save(valid: EvidenceForm) -> Evidence:
        evidence = valid.save(commit=False)
        evidence.note = evidence.note or body.file_name[:255]
        evidence.save()
        return evidence

    return save_form(request, form, "add", save)


@dossiers.post(
    "dossiers/{dossier_id}/submit",
    response=answers(DossierOut, *UPDATE),
    auth=gate("submit", Dossier, "dossier_id"),
    summary="Submit a dossier (to the commune)",
)
def submit_dossier(request: HttpRequest, dossier_id: int, body: SubmitIn, response: HttpResponse) -> dict[str, Any]:
    """The page's step, with its checks (a missing self-assessment or evidence: 400 naming what is missing).
    `If-Match` is honoured as for changes."""
    dossier = record(request)
    seen = seen_version(request)
    with transaction.atomic():
        check_version(locked(dossier), seen)
        moved = workflow.move(dossier, "submit", request.user)
    return _dossier_answer(moved, response)
