"""A person's own imports and exports, recent ones first: the list behind "finished" and "failed" on the
things-to-do page (the same filter for both, so the counts and the list agree)."""

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.core.types import RequestUser
from ocop.exchange.models import ExportRecord, ImportRecord, JobState

RECENT_DAYS = 7
KINDS = {"import": ImportRecord, "export": ExportRecord}


class JobFilter(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), ("import", _("Imports")), ("export", _("Exports"))]
    )
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All")), *JobState.choices])
    days = forms.IntegerField(label=_("Last days"), required=False, min_value=1, max_value=366)


def recent(model: Any, user: RequestUser, days: int, state: str = "") -> QuerySet:
    """`user`'s own records of `model` of the last `days` days (a state: only those)."""
    since = timezone.now() - datetime.timedelta(days=days)
    qs = model.objects.defer("data").filter(user=user, at__gte=since)
    return qs.filter(state=state) if state else qs


def jobs(user: RequestUser, data: dict[str, Any]) -> dict[str, QuerySet]:
    """{"import": …, "export": …} as the filter asks (a kind not asked for is left out)."""
    days = data.get("days") or RECENT_DAYS
    kinds = [data["kind"]] if data.get("kind") else list(KINDS)
    return {kind: recent(KINDS[kind], user, days, data.get("state") or "") for kind in kinds}
