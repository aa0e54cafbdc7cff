"""The model's own rules on an imported row, at the cost of a dictionary lookup where the answer is plain.

`Model.full_clean` costs about as much per row as writing it: every field goes through `to_python`, its choices
and its validators. Most imported cells are text that is obviously fine (shorter than the column, no choices),
so `passes_field_checks` answers for those fields itself, by the same rules, and hands every other field to the
field's own `clean`. It only ever says "fine" or "ask full_clean": when it says the latter, the engine runs
`full_clean`, whose messages are the ones the person reads. Nothing is checked less than before.
"""

from collections.abc import Collection
from functools import cache
from typing import Any

from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models

_TEXT = (models.CharField, models.TextField)  # Django's own, by class identity: a subclass may clean its own way


@cache
def _text_limit(field: models.Field) -> int | None:
    """For one of Django's own text fields without choices whose only validator is its maximum length: that
    length (0: none). None when the field needs its full `clean`."""
    if type(field) not in _TEXT or field.choices or not field.editable:
        return None
    limit = 0
    for validator in field.validators:
        if type(validator) is not validators.MaxLengthValidator or not isinstance(validator.limit_value, int):
            return None
        limit = validator.limit_value if not limit else min(limit, validator.limit_value)
    return limit


def passes_field_checks(instance: models.Model, exclude: Collection[str]) -> bool:
    """Whether `instance.full_clean(exclude, validate_unique=False, validate_constraints=False)` would pass,
    decided cheaply for plain text and by each field's own `clean` otherwise (which may normalise the value, as
    full_clean does). False means "not sure": run full_clean for the messages."""
    values = instance.__dict__
    for field in instance._meta.fields:
        if field.name in exclude or field.generated:
            continue
        raw: Any = values.get(field.attname)
        if type(raw) is str and (limit := _text_limit(field)) is not None:
            if raw == "":
                if field.blank:
                    continue
                return False
            if limit and len(raw) > limit:
                return False
            continue
        raw = getattr(instance, field.attname)
        if field.blank and raw in field.empty_values:
            continue  # as clean_fields: an empty value where blank is allowed is not validated
        try:
            setattr(instance, field.attname, field.clean(raw, instance))
        except ValidationError:
            return False
    try:
        instance.clean()
    except ValidationError:
        return False
    return True
