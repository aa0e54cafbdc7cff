"""POST /api/v1/scoring/evaluate — the full breakdown of one sheet or of a council's sheets."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Body, Router

from ocop.api.errors import FilterError
from ocop.evaluation.scoring import ScoringInputError
from ocop.evaluation.services import evaluate_request

router = Router()


@router.post("/evaluate", summary="Score a sheet or a council (QĐ 26/2026 rules)")
def evaluate(request: HttpRequest, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    """Body: `criteria_version` (optional, default the newest), `product_set` (1–26), `sheets`
    (each `{"member": "…", "choices": {"1.1": 3, "8": {"case": "a", "option": 2}}, "disqualifiers": [1],
    "disqualified_criteria": ["6.1.1"]}`; option positions count from 1 as printed), `discrepancy_points`
    (default 15). One sheet → its breakdown; several → the council's result. See docs/scoring.md."""
    try:
        return evaluate_request(body)
    except ScoringInputError as error:
        raise FilterError(error.problems) from None
