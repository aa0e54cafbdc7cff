"""Where a record sits, as the table's reaches read it: its unit, its producer, its council session, its owner."""

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class Placement:
    """Where a record type's records sit, as paths from the record (Django lookups; "" is the record itself).

    Declared on the model as `scope_unit_field`, `scope_producer_field`, `scope_session_field`,
    `scope_owner_field`, `scope_level_field`; a type whose records can be open to all (a national fair) defines
    `scope_open_q()` and `scope_is_open()` (records without a unit are open by default when the unit field is
    nullable).
    """

    unit: tuple[str, ...] = ()  # one path, or several tried in turn (a role: its unit, or its producer's commune)
    producer: str = ""
    session: str | None = None
    owner: str = ""
    level: str = ""  # the level of authority that decided the record (a certificate's `deciding_level`)


@cache
def placement(model: type[models.Model]) -> Placement:
    unit = getattr(model, "scope_unit_field", "") or ()
    return Placement(
        unit=(unit,) if isinstance(unit, str) else tuple(unit),
        producer=getattr(model, "scope_producer_field", "") or "",
        session=getattr(model, "scope_session_field", None),
        owner=getattr(model, "scope_owner_field", "") or "",
        level=getattr(model, "scope_level_field", "") or "",
    )


def _follow(obj: Any, path: str) -> Any:
    """The value at a lookup path from an instance (`producer__commune`); None when a link is missing."""
    for part in path.split("__") if path else ():
        if part == "pk":
            obj = obj.pk
            continue
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def _id_at(obj: models.Model, path: str) -> Any:
    """The primary key at a path, without fetching the last link when the id is on the record already."""
    if not path:
        return None
    head, _sep, last = path.rpartition("__")
    owner = _follow(obj, head) if head else obj
    if owner is None:
        return None
    if last == "pk":
        return owner.pk
    attname = f"{last}_id"
    return getattr(owner, attname) if hasattr(owner, attname) else getattr(_follow(owner, last), "pk", None)


def unit_path_of(obj: models.Model) -> str:
    """The path of the unit a record is placed on ("" for none)."""
    for path in placement(type(obj)).unit:
        unit: Any = obj if path == "self" else _follow(obj, path)  # a places.Unit (core does not import places)
        if unit is not None:
            return unit.path
    return ""


def producer_id_of(obj: models.Model) -> int | None:
    return _id_at(obj, placement(type(obj)).producer)


@cache
def _nullable_unit(model: type[models.Model]) -> str:
    """The path to the record's unit when that unit may be missing (the record is then open to all): only the
    last link may be empty, as for an activity's files (`activity__unit`)."""
    unit = placement(model).unit
    if len(unit) != 1 or unit[0] == "self":
        return ""
    fields, current = [], model
    for name in unit[0].split("__"):
        field = current._meta.get_field(name)
        fields.append(field)
        current = field.related_model  # type: ignore[assignment]  # every link but the last is a relation
    return unit[0] if fields[-1].null and not any(f.null for f in fields[:-1]) else ""


def _open_q(model: type[models.Model]) -> Q | None:
    custom = getattr(model, "scope_open_q", None)
    if custom is not None:
        return custom()
    unit = _nullable_unit(model)
    return Q(**{f"{unit}__isnull": True}) if unit else None


def _is_open(obj: models.Model) -> bool:
    custom = getattr(obj, "scope_is_open", None)
    if custom is not None:
        return custom()
    unit = _nullable_unit(type(obj))
    return bool(unit) and _id_at(obj, unit) is None
