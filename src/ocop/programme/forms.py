"""Forms for plans, targets, tasks and progress reports (the province office's)."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _

from ocop.core.types import RequestUser
from ocop.market.models import Activity
from ocop.places.choices import Level
from ocop.places.forms import UnitField
from ocop.places.models import Unit
from ocop.programme.indicators.definitions import INDICATORS
from ocop.programme.models import Plan, Solution, Target, Task, TaskReport
from ocop.registry.forms import DATE_WIDGET


class PlanScopedForm(forms.ModelForm):
    def __init__(self, *args: Any, user: RequestUser | None = None, plan: Plan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.plan = user, plan
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DATE_WIDGET


class PlanForm(PlanScopedForm):
    class Meta:
        model = Plan
        field_classes = {"province": UnitField}
        fields = ["name", "slug", "document_number", "document_date", "map", "province", "starts_on", "ends_on",
                  "description"]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from ocop.core import rights

        provinces = Unit.objects.filter(level=Level.PROVINCE).order_by("map", "name")
        prefixes = rights.prefixes(self.user)
        if prefixes is not None:
            provinces = provinces.under_any(prefixes)
        cast(UnitField, self.fields["province"]).offer(provinces, "provinces")


class TargetForm(PlanScopedForm):
    plan: Plan  # given by the plan's page
    indicator = forms.ChoiceField(label=_("Indicator"), choices=[(i.code, f"{i.number}. {i.name}") for i in INDICATORS])

    class Meta:
        model = Target
        field_classes = {"unit": UnitField}
        fields = ["indicator", "comparison", "value", "baseline", "baseline_on", "unit"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.plan = self.plan
        units = Unit.objects.filter(map=self.plan.map, path__startswith=self.plan.province.path)
        cast(UnitField, self.fields["unit"]).offer(units.exclude(pk=self.plan.province_id), "plan", plan=self.plan.slug)

    def clean(self) -> dict[str, Any]:
        # The plan is set by the page, not the form, so the model form's unique check leaves it out: check here.
        data = super().clean() or self.cleaned_data  # the stubs allow None; Django returns cleaned_data
        taken = Target.objects.filter(plan=self.plan, indicator=data.get("indicator"), unit=data.get("unit"))
        if taken.exclude(pk=self.instance.pk).exists():
            self.add_error("indicator", _("This plan already has a target for this indicator and unit."))
        return data


class TaskForm(PlanScopedForm):
    plan: Plan  # given by the plan's page

    class Meta:
        model = Task
        field_classes = {"unit": UnitField}
        fields = ["solution", "title", "responsible", "unit", "deadline", "status", "activities"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["solution"]).queryset = Solution.objects.filter(plan=self.plan)
        units = Unit.objects.filter(map=self.plan.map, path__startswith=self.plan.province.path)
        cast(UnitField, self.fields["unit"]).offer(units, "plan", plan=self.plan.slug)
        cast(forms.ModelChoiceField, self.fields["activities"]).queryset = Activity.objects.for_user(self.user)
        self.fields["activities"].required = False


class TaskReportForm(PlanScopedForm):
    class Meta:
        model = TaskReport
        fields = ["reported_on", "progress", "text", "evidence"]

    def __init__(self, *args: Any, task: Task | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.task = task
