"""Report downloads: the review report of a year as DOCX or XLSX. Building one reads the plan's data once and
takes about a second for a province; the command `ocop report` prints progress for long runs."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View

from ocop.programme.queries import plans_for
from ocop.programme.reports import BUILDERS, gather
from ocop.programme.views import can_plan

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ReportDownload(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
        plan = get_object_or_404(plans_for(request.user), slug=slug)
        if fmt not in BUILDERS or not can_plan(request.user):
            raise Http404
        try:
            year = int(request.GET.get("year") or min(timezone.localdate().year, plan.ends_on.year))
            data = gather(plan, year)
        except ValueError as error:
            return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
        response = HttpResponse(BUILDERS[fmt](data), content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="bao-cao-{plan.slug}-{year}.{fmt}"'
        return response
