"""Export pages: a list's "Excel"/"CSV" links come here with the list's own filters; small lists download at
once, big ones become a job whose page shows a progress bar and, when done, the file."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View

from ocop.core import files
from ocop.core.types import AuthenticatedHttpRequest
from ocop.exchange import jobs
from ocop.exchange.exports import EXPORTS, FORMATS, ExportError, write
from ocop.exchange.models import ExportRecord, JobState
from ocop.exchange.tasks import run_export_job


class ExportList(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, name: str, fmt: str) -> HttpResponseBase:
        export = EXPORTS.get(name)
        if export is None or fmt not in FORMATS:
            raise Http404
        params = {key: value for key, value in request.GET.dict().items() if key != "page"}
        try:
            qs = export.queryset(request.user, params)
        except ExportError as error:
            return render(request, "exchange/export_error.html", {"errors": error.errors}, status=400)
        total = qs.count()
        record = ExportRecord(
            user=request.user, kind=name, params=params, format=fmt, file_name=export.file_name(fmt), total=total
        )
        if total > settings.OCOP_EXPORT_SYNC_ROWS:
            record.state = JobState.QUEUED
            record.save()
            jobs.enqueue(record, run_export_job)
            return HttpResponseRedirect(f"/staff/exports/{record.pk}/")
        data = write(export, qs, fmt, request.user)
        record.done = total
        record.save()  # who exported what, without keeping the file
        return files.serve(request.user, record, data, record.file_name)


def my_exports(request: HttpRequest) -> QuerySet[ExportRecord]:
    return ExportRecord.objects.for_user(request.user).defer("data")


class ExportStatus(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        record = get_object_or_404(my_exports(request), pk=pk)
        ready = record.state == JobState.DONE and ExportRecord.objects.filter(pk=pk, data__isnull=False).exists()
        label = EXPORTS[record.kind].label if record.kind in EXPORTS else _("Review report")
        context = {"record": record, "ready": ready, "label": label, "can_rerun": jobs.rerunnable(record)}
        return render(request, "exchange/export_status.html", context)


class ExportAgain(LoginRequiredMixin, View):
    """Run again an export or a report whose worker stopped, with the filters it kept."""

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        record = get_object_or_404(my_exports(request), pk=pk)
        if not jobs.rerun(record):
            messages.error(request, _("This job cannot be run again: it was run again already."))
        return HttpResponseRedirect(f"/staff/exports/{pk}/")


class ExportDownload(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
        record = get_object_or_404(my_exports(request).defer(None), pk=pk, state=JobState.DONE, data__isnull=False)
        data = bytes(record.data or b"")  # not null: filtered above
        return files.serve(request.user, record, data, record.file_name)
