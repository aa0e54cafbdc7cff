"""The scoring engine: pure Python, no database. See docs/scoring.md for the rules and the input format.

readings = packaged_readings(criteria_file["document"]["number"])
sheet = SheetTemplate.from_json(criteria_file["scoresheets"][6], bands, readings, criteria_file["extraction_warnings"],
                                deciding_levels=regime.deciding_levels)
result = evaluate_sheet(sheet, SheetInput(choices={"1.1": 3, ...}))
council = evaluate_council(sheet, [input_a, input_b, input_c])
"""

from ocop.evaluation.scoring.engine import (
    CouncilResult,
    SheetInput,
    SheetResult,
    evaluate_council,
    evaluate_sheet,
    parse_sheet_input,
)
from ocop.evaluation.scoring.errors import ScoringInputError
from ocop.evaluation.scoring.sheet import Band, SheetTemplate

__all__ = [
    "Band",
    "CouncilResult",
    "ScoringInputError",
    "SheetInput",
    "SheetResult",
    "SheetTemplate",
    "evaluate_council",
    "evaluate_sheet",
    "parse_sheet_input",
]
