"""Choosing an administrative unit by name, never by code: labels that carry the old and the new names, a
search over both, and reading back what a picker sent (a label, typed words, or a code from a link).

A new commune is labelled with what it was made of ("Xã Đồng Phú, Tỉnh Đồng Nai (trước đây: Thị trấn Tân Phú,
Xã Tân Lập, Xã Tân Tiến thuộc Huyện Đồng Phú)"), an old one with when it ended and what it became, so a person
who knows either name finds the unit. Where the choice is offered depends on the page: each kind of list of
candidates is a named *source* (`register_source`) that the search endpoint rebuilds for the signed-in person,
so the endpoint never offers what the page would refuse.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ocop.core.text import fold
from ocop.core.types import RequestUser
from ocop.places.choices import Level, MapVersion
from ocop.places.models import Succession, Unit, UnitQuerySet

LIMIT = 20  # options shown at once: enough to scan, few enough to read; more words narrow it down
NAMES_SHOWN = 8  # former names listed in a label before "…"
# Longer than any label (a name, its parents and eight former names): such text names no unit. It is not sent to
# the database, which may refuse it (SQLite: a LIKE pattern over 50,000 bytes is "too complex", a 500).
MAX_TYPED = 1000

# (user, the request's GET parameters) → the units that may be chosen
Source = Callable[[RequestUser, Mapping[str, str] | None], UnitQuerySet]
SOURCES: dict[str, Source] = {}


def register_source[S: Source](name: str) -> Callable[[S], S]:
    """Name a list of candidates; the page's field and the search endpoint both ask for it by this name."""

    def decorator(function: S) -> S:
        SOURCES[name] = function
        return function

    return decorator


@register_source("scope")
def units_in_scope(user: RequestUser, params: Mapping[str, str] | None = None) -> UnitQuerySet:
    """Every unit of either map within the person's scope (everything for the system administrator)."""
    from ocop.core import rights

    prefixes = rights.prefixes(user)
    return Unit.objects.all() if prefixes is None else Unit.objects.under_any(prefixes)


@register_source("communes")
def communes_in_scope(user: RequestUser, params: Mapping[str, str] | None = None) -> UnitQuerySet:
    return units_in_scope(user).filter(level=Level.COMMUNE)


@register_source("provinces")
def provinces_in_scope(user: RequestUser, params: Mapping[str, str] | None = None) -> UnitQuerySet:
    return units_in_scope(user).filter(level=Level.PROVINCE)


