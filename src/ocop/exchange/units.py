"""Finding the commune a row means: by code or by name, ignoring diacritics, case and prefixes ("xã",
"huyện", "TX."), on the map valid at the row's date; "Xã Minh Hưng, Huyện Bù Đăng, Bình Phước" narrows by
the district and province named after it. An ambiguous name is an error that lists the candidates.

A district-level name where a commune belongs ("Huyện Bù Đăng", "Thành phố Đồng Xoài") is an error that lists
the communes it could mean: real records hold such names, and read as a bare name they would match the commune
or ward of the same name ("Xã Bù Đăng" of the new map, "Xã Phú Riềng" of the old one) and misplace the record."""

import datetime
import re
import unicodedata
from collections import defaultdict

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ocop.core.text import fold
from ocop.exchange.values import CellError
from ocop.places.choices import REFORM_DATE, Level, MapVersion, map_at
from ocop.places.models import Succession, Unit

# Folded prefixes of a unit's level; an abbreviation with its dot needs no space ("TP.Đồng Xoài").
PREFIXES = re.compile(
    r"^(?:(?:thanh pho|tp|thi xa|tx|thi tran|tt|huyen|quan|xa|phuong|tinh|dac khu)\s+|(?:tp|tx|tt|h|q|x|p)\.\s*)"
)
DISTRICT_PREFIX = re.compile(r"^(?:(?:thanh pho|tp|thi xa|tx|huyen|quan)\s+|(?:tp|tx|h|q)\.\s*)")
LISTED = 40  # communes named in a message; a district has fewer


def bare(name: str) -> str:
    return PREFIXES.sub("", fold(name)).strip(" .")


class UnitMatcher:
    """Loads the units once per import; each lookup is a dictionary access."""

    def __init__(self, prefixes: list[str] | None = None) -> None:
        self.prefixes = prefixes  # the importer's scope: an ambiguous name is read inside it first
        units = list(Unit.objects.select_related("parent__parent").only(
            "map", "code", "level", "name", "valid_from", "valid_to", "path",
            "parent__name", "parent__parent__name", "parent__level", "parent__parent__level",
        ))  # fmt: skip
        self.by_code: dict[tuple[str, str], Unit] = {(u.map, u.code): u for u in units if u.level == Level.COMMUNE}
        self.by_name: dict[tuple[str, str], list[Unit]] = defaultdict(list)
        for unit in units:
            if unit.level == Level.COMMUNE:
                self.by_name[(unit.map, bare(unit.name))].append(unit)
        self.districts = FormerDistricts(units, prefixes)

    def commune(self, value: object, day: datetime.date) -> Unit:
        raw = str(value or "").strip()
        if not raw:
            raise CellError(_("The commune is missing."))
        chosen_map = map_at(day)
        if raw.isdigit():
            unit = self.by_code.get((chosen_map, raw.zfill(5)))
            if unit is None:
                raise CellError(
                    _("No commune has the code %(code)s on the map of %(day)s.") % {"code": raw, "day": _d(day)}
                )
            return unit
        parts = [bare(p) for p in raw.split(",") if p.strip()]
        first = raw.split(",")[0].strip()
        districts = self.districts.named(first, parts[1:])
        if districts and DISTRICT_PREFIX.match(fold(first)):  # "Huyện Bù Đăng": a district, whatever its namesakes
            raise self.districts.not_a_commune(first, districts, day)
        candidates = self.by_name.get((chosen_map, parts[0]), [])
        for part in parts[1:]:
            candidates = [u for u in candidates if part in {bare(a.name) for a in _ancestors(u)}]
        if not candidates and districts:  # "Bù Đăng" in 2024: no such commune then, but a district
            raise self.districts.not_a_commune(first, districts, day)
        if not candidates:
            other = [u for m in ("legacy", "2025") if m != chosen_map for u in self.by_name.get((m, parts[0]), [])]
            if other:
                raise CellError(
                    _("%(name)s did not exist on %(day)s.") % {"name": raw, "day": _d(day)},
                    _("Rows dated before 01/07/2025 use the three-level map; from then on, the two-level map."),
                )
            raise CellError(
                _("No commune is named “%(name)s”.") % {"name": raw}, _("Check the spelling, or give the code.")
            )
        if len(candidates) > 1:  # "Lộc Thạnh" and "Lộc Thành" fold alike: the accents, when typed, decide
            typed = _exact(raw.split(",")[0])
            accented = [u for u in candidates if _exact(u.name) == typed or _exact(u.name).endswith(" " + typed)]
            candidates = accented or candidates
        if len(candidates) > 1 and self.prefixes:
            inside = [u for u in candidates if any(u.path.startswith(p) for p in self.prefixes)]
            candidates = inside or candidates
        if len(candidates) > 1:
            more = _(" and %(n)s more") % {"n": len(candidates) - 8} if len(candidates) > 8 else ""
            names = "; ".join(
                ", ".join([u.name, *(a.name for a in _ancestors(u))]) + f" ({u.code})" for u in candidates[:8]
            )
            raise CellError(
                _("“%(name)s” is ambiguous.") % {"name": raw},
                _("Add the district and province, or give the code: %(names)s") % {"names": names + more},
            )
        return candidates[0]


