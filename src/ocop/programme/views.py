"""Plan pages: the list, the dashboard (targets at a glance, drill-down by unit, per-unit table, yearly charts,
points map), each indicator's records, creating a plan and its targets, tasks and their progress reports."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View

from ocop.core import rights
from ocop.core.types import RequestUser
from ocop.core.views import require
from ocop.market.models import SalesPoint
from ocop.places.forms import UnitPicker
from ocop.places.models import Unit
from ocop.programme import disclosure
from ocop.programme.forms import PlanForm, TargetForm, TaskForm, TaskReportForm
from ocop.programme.indicators.definitions import BY_CODE
from ocop.programme.indicators.engine import PlanIndicators
from ocop.programme.models import Plan, Task
from ocop.programme.national import ancestors_in, children_of
from ocop.programme.params import read_day, read_unit
from ocop.programme.queries import plan_units, plans_for, unit_visible
from ocop.registry.models import Producer, Product


def can_plan(user: RequestUser, plan: Plan | None = None) -> bool:
    """Plans, targets and tasks are the province office's (the rights table: change on the plan)."""
    return rights.may(user, "change", plan if plan is not None else Plan)


class PlanList(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        context = {"plans": plans_for(request.user), "can_plan": can_plan(request.user)}
        return render(request, "programme/plan_list.html", context)


def plan_and_params(request: HttpRequest, slug: str) -> tuple[Plan, Unit | None, datetime.date | None, dict]:
    plan = get_object_or_404(plans_for(request.user), slug=slug)
    try:
        unit, day = read_unit(plan, request.user, request.GET.get("unit")), read_day(plan, request.GET.get("date"))
    except ValidationError as error:
        return plan, None, None, {**error.message_dict, "matches": getattr(error, "matches", [])}
    return plan, unit, day, {}


def unit_picker(request: HttpRequest, plan: Plan, unit: Unit | None, matches: list[Unit]) -> str:
    """The dashboard's unit box: a name, old or new, among the plan's units the person may see."""
    widget = UnitPicker(ids=False)
    widget.source, widget.params, widget.chosen = "plan", {"plan": plan.slug}, unit
    widget.candidates = plan_units(request.user, plan)
    widget.show_matches(matches)
    return widget.render("unit", request.GET.get("unit", ""), attrs={"id": "unit"})


def error_page(request: HttpRequest, plan: Plan, errors: dict) -> HttpResponse:
    matches = errors.pop("matches", [])
    context = {"plan": plan, "errors": errors, "picker": unit_picker(request, plan, None, matches)}
    return render(request, "programme/dashboard.html", context, status=400)


class Dashboard(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        plan, unit, day, errors = plan_and_params(request, slug)
        if errors or unit is None or day is None:  # both are read when there is no error
            return error_page(request, plan, errors)
        engine = PlanIndicators(plan)
        results = disclosure.protect(request.user, engine, engine.results(unit, day))
        children = [c for c in children_of(unit) if unit_visible(request.user, c)]
        table = [
            (child, [disclosure.cell(request.user, engine, r.indicator, child, day) for r in results])
            for child in children
        ]
        context = {
            "plan": plan, "unit": unit, "day": day, "results": results, "table": table,
            "ancestors": ancestors_in(plan, unit),
            "points": points(engine, unit, day), "can_plan": can_plan(request.user, plan),
            "can_report": rights.may(request.user, "export", plan),
            "picker": unit_picker(request, plan, unit, []),
        }  # fmt: skip
        return render(request, "programme/dashboard.html", context)


def points(engine: PlanIndicators, unit: Unit, day: datetime.date) -> list[tuple[float, float, str, str]]:
    """The unit's OCOP producers at the date and its showroom centres open then, where coordinates are known: one
    statement (the producers), the showroom centres from the places the engine has read for indicator 11."""
    # Kept on latitude alone, as before: a point with a latitude and no longitude fails here (reported, not
    # changed here).
    rows = engine.ocop_producers(unit, day)
    found = [(float(lat), float(lon), "producer", name) for _pk, lat, lon, name in rows if lat is not None]
    open_ = engine.showrooms(unit, day)
    centres = [p for pk, p in engine.sql.places.sales_points.items() if pk in open_ and p["latitude"] is not None]
    return found + [(float(p["latitude"]), float(p["longitude"]), "showroom", p["name"]) for p in centres]


class IndicatorDetail(LoginRequiredMixin, View):
    """An indicator's definition and the records behind its numerator and denominator, so it can be checked."""

    def get(self, request: HttpRequest, slug: str, code: str) -> HttpResponse:
        if code not in BY_CODE:
            raise Http404
        plan, unit, day, errors = plan_and_params(request, slug)
        if errors or unit is None or day is None:  # both are read when there is no error
            return error_page(request, plan, errors)
        engine = PlanIndicators(plan)
        result = next(r for r in disclosure.protect(request.user, engine, engine.results(unit, day)) if r.code == code)
        # Without the right to read the personal data a figure is computed from, no list of whom it counts: a
        # name beside a figure of 0 % or 100 %, or among few, tells each one's value (`programme.disclosure`).
        listed = disclosure.lists_records(request.user, BY_CODE[code], unit)
        rows = []
        if listed:
            counted, looked_at = engine.members(code, unit, day)
            measure = engine.measures(day)[code]
            rows = records(request.user, measure.subject, looked_at, counted, BY_CODE[code].fact)
        context = {
            "plan": plan, "unit": unit, "day": day, "result": result, "indicator": BY_CODE[code],
            "rows": rows, "withheld": None if listed else disclosure.WITHHELD,
        }  # fmt: skip
        return render(request, "programme/indicator.html", context)


def records(
    user: RequestUser, subject: str, ids: set[int], counted: set[int], fact: str = ""
) -> list[tuple[Any, bool | None, str]]:
    """Each record, whether it is counted, and the fact that decided (a producer's representative's gender…). A
    fact that is personal data (the model's `personal_fields`) is shown, and whether the record is counted on it,
    only to those who read it (`rights.sees_personal`). The page asks for no records at all of an indicator on
    personal data from those without the right over the whole unit (`disclosure.lists_records`)."""
    models = {"product": Product, "producer": Producer, "sales_point": SalesPoint}
    model: type[Model] = models.get(subject, Unit)
    qs = model._default_manager.filter(pk__in=ids)
    if model is Product:
        qs = qs.select_related("producer")
    personal = bool(fact) and fact in rights.personal_fields(model)
    if personal and model is Producer:
        qs = qs.select_related("commune")  # where it sits, for the right
    rows: list[tuple[Any, bool | None, str]] = []
    for obj in qs.order_by("pk")[:2000]:
        if personal and not rights.sees_personal(user, obj):
            rows.append((obj, None, str(rights.HIDDEN)))
        else:
            rows.append((obj, obj.pk in counted, getattr(obj, f"get_{fact}_display")() if fact else ""))
    return rows


class PlanEditMixin(LoginRequiredMixin):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not can_plan(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class FormPage(PlanEditMixin, View):
    """GET shows the form, POST saves it in one transaction or shows it again with its errors."""

    form_class: Any
    heading = ""

    def get_plan(self, request: HttpRequest, **kwargs: Any) -> Plan | None:
        if "slug" not in kwargs:
            return None
        plan = get_object_or_404(plans_for(request.user), slug=kwargs["slug"])
        require(request.user, "change", plan)
        return plan

    def form(self, request: HttpRequest, plan: Plan | None, **kwargs: Any) -> Any:
        data = request.POST if request.method == "POST" else None
        return self.form_class(data, user=request.user, plan=plan, **kwargs)

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        plan = self.get_plan(request, **kwargs)
        return self.page(request, self.form(request, plan, **self.extra(kwargs)), plan)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        plan = self.get_plan(request, **kwargs)
        form = self.form(request, plan, **self.extra(kwargs))
        if form.is_valid():
            try:
                with transaction.atomic():
                    saved = form.save()
            except ValidationError as error:
                form.add_error(None, error)
            except IntegrityError:
                form.add_error(None, _("The record conflicts with another one (duplicate or invalid value)."))
            else:
                messages.success(request, _("Saved."))
                return HttpResponseRedirect(self.next_url(saved, plan))
        return self.page(request, form, plan, status=400)

    def page(self, request: HttpRequest, form: Any, plan: Plan | None, status: int = 200) -> HttpResponse:
        back = plan.get_absolute_url() if plan else "/staff/plans/"
        context = {"form": form, "heading": self.heading, "cancel_url": back}
        return render(request, "core/form.html", context, status=status)

    def extra(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        return {}

    def next_url(self, saved: Any, plan: Plan | None) -> str:
        return plan.get_absolute_url() if plan else saved.get_absolute_url()


class PlanCreate(FormPage):
    form_class, heading = PlanForm, _("New plan")


class TargetCreate(FormPage):
    form_class, heading = TargetForm, _("Add a target")


class TaskCreate(FormPage):
    form_class, heading = TaskForm, _("Add a task")

    def next_url(self, saved: Any, plan: Plan | None) -> str:
        assert plan is not None  # task pages sit under a plan's URL
        return f"/staff/plans/{plan.slug}/tasks/"


class TaskReportCreate(FormPage):
    form_class, heading = TaskReportForm, _("Report progress")

    def extra(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        return {"task": get_object_or_404(Task, pk=kwargs["task_pk"], solution__plan__slug=kwargs["slug"])}

    def next_url(self, saved: Any, plan: Plan | None) -> str:
        assert plan is not None  # task pages sit under a plan's URL
        return f"/staff/plans/{plan.slug}/tasks/"


class Tasks(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        plan = get_object_or_404(plans_for(request.user), slug=slug)
        solutions = plan.solutions.prefetch_related("tasks__reports", "tasks__activities")
        context = {"plan": plan, "solutions": solutions, "can_plan": can_plan(request.user, plan)}
        return render(request, "programme/tasks.html", context)
