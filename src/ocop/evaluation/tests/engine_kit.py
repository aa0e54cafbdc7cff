"""Pure engine helpers shared by the scoring tests: the packaged criteria, their readings, complete sheets."""

import json

from ocop.evaluation.regimes import REGIMES
from ocop.evaluation.scoring import SheetInput, SheetTemplate
from ocop.evaluation.scoring.engine import Choice
from ocop.evaluation.scoring.readings import DATA_DIR, Readings, packaged_readings
from ocop.registry.product_sets import CRITERIA_FILE

DATA = json.loads(CRITERIA_FILE.read_text(encoding="utf-8"))
READINGS_FILE = DATA_DIR / "qd-26-2026.readings.json"
RAW_READINGS = json.loads(READINGS_FILE.read_text(encoding="utf-8"))
READINGS = packaged_readings(DATA["document"]["number"])
SETS = list(range(1, 27))
LEVELS = next(r["deciding_levels"] for r in REGIMES if r["document_number"] == DATA["document"]["number"])


def sheet_for(number: int, readings: Readings = READINGS) -> SheetTemplate:
    return SheetTemplate.from_json(
        DATA["scoresheets"][number - 1],
        DATA["star_bands"],
        readings,
        DATA["extraction_warnings"],
        deciding_levels=LEVELS,
    )


def pick(sheet: SheetTemplate, rule: str, **overrides: Choice) -> SheetInput:
    """A complete sheet: each criterion's best or worst option (first case for two-case criteria)."""
    choices = {}
    for criterion in sheet.criteria:
        case = criterion.cases[0][0] if criterion.cases else None
        options = criterion.options_of(case)
        ranked = sorted(options, key=lambda o: (o.points, o.position))
        option = ranked[-1] if rule == "best" else ranked[0]
        choices[criterion.code] = Choice(option.position, case)
    choices.update(overrides)
    return SheetInput(choices)


def best_but(sheet: SheetTemplate, **options: int) -> SheetInput:
    """The best sheet with the given criteria (code with dots as underscores) at the given option positions."""
    return pick(sheet, "best", **{code.replace("_", "."): Choice(position) for code, position in options.items()})
