"""A scoresheet as the engine sees it, built from one `scoresheets[]` entry of the criteria file.

Where the printed law is incomplete, the sheet applies a documented handling (docs/scoring.md) and keeps
a note on the option or criterion, so the UI and every result can show it; nothing is changed silently.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

# Our handling of the printed law's gaps: one place, named, shown in the UI's help and in results
# (in the reader's language: Django's gettext needs no database).


def note_no_options() -> str:
    return _(
        "Printed without options; scored as yes/no: option 1 = not met (0 points), option 2 = met "
        "(the criterion's maximum)."
    )


def note_no_points() -> str:
    return _("Printed without points; scored 0 (other sets print the same option with 0).")


def note_above_max(printed: int | str, maximum: int | str) -> str:
    return _("Printed with %(printed)s points, above the criterion's maximum of %(max)s; scored %(max)s.") % {
        "printed": printed,
        "max": maximum,
    }


@dataclass(frozen=True)
class Band:
    stars: int
    min: float
    below: float | None  # None for the top band

    def contains(self, score: float) -> bool:
        return score >= self.min and (self.below is None or score < self.below)


@dataclass(frozen=True)
class Option:
    position: int  # 1-based, as printed (within its case for two-case criteria)
    text: str
    points: int  # what the engine scores
    printed_points: int | None
    min_star: int | None
    case: str | None
    note: str = ""


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
    note: str = ""

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


@dataclass(frozen=True)
class Scoresheet:
    set_number: int
    set_name: str
    parts: tuple[Part, ...]
    bands: tuple[Band, ...]
    disqualifiers: tuple[str, ...] = ()
    by_code: dict[str, Criterion] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any], bands: list[dict[str, Any]] | tuple[Band, ...]) -> "Scoresheet":
        parts = tuple(_part(p) for p in data["parts"])
        sheet = cls(
            set_number=data["set_number"],
            set_name=data["set_name"],
            parts=parts,
            bands=tuple(b if isinstance(b, Band) else Band(b["stars"], b["min"], b["below"]) for b in bands),
            disqualifiers=tuple(data.get("disqualifiers") or ()),
        )
        sheet.by_code.update({c.code: c for p in parts for s in p.sections for c in s.criteria})
        return sheet

    @property
    def criteria(self) -> list[Criterion]:
        return list(self.by_code.values())

    def band_for(self, score: float) -> int:
        return next((b.stars for b in self.bands if b.contains(score)), min(b.stars for b in self.bands))


def _part(data: dict[str, Any]) -> Part:
    sections = tuple(_section(data["code"], s) for s in data["sections"])
    return Part(data["code"], data["name"], data["max_points"], sections)


def _section(part: str, data: dict[str, Any]) -> Section:
    leaves: list[Criterion] = []
    inherited = tuple(data["notes"]) if data.get("disqualifying_note") else ()
    for criterion in data["criteria"]:
        leaves.extend(_leaves(part, data["code"], criterion, inherited))
    return Section(data["code"], data["name"], data["max_points"], tuple(leaves))


def _leaves(part: str, section: str, data: dict[str, Any], inherited: tuple[str, ...]) -> list[Criterion]:
    notes = inherited + (tuple(data["notes"]) if data.get("disqualifying_note") else ())
    if data["sub_criteria"]:
        return [leaf for sub in data["sub_criteria"] for leaf in _leaves(part, section, sub, notes)]
    maximum = data["max_points"]
    note = ""
    if data["options"]:
        options = []
        positions: dict[str | None, int] = {}
        for raw in data["options"]:
            positions[raw["case"]] = positions.get(raw["case"], 0) + 1
            options.append(_option(raw, positions[raw["case"]], maximum))
    else:
        note = note_no_options()
        options = [
            Option(1, "Không đạt", 0, None, None, None, note_no_options()),
            Option(2, "Đạt", maximum, None, None, None, note_no_options()),
        ]
    cases = tuple((c["code"], c["name"]) for c in data.get("cases") or ())
    return [Criterion(data["code"], data["name"], maximum, part, section, tuple(options), cases, notes, note)]


def _option(raw: dict[str, Any], position: int, maximum: int) -> Option:
    printed = raw["points"]
    if printed is None:
        return Option(position, raw["text"], 0, None, raw["min_star"], raw["case"], note_no_points())
    if printed > maximum:
        note = note_above_max(printed, maximum)
        return Option(position, raw["text"], maximum, printed, raw["min_star"], raw["case"], note)
    return Option(position, raw["text"], printed, printed, raw["min_star"], raw["case"])
