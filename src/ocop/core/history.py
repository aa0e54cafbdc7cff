"""The change log, written for every tracked model on save and delete.

Signals rather than explicit calls so nothing escapes: services, the admin, management commands and
imports all go through Model.save()/delete(). Bulk writes that skip signals (imports) must call
`log_change` themselves. The context (who, which request or job) comes from ocop.core.context.
"""

import datetime
import decimal
import uuid
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal
from django.utils import timezone

if TYPE_CHECKING:
    from ocop.core.models import ChangeLog

from ocop.core import context
from ocop.core.bulk import insert_fields, insert_rows
from ocop.core.choices import Action

# Sent after a logged bulk write (which skipped post_save) so that derived data, such as the public
# catalogue, can follow: sender is the model, `instances` what was written, `created` whether they are new.
bulk_written = Signal()

_tracked: dict[type[models.Model], set[str]] = {}


def track(*, exclude: tuple[str, ...] = ()) -> Any:
    """Class decorator: record this model's changes. `exclude` names fields too noisy to log."""

    def decorator(model: type[models.Model]) -> type[models.Model]:
        _tracked[model] = {"search_text", "updated_at", "created_at", *exclude}
        return model

    return decorator


def tracked_models() -> list[type[models.Model]]:
    return list(_tracked)


def _plain(value: Any) -> Any:
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


_AS_IS = frozenset({str, int, bool, float, type(None)})  # what _plain returns unchanged: the common case, no call
# Per model: (attname, whether its value is read straight from the instance's __dict__): a plain column's is; a
# file's descriptor turns the stored name into a FieldFile, so it is read through getattr as before.
_snapshot_fields: dict[type[models.Model], list[tuple[str, bool]]] = {}
_PLAIN_DESCRIPTORS = (models.Field.descriptor_class, models.ForeignKey.descriptor_class)


def _snapshot_names(model: type[models.Model]) -> list[tuple[str, bool]]:
    names = _snapshot_fields.get(model)
    if names is None:
        skip = _tracked.get(model, set())
        names = [
            (f.attname, f.descriptor_class in _PLAIN_DESCRIPTORS)
            for f in model._meta.concrete_fields
            if f.name not in skip and f.attname not in skip
        ]
        _snapshot_fields[model] = names
    return names


def snapshot(instance: models.Model) -> dict[str, Any]:
    values = instance.__dict__
    snap = {}
    for name, plain in _snapshot_names(type(instance)):
        # A deferred field is missing from __dict__: getattr fetches it, as it always did.
        value = values[name] if plain and name in values else getattr(instance, name)
        snap[name] = value if type(value) in _AS_IS else _plain(value)
    return snap


def _scope_of(instance: models.Model) -> tuple[str, int | None]:
    """Where the record sits (its placement in the rights table), kept on the entry for when it is deleted."""
    from ocop.core.rights import producer_id_of, unit_path_of

    return unit_path_of(instance)[:64], producer_id_of(instance)


def change_entry(instance: models.Model, action: str, before: dict[str, Any], after: dict[str, Any]) -> "ChangeLog":
    """The unsaved ChangeLog row for one change, in the current context (who, which request or job)."""
    from ocop.core.models import ChangeLog

    ctx = context.current()
    user = ctx.user
    unit_path, producer_id = _scope_of(instance)
    return ChangeLog(
        user=user,
        user_label=user.get_username() if user else ctx.label,
        source=ctx.source,
        group_id=ctx.group_id,
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        action=action,
        before=before,
        after=after,
        unit_path=unit_path,
        producer_id=producer_id,
    )


def log_change(instance: models.Model, action: str, before: dict[str, Any], after: dict[str, Any]) -> None:
    change_entry(instance, action, before, after).save()


def log_bulk(created: list[models.Model], updated: list[tuple[models.Model, models.Model]]) -> None:
    """Log a bulk write that skipped the signals: new instances, and (before, after) pairs of updated ones.

    The same entries as the signals write one by one, built cheaply (who, the group and the content type are read
    once) and written in one stream (COPY on PostgreSQL, core/bulk.py), all with the same time."""
    from ocop.core.models import ChangeLog

    ctx = context.current()
    user = ctx.user
    common = {
        "at": timezone.now(),
        "user_id": user.pk if user else None,
        "user_label": user.get_username() if user else ctx.label,
        "source": ctx.source,
        "group_id": ctx.group_id,
    }
    types: dict[type[models.Model], int] = {}

    def entry(instance: models.Model, action: str, before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
        model = type(instance)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(model).pk
        unit_path, producer_id = _scope_of(instance)
        return {
            **common,
            "content_type_id": types[model],
            "object_id": str(instance.pk),
            "object_repr": str(instance)[:255],
            "action": action,
            "before": before,
            "after": after,
            "unit_path": unit_path,
            "producer_id": producer_id,
        }

    entries = [entry(instance, Action.CREATE, {}, snapshot(instance)) for instance in created]
    for old, new in updated:
        before, after = snapshot(old), snapshot(new)
        changed = [key for key in after if after[key] != before.get(key)]
        if changed:
            entries.append(
                entry(new, Action.UPDATE, {k: before.get(k) for k in changed}, {k: after[k] for k in changed})
            )
    fields = insert_fields(ChangeLog, with_pk=False)
    names = [f.attname for f in fields]
    insert_rows(ChangeLog, fields, ([row[name] for name in names] for row in entries))
    # Derived data follows (the public catalogue): told what was created apart from what was updated, since a
    # record created just now has nothing derived from it yet.
    for instances, was_created in ((created, True), ([new for _old, new in updated], False)):
        by_model: dict[type[models.Model], list[models.Model]] = {}
        for instance in instances:
            by_model.setdefault(type(instance), []).append(instance)
        for model, group in by_model.items():
            bulk_written.send(sender=model, instances=group, created=was_created)


def _before_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **kw: Any) -> None:
    if raw or sender not in _tracked:
        return
    old = None
    if instance.pk is not None and not instance._state.adding:
        old = sender._base_manager.filter(pk=instance.pk).first()
    instance._history_before = snapshot(old) if old is not None else None  # type: ignore[attr-defined]  # to post_save


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool = False, **kw: Any
) -> None:
    if raw or sender not in _tracked:
        return
    after = snapshot(instance)
    before = getattr(instance, "_history_before", None)
    if created or before is None:
        log_change(instance, Action.CREATE, {}, after)
        return
    changed = {key for key in after if after[key] != before.get(key)}
    if changed:
        log_change(instance, Action.UPDATE, {k: before.get(k) for k in changed}, {k: after[k] for k in changed})


def _after_delete(sender: type[models.Model], instance: models.Model, **kw: Any) -> None:
    if sender in _tracked:
        log_change(instance, Action.DELETE, snapshot(instance), {})


def connect_signals() -> None:
    pre_save.connect(_before_save, dispatch_uid="ocop_history_pre_save")
    post_save.connect(_after_save, dispatch_uid="ocop_history_post_save")
    post_delete.connect(_after_delete, dispatch_uid="ocop_history_post_delete")


def history_for(instance: models.Model) -> models.QuerySet:
    from ocop.core.models import ChangeLog

    return ChangeLog.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance)), object_id=str(instance.pk)
    ).select_related("user")
