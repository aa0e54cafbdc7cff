"""What the table needs to know of a user: their role's column, their unit on both maps, their producer."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Model

from ocop.core.rights import units
from ocop.core.rights.table import DECIDING_LEVELS, MEMBER, ROLE_COLUMNS, ROLE_LEVELS
from ocop.core.types import RequestUser

if TYPE_CHECKING:
    from ocop.core.models import Role


@dataclass
class Person:
    """What the table needs to know of a user, read once per request (cached on the user object)."""

    user: RequestUser | None
    active: bool = False
    superuser: bool = False
    columns: frozenset[str] = frozenset()
    prefixes: list[str] = field(default_factory=list)  # the role's unit, on both maps
    producer_id: int | None = None
    province_prefixes: list[str] = field(default_factory=list)  # a producer account's province, on both maps
    role: "Role | None" = None
    levels: tuple[str, ...] = ()  # the recognitions the role's authority grants (a certificate's deciding level)

    def above(self) -> set[str]:
        """Paths of the units above the person's unit (their district and province, on both maps)."""
        return {p[: i + 1] for p in self.prefixes for i, ch in enumerate(p[:-1]) if ch == "/" and i > 0} - set(
            self.prefixes
        )


def person(user: RequestUser | None) -> Person:
    if user is None or not user.is_authenticated or not user.is_active:
        return Person(user)
    cached: Person | None = getattr(user, "_ocop_person", None)
    if cached is not None:
        return cached
    from ocop.core.models import Role

    role = Role.objects.select_related("unit", "producer").filter(user=user).first()
    found = Person(user, active=True, superuser=user.is_superuser, role=role)
    columns = {MEMBER}  # a seat is checked record by record
    if role is not None:
        columns.add(ROLE_COLUMNS[role.kind])
        found.levels = DECIDING_LEVELS.get(role.kind, ())
        if role.unit_id:
            found.prefixes = units.unit_prefixes(role.unit)
        if role.producer_id:
            found.producer_id = role.producer_id
            found.province_prefixes = units.province_prefixes(role.producer.commune_id)
    found.columns = frozenset(columns)
    user._ocop_person = found  # type: ignore[attr-defined]  # cached on the user object for the request
    return found


def prefixes(user: Any) -> list[str] | None:
    """The paths a person's unit covers on both maps; None for the system administrator (everything)."""
    who = person(user)
    return None if who.superuser else list(who.prefixes)


def forget(user: RequestUser) -> None:
    """Drop what was read of a user's role (after their role changed in this request)."""
    for name in ("_ocop_person", "_ocop_role_cache", "_ocop_prefixes_cache"):
        user.__dict__.pop(name, None)


def acting_producer(user: RequestUser | None) -> "Model | None":
    """The producer a producer account acts for (None for everyone else)."""
    who = person(user)
    return who.role.producer if who.role is not None and who.producer_id else None


def role_kind(user: RequestUser | None) -> str | None:
    """The column of the table the person's role stands in (for display and the docs), or None."""
    who = person(user)
    return ROLE_COLUMNS.get(who.role.kind) if who.role is not None else None


def valid_role_unit(kind: str, level: str) -> bool:
    """Whether a unit of `level` may be given to a role of `kind` (a province office is given a province)."""
    return ROLE_LEVELS.get(kind, level) == level
