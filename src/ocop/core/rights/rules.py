"""The rules that answer the two questions from the table: which records (`rights_q`, a Q) and this record
(`may`, in memory). The same reach is written twice, as a query and as a test of one record; the security
tests hold the two to the same answers."""

from collections.abc import Callable, Iterable
from typing import Self

from django.apps import apps
from django.db import models
from django.db.models import Q

from ocop.core.rights.persons import Person, person
from ocop.core.rights.placement import _follow, _id_at, _is_open, _open_q, placement, producer_id_of, unit_path_of
from ocop.core.rights.table import RIGHTS, ROLE_COLUMNS, record_type
from ocop.core.types import RequestUser

# ------------------------------------------------------------------------------------------------ reaches


def _lookup(path: str, lookup: str) -> str:
    return lookup if path == "self" else f"{path}__{lookup}"


def _path_q(paths: tuple[str, ...], prefixes: Iterable[str]) -> Q:
    query = Q(pk__in=[])
    for path in paths:
        for prefix in prefixes:
            query |= Q(**{_lookup(path, "path__startswith"): prefix})
    return query


def _under(path: str, prefixes: Iterable[str]) -> bool:
    return bool(path) and any(path.startswith(prefix) for prefix in prefixes)


def _reach_q(reach: str, who: Person, model: type[models.Model]) -> Q:
    where = placement(model)
    nothing = Q(pk__in=[])
    if reach == "all":
        return Q()
    if reach in ("unit", "unit+up", "unit+open"):
        open_q = _open_q(model)
        if not where.unit or not who.prefixes:
            return nothing if reach == "unit" or open_q is None else open_q
        query = _path_q(where.unit, who.prefixes)
        if reach == "unit+up":
            for path in where.unit:
                query |= Q(**{_lookup(path, "path__in"): sorted(who.above())})
        if reach in ("unit+up", "unit+open") and open_q is not None:
            query |= open_q
        return query
    if reach in ("own", "own+province"):
        if who.producer_id is None:
            return nothing
        query = Q(**{where.producer: who.producer_id}) if where.producer else nothing
        if reach == "own+province":
            if where.unit:
                query |= _path_q(where.unit, who.province_prefixes)
            open_q = _open_q(model)
            if open_q is not None:
                query |= open_q
        return query
    if reach == "decider":
        if not where.unit or not where.level or not who.prefixes or not who.levels:
            return nothing
        return _path_q(where.unit, who.prefixes) & Q(**{f"{where.level}__in": who.levels})
    if reach == "seat":
        if where.session is None:
            return nothing
        lookup = f"{where.session}__memberships__user" if where.session else "memberships__user"
        return Q(pk__in=model._default_manager.filter(**{lookup: who.user}).values("pk"))
    if reach == "self":
        return Q(**{where.owner: who.user}) if where.owner else nothing
    raise ValueError(reach)


def _covers(reach: str, who: Person, obj: models.Model) -> bool:
    where = placement(type(obj))
    if reach == "all":
        return True
    if reach in ("unit", "unit+up", "unit+open"):
        path = unit_path_of(obj) if where.unit else ""
        if _under(path, who.prefixes):
            return True
        if reach == "unit+up" and path and path in who.above():
            return True
        return reach in ("unit+up", "unit+open") and _is_open(obj)
    if reach in ("own", "own+province"):
        if who.producer_id is None:
            return False
        if where.producer and producer_id_of(obj) == who.producer_id:
            return True
        if reach == "own+province":
            return (where.unit and _under(unit_path_of(obj), who.province_prefixes)) or _is_open(obj)
        return False
    if reach == "decider":
        if not where.unit or not where.level:
            return False
        return _under(unit_path_of(obj), who.prefixes) and _follow(obj, where.level) in who.levels
    if reach == "seat":
        if where.session is None:
            return False
        lookup = f"{where.session}__memberships__user" if where.session else "memberships__user"
        if obj.pk is not None:
            return type(obj)._default_manager.filter(pk=obj.pk, **{lookup: who.user}).exists()
        session = _follow(obj, where.session)  # a record being added: the session it is for
        return session is not None and session.memberships.filter(user=who.user).exists()
    if reach == "self":
        return bool(where.owner) and who.user is not None and _id_at(obj, where.owner) == who.user.pk
    raise ValueError(reach)


# ------------------------------------------------------------------------------------------- the questions


def _reaches(who: Person, model: type[models.Model], action: str) -> list[str]:
    rule = RIGHTS.get((record_type(model), action), {})
    return [rule[column] for column in who.columns if column in rule]


def _settled(who: Person) -> bool | None:
    """The answer every one-record question shares before the table is read: an inactive account may nothing,
    the system administrator everything; None when the table decides."""
    if not who.active:
        return False
    return True if who.superuser else None


