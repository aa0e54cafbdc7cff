"""Writing many new rows at the speed of the database: COPY on PostgreSQL, `executemany` elsewhere.

`bulk_create` spends most of its time in Django's SQL compiler, preparing every value of every row through the
field's machinery and building one large statement per batch. The big imports write tens of thousands of rows
of a few plain types, so this module prepares each value exactly as `Model.save()` would (the field's
`pre_save`, then `get_db_prep_save`), but skips the machinery where it is the identity: a `str` going into one
of Django's own `CharField`/`TextField`, an `int` into an integer field or a foreign key to one, a `bool` into a
`BooleanField`. Everything else (decimals, dates, JSON, files, custom fields) goes through the field as usual.

On PostgreSQL the rows are streamed with `COPY … FROM STDIN` (psycopg 3's `cursor.copy()`); the ids of new
records are reserved from the table's sequence beforehand (`reserve_ids`), since COPY returns nothing.
"""

import datetime
import decimal
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connections, models, router
from django.utils import timezone

Prepare = Callable[[Any], Any]

# Django's own field classes whose get_db_prep_save returns these exact types unchanged (None included where
# the column may be NULL): checked by class identity, so a subclass that prepares values its own way is never
# short-cut.
_TEXT = (models.CharField, models.TextField)
_INTEGER = (
    models.IntegerField,
    models.BigIntegerField,
    models.SmallIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField,
    models.AutoField,
    models.BigAutoField,
    models.SmallAutoField,
)
_PASS_THROUGH: dict[type[models.Field], frozenset[type]] = {
    **{cls: frozenset({str}) for cls in _TEXT},
    **{cls: frozenset({int}) for cls in _INTEGER},
    models.BooleanField: frozenset({bool}),
}


def _unchanged_types(field: models.Field) -> frozenset[type]:
    if type(field) is models.ForeignKey:
        return _unchanged_types(field.target_field)
    kinds = _PASS_THROUGH.get(type(field), frozenset())
    return kinds | {type(None)} if kinds and field.null else kinds


# Immutable values often shared by every row of a batch (its time, its group id): prepared once per run of them.
_IMMUTABLE = frozenset({datetime.datetime, datetime.date, uuid.UUID, decimal.Decimal})


def preparer(field: models.Field, connection: Any) -> Prepare:
    """The function turning an attribute value into what the database driver receives, as save() would."""
    unchanged = _unchanged_types(field)
    prepare = field.get_db_prep_save
    last: list[Any] = [object(), None]  # the last immutable value prepared (compared by identity) and its result

    def prepared(value: Any) -> Any:
        kind = type(value)
        if kind in unchanged:
            return value
        if kind in _IMMUTABLE:
            if value is not last[0]:
                last[:] = value, prepare(value, connection)
            return last[1]
        return prepare(value, connection)

    return prepared


def _auto_time(field: models.Field) -> bool:
    """A DateTimeField whose pre_save sets `timezone.now()` on an INSERT (DateField's uses the local date)."""
    return type(field) is models.DateTimeField and bool(field.auto_now or field.auto_now_add)


def _plain_pre_save(field: models.Field) -> bool:
    """Whether the field's pre_save only reads the attribute (a file field's saves the file, for one)."""
    return type(field).pre_save is models.Field.pre_save


def insert_fields(model: type[models.Model], *, with_pk: bool) -> list[models.Field]:
    """The columns an INSERT of `model` writes: every concrete field, the primary key only when given."""
    return [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]


def instance_rows(
    instances: Sequence[models.Model], fields: Sequence[models.Field], now: datetime.datetime | None = None
) -> list[list[Any]]:
    """The attribute values of new `instances` for `fields`, after each field's pre_save as for an INSERT: the
    `auto_now`/`auto_now_add` times are set to one `now` (on the instances too, as save() does)."""
    now = now or timezone.now()
    for field in fields:
        if _auto_time(field):
            for instance in instances:
                setattr(instance, field.attname, now)
        elif not _plain_pre_save(field):
            for instance in instances:
                field.pre_save(instance, True)
    names = [f.attname for f in fields]
    return [[getattr(instance, name) for name in names] for instance in instances]


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys from `model`'s sequence (PostgreSQL), for rows written with COPY."""
    connection = connections[router.db_for_write(model)]
    if count == 0:
        return []
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(table), pk, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_supported(model: type[models.Model]) -> bool:
    return connections[router.db_for_write(model)].vendor == "postgresql"


def insert_rows(model: type[models.Model], fields: Sequence[models.Field], rows: Iterable[Sequence[Any]]) -> int:
    """INSERT `rows` (attribute values in the order of `fields`) into `model`'s table, inside the caller's
    transaction: with COPY on PostgreSQL, with `executemany` elsewhere. Returns how many rows were written.
    Database errors come out as Django's (IntegrityError…), as from any query."""
    connection = connections[router.db_for_write(model)]
    prepare = [preparer(field, connection) for field in fields]
    quote = connection.ops.quote_name
    table, columns = quote(model._meta.db_table), ", ".join(quote(f.column or f.attname) for f in fields)
    written = 0
    with connection.cursor() as cursor, connection.wrap_database_errors:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([p(value) for p, value in zip(prepare, row, strict=True)])
                    written += 1
            return written
        statement = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        batch: list[list[Any]] = []
        for row in rows:
            batch.append([p(value) for p, value in zip(prepare, row, strict=True)])
            if len(batch) == 1000:
                cursor.executemany(statement, batch)
                written, batch = written + len(batch), []
        if batch:
            cursor.executemany(statement, batch)
            written += len(batch)
    return written
