"""Our readings of a decision's irregular printings, and its catalogue of disqualifying conditions, as data.

The criteria file is the law as printed and never changes once in use. Where the print is irregular (an
option above its criterion's maximum, an option or a criterion without points, an ambiguous points cell, a
heading that disagrees with its column), the platform applies a *reading* recorded beside it in
`src/ocop/data/criteria/<file>.readings.json`: what is read, why, and the evidence. The same file catalogues
every disqualifying condition of the sheets with its citation and our judgement: `automatic` (the answers
themselves show it), `assessor` (a member states it) or `none` (considered, not a disqualification).

A sheet whose print is irregular without a recorded reading does not build (`UnreadPrinting`): nothing is
ever capped or guessed silently. See docs/scoring.md.
"""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "criteria"
SCHEMA = 1
OPTION_KINDS = ("max_option_mismatch", "option_without_points")
CRITERION_KINDS = ("criterion_without_options", "ambiguous_points_cell")
PART_KINDS = ("heading_points_mismatch",)
EFFECTS = ("automatic", "assessor", "none")
RULE_KINDS = ("any_zero", "option")


class UnreadPrinting(ValueError):
    """The criteria data and the readings disagree: an irregular printing without a reading, or a reading that
    does not match the print. Every problem at once."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def localised(texts: dict[str, str]) -> str:
    """A {"vi": …, "en": …} text in the reader's language (Vietnamese unless English is asked for)."""
    language = (get_language() or "vi").split("-")[0]
    return texts.get(language) or texts["vi"]


@dataclass(frozen=True)
class Reading:
    id: str
    kind: str
    sets: tuple[int, ...]
    part: str
    criterion: str | None
    option: int | None
    printed: Any
    read_points: int | None = None
    read_max_points: int | None = None
    read_options: tuple[tuple[str, int], ...] = ()
    meets_marker: bool | None = None
    reason: dict[str, str] = field(default_factory=dict, compare=False)
    evidence: dict[str, str] = field(default_factory=dict, compare=False)
    parallels: tuple[tuple[int, str, int], ...] = ()  # (set, criterion, option) printing what we read
    part_total: tuple[str, int] | None = None  # (part, points) that only add up with our reading


@dataclass(frozen=True)
class Citation:
    set_number: int
    location: str | None  # "C > 6 > 6.1"; None for the "Hồ sơ bị loại khi" paragraph
    source: str  # paragraph | note | option
    text: str  # exactly as printed
    option: int | None = None


@dataclass(frozen=True)
class Rule:
    """What in the answers shows an automatic condition: any of `criteria` scored 0 (kind "any_zero"), or one
    of `options` chosen for `criteria[0]` (kind "option")."""

    kind: str
    criteria: tuple[str, ...]
    options: tuple[int, ...] = ()


@dataclass(frozen=True)
class Condition:
    id: str
    effect: str
    judgement: dict[str, str] = field(compare=False)
    citations: tuple[Citation, ...]
    set_number: int | None = None  # automatic conditions apply to one set
    rule: Rule | None = None

    def cites(self, set_number: int) -> tuple[Citation, ...]:
        return tuple(c for c in self.citations if c.set_number == set_number)


@dataclass(frozen=True)
class Readings:
    decision: str
    readings: tuple[Reading, ...] = ()
    conditions: tuple[Condition, ...] = ()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Readings":
        problems = _structure_problems(data)
        if problems:
            raise UnreadPrinting(problems)
        return cls(
            data["decision"],
            tuple(_reading(r) for r in data["readings"]),
            tuple(_condition(c) for c in data["disqualifications"]),
        )

    def of_set(self, set_number: int) -> dict[tuple[str, str | None, int | None], Reading]:
        """This set's readings by (part, criterion, option)."""
        return {(r.part, r.criterion, r.option): r for r in self.readings if set_number in r.sets}

    def conditions_of(self, set_number: int) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if c.cites(set_number))


