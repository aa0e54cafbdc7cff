"""No silent lost updates: every edit carries the version of the record it was read at.

A record's version is the id of the newest change-log entry about it (every change is logged, in the same
transaction as the change), so no model needs a version column. A save locks the row, compares, and refuses a
stale edit with who changed the record, when, and what.
"""

from typing import Any, cast

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.core.rights.personal import personal_fields


def version_of(obj: models.Model) -> int:
    """The id of the newest change-log entry of `obj` (0 for a record never logged)."""
    from ocop.core.models import ChangeLog

    if obj.pk is None:
        return 0
    latest = (
        ChangeLog.objects.filter(content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk))
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    return latest or 0


class StaleEdit(ValidationError):
    """Raised when the record changed after the person read it; the message says who, when and what."""

    def __init__(self, obj: models.Model, seen: int) -> None:
        from ocop.core.models import ChangeLog

        content_type = ContentType.objects.get_for_model(type(obj))
        newer = list(
            ChangeLog.objects.filter(content_type=content_type, object_id=str(obj.pk), id__gt=seen).order_by("id")
        )
        last = newer[-1] if newer else None
        who = (last.user_label or _("someone")) if last else _("someone")
        when = timezone.localtime(last.at).strftime("%H:%M %d/%m/%Y") if last else ""
        hidden = personal_fields(type(obj))  # never in the message: it goes to whoever saved
        changed: dict[str, list[Any]] = {}
        for entry in newer:
            for field, label, before, after in entry.changed_fields(with_names=True):
                if field not in hidden:
                    changed.setdefault(label, [before, after])[1] = after
        changes = [f"{label} ({_shown(before)} → {_shown(after)})" for label, (before, after) in changed.items()]
        message = _("This record was changed by %(who)s at %(when)s after you opened it — review and save again.") % {
            "who": who,
            "when": when,
        }
        if changes:
            message += " " + _("Changed: %(fields)s.") % {"fields": "; ".join(changes)}
        self.entries = newer
        super().__init__(message, code="stale")


def _shown(value: Any) -> str:
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def seen_version(data: Any) -> int | None:
    """The `version` a posted form carried (None when absent or not a number: then nothing is compared)."""
    raw = data.get("version") if data is not None else None
    if raw is None or not str(raw).isascii() or not str(raw).isdecimal() or len(str(raw)) > 18:
        return None
    return int(raw)


def refresh_version(form: forms.BaseForm, obj: models.Model) -> None:
    """After a refused stale save: the form carries the record's current version, so that saving again (after
    reviewing what changed) applies to the record as it now is."""
    data = cast(QueryDict, form.data).copy()  # a bound form's data: the request's QueryDict
    data["version"] = str(version_of(obj))
    form.data = data


def check_version(obj: models.Model, seen: int | None) -> None:
    """Refuse the save when `obj` (locked by the caller) changed since version `seen`."""
    if seen is None or obj.pk is None:
        return
    if version_of(obj) != seen:
        raise StaleEdit(obj, seen)


def locked(obj: models.Model) -> models.Model:
    """The row of `obj` locked for this transaction (SELECT … FOR UPDATE; SQLite serialises writes anyway)."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, min_value=0, max_value=2**63 - 1, **kwargs)


class VersionedForm(forms.BaseForm):
    """A form mixin that carries the version of its instance; `check_version` runs when the view saves."""

    version_label = gettext_lazy("version")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        self.fields["version"] = VersionField(label=self.version_label)
        if instance is not None and instance.pk is not None and not self.is_bound:
            self.initial["version"] = version_of(instance)

    def seen_version(self) -> int | None:
        """The version the person read; None when the form did not say (then nothing is compared)."""
        return self.cleaned_data.get("version") if hasattr(self, "cleaned_data") else None
