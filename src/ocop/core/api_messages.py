"""The API's schema errors in the request's language. Pydantic words them in English ("Field required", "Input
should be a valid integer"); a person reading an answer of this API reads Vietnamese first. The common kinds are
put into words here by pydantic's error `type`; any other keeps pydantic's text after a translated lead, so that
nothing a developer needs is lost."""

from typing import Any

from django.utils.translation import gettext as _


def _messages() -> dict[str, str]:
    # Built per call: gettext answers in the language active for the request.
    return {
        "missing": _("This field is required."),
        "string_type": _("Must be text."),
        "int_type": _("Must be a whole number."),
        "int_parsing": _("Must be a whole number."),
        "int_from_float": _("Must be a whole number."),
        "float_type": _("Must be a number."),
        "float_parsing": _("Must be a number."),
        "decimal_type": _("Must be a number."),
        "decimal_parsing": _("Must be a number."),
        "bool_type": _("Must be true or false."),
        "bool_parsing": _("Must be true or false."),
        "date_type": _("Must be a date (YYYY-MM-DD)."),
        "date_parsing": _("Must be a date (YYYY-MM-DD)."),
        "date_from_datetime_parsing": _("Must be a date (YYYY-MM-DD)."),
        "datetime_type": _("Must be a date and time (ISO 8601)."),
        "datetime_parsing": _("Must be a date and time (ISO 8601)."),
        "datetime_from_date_parsing": _("Must be a date and time (ISO 8601)."),
        "list_type": _("Must be a list ([...])."),
        "dict_type": _("Must be an object ({...})."),
        "model_type": _("Must be an object ({...})."),
        "model_attributes_type": _("Must be an object ({...})."),
        "extra_forbidden": _("Not a field of this operation."),
    }


def _bounded(kind: str, context: dict[str, Any]) -> str | None:
    if kind == "string_too_long":
        return _("At most %(n)s characters.") % {"n": context.get("max_length")}
    if kind == "string_too_short":
        return _("At least %(n)s characters.") % {"n": context.get("min_length")}
    if kind == "too_long":
        return _("At most %(n)s items.") % {"n": context.get("max_length")}
    if kind in ("greater_than_equal", "greater_than"):
        bound = context.get("ge", context.get("gt"))
        return (
            _("Must be at least %(n)s.") % {"n": bound}
            if kind == "greater_than_equal"
            else _("Must be more than %(n)s.") % {"n": bound}
        )
    if kind in ("less_than_equal", "less_than"):
        bound = context.get("le", context.get("lt"))
        return (
            _("Must be at most %(n)s.") % {"n": bound}
            if kind == "less_than_equal"
            else _("Must be less than %(n)s.") % {"n": bound}
        )
    if kind in ("literal_error", "enum"):
        return _("Must be one of: %(choices)s.") % {"choices": context.get("expected", "")}
    return None


def schema_message(error: dict[str, Any]) -> str:
    """One pydantic error as a sentence in the request's language."""
    kind = str(error.get("type", ""))
    known = _messages().get(kind) or _bounded(kind, error.get("ctx") or {})
    if known is not None:
        return known
    return _("Invalid value (%(detail)s).") % {"detail": error.get("msg", kind)}