@cache
def packaged_readings(decision: str) -> Readings:
    """The readings shipped with the platform for a decision number; none (an empty set) if there is no file,
    in which case any irregular printing of that decision's criteria fails loudly."""
    for path in sorted(DATA_DIR.glob("*.readings.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("decision") == decision:
            return Readings.from_json(data)
    return Readings(decision)


def _reading(raw: dict[str, Any]) -> Reading:
    total = raw.get("part_total")
    return Reading(
        id=raw["id"],
        kind=raw["kind"],
        sets=tuple(raw["sets"]),
        part=raw["part"],
        criterion=raw.get("criterion"),
        option=raw.get("option"),
        printed=tuple(raw["printed"]) if isinstance(raw.get("printed"), list) else raw.get("printed"),
        read_points=raw.get("read_points"),
        read_max_points=raw.get("read_max_points"),
        read_options=tuple((o["text"], o["points"]) for o in raw.get("read_options") or ()),
        meets_marker=raw.get("meets_marker"),
        reason=raw["reason"],
        evidence=raw["evidence"],
        parallels=tuple((p["set"], p["criterion"], p["option"]) for p in raw.get("parallels") or ()),
        part_total=(total["part"], total["points"]) if total else None,
    )


def _condition(raw: dict[str, Any]) -> Condition:
    rule = raw.get("rule")
    return Condition(
        id=raw["id"],
        effect=raw["effect"],
        judgement=raw["judgement"],
        citations=tuple(
            Citation(c["set"], c["location"], c["source"], c["text"], c.get("option")) for c in raw["citations"]
        ),
        set_number=raw.get("set"),
        rule=Rule(
            rule["kind"],
            tuple(rule["criteria"]) if "criteria" in rule else (rule["criterion"],),
            tuple(rule.get("options") or ()),
        )
        if rule
        else None,
    )


def _structure_problems(data: Any) -> list[str]:
    """The file's shape: every reading has a known kind, a target of that kind, what it reads, a reason and
    evidence in both languages; every condition an effect, a judgement and citations; automatic ones a rule."""
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA:
        return [f"readings: expected an object with schema_version {SCHEMA}"]
    problems = []
    seen = set()
    for raw in data.get("readings") or []:
        name = raw.get("id", "?")
        problems += [f"reading {name}: duplicate id"] if name in seen else []
        seen.add(name)
        kind = raw.get("kind")
        needs = {
            **dict.fromkeys(OPTION_KINDS, ("criterion", "option", "read_points")),
            "criterion_without_options": ("criterion", "read_options"),
            "ambiguous_points_cell": ("criterion", "read_max_points"),
            "heading_points_mismatch": ("read_max_points",),
        }.get(kind)
        if needs is None:
            problems.append(f"reading {name}: unknown kind {kind!r}")
            continue
        missing = [key for key in ("sets", "part", *needs) if raw.get(key) in (None, [], "")]
        missing += [key for key in ("reason", "evidence") if not {"vi", "en"} <= set(raw.get(key) or {})]
        problems += [f"reading {name}: missing {', '.join(missing)}"] if missing else []
    for raw in data.get("disqualifications") or []:
        name = raw.get("id", "?")
        if raw.get("effect") not in EFFECTS:
            problems.append(f"condition {name}: effect must be one of {', '.join(EFFECTS)}")
        if not raw.get("citations") or not {"vi", "en"} <= set(raw.get("judgement") or {}):
            problems.append(f"condition {name}: needs citations and a judgement in vi and en")
        rule = raw.get("rule")
        if (raw.get("effect") == "automatic") != bool(rule) or (rule and rule.get("kind") not in RULE_KINDS):
            problems.append(f"condition {name}: an automatic condition, and only one, has a rule ({RULE_KINDS})")
        if rule and not raw.get("set"):
            problems.append(f"condition {name}: an automatic condition names its set")
    if "decision" not in data or "readings" not in data or "disqualifications" not in data:
        problems.append("readings: needs decision, readings and disqualifications")
    return problems
