"""Load both administrative maps and their succession from the `vietnam-provinces` package.

Idempotent: units are matched by (map, code); new ones are created, changed names updated, nothing is
deleted (records may point at a unit the package later drops). Takes the model classes as arguments so
the data migration can pass its historical models.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from vietnam_provinces import Province, Ward
from vietnam_provinces.legacy import District as LegacyDistrict
from vietnam_provinces.legacy import Province as LegacyProvince
from vietnam_provinces.legacy import Ward as LegacyWard

from ocop.core.text import fold
from ocop.places.choices import COUNTRY_CODE, COUNTRY_NAME, LEGACY_LAST_DAY, REFORM_DATE, Level, MapVersion

CODE_WIDTH: dict[str, int] = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}
LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)


@dataclass(frozen=True)
class Row:
    map: str
    level: str
    code: str
    name: str
    division_type: str
    parent: tuple[str, str] | None  # (map, code)

    @property
    def key(self) -> tuple[str, str]:
        return (self.map, self.code)


def official_code(level: str, number: int) -> str:
    return str(int(number)).zfill(CODE_WIDTH[level])


def short_name(name: str, division_type: str) -> str:
    if name.lower().startswith(division_type.lower() + " "):
        return name[len(division_type) + 1 :]
    return name


def package_rows() -> list[Row]:
    legacy, new = MapVersion.LEGACY, MapVersion.V2025
    p, d, c = Level.PROVINCE, Level.DISTRICT, Level.COMMUNE
    rows = [
        Row(legacy, p, official_code(p, x.code), x.name, str(x.division_type), None) for x in LegacyProvince.iter_all()
    ]
    rows += [
        Row(
            legacy,
            d,
            official_code(d, x.code),
            x.name,
            str(x.division_type),
            (legacy, official_code(p, x.province_code)),
        )
        for x in LegacyDistrict.iter_all()
    ]
    rows += [
        Row(
            legacy,
            c,
            official_code(c, x.code),
            x.name,
            str(x.division_type),
            (legacy, official_code(d, x.district_code)),
        )
        for x in LegacyWard.iter_all()
    ]
    rows += [Row(new, p, official_code(p, x.code), x.name, str(x.division_type), None) for x in Province.iter_all()]
    rows += [
        Row(
            new,
            c,
            official_code(c, x.code),
            x.name,
            str(x.division_type),
            (new, official_code(p, x.province_code)),
        )
        for x in Ward.iter_all()
    ]
    return rows


def package_successions() -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """(old key, new key) pairs for provinces, communes, and districts (through their communes)."""
    legacy, new = MapVersion.LEGACY, MapVersion.V2025
    p, d, c = Level.PROVINCE, Level.DISTRICT, Level.COMMUNE
    pairs: set[tuple[tuple[str, str], tuple[str, str]]] = set()
    for province in Province.iter_all():
        for old in province.get_legacy_sources():
            pairs.add(((legacy, official_code(p, old.code)), (new, official_code(p, province.code))))
    for ward in Ward.iter_all():
        for old_ward in ward.get_legacy_sources():
            new_key = (new, official_code(c, ward.code))
            pairs.add(((legacy, official_code(c, old_ward.code)), new_key))
            pairs.add(((legacy, official_code(d, old_ward.district_code)), new_key))
    return sorted(pairs)


def ensure_country(unit_model: Any) -> int:
    """The country's unit on each map (the root of its paths); the number created."""
    created = 0
    for the_map in MapVersion.values:
        _unit, made = unit_model.objects.get_or_create(
            map=the_map,
            code=COUNTRY_CODE,
            defaults={
                "level": Level.COUNTRY,
                "division_type": "Quốc gia",
                "name": COUNTRY_NAME,
                "short_name": COUNTRY_NAME,
                "search_text": fold(COUNTRY_NAME),
                "path": f"{the_map}/",
                "valid_from": REFORM_DATE if the_map == MapVersion.V2025 else None,
                "valid_to": LEGACY_LAST_DAY if the_map == MapVersion.LEGACY else None,
            },
        )
        created += made
    return created


def sync_units(unit_model: Any, succession_model: Any) -> dict[str, int]:
    rows = package_rows()
    created, updated = ensure_country(unit_model), 0
    existing = {(u.map, u.code): u for u in unit_model.objects.all()}
    for level in LEVELS:
        to_create, to_update = [], []
        for row in (r for r in rows if r.level == level):
            parent = existing[row.parent] if row.parent else None
            fields = {
                "level": row.level,
                "division_type": row.division_type,
                "name": row.name,
                "short_name": short_name(row.name, row.division_type),
                "search_text": fold(row.name),
                "parent_id": parent.pk if parent else None,
                "path": f"{parent.path if parent else row.map + '/'}{row.code}/",
                "valid_from": REFORM_DATE if row.map == MapVersion.V2025 else None,
                "valid_to": LEGACY_LAST_DAY if row.map == MapVersion.LEGACY else None,
            }
            unit = existing.get(row.key)
            if unit is None:
                to_create.append(unit_model(map=row.map, code=row.code, **fields))
            elif any(getattr(unit, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(unit, name, value)
                to_update.append(unit)
        for unit in unit_model.objects.bulk_create(to_create, batch_size=2000):
            existing[(unit.map, unit.code)] = unit
        if to_update:
            unit_model.objects.bulk_update(to_update, [*fields], batch_size=2000)
        if any(u.pk is None for u in to_create):  # backends that do not return ids from bulk_create
            existing = {(u.map, u.code): u for u in unit_model.objects.all()}
        created += len(to_create)
        updated += len(to_update)

    pairs = package_successions()
    fan_out: dict[tuple[str, str], int] = defaultdict(int)
    for old, _new in pairs:
        fan_out[old] += 1
    known = set(succession_model.objects.values_list("predecessor_id", "successor_id"))
    new_successions = [
        succession_model(
            predecessor_id=existing[old].pk,
            successor_id=existing[new].pk,
            on=REFORM_DATE,
            partial=fan_out[old] > 1,
        )
        for old, new in pairs
        if old in existing and new in existing and (existing[old].pk, existing[new].pk) not in known
    ]
    succession_model.objects.bulk_create(new_successions, batch_size=2000)
    return {
        "units": len(existing),
        "created": created,
        "updated": updated,
        "successions": len(new_successions),
    }
