"""Who may do what: the one table of rights, and the two questions every part of the platform asks of it.

    Model.objects.for_user(user, action)   the records of a type the person may act on ("view" by default)
    may(user, action, obj)                 whether the person may act on this record (or, given a model, on any)

Pages, API operations, imports, exports, file downloads, the change log, worklists, reminders and the
command line's `--user` all ask these; nothing else compares role names. Outside what a person may view is
answered 404; a missing right on a record they may view, 403 (`ocop.core.views.require`).

The table (`RIGHTS` below; docs/permissions.md is generated from it by `ocop rights`) says, for each record type
and action, how far each role reaches. A record type declares where its records sit (`Placement`): the unit
they are placed on, the producer they belong to, the council session they are before, the user who owns them.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q

from ocop.core.choices import RoleKind

# The roles of the table's columns: a person's role (core.Role), and a seat on a council session.
OFFICE, COMMUNE, PRODUCER, VIEWER, MEMBER = "office", "commune", "producer", "viewer", "member"
ROLE_COLUMNS = {
    RoleKind.PROVINCE_OFFICE: OFFICE,
    RoleKind.COMMUNE_OFFICER: COMMUNE,
    RoleKind.PRODUCER: PRODUCER,
    RoleKind.VIEWER: VIEWER,
}
COLUMNS = (OFFICE, COMMUNE, PRODUCER, VIEWER, MEMBER)
COLUMN_TITLES = {
    OFFICE: "province OCOP office",
    COMMUNE: "commune officer",
    PRODUCER: "producer account",
    VIEWER: "viewer",
    MEMBER: "council member",
}
# The level of the unit each role is given (the others: any level).
ROLE_LEVELS = {RoleKind.PROVINCE_OFFICE: "province", RoleKind.COMMUNE_OFFICER: "commune"}

# How far a right reaches. Each reach is a rule over the record's placement (see `Placement`).
REACHES = {
    "unit": "records placed in the person's unit or below it (on either map)",
    "unit+up": "as unit, and records placed on the units above it (district, province) or open to all",
    "unit+open": "as unit, and records placed on no unit",
    "own": "the producer account's own records",
    "own+province": "own, and records placed in the producer's province or open to all",
    "seat": "records of the council sessions the person sits on",
    "self": "the person's own records (their imports, exports, tokens, notifications)",
    "all": "every record",
}

# fmt: off
RIGHTS_TABLE = """
record type                 action    office      commune     producer      viewer      member
registry.producer           view      unit        unit        own           unit        -
registry.producer           add       unit        unit        -             -           -
registry.producer           change    unit        unit        own           -           -
registry.producer           delete    unit        unit        -             -           -
registry.producer           import    unit        unit        -             -           -
registry.producer           export    unit        unit        own           unit        -
registry.producer           personal  unit        unit        own           -           -
registry.product            view      unit        unit        own           unit        -
registry.product            add       unit        unit        own           -           -
registry.product            change    unit        unit        own           -           -
registry.product            delete    unit        unit        own           -           -
registry.product            import    unit        unit        own           -           -
registry.product            export    unit        unit        own           unit        -
registry.productphoto       view      unit        unit        own           unit        -
registry.productphoto       add       unit        unit        own           -           -
registry.productphoto       delete    unit        unit        own           -           -
registry.produceraddress    view      unit        unit        own           unit        -
registry.workforce          view      unit        unit        own           unit        -
registry.workforce          add       unit        unit        own           -           -
registry.workforce          change    unit        unit        own           -           -
registry.workforce          delete    unit        unit        own           -           -
registry.workforce          import    unit        unit        own           -           -
registry.workforce          export    unit        unit        own           unit        -
registry.linkage            view      unit        unit        own           unit        -
registry.linkage            add       unit        unit        own           -           -
registry.linkage            change    unit        unit        own           -           -
registry.linkage            delete    unit        unit        own           -           -
registry.credential         view      unit        unit        own           unit        -
registry.credential         add       unit        unit        own           -           -
registry.credential         change    unit        unit        own           -           -
registry.credential         delete    unit        unit        own           -           -
certificates.certificate    view      unit        unit        own           unit        -
certificates.certificate    add       unit        -           -             -           -
certificates.certificate    change    unit        -           -             -           -
certificates.certificate    decide    unit        -           -             -           -
certificates.certificate    import    unit        -           -             -           -
certificates.certificate    export    unit        unit        own           unit        -
certificates.certificate    remind    unit        unit        own           -           -
evaluation.round            view      unit        unit+up     own+province  unit+up     seat
evaluation.round            add       unit        -           -             -           -
evaluation.round            change    unit        -           -             -           -
evaluation.dossier          view      unit        unit        own           unit        seat
evaluation.dossier          add       unit        unit        own           -           -
evaluation.dossier          change    unit        unit        own           -           -
evaluation.dossier          submit    unit        unit        own           -           -
evaluation.dossier          review    -           unit        -             -           -
evaluation.dossier          process   unit        -           -             -           -
evaluation.dossier          decide    unit        -           -             -           -
evaluation.dossier          export    unit        unit        own           unit        -
evaluation.evidence         view      unit        unit        own           -           seat
evaluation.evidence         add       unit        unit        own           -           -
evaluation.evidence         delete    unit        unit        own           -           -
evaluation.councilsession   view      unit        -           -             -           seat
evaluation.councilsession   add       unit        -           -             -           -
evaluation.councilsession   change    unit        -           -             -           -
evaluation.membership       view      unit        -           -             -           seat
evaluation.membership       change    unit        -           -             -           -
evaluation.scoresheet       view      unit        -           -             -           seat
evaluation.scoresheet       score     -           -           -             -           seat
market.event                view      unit+up     unit+up     own+province  unit+up     -
market.event                add       unit+open   unit        own           -           -
market.event                change    unit+open   unit        own           -           -
market.event                delete    unit+open   unit        own           -           -
market.event                import    unit+open   unit        -             -           -
market.event                export    unit+up     unit+up     own+province  unit+up     -
market.participation        view      unit        unit        own           unit        -
market.participation        add       unit        unit        own           -           -
market.participation        change    unit        unit        own           -           -
market.participation        delete    unit        unit        own           -           -
market.participation        import    unit        unit        -             -           -
market.participation        export    unit        unit        own           unit        -
market.salespoint           view      unit+up     unit+up     own+province  unit+up     -
market.salespoint           add       unit+open   unit        own           -           -
market.salespoint           change    unit+open   unit        own           -           -
market.salespoint           delete    unit+open   unit        own           -           -
market.salespoint           import    unit+open   unit        -             -           -
market.salespoint           export    unit+up     unit+up     own+province  unit+up     -
market.listing              view      unit        unit        own           unit        -
market.listing              add       unit        unit        own           -           -
market.listing              change    unit        unit        own           -           -
market.listing              delete    unit        unit        own           -           -
market.listing              confirm   unit        unit        -             -           -
market.listing              import    unit        unit        -             -           -
market.listing              export    unit        unit        own           unit        -
market.craftvillage         view      unit+up     unit+up     own+province  unit+up     -
market.craftvillage         add       unit+open   unit        -             -           -
market.craftvillage         change    unit+open   unit        -             -           -
market.craftvillage         delete    unit+open   unit        -             -           -
market.craftvillage         export    unit+up     unit+up     own+province  unit+up     -
market.communestatus        view      unit+up     unit+up     own+province  unit+up     -
market.communestatus        add       unit+open   unit        -             -           -
market.communestatus        change    unit+open   unit        -             -           -
market.communestatus        delete    unit+open   unit        -             -           -
market.communestatus        import    unit+open   unit        -             -           -
market.communestatus        export    unit+up     unit+up     own+province  unit+up     -
market.activity             view      unit+up     unit+up     own+province  unit+up     -
market.activity             add       unit+open   unit        -             -           -
market.activity             change    unit+open   unit        -             -           -
market.activity             delete    unit+open   unit        -             -           -
market.activity             import    unit+open   unit        -             -           -
market.activity             export    unit+up     unit+up     own+province  unit+up     -
market.activityfile         view      unit+open   unit        -             unit        -
market.activityfile         add       unit+open   unit        -             -           -
market.activityfile         delete    unit+open   unit        -             -           -
market.support              view      unit        unit        own           unit        -
market.support              add       unit        unit        -             -           -
market.support              change    unit        unit        -             -           -
market.support              delete    unit        unit        -             -           -
market.support              import    unit        unit        -             -           -
market.support              export    unit        unit        own           unit        -
programme.plan              view      unit+up     unit+up     -             unit+up     -
programme.plan              add       unit        -           -             -           -
programme.plan              change    unit        -           -             -           -
programme.plan              export    unit+up     unit+up     -             unit+up     -
programme.target            view      unit+up     unit+up     -             unit+up     -
programme.target            change    unit        -           -             -           -
programme.solution          view      unit+up     unit+up     -             unit+up     -
programme.solution          change    unit        -           -             -           -
programme.task              view      unit+up     unit+up     -             unit+up     -
programme.task              change    unit        -           -             -           -
programme.taskreport        view      unit+up     unit+up     -             unit+up     -
programme.taskreport        add       unit        -           -             -           -
places.unit                 figures   unit        unit        -             unit        -
portal.misusereport         view      unit+open   unit        -             -           -
portal.misusereport         handle    unit+open   unit        -             -           -
portal.misusereport         personal  unit+open   -           -             -           -
stories.article             view      all         all         -             all         -
stories.article             add       all         -           -             -           -
stories.article             change    all         -           -             -           -
stories.article             delete    all         -           -             -           -
exchange.importrecord       view      self        self        self          self        -
exchange.exportrecord       view      self        self        self          self        -
core.role                   view      unit        -           -             -           -
core.role                   unlock    unit        -           -             -           -
core.apitoken               view      self        self        self          self        self
core.apitoken               add       self        self        self          self        self
core.apitoken               change    self        self        self          self        self
core.notification           view      self        self        self          self        self
"""
# fmt: on


def _parse(text: str) -> dict[tuple[str, str], dict[str, str]]:
    lines = [line.split() for line in text.strip().splitlines()]
    header, rows = lines[0], lines[1:]
    columns = header[3:]  # "record type" is two words
    assert tuple(columns) == COLUMNS, columns
    table: dict[tuple[str, str], dict[str, str]] = {}
    for row in rows:
        record, action, reaches = row[0], row[1], row[2:]
        assert len(reaches) == len(COLUMNS), row
        assert (record, action) not in table, f"{record} {action} twice"
        for reach in reaches:
            assert reach == "-" or reach in REACHES, f"unknown reach {reach!r} in {row}"
        table[(record, action)] = {c: r for c, r in zip(COLUMNS, reaches, strict=True) if r != "-"}
    return table


RIGHTS = _parse(RIGHTS_TABLE)


def record_type(model: type[models.Model] | models.Model) -> str:
    return model._meta.label_lower


def actions_of(model: type[models.Model]) -> list[str]:
    label = record_type(model)
    return [action for (record, action) in RIGHTS if record == label]


# ---------------------------------------------------------------------------------------------- placement


@dataclass(frozen=True)
class Placement:
    """Where a record type's records sit, as paths from the record (Django lookups; "" is the record itself).

    Declared on the model as `scope_unit_field`, `scope_producer_field`, `scope_session_field`,
    `scope_owner_field`; a type whose records can be open to all (a national fair) defines `scope_open_q()`
    and `scope_is_open()` (records without a unit are open by default when the unit field is nullable).
    """

    unit: tuple[str, ...] = ()  # one path, or several tried in turn (a role: its unit, or its producer's commune)
    producer: str = ""
    session: str | None = None
    owner: str = ""


@cache
def placement(model: type[models.Model]) -> Placement:
    unit = getattr(model, "scope_unit_field", "") or ()
    return Placement(
        unit=(unit,) if isinstance(unit, str) else tuple(unit),
        producer=getattr(model, "scope_producer_field", "") or "",
        session=getattr(model, "scope_session_field", None),
        owner=getattr(model, "scope_owner_field", "") or "",
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


def _id_at(obj: Any, path: str) -> Any:
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


def unit_path_of(obj: Any) -> str:
    """The path of the unit a record is placed on ("" for none)."""
    for path in placement(type(obj)).unit:
        unit = obj if path == "self" else _follow(obj, path)
        if unit is not None:
            return unit.path
    return ""


def producer_id_of(obj: Any) -> int | None:
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
        current = field.related_model
    return unit[0] if fields[-1].null and not any(f.null for f in fields[:-1]) else ""


def _open_q(model: type[models.Model]) -> Q | None:
    custom = getattr(model, "scope_open_q", None)
    if custom is not None:
        return custom()
    unit = _nullable_unit(model)
    return Q(**{f"{unit}__isnull": True}) if unit else None


def _is_open(obj: Any) -> bool:
    custom = getattr(obj, "scope_is_open", None)
    if custom is not None:
        return custom()
    unit = _nullable_unit(type(obj))
    return bool(unit) and _id_at(obj, unit) is None


# ------------------------------------------------------------------------------------------------ persons


@dataclass
class Person:
    """What the table needs to know of a user, read once per request (cached on the user object)."""

    user: Any
    active: bool = False
    superuser: bool = False
    columns: frozenset[str] = frozenset()
    prefixes: list[str] = field(default_factory=list)  # the role's unit, on both maps
    producer_id: int | None = None
    province_prefixes: list[str] = field(default_factory=list)  # a producer account's province, on both maps
    role: Any = None

    def above(self) -> set[str]:
        """Paths of the units above the person's unit (their district and province, on both maps)."""
        return {p[: i + 1] for p in self.prefixes for i, ch in enumerate(p[:-1]) if ch == "/" and i > 0} - set(
            self.prefixes
        )


