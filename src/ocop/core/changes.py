"""Reading the change log under the rights table: an entry is seen by those who may view the record it describes
(for a record since deleted, by those who could view it where it last was), and a field marked personal on its
model (`personal_fields`) is shown only with the table's "personal" right (`ocop.core.rights.personal`); everyone
else reads "Not shown (personal data)"."""

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast

from ocop.core import rights
from ocop.core.history import tracked_models
from ocop.core.rights.personal import ACTION, HIDDEN, personal_fields
from ocop.core.types import RequestUser


def visible_changes(user: RequestUser) -> QuerySet:
    """The change-log entries `user` may read, newest first."""
    from ocop.core.models import ChangeLog

    entries = ChangeLog.objects.select_related("content_type", "user")
    who = rights.person(user)
    if not who.active:
        return entries.none()
    if who.superuser:
        return entries
    types = ContentType.objects.get_for_models(*tracked_models())
    query = Q(pk__in=[])
    for model, content_type in types.items():
        if not rights.may(user, "view", model):
            continue
        key = Cast(OuterRef("object_id"), BigIntegerField())
        live = Exists(model.objects.for_user(user, "view").filter(pk=key))  # type: ignore[attr-defined]  # in the table
        recorded = rights.recorded_q(user, model, "view")
        gone = ~Exists(model._default_manager.filter(pk=key)) & (Q() if recorded is None else recorded)
        query |= Q(content_type=content_type) & (live | gone)
    return entries.filter(query)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: Any
    after: Any


def field_changes(entry: Any, user: RequestUser) -> list[FieldChange]:
    """What one entry changed, as `user` may read it: personal fields hidden without the "personal" right."""
    model = entry.content_type.model_class()
    # The entry's recorded placement decides (the record may have moved or gone since), as for reading it.
    hidden = personal_fields(model)
    if hidden and rights.may_recorded(user, ACTION, model, entry.unit_path, entry.producer_id):
        hidden = frozenset()
    rows = []
    for field, label, before, after in entry.changed_fields(with_names=True):
        if field in hidden:
            before = HIDDEN if before not in (None, "") else before
            after = HIDDEN if after not in (None, "") else after
        rows.append(FieldChange(field, label, before, after))
    return rows


def with_fields(entries: Any, user: RequestUser) -> list[Any]:
    """The entries with `.fields` set for `user` (templates and exports read that, never `before`/`after`)."""
    result = list(entries)
    for entry in result:
        entry.fields = field_changes(entry, user)
    return result
