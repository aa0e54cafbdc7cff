"""Scoring a sheet and a council (DOMAIN.md §3, QĐ 26/2026 Điều 3 khoản 3; our rules in docs/scoring.md).

- A sheet's score is the sum of its chosen options; parts and sections are subtotals.
- The band gives the stars (the criteria version's bands; QĐ 26: 1★ < 30 ≤ 2★ < 50 ≤ 3★ < 70 ≤ 4★ < 90 ≤ 5★);
  the star markers then cap it, never below the lowest certifiable level (the regime's deciding levels): N★
  needs, in every criterion, the points of each option marked for a level ≤ N (the marked option or one
  scoring at least as much, in the chosen case). Unmet markers demote to the highest level fully met.
- A council's score is the average of its members' totals; a criterion's council points are the members'
  average on it (our rule), and the markers are checked on those averages. Averages are kept exact
  (fractions) for banding and the markers, and only shown to 0.01, cut down (`shown`), so that a shown
  figure never lands in a higher band than the one awarded: 69.995 is 3★ and shows as 69.99.
- Disqualified: a condition the answers themselves show (`disqualify.automatic`), or one the member states.
  A council result is disqualified when a majority of its members' sheets are, for either cause.
"""

import math
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from ocop.evaluation.scoring import disqualify
from ocop.evaluation.scoring.disqualify import Answer, Disqualification
from ocop.evaluation.scoring.errors import ScoringInputError
from ocop.evaluation.scoring.sheet import Criterion, SheetTemplate, exact

DEFAULT_DISCREPANCY_POINTS = 15


@dataclass(frozen=True)
class Choice:
    option: int
    case: str | None = None


@dataclass(frozen=True)
class SheetInput:
    choices: dict[str, Choice]
    disqualifiers: tuple[int, ...] = ()  # 1-based positions of the sheet's "Hồ sơ bị loại khi" paragraphs
    disqualified_criteria: tuple[str, ...] = ()  # criteria whose disqualifying note applies
    member: str = ""


@dataclass
class CriterionScore:
    code: str
    name: str
    part: str
    section: str
    max_points: int
    points: Decimal
    option: int | None
    case: str | None
    option_text: str
    notes: list[str] = field(default_factory=list)


@dataclass
class UnmetMarker:
    stars: int
    criterion: str
    criterion_name: str
    required_option: str
    required_points: int
    achieved_points: Decimal


@dataclass
class Subtotal:
    code: str
    name: str
    max_points: int
    points: Decimal
    sections: list["Subtotal"] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class SheetResult:
    set_number: int
    member: str
    total: Decimal
    band_stars: int
    stars: int
    certifiable: bool
    disqualified: bool
    disqualification_reasons: list[str]
    disqualifications: list[Disqualification]
    unmet_markers: list[UnmetMarker]
    parts: list[Subtotal]
    criteria: list[CriterionScore]

    def to_dict(self) -> dict[str, Any]:
        return _plain(asdict(self))


@dataclass
class CouncilResult:
    set_number: int
    members: list[SheetResult]
    average_total: Decimal
    band_stars: int
    stars: int
    certifiable: bool
    disqualified: bool
    disqualification_reasons: list[str]
    disqualifications: list[Disqualification]
    unmet_markers: list[UnmetMarker]
    parts: list[Subtotal]
    criteria: list[CriterionScore]
    spread: Decimal
    discrepancy: bool
    discrepancy_reasons: list[str]
    propose_to_central_council: bool

    def to_dict(self) -> dict[str, Any]:
        return _plain(asdict(self))


def parse_sheet_input(raw: Any, where: str = "sheet") -> SheetInput:
    """Read one sheet from JSON: {"member": "…", "choices": {"1.1": 3, "8": {"case": "a", "option": 2}},
    "disqualifiers": [1], "disqualified_criteria": ["6.1.1"]}."""
    if not isinstance(raw, dict) or not isinstance(raw.get("choices"), dict):
        raise ScoringInputError({where: "expected an object with 'choices': {criterion code: option position}"})
    problems: dict[str, str] = {}
    choices: dict[str, Choice] = {}
    for code, value in raw["choices"].items():
        if isinstance(value, dict):
            option, case = value.get("option"), value.get("case")
        else:
            option, case = value, None
        if isinstance(option, bool) or not isinstance(option, int) or (case is not None and not isinstance(case, str)):
            problems[f"{where} › {code}"] = "the choice must be an option position (1, 2, …) or {case, option}"
            continue
        choices[str(code)] = Choice(option, case)
    lists = {}
    for key in ("disqualifiers", "disqualified_criteria"):
        value = raw.get(key) or []
        if not isinstance(value, list):
            problems[f"{where} › {key}"] = "must be a list"
            value = []
        lists[key] = tuple(value)
    if problems:
        raise ScoringInputError(problems)
    member = raw.get("member") or ""
    return SheetInput(choices, lists["disqualifiers"], lists["disqualified_criteria"], str(member))


