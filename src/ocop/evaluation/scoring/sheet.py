"""A scoresheet as the engine sees it, built from one `scoresheets[]` entry of the criteria file and the
decision's readings (`scoring/readings.py`).

The printed law is applied as printed. Where the print is irregular, the recorded reading is applied and kept
on the option, criterion or part (`reading`, and its `note` in the reader's language), so the blank
scoresheet, every result and the documentation show it. An irregular printing without a reading, or a
reading that does not match the print, stops the build (`UnreadPrinting`): nothing is changed silently.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from ocop.certificates.levels import Levels
from ocop.evaluation.scoring.readings import Condition, Reading, Readings, UnreadPrinting, localised

Exact = int | Decimal | Fraction


def exact(value: Any) -> Fraction:
    """A number as an exact fraction (bands and averages are compared without rounding)."""
    return value if isinstance(value, Fraction) else Fraction(str(value))


@dataclass(frozen=True)
class Band:
    stars: int
    min: Fraction
    below: Fraction | None  # None for the top band

    def contains(self, score: Exact) -> bool:
        return score >= self.min and (self.below is None or score < self.below)


@dataclass(frozen=True)
class Option:
    position: int  # 1-based, as printed (within its case for two-case criteria)
    text: str
    points: int  # what the engine scores: as printed, or as read
    printed_points: int | None
    min_star: int | None
    case: str | None
    reading: Reading | None = None
    note: str = ""  # the reading, in words


@dataclass(frozen=True)
class Criterion:
    """A scorable leaf: a criterion (or sub-criterion) that carries options."""

    code: str
    name: str
    max_points: int
    part: str
    section: str
    options: tuple[Option, ...]
    cases: tuple[tuple[str, str], ...] = ()
    disqualifying_notes: tuple[str, ...] = ()
    reading: Reading | None = None
    note: str = ""
    automatic: tuple[Condition, ...] = ()  # catalogued conditions its answers trigger by themselves

    def options_of(self, case: str | None) -> tuple[Option, ...]:
        return tuple(o for o in self.options if o.case == case)


@dataclass(frozen=True)
class Section:
    code: str
    name: str
    max_points: int
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Part:
    code: str
    name: str
    max_points: int
    sections: tuple[Section, ...]
    reading: Reading | None = None
    note: str = ""


@dataclass(frozen=True)
class SheetTemplate:
    """The criteria, bands and conditions of one product set as the engine reads them: the blank form a
    member fills in (not the `evaluation.Scoresheet` model, which stores one member's filled-in sheet)."""

    set_number: int
    set_name: str
    parts: tuple[Part, ...]
    bands: tuple[Band, ...]
    levels: Levels  # who recognises each star level: the regime's, so certifiable and central are read, not set
    disqualifiers: tuple[str, ...] = ()
    conditions: tuple[Condition, ...] = ()  # every catalogued disqualifying condition citing this set
    by_code: dict[str, Criterion] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_json(
        cls,
        data: dict[str, Any],
        bands: list[dict[str, Any]] | tuple[Band, ...],
        readings: Readings,
        warnings: Iterable[dict[str, Any]] = (),
        *,
        deciding_levels: Mapping[str, str],
    ) -> "SheetTemplate":
        """`readings`: the decision's readings; `warnings`: the criteria file's `extraction_warnings` (those
        of severity "scoring" for this set must each be met by a reading); `deciding_levels`: the regime's
        (`Regime.deciding_levels`, who recognises each star level)."""
        number = data["set_number"]
        conditions = readings.conditions_of(number)
        builder = _Builder(number, readings, conditions)
        parts = tuple(builder.part(p) for p in data["parts"])
        sheet = cls(
            set_number=number,
            set_name=data["set_name"],
            parts=parts,
            bands=tuple(b if isinstance(b, Band) else _band(b) for b in bands),
            levels=Levels.from_json(deciding_levels),
            disqualifiers=tuple(data.get("disqualifiers") or ()),
            conditions=conditions,
        )
        sheet.by_code.update({c.code: c for p in parts for s in p.sections for c in s.criteria})
        builder.check_warnings(w for w in warnings if w.get("set_number") == number and w["severity"] == "scoring")
        builder.check_rules(sheet)
        builder.finish()
        return sheet

    @property
    def criteria(self) -> list[Criterion]:
        return list(self.by_code.values())

    @property
    def readings(self) -> list[tuple[Reading, str]]:
        """The readings applied to this sheet with their notes, in the order of the sheet."""
        found: list[Part | Criterion | Option] = []
        for part in self.parts:
            found.append(part)
            for criterion in (c for s in part.sections for c in s.criteria):
                found += [criterion, *criterion.options]
        return [(x.reading, x.note) for x in found if x.reading is not None]

    @property
    def automatic(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if c.effect == "automatic" and c.set_number == self.set_number)

    def band_for(self, score: Exact) -> int:
        """The band of an exact score (never rounded first: 69.995 is below 70)."""
        value = exact(score)
        return next((b.stars for b in self.bands if b.contains(value)), min(b.stars for b in self.bands))


def _band(raw: dict[str, Any]) -> Band:
    return Band(raw["stars"], exact(raw["min"]), None if raw["below"] is None else exact(raw["below"]))


class _Builder:
    """Builds one sheet's parts, applying its readings and collecting every mismatch."""

    def __init__(self, set_number: int, readings: Readings, conditions: tuple[Condition, ...]) -> None:
        self.set_number = set_number
        self.readings = readings.of_set(set_number)
        self.automatic = [c for c in conditions if c.effect == "automatic" and c.set_number == set_number]
        self.used: set[str] = set()
        self.problems: list[str] = []

    def take(self, part: str, criterion: str | None, option: int | None, kind: str, printed: Any) -> Reading | None:
        """The reading recorded for an irregular printing, or None and a problem."""
        target = [part, *([criterion] if criterion else []), *([f"option {option}"] if option else [])]
        where = f"set {self.set_number}, {' > '.join(target)}"
        reading = self.readings.get((part, criterion, option))
        if reading is None:
            self.problems.append(f"{where}: irregular printing ({kind}, printed {printed!r}), no recorded reading")
            return None
        if reading.kind != kind or reading.printed != printed:
            self.problems.append(
                f"{where}: reading {reading.id} is for {reading.kind} printed {reading.printed!r}, "
                f"but the print is {kind} {printed!r}"
            )
            return None
        self.used.add(reading.id)
        return reading

    def part(self, data: dict[str, Any]) -> Part:
        sections = tuple(self.section(data["code"], s) for s in data["sections"])
        heading = data.get("heading_points")
        if heading is None or heading == data["max_points"]:
            return Part(data["code"], data["name"], data["max_points"], sections)
        reading = self.take(data["code"], None, None, "heading_points_mismatch", heading)
        maximum = reading.read_max_points if reading and reading.read_max_points is not None else data["max_points"]
        return Part(data["code"], data["name"], maximum, sections, reading, _note(reading) if reading else "")

    def section(self, part: str, data: dict[str, Any]) -> Section:
        leaves: list[Criterion] = []
        inherited = tuple(data["notes"]) if data.get("disqualifying_note") else ()
        for criterion in data["criteria"]:
            leaves.extend(self.leaves(part, data["code"], criterion, inherited))
        return Section(data["code"], data["name"], data["max_points"], tuple(leaves))

    def leaves(self, part: str, section: str, data: dict[str, Any], inherited: tuple[str, ...]) -> list[Criterion]:
        notes = inherited + (tuple(data["notes"]) if data.get("disqualifying_note") else ())
        if data["sub_criteria"]:
            return [leaf for sub in data["sub_criteria"] for leaf in self.leaves(part, section, sub, notes)]
        code, maximum = data["code"], data["max_points"]
        reading = self.readings.get((part, code, None))
        if reading is not None and reading.kind == "ambiguous_points_cell":
            maximum = reading.read_max_points  # the cell's printing comes from the warnings, checked there
        options: list[Option] = []
        if data["options"]:
            positions: dict[str | None, int] = {}
            for raw in data["options"]:
                positions[raw["case"]] = positions.get(raw["case"], 0) + 1
                options.append(self.option(part, code, raw, positions[raw["case"]], maximum))
        else:
            reading = self.take(part, code, None, "criterion_without_options", None)
            for position, (text, points) in enumerate(reading.read_options if reading else (), start=1):
                options.append(Option(position, text, points, None, None, None))
            if reading and max(points for _text, points in reading.read_options) != maximum:
                self.problems.append(f"set {self.set_number}, {part} > {code}: reading {reading.id} misses the maximum")
        cases = tuple((c["code"], c["name"]) for c in data.get("cases") or ())
        options = [self.check_marker(o, options) for o in options]
        note = _note(reading) if reading else ""
        automatic = tuple(c for c in self.automatic if c.rule is not None and code in c.rule.criteria)
        return [
            Criterion(
                code, data["name"], maximum, part, section, tuple(options), cases, notes, reading, note, automatic
            )
        ]

    def option(self, part: str, code: str, raw: dict[str, Any], position: int, maximum: int) -> Option:
        printed = raw["points"]
        made = Option(position, raw["text"], printed, printed, raw["min_star"], raw["case"])
        if printed is not None and printed <= maximum:
            return made
        kind = "option_without_points" if printed is None else "max_option_mismatch"
        reading = self.take(part, code, position, kind, printed)
        if reading is None:
            return Option(position, raw["text"], 0, printed, raw["min_star"], raw["case"])
        points = reading.read_points
        assert points is not None  # an option's reading states its points (readings.py checks it on loading)
        if not 0 <= points <= maximum:
            self.problems.append(f"set {self.set_number}, {part} > {code}: reading {reading.id} exceeds {maximum}")
        return Option(position, raw["text"], points, printed, raw["min_star"], raw["case"], reading)

    def check_marker(self, option: Option, options: list[Option]) -> Option:
        """A reading states whether its option meets the criterion's star markers; the engine's marker rule
        (an option scoring at least as much as the marked one meets it) must agree."""
        if option.reading is None:
            return option
        marked = [o for o in options if o.case == option.case and o.min_star and o is not option]
        missed = sorted({o.min_star for o in marked if o.min_star and option.points < o.points})
        expected = None if not marked else not missed
        if option.reading.meets_marker != expected:
            self.problems.append(
                f"set {self.set_number}: reading {option.reading.id} says meets_marker "
                f"{option.reading.meets_marker}, the markers say {expected}"
            )
        return replace(option, note=_note(option.reading, missed))

    def check_warnings(self, warnings: Iterable[dict[str, Any]]) -> None:
        for warning in warnings:
            segments = [s.strip() for s in (warning.get("location") or "").split(">")]
            target = (segments[0], segments[-1] if len(segments) > 1 else None)
            found = [r for (p, c, _o), r in self.readings.items() if (p, c) == target and r.kind == warning["kind"]]
            where = f"set {self.set_number}, {warning['location']}"
            if not found:
                self.problems.append(f"{where}: {warning['message']} — no reading")
            elif "printed" in warning and tuple(warning["printed"]) != found[0].printed:
                self.problems.append(f"{where}: reading {found[0].id} does not match the print {warning['printed']}")
            else:
                self.used.update(r.id for r in found)

    def check_rules(self, sheet: SheetTemplate) -> None:
        """An automatic condition must be able to fire: its criteria and options exist, and "any_zero" criteria
        have a 0-point option."""
        for condition in sheet.automatic:
            rule = condition.rule
            if rule is None:  # automatic conditions carry their rule
                continue
            for code in rule.criteria:
                criterion = sheet.by_code.get(code)
                positions = {o.position for o in criterion.options} if criterion else set()
                zero = criterion is not None and any(o.points == 0 for o in criterion.options)
                if criterion is None or (rule.kind == "any_zero" and not zero) or not set(rule.options) <= positions:
                    self.problems.append(f"set {self.set_number}: condition {condition.id} cannot apply to {code}")

    def finish(self) -> None:
        unused = sorted({r.id for r in self.readings.values()} - self.used)
        self.problems += [f"set {self.set_number}: reading {name} matches nothing printed" for name in unused]
        if self.problems:
            raise UnreadPrinting(list(dict.fromkeys(self.problems)))


def _note(reading: Reading, missed: list[int] | None = None) -> str:
    """The reading in words: what is printed, what we read, whether the star markers are met, why, evidence."""
    values = {"printed": _printed(reading.printed), "read": reading.read_points}
    headline = {
        "max_option_mismatch": _("Printed with %(printed)s points, read as %(read)s."),
        "option_without_points": _("Printed without points, read as %(read)s."),
        "criterion_without_options": _("Printed without options, read as: %(options)s."),
        "ambiguous_points_cell": _("The points cell prints %(printed)s; the maximum is read as %(max)s."),
        "heading_points_mismatch": _("The heading prints %(printed)s points; read as %(max)s."),
    }[reading.kind]
    values["max"] = reading.read_max_points
    values["options"] = "; ".join(
        f"{position}. {text} = {points}" for position, (text, points) in enumerate(reading.read_options, start=1)
    )
    parts = [_("Our reading (%(id)s):") % {"id": reading.id}, headline % values]
    if missed:
        parts.append(_("It does not meet the %(stars)s★ requirement.") % {"stars": "★, ".join(map(str, missed))})
    elif reading.meets_marker:
        parts.append(_("It meets the criterion's star requirement."))
    parts += [localised(reading.reason), _("Evidence: %(evidence)s") % {"evidence": localised(reading.evidence)}]
    return " ".join(parts)


def _printed(value: Any) -> str:
    return " / ".join(f"“{v}”" for v in value) if isinstance(value, tuple) else str(value)
