"""Evaluation use cases shared by the API, the CLI and the pages."""

from typing import Any

from ocop.evaluation.models import CriteriaVersion
from ocop.evaluation.scoring import ScoringInputError, evaluate_council, evaluate_sheet, parse_sheet_input
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
    """Score one sheet or a council. Body (docs/scoring.md):
    {"criteria_version": "26/2026/QĐ-TTg", "product_set": 7, "sheets": [{...}, ...], "discrepancy_points": 15}
    """
    if not isinstance(body, dict):
        raise ScoringInputError({"body": "expected a JSON object"})
    version = find_version(body.get("criteria_version"))
    number = body.get("product_set")
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 26:
        raise ScoringInputError({"product_set": "a product set number from 1 to 26"})
    raw_sheets = body.get("sheets")
    if not isinstance(raw_sheets, list) or not raw_sheets:
        raise ScoringInputError({"sheets": "a list of one or more sheets"})
    threshold = body.get("discrepancy_points", DEFAULT_DISCREPANCY_POINTS)
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or threshold < 0:
        raise ScoringInputError({"discrepancy_points": "a number of points, 0 or more"})
    problems: dict[str, str] = {}
    sheets = []
    for index, raw in enumerate(raw_sheets, start=1):
        try:
            sheets.append(parse_sheet_input(raw, where=f"sheet {index}"))
        except ScoringInputError as error:
            problems.update(error.problems)
    if problems:
        raise ScoringInputError(problems)
    scoresheet = version.scoresheet(number)
    if len(sheets) == 1:
        kind, result = "sheet", evaluate_sheet(scoresheet, sheets[0]).to_dict()
    else:
        kind, result = "council", evaluate_council(scoresheet, sheets, threshold).to_dict()
    return {"criteria_version": version.key, "product_set": number, "kind": kind, "result": result}