def validate(sheet: SheetTemplate, given: SheetInput, where: str = "sheet") -> dict[str, str]:
    problems: dict[str, str] = {}
    for code, choice in given.choices.items():
        criterion = sheet.by_code.get(code)
        if criterion is None:
            problems[f"{where} › {code}"] = f"not a criterion of product set {sheet.set_number}"
            continue
        problem = _choice_problem(criterion, choice)
        if problem:
            problems[f"{where} › {code}"] = problem
    for code in sheet.by_code:
        if code not in given.choices:
            problems[f"{where} › {code}"] = "missing: every criterion needs a chosen option"
    for position in given.disqualifiers:
        if not isinstance(position, int) or not 1 <= position <= len(sheet.disqualifiers):
            problems[f"{where} › disqualifiers"] = (
                f"this sheet has {len(sheet.disqualifiers)} disqualifier paragraph(s)"
            )
    for code in given.disqualified_criteria:
        criterion = sheet.by_code.get(str(code))
        if criterion is None or not criterion.disqualifying_notes:
            problems[f"{where} › disqualified_criteria › {code}"] = "not a criterion with a disqualifying note"
    return problems


def _choice_problem(criterion: Criterion, choice: Choice) -> str:
    case_codes = [code for code, _name in criterion.cases]
    if case_codes and choice.case not in case_codes:
        return f"choose one of the cases {', '.join(case_codes)}"
    if not case_codes and choice.case is not None:
        return "this criterion has no cases"
    options = criterion.options_of(choice.case)
    if not 1 <= choice.option <= len(options):
        return f"option {choice.option} does not exist; choose 1 to {len(options)}"
    return ""


def evaluate_sheet(sheet: SheetTemplate, given: SheetInput) -> SheetResult:
    problems = validate(sheet, given)
    if problems:
        raise ScoringInputError(problems)
    return _sheet_result(sheet, given)


def _sheet_result(sheet: SheetTemplate, given: SheetInput) -> SheetResult:
    scores = []
    for criterion in sheet.criteria:
        choice = given.choices[criterion.code]
        option = criterion.options_of(choice.case)[choice.option - 1]
        notes = [n for n in dict.fromkeys((criterion.note, option.note)) if n]
        scores.append(
            CriterionScore(
                criterion.code, criterion.name, criterion.part, criterion.section, criterion.max_points,
                Decimal(option.points), option.position, choice.case, option.text, notes,
            )
        )  # fmt: skip
    total = sum((s.points for s in scores), Decimal(0))
    band = sheet.band_for(total)
    stars, unmet = cap_by_markers(sheet, band, [(s.code, s.case, exact(s.points)) for s in scores])
    answers = [Answer(s.code, s.option, s.option_text, s.points) for s in scores]
    found = disqualify.automatic(sheet, answers)
    found += disqualify.listed(sheet, given.disqualifiers, given.disqualified_criteria)
    found = list({d.reason: d for d in found}.values())  # a paragraph listed twice counts once
    reasons = [d.reason for d in found]
    return SheetResult(
        set_number=sheet.set_number,
        member=given.member,
        total=total,
        band_stars=band,
        stars=stars,
        certifiable=sheet.levels.certifiable(stars) and not reasons,
        disqualified=bool(reasons),
        disqualification_reasons=reasons,
        disqualifications=found,
        unmet_markers=unmet,
        parts=subtotals(sheet, {s.code: exact(s.points) for s in scores}),
        criteria=scores,
    )


def cap_by_markers(
    sheet: SheetTemplate, band: int, achieved: list[tuple[str, str | None, Fraction]]
) -> tuple[int, list[UnmetMarker]]:
    """`achieved`: each criterion's (code, case, exact points). An option marked N★ is met by points at least
    its own, compared exactly (a council average of 2.995 does not meet a 3-point marker)."""
    unmet = []
    for code, case, points in achieved:
        criterion = sheet.by_code[code]
        for option in criterion.options_of(case):
            if option.min_star and points < option.points:
                unmet.append(
                    UnmetMarker(option.min_star, code, criterion.name, option.text, option.points, shown(points))
                )
    stars = band
    while stars >= sheet.levels.lowest and any(marker.stars <= stars for marker in unmet):
        stars -= 1
    return stars, unmet


