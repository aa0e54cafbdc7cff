"""Read questions about the map: which unit a code means on a date, what lies under it."""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import Q
from django.utils import timezone

from ocop.places.choices import Level, MapVersion, map_at
from ocop.places.models import Succession, Unit


def find_unit(code: str, *, at: datetime.date | None = None, map: str | None = None) -> Unit | None:
    """The unit with this official code on the given map, else on the map valid at `at` (default today).

    A code that exists only on the other map still resolves (code 70, Bình Phước, asked for today), so
    old references keep working; the result's `map` says which one it is.
    """
    code = code.strip()
    if ":" in code:  # a key such as "legacy:70"
        map, code = code.split(":", 1)
    candidates = list(Unit.objects.filter(code=code).select_related("parent__parent"))
    if map:
        return next((u for u in candidates if u.map == map), None)
    preferred = map_at(at or timezone.localdate())
    candidates.sort(key=lambda unit: unit.map != preferred)
    return candidates[0] if candidates else None


def scope_prefixes(unit: Unit) -> list[str]:
    """Path prefixes of the records that belong to `unit`, across maps.

    Records keep the unit they were made with, so a unit on the new map also covers the old units that
    became it (Đồng Nai 2025 covers old Bình Phước and old Đồng Nai). An old unit split between several
    new ones is covered by each of them.
    """
    if unit.level == Level.COUNTRY:  # the whole country: both maps
        return [f"{the_map}/" for the_map in MapVersion.values]
    prefixes = [unit.path]
    if unit.map == MapVersion.V2025:
        prefixes += [
            path
            for path in Unit.objects.filter(successions_out__successor=unit, level=unit.level).values_list(
                "path", flat=True
            )
        ]
    return prefixes


def scope_prefixes_of(units: Iterable[Unit]) -> dict[int, list[str]]:
    """`scope_prefixes` of several units at once (one query whatever their number): each unit's pk → its
    prefixes, by the same rule."""
    units = list(units)
    result = {u.pk: (scope_prefixes(u) if u.level == Level.COUNTRY else [u.path]) for u in units}
    new = [u for u in units if u.map == MapVersion.V2025 and u.level != Level.COUNTRY]
    by_level = {u.pk: u.level for u in new}
    olds = Unit.objects.filter(successions_out__successor__in=new).values_list(
        "successions_out__successor_id", "level", "path"
    )
    for successor_id, level, path in olds:
        if level == by_level[successor_id]:
            result[successor_id].append(path)
    return result


def province_prefixes(commune_id: int) -> list[str]:
    """A producer's province on both maps (a producer account's province in the rights table, which reads it
    through core/rights/units.py): a producer still registered on an old-map commune lives in the province
    that became (the provincial fair of 2026 is placed on the new map)."""
    commune = Unit.objects.select_related("parent__parent").get(pk=commune_id)  # one query, not three
    province = commune.ancestors()[0] if commune.parent_id else commune
    provinces = [province]
    if province.map == MapVersion.LEGACY:
        provinces += Unit.objects.filter(successions_in__predecessor=province, level=Level.PROVINCE)
    return sorted({prefix for unit in provinces for prefix in scope_prefixes(unit)})


def path_filter(field: str, prefixes: list[str]) -> Q:
    """Q matching rows whose unit (reached through `field`, e.g. "commune") lies under any prefix."""
    query = Q(pk__in=[])
    for prefix in prefixes:
        query |= Q(**{f"{field}__path__startswith": prefix})
    return query


TYPE_PREFIX = re.compile(r"^(Tỉnh|Thành phố|Huyện|Thị xã|Quận|Xã|Phường|Thị trấn|Đặc khu) ", re.IGNORECASE)


def bare_name(unit: Unit) -> str:
    """The name without its type, as the place line of a document writes it ("Đồng Nai, ngày …")."""
    return TYPE_PREFIX.sub("", unit.name)


def in_sentence(unit: Unit) -> str:
    """The name inside a sentence: the type in lower case ("Chủ tịch UBND thành phố Đồng Nai")."""
    return unit.name[:1].lower() + unit.name[1:]


def joined(names: list[str] | tuple[str, ...]) -> str:
    """ "A, B và C"."""
    return " và ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def _chain(unit: Unit) -> list[Unit]:
    """The unit and its parents, from the unit up to the province."""
    return [unit, *reversed(unit.ancestors())]


