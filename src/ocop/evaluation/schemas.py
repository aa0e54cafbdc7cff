"""The scoring request and its answer as typed schemas (docs/scoring.md): the API validates the request's shape
with them, and so does `ocop score FILE.json`; the engine then checks the answers against the criteria."""

from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import PlainValidator, StrictFloat, StrictInt, WithJsonSchema

from ocop.evaluation.scoring.engine import Choice, SheetInput

CHOICE_PROBLEM = "the choice must be an option position (1, 2, …) or {case, option}"


def where(location: tuple[Any, ...]) -> str:
    """A pydantic error's location as a reader's path: ("sheets", 0, "choices", "1.1") → "sheets › 1 › choices ›
    1.1" (list positions from 1)."""
    return " › ".join(str(p + 1) if isinstance(p, int) else str(p) for p in location) or "body"


def _choice(value: Any) -> Choice:
    """An option position (`3`), or `{"case": "a", "option": 2}` for a criterion with cases."""
    option, case = (value.get("option"), value.get("case")) if isinstance(value, dict) else (value, None)
    if isinstance(option, bool) or not isinstance(option, int) or (case is not None and not isinstance(case, str)):
        raise ValueError(CHOICE_PROBLEM)
    return Choice(option, case)


ChoiceIn = Annotated[
    Choice,
    PlainValidator(_choice),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "integer", "minimum": 1, "description": "the option's position, from 1 as printed"},
                {
                    "type": "object",
                    "properties": {"case": {"type": "string"}, "option": {"type": "integer", "minimum": 1}},
                    "required": ["option"],
                    "description": "for a criterion with cases (set 26's 8: a, b…)",
                },
            ]
        }
    ),
]


class SheetIn(Schema):
    member: str = ""
    choices: dict[str, ChoiceIn] = Field(description="criterion code → the chosen option")
    disqualifiers: list[StrictInt] | None = Field(
        default=None, description="positions (from 1) of the sheet's “Hồ sơ bị loại khi” paragraphs that apply"
    )
    disqualified_criteria: list[str] | None = Field(
        default=None, description="criteria whose disqualifying note applies"
    )

    def to_input(self) -> SheetInput:
        return SheetInput(
            self.choices, tuple(self.disqualifiers or ()), tuple(self.disqualified_criteria or ()), self.member
        )


class ScoringIn(Schema):
    criteria_version: str | None = Field(
        default=None, description="a key or decision number (“26/2026/QĐ-TTg”); default the newest"
    )
    product_set: StrictInt = Field(ge=1, le=26)
    sheets: list[SheetIn] = Field(min_length=1, description="one sheet, or a council's sheets")
    discrepancy_points: StrictInt | StrictFloat | None = Field(
        default=None, ge=0, description="a council's spread that counts as a discrepancy; default the regime's (15)"
    )


Number = int | float  # exact points are integers; averages and readings may not be


class CriterionScoreOut(Schema):
    code: str
    name: str
    part: str
    section: str
    max_points: int
    points: Number
    option: int | None
    case: str | None
    option_text: str
    notes: list[str]


class UnmetMarkerOut(Schema):
    stars: int
    criterion: str
    criterion_name: str
    required_option: str
    required_points: int
    achieved_points: Number


class SubtotalOut(Schema):
    code: str
    name: str
    max_points: int
    points: Number
    sections: list["SubtotalOut"]
    notes: list[str]


class DisqualificationOut(Schema):
    automatic: bool
    condition: str
    reason: str


class Outcome(Schema):
    """What a sheet and a council's result share."""

    set_number: int
    band_stars: int
    stars: int
    certifiable: bool
    disqualified: bool
    disqualification_reasons: list[str]
    disqualifications: list[DisqualificationOut]
    unmet_markers: list[UnmetMarkerOut]
    parts: list[SubtotalOut]
    criteria: list[CriterionScoreOut]


class SheetResultOut(Outcome):
    member: str
    total: Number


class CouncilResultOut(Outcome):
    members: list[SheetResultOut]
    average_total: Number
    spread: Number
    discrepancy: bool
    discrepancy_reasons: list[str]
    propose_to_central_council: bool


class ScoringOut(Schema):
    criteria_version: str
    product_set: int
    kind: Literal["sheet", "council"]
    result: SheetResultOut | CouncilResultOut
