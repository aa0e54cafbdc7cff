"""Import kinds of new-rural statuses, programme activities and support received."""

import datetime
from collections import defaultdict
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.core.text import fold
from ocop.exchange import values as v
from ocop.exchange.kinds.base import Column
from ocop.exchange.kinds.market.common import (
    ACTIVITY,
    AREA,
    AREA_HELP,
    COMMUNE,
    COMMUNE_HELP,
    TAX,
    MarketKind,
    _d,
    money,
)
from ocop.exchange.kinds.registry import choice_of
from ocop.market.choices import (
    ActivityKind,
    ActivityStatus,
    FundingSource,
    RuralLevel,
    SupportKind,
)
from ocop.market.models import Activity, CommuneStatus, Support


class CommuneStatusesKind(MarketKind):
    name, model = "commune_statuses", CommuneStatus
    label = "Xã đạt chuẩn nông thôn mới"
    columns = [
        Column(COMMUNE, "unit", v.text, required=True, help=COMMUNE_HELP + "ngày quyết định", depends_on_date=True),
        Column("Năm", "year", v.integer, required=True, help="Năm đạt chuẩn, ví dụ 2024"),
        Column("Mức đạt chuẩn", "level", choice_of(RuralLevel.choices), required=True, choices=RuralLevel.choices),
        Column("Số quyết định", "decision_number", v.text, required=True),
        Column("Ngày quyết định", "decision_date", v.date, required=True, help="dd/mm/yyyy"),
    ]
    export_only = ("Mã xã",)
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


class ActivitiesKind(MarketKind):
    name, model = "activities", Activity
    label = "Hoạt động của chương trình"
    columns = [
        Column("Loại hoạt động", "kind", choice_of(ActivityKind.choices), required=True, choices=ActivityKind.choices),
        Column("Tên hoạt động", "title", v.text, required=True, help="Tên và ngày bắt đầu là khóa để cập nhật"),
        Column("Cơ quan chủ trì", "agency", v.text, required=True),
        Column(AREA, "unit", v.text, required=True, help=AREA_HELP),
        Column("Từ ngày", "starts_on", v.date, required=True, help="dd/mm/yyyy"),
        Column("Đến ngày", "ends_on", v.date, help="dd/mm/yyyy"),
        Column("Kinh phí (đồng)", "budget", v.number),
        Column("Nguồn kinh phí", "funding_source", choice_of(FundingSource.choices), choices=FundingSource.choices),
        Column("Trạng thái", "status", choice_of(ActivityStatus.choices), choices=ActivityStatus.choices),
        Column("Số người tham gia", "participants", v.integer),
        Column("Minh chứng", "evidence", v.text, help="Văn bản, đường dẫn"),
    ]
    export_only = ("Số lượt hỗ trợ",)
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


class SupportsKind(MarketKind):
    name, model = "supports", Support
    label = "Hỗ trợ chủ thể đã nhận"
    columns = [
        Column(TAX, "producer", v.text, required=True, help="Chủ thể phải có sẵn"),
        Column("Loại hỗ trợ", "kind", choice_of(SupportKind.choices), required=True, choices=SupportKind.choices),
        Column("Số tiền (đồng)", "amount", v.number),
        Column(
            "Nguồn kinh phí", "funding_source", choice_of(FundingSource.choices), required=True,
            choices=FundingSource.choices,
        ),
        Column("Ngày nhận", "received_on", v.date, required=True, help="dd/mm/yyyy"),
        Column("Nội dung", "description", v.text),
        Column(ACTIVITY, "activity", v.text, help="Tên hoạt động của chương trình (nếu có); phải có sẵn"),
    ]  # fmt: skip
    export_only = ("Tên chủ thể", COMMUNE)
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
