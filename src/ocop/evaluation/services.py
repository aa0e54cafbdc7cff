"""Evaluation use cases shared by the API, the CLI and the pages."""

from typing import Any

import pydantic

from ocop.evaluation.models import CriteriaVersion
from ocop.evaluation.schemas import ScoringIn, where
from ocop.evaluation.scoring import ScoringInputError, evaluate_council, evaluate_sheet
from ocop.evaluation.scoring.engine import DEFAULT_DISCREPANCY_POINTS


def find_version(reference: str | None) -> CriteriaVersion:
    """A criteria version by key ("26/2026/QĐ-TTg#schema1") or decision number; default: the newest."""
    qs = CriteriaVersion.objects.select_related("regime")
    if not reference:
        version = qs.first()
    else:
        version = qs.filter(key=reference).first() or qs.filter(regime__document_number=reference).first()
    if version is None:
        known = ", ".join(qs.values_list("key", flat=True)) or "none loaded"
        raise ScoringInputError({"criteria_version": f"unknown criteria version {reference!r} (known: {known})"})
    return version


def evaluate_request(body: Any) -> dict[str, Any]:
    """Score one sheet or a council from a JSON body (the command line's file): its shape is checked by the
    same schema as the API's, every problem at once."""
    try:
        request = ScoringIn.model_validate(body)
    except pydantic.ValidationError as error:
        raise ScoringInputError({where(e["loc"]): e["msg"] for e in error.errors()}) from None
    return evaluate(request)


def evaluate(request: ScoringIn) -> dict[str, Any]:
    """Score one sheet or a council (docs/scoring.md); the answers are checked against the criteria of the
    version and product set (ScoringInputError with every problem)."""
    version = find_version(request.criteria_version)
    scoresheet = version.scoresheet(request.product_set)
    sheets = [sheet.to_input() for sheet in request.sheets]
    if len(sheets) == 1:
        kind, result = "sheet", evaluate_sheet(scoresheet, sheets[0]).to_dict()
    else:
        threshold = DEFAULT_DISCREPANCY_POINTS if request.discrepancy_points is None else request.discrepancy_points
        kind, result = "council", evaluate_council(scoresheet, sheets, threshold).to_dict()
    return {"criteria_version": version.key, "product_set": request.product_set, "kind": kind, "result": result}