def person(user: Any) -> Person:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return Person(user)
    cached = getattr(user, "_ocop_person", None)
    if cached is not None:
        return cached
    from ocop.core.models import Role
    from ocop.places.queries import scope_prefixes

    role = Role.objects.select_related("unit", "producer__commune").filter(user=user).first()
    found = Person(user, active=True, superuser=user.is_superuser, role=role)
    columns = {MEMBER}  # a seat is checked record by record
    if role is not None:
        columns.add(ROLE_COLUMNS[role.kind])
        if role.unit_id:
            found.prefixes = scope_prefixes(role.unit)
        if role.producer_id:
            found.producer_id = role.producer_id
            commune = role.producer.commune
            province = commune.ancestors()[0] if commune.parent_id else commune
            found.province_prefixes = scope_prefixes(province)
    found.columns = frozenset(columns)
    user._ocop_person = found
    return found


def forget(user: Any) -> None:
    """Drop what was read of a user's role (after their role changed in this request)."""
    for name in ("_ocop_person", "_ocop_role_cache", "_ocop_prefixes_cache"):
        user.__dict__.pop(name, None)


def acting_producer(user: Any) -> Any:
    """The producer a producer account acts for (None for everyone else)."""
    who = person(user)
    return who.role.producer if who.producer_id else None