class FormerDistricts:
    """The district-level units of the old map by name, with their communes and the communes of the new map
    those became (read from the database once per district, when a row names it)."""

    def __init__(self, units: list[Unit], prefixes: list[str] | None) -> None:
        self.prefixes = prefixes
        self.by_id = {u.pk: u for u in units}
        self.by_path = {u.path: u for u in units}
        self.by_name: dict[str, list[Unit]] = defaultdict(list)
        self.communes: dict[str, list[Unit]] = defaultdict(list)  # district's path → its communes
        for unit in units:
            if unit.map != MapVersion.LEGACY:
                continue
            if unit.level == Level.DISTRICT:
                self.by_name[bare(unit.name)].append(unit)
            elif unit.level == Level.COMMUNE:
                self.communes[unit.path.rsplit("/", 2)[0] + "/"].append(unit)
        self._successors: dict[int, list[Unit]] = {}

    def named(self, first: str, rest: list[str]) -> list[Unit]:
        """The districts a cell's first part names, narrowed by the (bare) names after it, by the accents typed
        and by the importer's scope."""
        found = self.by_name.get(bare(first), [])
        for part in rest:
            found = [d for d in found if part in {bare(a.name) for a in self.ancestors(d)}]
        if len(found) > 1:
            typed = _exact(first)
            found = [d for d in found if _exact(d.name) == typed or _exact(d.name).endswith(" " + typed)] or found
        if len(found) > 1 and self.prefixes:
            inside = [d for d in found if any(d.path.startswith(p) or p.startswith(d.path) for p in self.prefixes)]
            found = inside or found
        return found

    def ancestors(self, unit: Unit) -> list[Unit]:
        parts = unit.path.strip("/").split("/")  # legacy/70/696
        paths = ["/".join(parts[: n + 1]) + "/" for n in range(1, len(parts) - 1)]
        return [self.by_path[p] for p in reversed(paths) if p in self.by_path]

    def full_name(self, unit: Unit) -> str:
        return ", ".join(u.name for u in [unit, *self.ancestors(unit)])

    def not_a_commune(self, typed: str, districts: list[Unit], day: datetime.date, area: bool = False) -> CellError:
        """The error for a district-level name where a commune belongs, with the communes it could mean on the
        row's date: the district's own communes while districts existed, the communes they became after. For an
        area (events, activities: any level), only the latter: a district was an area while it existed."""
        if len(districts) > 1:
            names = "; ".join(f"{self.full_name(d)} ({d.code})" for d in districts[:LISTED])
            return CellError(
                _("“%(name)s” is a district, not a commune.") % {"name": typed},
                _("Write the commune (or its code), with its district and province. Districts of this name: "
                  "%(names)s") % {"names": names},
            )  # fmt: skip
        district = districts[0]
        facts = {"day": _d(day), "district": self.full_name(district)}
        if map_at(day) == MapVersion.LEGACY:
            return CellError(
                _("“%(name)s” is a district, not a commune.") % {"name": typed},
                _("Write the commune (or its code). On %(day)s, %(district)s had: %(names)s")
                % {**facts, "names": _listed(self.communes[district.path])},
            )
        facts["names"] = _listed(self.successors(district))
        if area:
            return CellError(
                _("“%(name)s” was a district; districts were abolished on %(reform)s.")
                % {"name": typed, "reform": _d(REFORM_DATE)},
                _("Write the province, or the commune (or its code). On %(day)s, the area of the former "
                  "%(district)s lies in: %(names)s") % facts,
            )  # fmt: skip
        return CellError(
            _("“%(name)s” is a district, not a commune; districts were abolished on %(reform)s.")
            % {"name": typed, "reform": _d(REFORM_DATE)},
            _("Write the commune (or its code). On %(day)s, the area of the former %(district)s lies in: %(names)s")
            % facts,
        )

    def successors(self, district: Unit) -> list[Unit]:
        if district.pk not in self._successors:
            communes = [c.pk for c in self.communes[district.path]]
            pairs = Succession.objects.filter(predecessor_id__in=communes).values_list("successor_id", flat=True)
            self._successors[district.pk] = [self.by_id[pk] for pk in set(pairs) if pk in self.by_id]
        return self._successors[district.pk]


def _listed(units: list[Unit]) -> str:
    units = sorted(units, key=lambda u: u.code)
    more = _(" and %(n)s more") % {"n": len(units) - LISTED} if len(units) > LISTED else ""
    return "; ".join(f"{u.name} ({u.code})" for u in units[:LISTED]) + more


def _exact(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).lower().split())


def _ancestors(unit: Unit) -> list[Unit]:
    chain, node = [], unit.parent
    while node is not None:
        chain.append(node)
        node = node.parent
    return chain


def _d(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")