@dataclass(frozen=True)
class Address:
    """A place as a document dated `day` names it: on the map valid that day, with the former names where
    the map changed in between (Xã Phú Nghĩa, Thành phố Đồng Nai — trước đây: Xã Đức Hạnh, Huyện Bù Gia Mập,
    Tỉnh Bình Phước). Records keep the unit they were made with (`recorded`); this translates it."""

    day: datetime.date
    recorded: Unit
    unit: Unit  # the recorded unit on the map of `day`
    alternatives: tuple[Unit, ...] = ()  # other units of that map a divided old unit went to
    former: str = ""  # the names of the other map that differ, for recognition
    former_districts: tuple[str, ...] = ()  # the three-level map's districts the place lay in
    street: str = ""

    @property
    def province(self) -> Unit:
        return _chain(self.unit)[-1]

    @property
    def district(self) -> Unit | None:
        return next((u for u in _chain(self.unit) if u.level == Level.DISTRICT), None)

    @property
    def name(self) -> str:
        """Street, commune (district) and province on the map of the day."""
        first, *rest = _chain(self.unit)
        here = first.name
        if self.alternatives:  # an old commune divided between new ones: the record does not say which
            here = " hoặc ".join(u.name for u in (self.unit, *self.alternatives))
        return ", ".join(part for part in [self.street, here, *(u.name for u in rest)] if part)

    @property
    def former_district(self) -> str:
        return joined(self.former_districts)

    def __str__(self) -> str:
        return f"{self.name} (trước đây: {self.former})" if self.former else self.name


def addresses_on(unit_ids: Iterable[int], day: datetime.date) -> dict[int, Address]:
    """Each unit as named on the map valid on `day` (two queries whatever the number of units).

    A unit of the old map becomes the new unit it went to (a divided commune names each candidate); a unit of
    the new map asked for a day before the reform becomes its old unit when it had exactly one, and stays as
    recorded otherwise. The former names are the other map's names that differ from the day's ones.
    """
    the_map = map_at(day)
    ids = set(unit_ids)
    units = {u.pk: u for u in Unit.objects.filter(pk__in=ids).select_related("parent__parent")}
    pairs = (
        Succession.objects.filter(Q(predecessor_id__in=ids) | Q(successor_id__in=ids))
        .select_related("predecessor__parent__parent", "successor__parent__parent")
        .order_by("successor__code", "predecessor__code")
    )
    successors: dict[int, list[Unit]] = {}
    predecessors: dict[int, list[Unit]] = {}
    for pair in pairs:
        successors.setdefault(pair.predecessor_id, []).append(pair.successor)
        predecessors.setdefault(pair.successor_id, []).append(pair.predecessor)
    result = {}
    for pk, unit in units.items():
        if unit.map == the_map:
            result[pk] = _as_recorded(day, unit, predecessors.get(pk, []))
        elif unit.map == MapVersion.LEGACY:
            result[pk] = _moved_on(day, unit, successors.get(pk, []))
        else:
            olds = predecessors.get(pk, [])
            result[pk] = _moved_back(day, unit, olds[0]) if len(olds) == 1 else Address(day, unit, unit)
    return result


def address_on(unit: Unit, day: datetime.date, street: str = "") -> Address:
    return replace(addresses_on([unit.pk], day)[unit.pk], street=street)


def _as_recorded(day: datetime.date, unit: Unit, olds: list[Unit]) -> Address:
    """A unit of the day's map; on the new map, the old districts and province it was formed from."""
    if unit.map != MapVersion.V2025 or not olds:
        return Address(day, unit, unit)
    districts = list(dict.fromkeys(u.name for old in olds for u in _chain(old) if u.level == Level.DISTRICT))
    provinces = list(dict.fromkeys(_chain(old)[-1].name for old in olds))
    own = _chain(unit)[-1].name
    former = ", ".join(part for part in [joined(districts), joined([p for p in provinces if p != own])] if part)
    return Address(day, unit, unit, former=former, former_districts=tuple(districts))


def _moved_on(day: datetime.date, unit: Unit, news: list[Unit]) -> Address:
    if not news:  # no recorded successor: it stays what it was
        return Address(day, unit, unit)
    new_names = {u.name for new in news for u in _chain(new)}
    old_chain = _chain(unit)
    former = ", ".join(u.name for u in old_chain if u.name not in new_names or u.level == Level.DISTRICT)
    districts = tuple(u.name for u in old_chain if u.level == Level.DISTRICT)
    return Address(day, unit, news[0], tuple(news[1:]), former, districts)


def _moved_back(day: datetime.date, unit: Unit, old: Unit) -> Address:
    """A new-map unit named on a day before the reform: its one old unit (the new name did not exist yet)."""
    districts = tuple(u.name for u in _chain(old) if u.level == Level.DISTRICT)
    return Address(day, unit, old, former_districts=districts)
