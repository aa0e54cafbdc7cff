"""Import kinds of new-rural statuses, programme activities and support received."""

import datetime
from collections import defaultdict
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.core.text import fold
from ocop.exchange import values as v
from ocop.exchange.kinds import register
from ocop.market import columns
from ocop.market.choices import (
    ActivityStatus,
)
from ocop.market.columns import (
    ACTIVITY,
    AREA,
)
from ocop.market.exchange.common import (
    MarketKind,
    _d,
    money,
)
from ocop.market.models import Activity, CommuneStatus, Support


@register
class CommuneStatusesKind(MarketKind):
    name, model, label = "commune_statuses", CommuneStatus, "Xã đạt chuẩn nông thôn mới"
    spec = columns.COMMUNE_STATUSES
    trusted_fields = ("unit",)
    constraint_fields = {"communestatus_year_range": "year"}

    def row_date(self, values: dict[str, Any]) -> datetime.date:
        """The commune is the one on the map of its decision (else of 1 January of the year)."""
        if values.get("decision_date"):
            return values["decision_date"]
        year = values.get("year")
        return datetime.date(year, 1, 1) if isinstance(year, int) and 1 <= year <= 9999 else timezone.localdate()

    def key(self, values: dict[str, Any]) -> tuple:
        return (values["unit"].key, values["year"], values["level"])

    def existing(self, keys: list[tuple]) -> dict[tuple, CommuneStatus]:
        codes = {k[0].split(":")[1] for k in keys}
        found = CommuneStatus.objects.filter(year__in={k[1] for k in keys}, unit__code__in=codes).select_related("unit")
        return self.remember({(s.unit.key, s.year, s.level): s for s in found})

    def fill(self, status: CommuneStatus, values: dict[str, Any], current: CommuneStatus | None) -> None:
        for name in ("unit", "year", "level", "decision_number", "decision_date"):
            setattr(status, name, values[name])


@register
class ActivitiesKind(MarketKind):
    name, model, label = "activities", Activity, "Hoạt động của chương trình"
    spec = columns.ACTIVITIES
    trusted_fields = ("unit",)
    constraint_fields = {"activity_ends_after_start": "ends_on", "activity_budget_not_negative": "budget"}

    def lookup(self, values: dict[str, Any], user: Any) -> dict[str, Any]:
        return {**values, "unit": self.area(values["unit"], values["starts_on"], AREA)}

    def key(self, values: dict[str, Any]) -> tuple:
        return (fold(values["title"]), values["starts_on"])

    def existing(self, keys: list[tuple]) -> dict[tuple, Activity]:
        found = Activity.objects.filter(starts_on__in={k[1] for k in keys}).select_related("unit")
        return self.remember({(fold(a.title), a.starts_on): a for a in found})

    def fill(self, activity: Activity, values: dict[str, Any], current: Activity | None) -> None:
        for name in ("kind", "title", "agency", "unit", "starts_on", "ends_on", "funding_source", "evidence"):
            setattr(activity, name, values[name])
        activity.budget = money(values.get("budget"))
        activity.status = values.get("status") or (current.status if current else ActivityStatus.PLANNED)
        activity.participants = values.get("participants")


@register
class SupportsKind(MarketKind):
    name, model, label = "supports", Support, "Hỗ trợ chủ thể đã nhận"
    spec = columns.SUPPORTS
    trusted_fields = ("producer", "activity")
    constraint_fields = {"support_amount_not_negative": "amount"}

    def __init__(self) -> None:
        super().__init__()
        self._activities: dict[str, list[Activity]] | None = None

    def preload(self, rows: list[dict[str, Any]]) -> None:
        self.load_producers(rows, "producer")

    def activities(self, user: Any) -> dict[str, list[Activity]]:
        if self._activities is None:
            self._activities = defaultdict(list)
            for activity in Activity.objects.for_user(user):
                self._activities[fold(activity.title)].append(activity)
        return self._activities

    def lookup(self, values: dict[str, Any], user: Any) -> dict[str, Any]:
        producer = self.producer_by_tax(values["producer"])
        title = values.get("activity") or ""
        if not title:
            return {**values, "producer": producer, "activity": None}
        found = self.activities(user).get(fold(title), [])
        if not found:
            raise v.CellError(
                _("No activity in your scope has the title “%(title)s”.") % {"title": title},
                _("Import the activity first, or check its title."),
                ACTIVITY,
            )
        if len(found) > 1:  # the one under way when the support was received, if only one was
            day = values["received_on"]
            during = [a for a in found if a.starts_on <= day and (a.ends_on is None or day <= a.ends_on)]
            found = during if len(during) == 1 else found
        if len(found) > 1:
            days = ", ".join(_d(a.starts_on) for a in sorted(found, key=lambda a: a.starts_on))
            message = _("Several activities have the title “%(title)s”.") % {"title": title}
            hint = _("They start on %(days)s; the date received does not tell which one.") % {"days": days}
            raise v.CellError(message, hint, ACTIVITY)
        return {**values, "producer": producer, "activity": found[0]}

    def key(self, values: dict[str, Any]) -> tuple:
        return (values["producer"].tax_code, values["kind"], values["received_on"])

    def existing(self, keys: list[tuple]) -> dict[tuple, Support]:
        found = Support.objects.filter(
            producer__tax_code__in={k[0] for k in keys}, received_on__in={k[2] for k in keys}
        ).select_related("producer", "activity")
        return self.remember({(s.producer.tax_code, s.kind, s.received_on): s for s in found})

    def fill(self, support: Support, values: dict[str, Any], current: Support | None) -> None:
        for name in ("producer", "activity", "kind", "funding_source", "received_on", "description"):
            setattr(support, name, values[name])
        support.amount = money(values.get("amount"))
