"""POST /api/v1/scoring/evaluate — the full breakdown of one sheet or of a council's sheets."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from ocop.core.api import LIST, ONE, FilterError, Page, answers, filtered, page_of
from ocop.core.filters import query_schema
from ocop.evaluation import council, services
from ocop.evaluation.filters import DossierFilter
from ocop.evaluation.models import Dossier
from ocop.evaluation.schemas import ScoringIn, ScoringOut
from ocop.evaluation.scoring import ScoringInputError

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
    request: HttpRequest, filters: Query[query_schema(DossierFilter)], page: int = 1, page_size: int = 50
) -> dict:
    """Filters: `q`, `unit` (+ `at`), `state`, `kind`, `sort`."""
    qs = Dossier.objects.for_user(request.user).select_related("product", "round")
    return page_of(request, filtered(request, DossierFilter, qs), page, page_size, dossier_out)


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
