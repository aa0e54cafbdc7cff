"""The national dashboard of a national plan: the country and its provinces side by side (a table sorted by any
indicator, a ranking, the provinces as points on a map), each province opening its own dashboard; and the
national review report (DOCX/XLSX) in the provincial report's layout."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from ocop.core import files
from ocop.core.types import RequestUser
from ocop.core.views import require
from ocop.programme.models import Plan
from ocop.programme.national import DEFAULT_SORT, SORT_KEYS, NationalFigures, is_national, national_figures
from ocop.programme.national_report import BUILDERS, gather_national
from ocop.programme.params import read_day
from ocop.programme.queries import plans_for


def national_plan(user: RequestUser, slug: str) -> Plan:
    """A national plan the person may view whose figures they may see for the whole country: the national office
    (and the administrator); a province office sees the plan, not the other provinces' figures (403)."""
    plan = get_object_or_404(plans_for(user), slug=slug)
    if not is_national(plan):
        raise Http404
    require(user, "figures", plan.province)
    return plan


class NationalDashboard(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        plan = national_plan(request.user, slug)
        try:
            day = read_day(plan, request.GET.get("date"))
        except ValidationError as error:
            context = {"plan": plan, "errors": error.message_dict}
            return render(request, "programme/national.html", context, status=400)
        sort = request.GET.get("sort", DEFAULT_SORT)
        sort = sort if sort in SORT_KEYS else DEFAULT_SORT
        descending = request.GET.get("order", "asc" if sort == "name" else "desc") != "asc"
        figures = national_figures(plan, day, request.user, sort, descending)
        context = {
            "plan": plan, "day": day, "figures": figures, "sort": sort, "descending": descending,
            "columns": columns(figures, sort, descending),
        }  # fmt: skip
        return render(request, "programme/national.html", context)


class NationalReport(LoginRequiredMixin, View):
    """The national review report of a year: the country's targets, then one row per province."""

    def get(self, request: HttpRequest, slug: str, fmt: str) -> HttpResponseBase:
        plan = national_plan(request.user, slug)
        if fmt not in BUILDERS:
            raise Http404
        require(request.user, "export", plan)
        try:
            year = int(request.GET.get("year") or min(timezone.localdate().year, plan.ends_on.year))
        except ValueError:
            return _bad(_("The year is written YYYY (e.g. 2025)."))
        if not plan.starts_on.year <= year <= plan.ends_on.year:
            message = _("The year must lie in the plan's period, %(start)s–%(end)s.")
            return _bad(message % {"start": plan.starts_on.year, "end": plan.ends_on.year})
        data = gather_national(plan, year, request.user)
        return files.serve(request.user, plan, BUILDERS[fmt](data), f"bao-cao-{plan.slug}-{year}.{fmt}")


def columns(figures: NationalFigures, sort: str, descending: bool) -> list[tuple[str, str, str, str]]:
    """The provinces table's sortable columns: (key, heading, title, the order a click on it asks for)."""
    found = [("name", _("Province or city"), _("Province or city")), ("met", _("Targets met"), _("Targets met"))]
    found += [(r.code, str(r.indicator.number), str(r.indicator.name)) for r in figures.country.results]
    return [
        (key, heading, title, "asc" if key == sort and descending else "desc" if key == sort else _first(key))
        for key, heading, title in found
    ]


def _first(key: str) -> str:
    return "asc" if key == "name" else "desc"


def _bad(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
