"""Personal data: the fields a model marks `personal_fields` are read and written only with the rights table's
"personal" right on the record. Everything that shows or takes a record's values asks here — the API's answers,
the staff pages (`{% may "personal" object %}` or `sees_personal`), the list filters, the exports, the forms and
the change log — so that one rule decides; those without the right read `HIDDEN` (or null in the API)."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy

from ocop.core.rights.rules import may, may_all_in
from ocop.core.types import RequestUser

ACTION = "personal"
# What a person without the right reads in place of a personal value (pages and exported files).
HIDDEN = gettext_lazy("Not shown (personal data)")


def personal_fields(model: type[models.Model] | None) -> frozenset[str]:
    """The personal fields of `model`, by name and by column (`representative_gender`, `owner_id`…)."""
    if model is None:
        return frozenset()
    names = set(getattr(model, "personal_fields", ()))
    return frozenset(names | {model._meta.get_field(name).attname for name in names})  # type: ignore[union-attr]


def sees_personal(user: RequestUser | None, obj: models.Model | type[models.Model]) -> bool:
    """Whether `user` reads the personal fields of `obj` (a record being added: of some record of its type).
    A type without personal fields has nothing to hide."""
    model = obj if isinstance(obj, type) else type(obj)
    if not personal_fields(model):
        return True
    if not isinstance(obj, type) and obj.pk is None:
        return may(user, ACTION, model)
    return may(user, ACTION, obj)


def sees_personal_in(user: RequestUser | None, model: type[models.Model], unit_path: str) -> bool:
    """Whether `user` reads the personal fields of every record of `model` in the unit at `unit_path` (and below):
    what a figure computed from those fields over the unit needs to be shown whole (`ocop.programme.disclosure`)."""
    return not personal_fields(model) or may_all_in(user, ACTION, model, unit_path)


def hidden_fields(user: RequestUser | None, obj: models.Model | type[models.Model]) -> frozenset[str]:
    """The fields of `obj` that `user` must not read (empty with the right)."""
    model = obj if isinstance(obj, type) else type(obj)
    return frozenset() if sees_personal(user, obj) else personal_fields(model)


def masked(user: RequestUser | None, obj: models.Model, values: dict[str, Any], hidden: Any = None) -> dict[str, Any]:
    """`values` (a record's field → value) with the personal ones `user` may not read replaced by `hidden`."""
    gone = hidden_fields(user, obj)
    return {name: (hidden if name in gone else value) for name, value in values.items()}


def drop_personal(form: Any, obj: models.Model | type[models.Model]) -> None:
    """A form for someone without the right neither shows nor takes the personal fields of `obj` (`form.user`)."""
    for name in hidden_fields(form.user, obj):
        form.fields.pop(name, None)
