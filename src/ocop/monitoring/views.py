"""Monitoring's staff pages. Sight is the rights table's (`for_user`: anything else is 404); acting on an
inspection takes the table's right on it and on its plan (`services.may_act`: 403 with the reason)."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ocop.certificates.models import Certificate
from ocop.core import files, rights
from ocop.core.changes import with_fields
from ocop.core.history import history_for
from ocop.core.views import (
    REFUSALS,
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
    require,
)
from ocop.monitoring import forms, indicators, services
from ocop.monitoring.choices import Outcome
from ocop.monitoring.filters import InspectionFilter
from ocop.monitoring.models import CheckItem, FindingFile, Inspection, InspectionPlan

SELECT = ("product__producer", "plan__unit", "certificate")


def require_act(user: Any, action: str, inspection: Inspection) -> None:
    if not services.may_act(user, action, inspection):
        raise PermissionDenied(REFUSALS.get(action, gettext_lazy("Your role may not do this.")))


class InspectionList(ScopedListView):
    model = Inspection
    filter_class = InspectionFilter
    template_name = "monitoring/inspection_list.html"
    select_related = SELECT

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        today = timezone.localdate()
        try:
            year = int(request.GET.get("year") or today.year)
        except ValueError:
            year = today.year
        year = year if 2019 <= year <= 2100 else today.year
        return {
            "lines": indicators.year_lines(request.user, year, today),
            "plans": InspectionPlan.objects.for_user(request.user).select_related("unit")[:20],
            "can_add_plan": rights.may(request.user, "add", InspectionPlan),
        }


class PlanDetail(ScopedDetailView):
    model = InspectionPlan
    select_related = ("unit",)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["inspections"] = (
            Inspection.objects.for_user(self.request.user).filter(plan=self.object).select_related(*SELECT)
        )
        context["can_change"] = rights.may(self.request.user, "change", self.object)
        context["can_add"] = context["can_change"] and rights.may(self.request.user, "add", Inspection)
        return context


class PlanCreate(ScopedCreateView):
    model = InspectionPlan
    form_class = forms.PlanForm


class PlanUpdate(ScopedUpdateView):
    model = InspectionPlan
    form_class = forms.PlanForm


class InspectionCreate(ScopedCreateView):
    """A new inspection: from a plan's page, or ad hoc from a misuse report or a finding (`?origin=label:pk`)."""

    model = Inspection
    form_class = forms.InspectionForm

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        for name in ("plan", "product", "kind"):
            if self.request.GET.get(name):
                initial[name] = self.request.GET[name]
        if self.request.GET.get("origin"):
            initial["kind"] = "ad_hoc"
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["origin"] = self.request.GET.get("origin", "")
        return context

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        origin = self.request.POST.get("origin") or self.request.GET.get("origin") or ""
        form.fields["origin"] = forms.forms.CharField(required=False, widget=forms.forms.HiddenInput, max_length=80)
        form.initial["origin"] = origin
        return form

    def save(self, form: Any) -> Any:
        origin = None
        label, _sep, pk = (form.cleaned_data.get("origin") or "").partition(":")
        if label:
            origin = services.origin_of(self.request.user, label, pk)
        form.instance.created_by = self.request.user
        return services.open_inspection(form.instance, origin=origin)


class InspectionUpdate(ScopedUpdateView):
    model = Inspection
    form_class = forms.InspectionEditForm

    def get_object(self, queryset: QuerySet | None = None) -> Any:
        obj = super().get_object(queryset)
        require_act(self.request.user, "change", obj)
        return obj


def _inspection(request: HttpRequest, pk: int) -> Inspection:
    return get_object_or_404(Inspection.objects.for_user(request.user).select_related(*SELECT), pk=pk)


