"""Import pages: download a template, upload for a dry run, read the report, confirm the import."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ocop.core import scoping
from ocop.exchange.engine import run_import
from ocop.exchange.kinds import KINDS
from ocop.exchange.models import ImportRecord
from ocop.exchange.reading import MAX_FILE_BYTES
from ocop.exchange.templates_xlsx import build_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=[(k.name, k.label) for k in KINDS.values()])
    file = forms.FileField(label=gettext_lazy("File (.xlsx or .csv)"))


def records_for(user: object) -> object:
    qs = ImportRecord.objects.defer("data")
    return qs if getattr(user, "is_superuser", False) else qs.filter(user=user)


class EditorOnly(LoginRequiredMixin, View):
    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.user.is_authenticated and not scoping.can_edit(request.user):
            raise PermissionDenied(_("Your role can only read."))
        return super().dispatch(request, *args, **kwargs)


class ImportHome(EditorOnly):
    def get(self, request: HttpRequest, form: UploadForm | None = None, status: int = 200) -> HttpResponse:
        context = {"form": form or UploadForm(), "kinds": KINDS.values(), "records": records_for(request.user)[:20]}
        return render(request, "exchange/home.html", context, status=status)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.get(request, form, status=400)
        upload = form.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            form.add_error("file", _("The file is larger than 20 MB; split it into several files."))
            return self.get(request, form, status=400)
        report = run_import(form.cleaned_data["kind"], upload.name, upload.read(), request.user, dry_run=True)
        return HttpResponseRedirect(f"/staff/imports/{report.record_id}/")


class ImportReport(EditorOnly):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = get_object_or_404(records_for(request.user), pk=pk)
        can_confirm = record.dry_run and not record.problems and (record.created or record.updated)
        can_confirm = can_confirm and ImportRecord.objects.filter(pk=pk, data__isnull=False).exists()
        return render(request, "exchange/report.html", {"record": record, "can_confirm": can_confirm})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = get_object_or_404(ImportRecord.objects.filter(user=request.user, dry_run=True), pk=pk)
        if not record.data:
            messages.error(request, _("This file was already imported or its check is too old; upload it again."))
            return HttpResponseRedirect(f"/staff/imports/{pk}/")
        report = run_import(record.kind, record.file_name, bytes(record.data), request.user, dry_run=False)
        ImportRecord.objects.filter(pk=pk).update(data=None)
        if report.ok:
            messages.success(
                request,
                _("Imported: %(created)s new, %(updated)s updated.")
                % {"created": report.created, "updated": report.updated},
            )
        else:
            messages.error(request, _("Nothing was written: the data changed since the check."))
        return HttpResponseRedirect(f"/staff/imports/{report.record_id}/")


class Template(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, kind: str) -> HttpResponse:
        if kind not in KINDS:
            raise Http404
        response = HttpResponse(build_template(kind), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="mau-{kind}.xlsx"'
        return response