def _union_q(
    user: RequestUser | None, model: type[models.Model], action: str, reach_q: Callable[[str, Person], Q]
) -> Q | None:
    """The union of the person's reaches for `action` on `model`, each turned into a filter by `reach_q`; None
    means every record (the system administrator)."""
    who = person(user)
    if not who.active:
        return Q(pk__in=[])
    if who.superuser:
        return None
    query = Q(pk__in=[])
    for reach in _reaches(who, model, action):
        if reach == "all":  # not `query |= Q()`: Django drops an empty Q from an OR, which would leave nothing
            return Q()
        query |= reach_q(reach, who)
    return query


def rights_q(user: RequestUser | None, model: type[models.Model], action: str = "view") -> Q | None:
    """The filter of the records of `model` the user may act on; None means every record."""
    return _union_q(user, model, action, lambda reach, who: _reach_q(reach, who, model))


def may(user: RequestUser | None, action: str, obj: models.Model | type[models.Model]) -> bool:
    """Whether the user may take `action` on `obj` as it stands in memory (a record being added or changed is
    judged on its new values); given a model class, whether they may take it on some record of that type."""
    who = person(user)
    if (settled := _settled(who)) is not None:
        return settled
    model = obj if isinstance(obj, type) else type(obj)
    reaches = _reaches(who, model, action)
    if isinstance(obj, type) or not reaches:
        return bool(reaches)
    return any(_covers(reach, who, obj) for reach in reaches)


def may_all_in(user: RequestUser | None, action: str, model: type[models.Model], unit_path: str) -> bool:
    """Whether the user may take `action` on every record of `model` placed in the unit at `unit_path` or below
    it, whichever they are (a figure computed over them): a reach over the whole unit (`all`, or the person's unit
    covering it), not one that picks records (own, seat, self) nor the units above the person's."""
    who = person(user)
    if (settled := _settled(who)) is not None:
        return settled
    for reach in _reaches(who, model, action):
        if reach == "all" or (reach.startswith("unit") and _under(unit_path, who.prefixes)):
            return True
    return False


def holders(action: str, obj: models.Model) -> models.QuerySet:
    """The active users who may take `action` on `obj` (those a reminder about it goes to)."""
    from django.contrib.auth import get_user_model

    from ocop.core.models import Role

    columns = {column for column in RIGHTS.get((record_type(type(obj)), action), {})}
    kinds = [kind for kind, column in ROLE_COLUMNS.items() if column in columns]
    roles = Role.objects.filter(kind__in=kinds, user__is_active=True).select_related("user")
    allowed = [role.user_id for role in roles if may(role.user, action, obj)]
    return get_user_model().objects.filter(pk__in=allowed)


# ------------------------------------------------------------------------ where a record was (the change log)


def recorded_q(user: RequestUser | None, model: type[models.Model], action: str = "view") -> Q | None:
    """The same rule over a change-log entry's recorded placement (`unit_path`, `producer_id`): for the entries of
    records that no longer exist. Seats, owners and deciding levels are not recorded: those entries go with their
    record (the change log asks "view" and "personal" only, never a "decider" reach)."""
    return _union_q(user, model, action, _recorded_reach_q)


def _recorded_reach_q(reach: str, who: Person) -> Q:
    query = Q(pk__in=[])
    if reach.startswith("unit"):
        for prefix in who.prefixes:
            query |= Q(unit_path__startswith=prefix)
        if reach == "unit+up":
            query |= Q(unit_path__in=sorted(who.above())) | Q(unit_path="")
        if reach == "unit+open":
            query |= Q(unit_path="")
    if reach.startswith("own") and who.producer_id is not None:
        query |= Q(producer_id=who.producer_id)
        if reach == "own+province":
            query |= Q(unit_path="")
            for prefix in who.province_prefixes:
                query |= Q(unit_path__startswith=prefix)
    return query


def may_recorded(
    user: RequestUser | None, action: str, model: type[models.Model], unit_path: str, producer_id: int | None
) -> bool:
    """`recorded_q` for one entry, in memory."""
    who = person(user)
    if (settled := _settled(who)) is not None:
        return settled
    for reach in _reaches(who, model, action):
        if reach == "all":
            return True
        if reach.startswith("unit"):
            if _under(unit_path, who.prefixes):
                return True
            if reach == "unit+up" and (unit_path in who.above() or not unit_path):
                return True
            if reach == "unit+open" and not unit_path:
                return True
        if reach.startswith("own") and who.producer_id is not None:
            if producer_id == who.producer_id:
                return True
            if reach == "own+province" and (not unit_path or _under(unit_path, who.province_prefixes)):
                return True
    return False


class RightsQuerySet(models.QuerySet):
    """The manager of every record type in the table: `Model.objects.for_user(user, action)`."""

    def for_user(self, user: RequestUser | None, action: str = "view") -> Self:
        query = rights_q(user, self.model, action)
        return self if query is None else self.filter(query)


def models_in_table() -> list[type[models.Model]]:
    return [apps.get_model(label) for label in sorted({record for record, _action in RIGHTS})]