def role_kind(user: Any) -> str | None:
    """The column of the table the person's role stands in (for display and the docs), or None."""
    who = person(user)
    return ROLE_COLUMNS.get(who.role.kind) if who.role is not None else None


def valid_role_unit(kind: str, level: str) -> bool:
    """Whether a unit of `level` may be given to a role of `kind` (a province office is given a province)."""
    return ROLE_LEVELS.get(kind, level) == level


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
        if not where.unit or not who.prefixes:
            return nothing if reach == "unit" or _open_q(model) is None else _open_q(model)
        query = _path_q(where.unit, who.prefixes)
        if reach == "unit+up":
            for path in where.unit:
                query |= Q(**{_lookup(path, "path__in"): sorted(who.above())})
        if reach in ("unit+up", "unit+open") and _open_q(model) is not None:
            query |= _open_q(model)
        return query
    if reach in ("own", "own+province"):
        if who.producer_id is None:
            return nothing
        query = Q(**{where.producer: who.producer_id}) if where.producer else nothing
        if reach == "own+province":
            if where.unit:
                query |= _path_q(where.unit, who.province_prefixes)
            if _open_q(model) is not None:
                query |= _open_q(model)
        return query
    if reach == "seat":
        if where.session is None:
            return nothing
        lookup = f"{where.session}__memberships__user" if where.session else "memberships__user"
        return Q(pk__in=model._default_manager.filter(**{lookup: who.user}).values("pk"))
    if reach == "self":
        return Q(**{where.owner: who.user}) if where.owner else nothing
    raise ValueError(reach)


