"""Report downloads: the review report of a year as DOCX or XLSX. A province with few units (Bình Phước's 11
districts) gets its file at once; one with many (a two-level-map province's ~100 communes) gets a job whose page
shows the progress unit by unit, and the file when it is ready (`OCOP_REPORT_SYNC_UNITS`)."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View

from ocop.core import files
from ocop.core.types import AuthenticatedHttpRequest
from ocop.core.views import require
from ocop.exchange.jobs import enqueue
from ocop.exchange.models import ExportRecord, JobState
from ocop.programme.queries import plans_for
from ocop.programme.reports import BUILDERS, gather
from ocop.programme.tasks import build_report_job


class ReportDownload(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, slug: str, fmt: str) -> HttpResponseBase:
        plan = get_object_or_404(plans_for(request.user), slug=slug)
        if fmt not in BUILDERS:
            raise Http404
        require(request.user, "export", plan)
        try:
            year = int(request.GET.get("year") or min(timezone.localdate().year, plan.ends_on.year))
        except ValueError:
            return HttpResponse("year: YYYY", status=400, content_type="text/plain; charset=utf-8")
        if not plan.starts_on.year <= year <= plan.ends_on.year:
            message = f"{year}: {plan.starts_on.year}–{plan.ends_on.year}"
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        name = f"bao-cao-{plan.slug}-{year}.{fmt}"
        units = plan.province.children.count()
        if units > settings.OCOP_REPORT_SYNC_UNITS:
            record = ExportRecord.objects.create(
                user=request.user, kind="report", params={"plan": plan.slug, "year": year}, format=fmt,
                file_name=name, total=units, state=JobState.QUEUED,
            )  # fmt: skip
            enqueue(record, build_report_job)
            return HttpResponseRedirect(f"/staff/exports/{record.pk}/")
        return files.serve(request.user, plan, BUILDERS[fmt](gather(plan, year, user=request.user)), name)