def subtotals(sheet: SheetTemplate, points: dict[str, Fraction]) -> list[Subtotal]:
    parts = []
    for part in sheet.parts:
        exact_sections = [(s, sum((points[c.code] for c in s.criteria), Fraction(0))) for s in part.sections]
        sections = [Subtotal(s.code, s.name, s.max_points, shown(value)) for s, value in exact_sections]
        total = sum((value for _s, value in exact_sections), Fraction(0))
        notes = [part.note] if part.note else []
        parts.append(Subtotal(part.code, part.name, part.max_points, shown(total), sections, notes))
    return parts


def evaluate_council(
    sheet: SheetTemplate, sheets: list[SheetInput], discrepancy_points: float = DEFAULT_DISCREPANCY_POINTS
) -> CouncilResult:
    if not sheets:
        raise ScoringInputError({"sheets": "at least one member's sheet is needed"})
    problems: dict[str, str] = {}
    for index, given in enumerate(sheets, start=1):
        problems.update(validate(sheet, given, where=f"sheet {index}{f' ({given.member})' if given.member else ''}"))
    if not problems:
        for criterion in sheet.criteria:
            cases = {given.choices[criterion.code].case for given in sheets}
            if len(cases) > 1:
                problems[f"council › {criterion.code}"] = "members chose different cases; the council agrees on one"
    if problems:
        raise ScoringInputError(problems)

    members = [_sheet_result(sheet, given) for given in sheets]
    count = len(members)
    average = sum((exact(m.total) for m in members), Fraction(0)) / count  # exact: banded as it is
    averages = {}
    scores = []
    for index, first in enumerate(members[0].criteria):
        averages[first.code] = sum((exact(m.criteria[index].points) for m in members), Fraction(0)) / count
        agreed = len({m.criteria[index].option for m in members}) == 1  # else no single option stands
        scores.append(
            CriterionScore(
                first.code, first.name, first.part, first.section, first.max_points, shown(averages[first.code]),
                first.option if agreed else None, first.case, first.option_text if agreed else "",
                first.notes,
            )
        )  # fmt: skip
    band = sheet.band_for(average)
    stars, unmet = cap_by_markers(sheet, band, [(s.code, s.case, averages[s.code]) for s in scores])
    # Our rule: a majority of the members' sheets, disqualified by their answers or by what the member states.
    # Applying the automatic conditions to the council's own answers adds nothing: an average of 0 needs every
    # member at 0 and an agreed option needs every member to choose it, which is already a majority.
    disqualifying = [m for m in members if m.disqualified]
    disqualified = len(disqualifying) * 2 > len(members)
    found = [d for m in disqualifying for d in m.disqualifications] if disqualified else []
    found = list({d.reason: d for d in found}.values())
    reasons = sorted(d.reason for d in found)
    spread = max(m.total for m in members) - min(m.total for m in members)
    why = []
    if spread > Decimal(str(discrepancy_points)):
        why.append(
            _("totals differ by %(spread)s points (more than %(limit)s)")
            % {"spread": spread, "limit": discrepancy_points}
        )
    if len({m.stars for m in members}) > 1:
        levels = ", ".join(f"{m.member or i + 1}: {m.stars}★" for i, m in enumerate(members))
        why.append(_("members disagree on the star level: %(stars)s") % {"stars": levels})
    if disqualifying and len(disqualifying) < len(members):
        why.append(_("members disagree on disqualification"))
    return CouncilResult(
        set_number=sheet.set_number,
        members=members,
        average_total=shown(average),
        band_stars=band,
        stars=stars,
        certifiable=sheet.levels.certifiable(stars) and not disqualified,
        disqualified=disqualified,
        disqualification_reasons=reasons,
        disqualifications=sorted(found, key=lambda d: d.reason),
        unmet_markers=unmet,
        parts=subtotals(sheet, averages),
        criteria=scores,
        spread=spread,
        discrepancy=bool(why),
        discrepancy_reasons=why,
        propose_to_central_council=sheet.levels.central(stars) and not disqualified,
    )


def shown(value: Fraction) -> Decimal:
    """An exact score as shown: to 0.01, cut down, so it never reads as a higher band than the exact one."""
    return Decimal(math.floor(value * 100)).scaleb(-2)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