def _covers(reach: str, who: Person, obj: Any) -> bool:
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
    if reach == "seat":
        if where.session is None:
            return False
        lookup = f"{where.session}__memberships__user" if where.session else "memberships__user"
        if obj.pk is not None:
            return type(obj)._default_manager.filter(pk=obj.pk, **{lookup: who.user}).exists()
        session = _follow(obj, where.session)  # a record being added: the session it is for
        return session is not None and session.memberships.filter(user=who.user).exists()
    if reach == "self":
        return bool(where.owner) and _id_at(obj, where.owner) == who.user.pk
    raise ValueError(reach)


# ------------------------------------------------------------------------------------------- the questions


def _reaches(who: Person, model: type[models.Model], action: str) -> list[str]:
    rule = RIGHTS.get((record_type(model), action), {})
    return [rule[column] for column in who.columns if column in rule]


def rights_q(user: Any, model: type[models.Model], action: str = "view") -> Q | None:
    """The filter of the records of `model` the user may act on; None means every record."""
    who = person(user)
    if not who.active:
        return Q(pk__in=[])
    if who.superuser:
        return None
    query = Q(pk__in=[])
    for reach in _reaches(who, model, action):
        query |= _reach_q(reach, who, model)
    return query


def may(user: Any, action: str, obj: Any) -> bool:
    """Whether the user may take `action` on `obj` as it stands in memory (a record being added or changed is
    judged on its new values); given a model class, whether they may take it on some record of that type."""
    who = person(user)
    if not who.active:
        return False
    if who.superuser:
        return True
    model = obj if isinstance(obj, type) else type(obj)
    reaches = _reaches(who, model, action)
    if isinstance(obj, type) or not reaches:
        return bool(reaches)
    return any(_covers(reach, who, obj) for reach in reaches)


def holders(action: str, obj: Any) -> models.QuerySet:
    """The active users who may take `action` on `obj` (those a reminder about it goes to)."""
    from django.contrib.auth import get_user_model

    from ocop.core.models import Role

    columns = {column for column in RIGHTS.get((record_type(type(obj)), action), {})}
    kinds = [kind for kind, column in ROLE_COLUMNS.items() if column in columns]
    roles = Role.objects.filter(kind__in=kinds, user__is_active=True).select_related("user")
    allowed = [role.user_id for role in roles if may(role.user, action, obj)]
    return get_user_model().objects.filter(pk__in=allowed)


class RightsQuerySet(models.QuerySet):
    """The manager of every record type in the table: `Model.objects.for_user(user, action)`."""

    def for_user(self, user: Any, action: str = "view") -> "RightsQuerySet":
        query = rights_q(user, self.model, action)
        return self if query is None else self.filter(query)


def models_in_table() -> list[type[models.Model]]:
    return [apps.get_model(label) for label in sorted({record for record, _action in RIGHTS})]
