"""Dossier pages: list, open, detail with the steps this person may take, self-assessment, evidence."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View

from ocop.core import files, rights
from ocop.core.types import AuthenticatedHttpRequest
from ocop.core.versions import StaleEdit, check_version, locked, seen_version, version_of
from ocop.core.views import ScopedListView, StaffMixin
from ocop.evaluation import decisions, workflow
from ocop.evaluation.filters import DossierFilter
from ocop.evaluation.forms import ACTION_FORMS, EvidenceForm, OpenDossierForm
from ocop.evaluation.models import Dossier, DossierEvent, Evidence
from ocop.evaluation.scoring import ScoringInputError, SheetResult, evaluate_sheet
from ocop.evaluation.scoring.engine import SheetInput
from ocop.evaluation.sheet_forms import answers_from_post, rows

SELECT = ("product__producer__commune__parent", "product__product_set", "criteria_version", "round", "session")


def dossier_for(request: HttpRequest, pk: int) -> Dossier:
    return get_object_or_404(Dossier.objects.for_user(request.user).select_related(*SELECT), pk=pk)


def error_text(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, PermissionDenied):
        return str(error) or _("This step is not yours to take.")
    return " ".join(error.messages)


class DossierList(ScopedListView):
    model = Dossier
    filter_class = DossierFilter
    template_name = "evaluation/dossier_list.html"
    select_related = SELECT


class DossierOpen(LoginRequiredMixin, View):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not rights.may(request.user, "add", Dossier):
            raise PermissionDenied(_("Your role can only read."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = OpenDossierForm(user=request.user, initial={"product": request.GET.get("product")})
        return render(request, "evaluation/dossier_open.html", {"form": form})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = OpenDossierForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                dossier = workflow.open_dossier(form.cleaned_data["product"], form.cleaned_data["kind"], request.user)
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, _("Dossier opened: fill in the self-assessment, attach evidence, submit."))
                return HttpResponseRedirect(dossier.get_absolute_url())
        return render(request, "evaluation/dossier_open.html", {"form": form}, status=400)


class DossierDetail(StaffMixin, View):
    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        return detail_response(request, dossier_for(request, pk))


def detail_response(request: HttpRequest, dossier: Dossier, status: int = 200) -> HttpResponse:
    actions = workflow.allowed_actions(request.user, dossier)
    action_forms = {
        name: ACTION_FORMS[name](**form_kwargs(name, dossier)) if name in ACTION_FORMS else None for name in actions
    }
    context = {
        "object": dossier,
        "actions": action_forms,
        "editable": workflow.may_edit(request.user, dossier),
        "version": version_of(dossier),
        "self_score": self_score(dossier),
        "evidence": Evidence.objects.for_user(request.user).filter(dossier=dossier),
        "events": dossier.events.select_related("user"),
        "evidence_form": EvidenceForm(criteria=criteria_choices(dossier)),
    }
    return render(request, "evaluation/dossier_detail.html", context, status=status)


def form_kwargs(action: str, dossier: Dossier, data: Any = None) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"data": data} if data is not None else {}
    if action in ("receive", "schedule"):
        kwargs["dossier"] = dossier
    return kwargs


def criteria_choices(dossier: Dossier) -> list[tuple[str, str]]:
    sheet = dossier.criteria_version.scoresheet(dossier.product.product_set_id)
    return [(c.code, f"{c.code} {c.name}") for c in sheet.criteria]


def self_score(dossier: Dossier) -> SheetResult | None:
    """The producer's own score, when the self-assessment is complete."""
    if not dossier.self_assessment:
        return None
    sheet = dossier.criteria_version.scoresheet(dossier.product.product_set_id)
    try:
        choices = {
            code: workflow.Choice(int(v["option"]), v["case"]) if isinstance(v, dict) else workflow.Choice(int(v))
            for code, v in dossier.self_assessment.items()
        }
        return evaluate_sheet(sheet, SheetInput(choices))
    except (ScoringInputError, ValueError, TypeError, KeyError):
        return None


