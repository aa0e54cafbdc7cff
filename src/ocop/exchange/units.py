"""Finding the commune a row means: by code or by name, ignoring diacritics, case and prefixes ("xã",
"huyện", "TX."), on the map valid at the row's date; "Xã Minh Hưng, Huyện Bù Đăng, Bình Phước" narrows by
the district and province named after it. An ambiguous name is an error that lists the candidates."""

import datetime
import re
import unicodedata
from collections import defaultdict

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ocop.core.text import fold
from ocop.exchange.values import CellError
from ocop.places.choices import Level, map_at
from ocop.places.models import Unit

PREFIXES = re.compile(
    r"^(thanh pho|tp\.?|thi xa|tx\.?|thi tran|tt\.?|huyen|h\.|quan|q\.|xa|x\.|phuong|p\.|tinh|dac khu)\s+"
)


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
        candidates = self.by_name.get((chosen_map, parts[0]), [])
        for part in parts[1:]:
            candidates = [u for u in candidates if part in {bare(a.name) for a in _ancestors(u)}]
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