def _day(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _names(units: list[Unit]) -> str:
    names = [u.name for u in units[:NAMES_SHOWN]]
    return ", ".join(names) + (", …" if len(units) > NAMES_SHOWN else "")


def _formerly(predecessors: list[Unit]) -> str:
    """Old units grouped by their old parent: "Xã Tân Lập, Xã Tân Tiến thuộc Huyện Đồng Phú"."""
    by_parent: dict[str, list[Unit]] = defaultdict(list)
    for unit in predecessors:
        by_parent[unit.parent.name if unit.level == Level.COMMUNE and unit.parent is not None else ""].append(unit)
    parts = [
        _("%(units)s of %(parent)s") % {"units": _names(units), "parent": parent} if parent else _names(units)
        for parent, units in by_parent.items()
    ]
    return "; ".join(parts)


def labels(units: Iterable[Unit]) -> dict[int, str]:
    """Each unit's label in the active language: its name and its parents', then, for a unit of the new map,
    the units of the old map it was made of, and for an old unit, the day it ended and what it became.
    Two queries for any number of units (their parents should come with them: select_related)."""
    units = list(units)
    before: dict[int, list[Unit]] = defaultdict(list)
    after: dict[int, list[Unit]] = defaultdict(list)
    same_level = Q(predecessor__level=F("successor__level"))
    new_ids = [u.pk for u in units if u.map == MapVersion.V2025]
    old_ids = [u.pk for u in units if u.map == MapVersion.LEGACY]
    if new_ids:
        for s in (
            Succession.objects.filter(same_level, successor_id__in=new_ids)
            .select_related("predecessor__parent")
            .order_by("predecessor__parent__name", "predecessor__name")
        ):
            before[s.successor_id].append(s.predecessor)
    if old_ids:
        for s in (
            Succession.objects.filter(same_level, predecessor_id__in=old_ids)
            .select_related("successor")
            .order_by("successor__name")
        ):
            after[s.predecessor_id].append(s.successor)
    result = {}
    for unit in units:
        notes = []
        if before.get(unit.pk):
            notes.append(_("formerly: %(names)s") % {"names": _formerly(before[unit.pk])})
        if unit.valid_to is not None:
            notes.append(_("until %(day)s") % {"day": _day(unit.valid_to)})
        if after.get(unit.pk):
            notes.append(_("now: %(names)s") % {"names": _names(after[unit.pk])})
        result[unit.pk] = unit.full_name() + (f" ({'; '.join(notes)})" if notes else "")
    return result


def label(unit: Unit) -> str:
    return labels([unit])[unit.pk]


LEVEL_RANK = Case(
    *(When(level=level, then=Value(rank)) for rank, level in enumerate(Level.values)), output_field=IntegerField()
)


def _word(field: str, word: str) -> Q:
    """`word` begins a word of the folded name: "lap" finds "tan lap", not "dap"; typing "dong ph" works."""
    return Q(**{f"{field}__startswith": word}) | Q(**{f"{field}__contains": f" {word}"})


def search(text: str, candidates: QuerySet[Unit], limit: int = LIMIT) -> list[Unit]:
    """Candidates whose name holds every typed word (each may also be in the parent's name: "tan lap dong phu"),
    or whose former units' names do — diacritics and case ignored ("tan lap" finds old Xã Tân Lập and Xã Đồng
    Phú, which it became part of). The whole phrase in the unit's own name first, then all its words, then
    the rest; larger units before smaller, the new map before the old."""
    if len(text) > MAX_TYPED:
        return []
    words = fold(text).split()
    qs = candidates
    if words:
        own, around, former = Q(), Q(), Q()
        for word in words:
            own &= _word("search_text", word)
            around &= _word("search_text", word) | _word("parent__search_text", word)
            former &= _word("predecessor__search_text", word)
        made_of = Succession.objects.filter(former, predecessor__level=F("successor__level")).values("successor")
        rank = Case(
            When(search_text__contains=" ".join(words), then=Value(0)),
            When(own, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        qs = qs.filter(around | Q(pk__in=made_of)).annotate(match_rank=rank)
        order = ["match_rank", "level_rank", "map", "name", "path"]  # "2025" sorts before "legacy"
    else:
        order = ["level_rank", "map", "name", "path"]
    qs = qs.annotate(level_rank=LEVEL_RANK).select_related("parent__parent").order_by(*order)
    return list(qs[:limit])


@dataclass
class Reading:
    """What a picker's value means: one unit, or the units it could mean (none: nothing matched)."""

    unit: Unit | None = None
    matches: list[Unit] = field(default_factory=list)


def read(text: str, candidates: QuerySet[Unit]) -> Reading:
    """A label (as the picker shows it) or typed words, among `candidates`. A key ("2025:25363") names one
    unit exactly: the picker's "which one?" choices send keys."""
    text = text.strip()
    if not text:
        return Reading()
    if ":" in text and " " not in text:
        map_, _sep, code = text.partition(":")
        unit = candidates.filter(map=map_, code=code).select_related("parent__parent").first()
        return Reading(unit=unit)
    # A label: "<name>, <parents> (<notes>)" — the name and its parents identify the unit on either map.
    named = text.split(" (", 1)[0]
    parts = [fold(part) for part in named.split(",")]
    exact = list(candidates.filter(search_text=parts[0]).select_related("parent__parent")[: LIMIT + 1])
    if len(parts) > 1:
        exact = [u for u in exact if fold(u.full_name()).startswith(fold(named))]
    if len(exact) == 1:
        return Reading(unit=exact[0])
    if len(exact) > 1:
        return Reading(matches=exact[:LIMIT])
    found = search(text, candidates, limit=LIMIT + 1)
    return Reading(unit=found[0]) if len(found) == 1 else Reading(matches=found[:LIMIT])


def problem(text: str, reading: Reading) -> str:
    """The message for a value that names no single unit (in the active language)."""
    if reading.matches:
        return _("Several units match “%(text)s”: choose one of them.") % {"text": text[:80]}
    return _("No administrative unit you may choose is called “%(text)s”.") % {"text": text[:80]}
