"""Officers' side of the misuse reports: the list in their worklist and the handling form."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ocop.core.versions import StaleEdit, VersionField, check_version, locked, refresh_version, version_of
from ocop.core.views import StaffMixin, paginate
from ocop.portal import misuse
from ocop.portal.models import MisuseReport, MisuseStatus


class HandleForm(forms.ModelForm):
    version = VersionField()  # the report as the officer read it (core/versions.py)

    class Meta:
        model = MisuseReport
        fields = ["status", "handling_note"]


class MisuseFilter(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All")), ("open", gettext_lazy("To handle (new or being checked)")),
                 *MisuseStatus.choices],
    )  # fmt: skip


class MisuseList(StaffMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        if not misuse.may_handle(request.user):
            raise PermissionDenied(_("Only OCOP offices and commune officers handle misuse reports."))
        form = MisuseFilter(request.GET)
        if not form.is_valid():
            reports: QuerySet[MisuseReport] = MisuseReport.objects.none()
        elif form.cleaned_data["status"] == "open":
            reports = misuse.open_reports(request.user)
        elif form.cleaned_data["status"]:
            reports = misuse.for_officer(request.user).filter(status=form.cleaned_data["status"])
        else:
            reports = misuse.for_officer(request.user)
        context = {"page": paginate(request, reports), "filter": form}
        return render(request, "portal/staff/misuse_list.html", context, status=200 if form.is_valid() else 400)


class MisuseHandle(StaffMixin, View):
    def _report(self, request: HttpRequest, pk: int) -> MisuseReport:
        return get_object_or_404(misuse.for_officer(request.user), pk=pk)  # outside one's scope: 404

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self._report(request, pk)
        form = HandleForm(instance=report, initial={"version": version_of(report)})
        return render(request, "portal/staff/misuse_handle.html", {"report": report, "form": form})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self._report(request, pk)
        form = HandleForm(request.POST, instance=report)
        context: dict[str, Any] = {"report": report, "form": form}
        if not form.is_valid():
            return render(request, "portal/staff/misuse_handle.html", context, status=400)
        try:
            with transaction.atomic():
                check_version(locked(report), form.cleaned_data.get("version"))
                form.save()
        except StaleEdit as error:
            form.add_error(None, error)
            refresh_version(form, report)
            return render(request, "portal/staff/misuse_handle.html", context, status=409)
        messages.success(request, _("The report was updated."))
        return HttpResponseRedirect(reverse("portal:misuse_list"))
