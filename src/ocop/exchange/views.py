"""Import pages: download a template, upload for a dry run, read the report, confirm the import."""

import hashlib
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ocop.core import files
from ocop.core.types import AuthenticatedHttpRequest, RequestUser
from ocop.exchange import jobs
from ocop.exchange.engine import run_import
from ocop.exchange.kinds import KINDS
from ocop.exchange.models import ExportRecord, ImportRecord, JobState
from ocop.exchange.reading import MAX_FILE_BYTES
from ocop.exchange.tasks import run_import_job
from ocop.exchange.templates_xlsx import build_template


def kind_choices() -> list[tuple[str, str]]:
    """The kinds the apps declared (read when the form is built, after ExchangeConfig.ready discovered them)."""
    return [(k.name, k.label) for k in KINDS.values()]


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=kind_choices)
    file = forms.FileField(
        label=gettext_lazy("File (.xlsx or .csv)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"})
    )

    def clean_file(self) -> UploadedFile:
        """A workbook or a CSV whose bytes are what its name says: anything else is refused here, nothing kept."""
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if name.endswith(".xlsx"):
            files.check_upload(
                upload, [files.XLSX], _("This is not an Excel .xlsx file (perhaps another file renamed .xlsx).")
            )
        elif name.endswith(".csv"):
            refusal = _(
                "This is not a CSV text file (perhaps another file renamed .csv, or one saved as “Unicode text”): "
                "save it as “CSV UTF-8” and try again."
            )
            files.check_upload(upload, [files.CSV], refusal)
        elif name.endswith(".xls"):
            raise forms.ValidationError(
                _("Old .xls files are not accepted: save it as .xlsx (Excel 2007 or later) or .csv.")
            )
        else:
            raise forms.ValidationError(_("Only .xlsx and .csv files are accepted."))
        return upload


def records_for(user: RequestUser) -> QuerySet[ImportRecord]:
    """One's own imports (the system administrator: everyone's)."""
    return ImportRecord.objects.for_user(user).defer("data")


class EditorOnly(LoginRequiredMixin, View):
    """The import pages are for those the rights table lets import some kind of record."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not any(kind.can_import(request.user) for kind in KINDS.values()):
            raise PermissionDenied(_("Your role can only read."))
        return super().dispatch(request, *args, **kwargs)


class ImportHome(EditorOnly):
    def get(self, request: AuthenticatedHttpRequest, form: UploadForm | None = None, status: int = 200) -> HttpResponse:
        exports = ExportRecord.objects.for_user(request.user).filter(user=request.user).defer("data")[:10]
        context = {
            "form": form or UploadForm(),
            "kinds": KINDS.values(),
            "records": records_for(request.user)[:20],
            "exports": exports,
        }
        return render(request, "exchange/home.html", context, status=status)

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.get(request, form, status=400)
        upload = form.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            form.add_error("file", _("The file is larger than 20 MB; split it into several files."))
            return self.get(request, form, status=400)
        data, kind = upload.read(), form.cleaned_data["kind"]
        if len(data) > settings.OCOP_IMPORT_SYNC_BYTES:
            record = ImportRecord(kind=kind, file_name=upload.name[:255], user=request.user, dry_run=True)
            return start_job(record, data)
        report = run_import(kind, upload.name, data, request.user, dry_run=True)
        return HttpResponseRedirect(f"/staff/imports/{report.record_id}/")


class ImportReport(EditorOnly):
    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        record = get_object_or_404(records_for(request.user), pk=pk)
        can_confirm = record.state == JobState.DONE and record.dry_run and not record.problems
        can_confirm = can_confirm and bool(record.created or record.updated)
        can_confirm = can_confirm and ImportRecord.objects.filter(pk=pk, data__isnull=False).exists()
        context = {"record": record, "can_confirm": can_confirm, "can_rerun": jobs.rerunnable(record)}
        return render(request, "exchange/report.html", context)

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        checked = ImportRecord.objects.filter(user=request.user, dry_run=True, state=JobState.DONE)
        record = get_object_or_404(checked, pk=pk)
        if not record.data:
            messages.error(request, _("This file was already imported or its check is too old; upload it again."))
            return HttpResponseRedirect(f"/staff/imports/{pk}/")
        data = bytes(record.data)
        ImportRecord.objects.filter(pk=pk).update(data=None)
        if len(data) > settings.OCOP_IMPORT_SYNC_BYTES:
            return start_job(ImportRecord(kind=record.kind, file_name=record.file_name, user=request.user), data)
        report = run_import(record.kind, record.file_name, data, request.user, dry_run=False)
        if report.ok:
            messages.success(
                request,
                _("Imported: %(created)s new, %(updated)s updated.")
                % {"created": report.created, "updated": report.updated},
            )
        else:
            messages.error(request, _("Nothing was written: the data changed since the check."))
        return HttpResponseRedirect(f"/staff/imports/{report.record_id}/")


class ImportAgain(EditorOnly):
    """Run again a check or an import whose worker stopped, with the file it kept: no second upload."""

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        record = get_object_or_404(records_for(request.user), pk=pk)
        if not jobs.rerun(record):
            messages.error(request, _("This job cannot be run again: it was run again already or its file is gone."))
        return HttpResponseRedirect(f"/staff/imports/{pk}/")


def start_job(record: ImportRecord, data: bytes) -> HttpResponse:
    """Keep the file with its record and let the worker check (or import) it; the page shows the progress."""
    record.state, record.data = JobState.QUEUED, data
    record.sha256 = hashlib.sha256(data).hexdigest()
    record.save()
    jobs.enqueue(record, run_import_job)
    return HttpResponseRedirect(f"/staff/imports/{record.pk}/")


class Template(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, kind: str) -> HttpResponseBase:
        if kind not in KINDS:
            raise Http404
        return files.serve_public(build_template(kind), f"mau-{kind}.xlsx")
