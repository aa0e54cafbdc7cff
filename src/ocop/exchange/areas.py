"""Finding the province, district or commune a row means, at any level (events and activities are held at any
level; units.UnitMatcher reads communes only)."""

import datetime
import unicodedata
from collections import defaultdict

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ocop.core.text import fold
from ocop.exchange import values as v
from ocop.exchange.units import DISTRICT_PREFIX, FormerDistricts, bare
from ocop.places.choices import Level, MapVersion, map_at
from ocop.places.models import Unit

CODE_WIDTH = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}
LEVEL_RANK = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2}


def _d(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _exact(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).lower().split())


class AreaMatcher:
    """A province, district or commune by code or by name on the map of a date (events and activities are held
    at any level; UnitMatcher reads communes only). Codes are told apart by their length (2, 3 or 5 digits).
    A name with its level ("Tỉnh Bình Phước") means that level; a bare name that several units share means the
    largest one ("Bình Phước" is the province, not its namesake communes); names after a comma narrow by the
    district and province; otherwise an ambiguous name is read inside the importer's scope, or is an error. A
    district's name on a date after the districts were abolished is an error, not its namesake commune."""

    def __init__(self, prefixes: list[str] | None) -> None:
        self.prefixes = prefixes
        units = list(Unit.objects.only("map", "code", "level", "name", "path"))
        self.by_path = {u.path: u for u in units}
        self.by_code: dict[tuple[str, str, str], Unit] = {(u.map, u.level, u.code): u for u in units}
        self.by_name: dict[tuple[str, str], list[Unit]] = defaultdict(list)
        for unit in units:
            self.by_name[(unit.map, bare(unit.name))].append(unit)
        self.districts = FormerDistricts(units, prefixes)

    def ancestors(self, unit: Unit) -> list[Unit]:
        parts = unit.path.strip("/").split("/")  # legacy/70/695/25381
        paths = ["/".join(parts[: n + 1]) + "/" for n in range(1, len(parts) - 1)]
        return [self.by_path[p] for p in reversed(paths) if p in self.by_path]

    def full_name(self, unit: Unit) -> str:
        return ", ".join(u.name for u in [unit, *self.ancestors(unit)])

    def unit(self, value: object, day: datetime.date) -> Unit:
        raw = v.text(value)
        chosen_map = map_at(day)
        if raw.isdigit():
            level = Level.PROVINCE if len(raw) <= 2 else Level.DISTRICT if len(raw) == 3 else Level.COMMUNE
            unit = self.by_code.get((chosen_map, level, raw.zfill(CODE_WIDTH[level])))
            if unit is None:
                raise v.CellError(
                    _("No province, district or commune has the code %(code)s on the map of %(day)s.")
                    % {"code": raw, "day": _d(day)}
                )
            return unit
        first, *rest = [part.strip() for part in raw.split(",") if part.strip()]
        candidates = self.by_name.get((chosen_map, bare(first)), [])
        for part in rest:
            candidates = [u for u in candidates if bare(part) in {bare(a.name) for a in self.ancestors(u)}]
        if not candidates:
            if any(self.by_name.get((m, bare(first))) for m in MapVersion.values if m != chosen_map):
                raise v.CellError(
                    _("%(name)s did not exist on %(day)s.") % {"name": raw, "day": _d(day)},
                    _("Rows dated before 01/07/2025 use the three-level map; from then on, the two-level map."),
                )
            raise v.CellError(
                _("No province, district or commune is named “%(name)s”.") % {"name": raw},
                _("Check the spelling, or give the unit's code."),
            )
        if DISTRICT_PREFIX.match(fold(first)) and all(u.level == Level.COMMUNE for u in candidates):
            # "Huyện Bù Đăng" after the reform: the district is gone, and the commune "Xã Bù Đăng" is not it.
            districts = self.districts.named(first, [bare(part) for part in rest])
            if districts:
                raise self.districts.not_a_commune(first, districts, day, area=True)
        named_level = [u for u in candidates if fold(u.name) == fold(first)]  # typed with its level: "Tỉnh …"
        candidates = named_level or candidates
        typed = _exact(first)  # "Lộc Thạnh" and "Lộc Thành" fold alike: the accents, when typed, decide
        accented = [u for u in candidates if _exact(u.name) == typed or _exact(u.name).endswith(" " + typed)]
        candidates = accented or candidates
        if len(candidates) > 1 and bare(first) == fold(first).strip(" ."):  # a bare name: the largest unit
            top = min(LEVEL_RANK[u.level] for u in candidates)
            largest = [u for u in candidates if LEVEL_RANK[u.level] == top]
            candidates = largest if len(largest) == 1 else candidates
        if len(candidates) > 1 and self.prefixes:
            inside = [u for u in candidates if any(u.path.startswith(p) for p in self.prefixes)]
            candidates = inside or candidates
        if len(candidates) > 1:
            more = _(" and %(n)s other units") % {"n": len(candidates) - 8} if len(candidates) > 8 else ""
            names = "; ".join(f"{self.full_name(u)} ({u.code})" for u in candidates[:8])
            raise v.CellError(
                _("Several units are named “%(name)s”.") % {"name": raw},
                _("Add the district and province, or give the unit's code: %(names)s") % {"names": names + more},
            )
        return candidates[0]