class InspectionDetail(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return detail(request, _inspection(request, pk))


def detail(request: HttpRequest, inspection: Inspection, status: int = 200, **bound: Any) -> HttpResponse:
    """The inspection's page; after a refused post, with that form bound and its errors (status 400)."""
    user = request.user
    files_q = FindingFile.objects.for_user(user)
    items = (
        CheckItem.objects.for_user(user)
        .filter(inspection=inspection)
        .prefetch_related(Prefetch("files", queryset=files_q))
    )
    certificate: Certificate = inspection.certificate
    can_change = inspection.outcome in (Outcome.OPEN, Outcome.REMEDY) and services.may_act(user, "change", inspection)
    can_decide = inspection.outcome in (Outcome.OPEN, Outcome.REMEDY) and services.may_act(user, "decide", inspection)
    awaiting_remedy = inspection.outcome == Outcome.REMEDY and inspection.remedied_on is None
    can_revoke = (
        inspection.outcome == Outcome.REVOKE
        and certificate.revoked_on is None
        and rights.may(user, "revoke", certificate)
    )
    revoke_initial = {"revoked_on": timezone.localdate(), "revocation_authority": inspection.plan.authority}
    history = with_fields(history_for(inspection)[:50], user)
    context = {
        "object": inspection,
        "items": items,
        "history": history,
        "today": timezone.localdate(),
        "show_internal": rights.sees_personal(user, inspection),
        "can_edit": can_change,
        "can_record": can_change and rights.may(user, "change", CheckItem),
        "can_attach": can_change and rights.may(user, "add", FindingFile),
        "can_decide": can_decide,
        "can_confirm": awaiting_remedy and services.may_act(user, "decide", inspection),
        "can_revoke": can_revoke,
        "can_open": rights.may(user, "add", Inspection) and rights.may(user, "change", InspectionPlan),
        "decide_form": bound.get("decide_form") or forms.DecideForm(),
        "remedy_form": bound.get("remedy_form") or forms.RemedyForm(initial={"remedied_on": timezone.localdate()}),
        "revoke_form": bound.get("revoke_form") or forms.RevokeForm(initial=revoke_initial),
        "finding_form": bound.get("finding_form"),
        "accept": files.DOCUMENT_ACCEPT,
        "origin": _origin(request, inspection),
    }
    return render(request, "monitoring/inspection_detail.html", context, status=status)


def _origin(request: HttpRequest, inspection: Inspection) -> dict[str, str] | None:
    """What the inspection was opened from, as the person may see it (a link when they may view the record)."""
    if inspection.origin_type is None:
        return None
    model = inspection.origin_type.model_class()
    record = model._default_manager.filter(pk=inspection.origin_id).first() if model is not None else None
    kind = str(model._meta.verbose_name) if model is not None else ""
    if record is None or not rights.may(request.user, "view", record):
        return {"kind": kind, "text": "", "url": ""}
    url = getattr(record, "get_absolute_url", lambda: "")()
    return {"kind": kind, "text": str(record), "url": url}


class ItemFinding(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
        inspection = _inspection(request, pk)
        item = get_object_or_404(CheckItem.objects.for_user(request.user), pk=item_pk, inspection=inspection)
        require(request.user, "change", item)
        require_act(request.user, "change", inspection)
        form = forms.FindingForm(request.POST, instance=CheckItem.objects.get(pk=item.pk))
        if form.is_valid():
            try:
                services.record_finding(item, result=form.cleaned_data["result"], finding=form.cleaned_data["finding"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Finding recorded."))
                return HttpResponseRedirect(f"{inspection.get_absolute_url()}#item-{item.pk}")
        return _refused(request, inspection, form, _("The finding was not recorded"), finding_form=form)


def _refused(request: HttpRequest, inspection: Inspection, form: Any, what: str, **bound: Any) -> HttpResponse:
    errors = " ".join(" ".join(map(str, e)) for e in form.errors.values())
    messages.error(request, f"{what}: {errors}")
    inspection.refresh_from_db()
    return detail(request, inspection, status=400, **bound)


class ItemFileAdd(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
        inspection = _inspection(request, pk)
        item = get_object_or_404(CheckItem.objects.for_user(request.user), pk=item_pk, inspection=inspection)
        require(request.user, "add", FindingFile(item=item))
        require_act(request.user, "change", inspection)
        form = forms.FindingFileForm(request.POST, request.FILES)
        if form.is_valid() and inspection.outcome in (Outcome.OPEN, Outcome.REMEDY):
            upload = form.cleaned_data["file"]
            FindingFile.objects.create(
                item=item, file=upload, name=upload.name[:255], uploaded_by=cast(User, request.user)
            )
            messages.success(request, _("Evidence attached."))
            return HttpResponseRedirect(f"{inspection.get_absolute_url()}#item-{item.pk}")
        if form.is_valid():
            form.add_error(None, _("This inspection is concluded; its findings can no longer change."))
        return _refused(request, inspection, form, _("Nothing was attached"))


class FindingFileDownload(LoginRequiredMixin, View):
    """A finding's evidence goes, as a download, to those the rights table lets view it (core/files.py)."""

    def get(self, request: HttpRequest, pk: int, file_pk: int) -> HttpResponseBase:
        inspection = _inspection(request, pk)
        item = get_object_or_404(FindingFile.objects.select_related("item"), pk=file_pk, item__inspection=inspection)
        return files.serve(request.user, item, item.file, item.name)


class InspectionDecide(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        inspection = _inspection(request, pk)
        require_act(request.user, "decide", inspection)
        form = forms.DecideForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.decide(
                    inspection, outcome=data["outcome"], decided_on=data["decided_on"], conclusion=data["conclusion"],
                    remedy_due=data.get("remedy_due"), ground=data.get("ground") or "",
                )  # fmt: skip
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Outcome recorded."))
                return HttpResponseRedirect(inspection.get_absolute_url())
        return _refused(request, inspection, form, _("The outcome was not recorded"), decide_form=form)


def _add_errors(form: Any, error: ValidationError) -> None:
    """A service's refusal on the form: on the field it names when the form has it, else on the whole form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class RemedyConfirm(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        inspection = _inspection(request, pk)
        require_act(request.user, "decide", inspection)
        form = forms.RemedyForm(request.POST)
        if form.is_valid():
            try:
                services.confirm_remedy(inspection, remedied_on=form.cleaned_data["remedied_on"])
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Remedy confirmed."))
                return HttpResponseRedirect(inspection.get_absolute_url())
        return _refused(request, inspection, form, _("The remedy was not confirmed"), remedy_form=form)


class CertificateRevoke(LoginRequiredMixin, View):
    """Carry out the revocation the inspection proposed: the certificates' own rule, with the certificate's
    "revoke" right — the authority that recognised it (the province's office for 3★–4★, the national office for
    the ministry's 5★), whoever inspected: the ministry's inspection of a province's 3★ proposes, the province's
    office revokes, from this inspection's page."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        inspection = _inspection(request, pk)
        require(request.user, "revoke", inspection.certificate)
        form = forms.RevokeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.revoke_certificate(
                    inspection, on=data["revoked_on"], authority=data["revocation_authority"],
                    decision=data["revocation_decision"],
                )  # fmt: skip
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The certificate was revoked."))
                return HttpResponseRedirect(inspection.get_absolute_url())
        return _refused(request, inspection, form, _("The certificate was not revoked"), revoke_form=form)