class DossierAct(StaffMixin, View):
    """POST one step of the route; a refused step leaves the dossier as it was and says why."""

    def post(self, request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
        dossier = dossier_for(request, pk)
        form = ACTION_FORMS[action](**form_kwargs(action, dossier, request.POST)) if action in ACTION_FORMS else None
        if form is not None and not form.is_valid():
            messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": form_errors(form)})
            return detail_response(request, dossier, status=400)
        data = dict(form.cleaned_data) if form is not None else {}
        try:
            with transaction.atomic():
                # Two officers acting on one dossier at once: the later one is told who moved it first.
                check_version(locked(dossier), seen_version(request.POST))
                if action == "recognise":
                    decisions.recognise(dossier, request.user, **data)
                elif action == "central_grant":
                    decisions.grant_central(dossier, request.user, **data)
                else:
                    reason = data.pop("reason", "")
                    changes = form.changes() if form is not None and hasattr(form, "changes") else data
                    workflow.move(dossier, action, request.user, reason=reason, **changes)
        except (ValidationError, PermissionDenied) as error:
            if workflow.on_the_route(request.user, dossier):  # a refused step of someone on the route is kept on it
                DossierEvent.objects.create(
                    dossier=dossier, action=f"refused:{action}"[:30], from_state=dossier.state,
                    to_state=dossier.state, user=request.user, reason=error_text(error)[:2000],
                )  # fmt: skip
            messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": error_text(error)})
            status = 403 if isinstance(error, PermissionDenied) else 409 if isinstance(error, StaleEdit) else 400
            return detail_response(request, dossier, status=status)
        messages.success(request, _("Done."))
        return HttpResponseRedirect(dossier.get_absolute_url())


def form_errors(form: forms.BaseForm) -> str:
    return "; ".join(
        f"{form.fields[f].label if f in form.fields else ''}: {' '.join(map(str, e))}".lstrip(": ")
        for f, e in form.errors.items()
    )


class SelfAssessment(StaffMixin, View):
    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        dossier = dossier_for(request, pk)
        return self.render(request, dossier, dossier.self_assessment)

    def render(
        self, request: HttpRequest, dossier: Dossier, answers: dict[str, Any], status: int = 200
    ) -> HttpResponse:
        sheet = dossier.criteria_version.scoresheet(dossier.product.product_set_id)
        context = {
            "object": dossier,
            "sheet": sheet,
            "rows": rows(sheet, answers),
            "editable": dossier.state in workflow.EDITABLE,
            "answers_version": workflow.answers_version(dossier),
        }
        return render(request, "evaluation/self_assessment.html", context, status=status)

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        dossier = dossier_for(request, pk)
        sheet = dossier.criteria_version.scoresheet(dossier.product.product_set_id)
        try:
            answers = answers_from_post(sheet, request.POST)
            seen = request.POST.get("answers_version") or None
            workflow.save_self_assessment(dossier, request.user, answers, seen=seen)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _("Nothing was saved: %(errors)s") % {"errors": error_text(error)})
            status = 403 if isinstance(error, PermissionDenied) else 400  # a missing right is 403, as elsewhere
            return self.render(request, dossier, dossier.self_assessment, status=status)
        messages.success(request, _("Self-assessment saved."))
        return HttpResponseRedirect(dossier.get_absolute_url())


class EvidenceAdd(StaffMixin, View):
    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        dossier = dossier_for(request, pk)
        if not workflow.may_edit(request.user, dossier):
            raise PermissionDenied(_("The dossier cannot be changed now, or not by you."))
        form = EvidenceForm(request.POST, request.FILES, criteria=criteria_choices(dossier))
        if form.is_valid():
            evidence = form.save(commit=False)
            evidence.dossier, evidence.uploaded_by = dossier, request.user
            evidence.note = evidence.note or (form.cleaned_data["file"].name or "")[:255]
            evidence.save()
            messages.success(request, _("Evidence attached."))
        else:
            messages.error(request, _("Nothing was attached: %(errors)s") % {"errors": form_errors(form)})
        return HttpResponseRedirect(dossier.get_absolute_url())


class EvidenceFile(StaffMixin, View):
    """Evidence goes to those the rights table lets view it (not every viewer of the dossier), as a download."""

    def get(self, request: AuthenticatedHttpRequest, pk: int, evidence_pk: int) -> HttpResponseBase:
        dossier = dossier_for(request, pk)
        item = get_object_or_404(dossier.evidence, pk=evidence_pk)
        return files.serve(request.user, item, item.file, item.note or (item.file.name or "").rsplit("/", 1)[-1])
