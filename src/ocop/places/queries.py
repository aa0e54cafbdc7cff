"""Read questions about the map: which unit a code means on a date, what lies under it."""

import datetime

from django.db.models import Q

from ocop.places.choices import MapVersion, map_at
from ocop.places.models import Unit


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
    preferred = map_at(at or datetime.date.today())
    candidates.sort(key=lambda unit: unit.map != preferred)
    return candidates[0] if candidates else None


def scope_prefixes(unit: Unit) -> list[str]:
    """Path prefixes of the records that belong to `unit`, across maps.

    Records keep the unit they were made with, so a unit on the new map also covers the old units that
    became it (Đồng Nai 2025 covers old Bình Phước and old Đồng Nai). An old unit split between several
    new ones is covered by each of them.
    """
    prefixes = [unit.path]
    if unit.map == MapVersion.V2025:
        prefixes += [
            path
            for path in Unit.objects.filter(successions_out__successor=unit, level=unit.level).values_list(
                "path", flat=True
            )
        ]
    return prefixes


def path_filter(field: str, prefixes: list[str]) -> Q:
    """Q matching rows whose unit (reached through `field`, e.g. "commune") lies under any prefix."""
    query = Q(pk__in=[])
    for prefix in prefixes:
        query |= Q(**{f"{field}__path__startswith": prefix})
    return query
