"""Council sessions: the office sets them up and closes them; members score blind."""

import io
from abc import ABC, abstractmethod
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ocop.core import files, rights
from ocop.core.views import require
from ocop.evaluation import central, council, printouts
from ocop.evaluation.choices import SessionState
from ocop.evaluation.filters import SessionFilter
from ocop.evaluation.forms import MemberForm, RecuseForm, RoundForm, SessionForm
from ocop.evaluation.models import CouncilSession, Dossier, Round, Scoresheet
from ocop.evaluation.queries import round_provinces
from ocop.evaluation.sessions import dossier_rows, printable_sheet, session_dossier, visible_sessions
from ocop.evaluation.sheet_forms import answers_from_post, rows
from ocop.evaluation.views_dossiers import error_text, form_errors


class SessionList(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = SessionFilter(request.GET)
        valid = form.is_valid()
        sessions = form.apply(visible_sessions(request.user), request.user) if valid else CouncilSession.objects.none()
        context = {
            "sessions": sessions,
            "rounds": Round.objects.for_user(request.user, "view"),
            "filter": form,
            "may_central": rights.may(request.user, "central", Round),
        }
        return render(request, "evaluation/session_list.html", context, status=200 if valid else 400)


class OfficeCreate(LoginRequiredMixin, View, ABC):
    """A province office's form for a new record: one choice limited to the office's scope, then save."""

    model: Any
    form_class: Any
    action = "add"  # the rights table's action on the model that opens the page
    heading: Any = ""
    limited_field = ""  # none: no choice of the form is limited to the office's scope
    source = ""  # the unit picker's source, when the limited field chooses a unit

    @abstractmethod
    def choices(self, user: Any) -> QuerySet:
        """The records the limited field may point to, for this office."""

    def save(self, form: Any, user: Any) -> Any:
        return form.save()

    def form(self, request: HttpRequest) -> Any:
        require(request.user, self.action, self.model)
        form = self.form_class(request.POST if request.method == "POST" else None)
        if not self.limited_field:
            return form
        field = form.fields[self.limited_field]
        if self.source:
            field.offer(self.choices(request.user), self.source)
        else:
            field.queryset = self.choices(request.user)
        return form

    def show(self, request: HttpRequest, form: Any, status: int = 200) -> HttpResponse:
        context = {"form": form, "heading": self.heading, "cancel_url": reverse("evaluation:session_list")}
        return render(request, "core/form.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.show(request, self.form(request))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form(request)
        if not form.is_valid():
            return self.show(request, form, status=400)
        try:
            record = self.save(form, request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)  # flat: the service may name a field the form has not
            return self.show(request, form, status=400)
        messages.success(request, _("Saved."))
        url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else reverse("evaluation:session_list")
        return HttpResponseRedirect(url)


class SessionCreate(OfficeCreate):
    model, form_class, limited_field = CouncilSession, SessionForm, "round"
    heading = gettext_lazy("New council session")

    def choices(self, user: Any) -> QuerySet:
        return Round.objects.for_user(user, "change")


class RoundCreate(OfficeCreate):
    model, form_class, limited_field = Round, RoundForm, "province"
    heading = gettext_lazy("New evaluation round")
    source = "round.provinces"

    def choices(self, user: Any) -> QuerySet:
        return round_provinces(user)


class SessionDetail(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int, status: int = 200) -> HttpResponse:
        session = get_object_or_404(visible_sessions(request.user), pk=pk)
        context = {
            "session": session,
            "seat": council.seat_of(session, request.user),
            "members": session.memberships.select_related("user"),
            "dossiers": dossier_rows(session, request.user),
            "is_office": council.can_run_session(session, request.user),
            "waiting": central.waiting_dossiers(session).count() if session.round.is_central else 0,
            "is_open": session.state == SessionState.OPEN,
            "member_form": MemberForm(),
            "recuse_form": RecuseForm(),
        }
        return render(request, "evaluation/session_detail.html", context, status=status)


class SessionAct(LoginRequiredMixin, View):
    """POST: add a member, recuse, close. Refusals change nothing and say why."""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        session = get_object_or_404(visible_sessions(request.user), pk=pk)
        try:
            if action == "close":
                council.close_session(session, request.user)
                messages.success(request, _("Session closed; the results are recorded on each dossier."))
            elif action == "add_member":
                self.add_member(request, session)
            elif action == "recuse":
                self.recuse(request, session)
            elif action == "take_dossiers":
                taken = central.take_dossiers(session, request.user)
                messages.success(request, _("%(n)s dossier(s) brought before the session.") % {"n": taken})
            else:
                raise Http404
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": error_text(error)})
            return SessionDetail().get(request, pk, status=403 if isinstance(error, PermissionDenied) else 400)
        return HttpResponseRedirect(session.get_absolute_url())

    def add_member(self, request: HttpRequest, session: CouncilSession) -> None:
        require(request.user, council.run_right(session), session)
        form = MemberForm(request.POST)
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        council.add_member(session, form.cleaned_data["username"], form.cleaned_data["role"])
        messages.success(request, _("Member added."))

    def recuse(self, request: HttpRequest, session: CouncilSession) -> None:
        form = RecuseForm(request.POST)
        council.recuse(session, request.user, form.cleaned_data["reason"] if form.is_valid() else "")
        messages.success(request, _("You are recused from this session."))


class ScoreDossier(LoginRequiredMixin, View):
    """A member's scoresheet for one dossier: blind until submitted, locked after."""

    def get_parts(self, request: HttpRequest, pk: int, dossier_pk: int) -> tuple[CouncilSession, Dossier]:
        session = get_object_or_404(visible_sessions(request.user), pk=pk)
        return session, get_object_or_404(session_dossier(session, request.user, dossier_pk))

    def member_sheet(self, request: HttpRequest, session: CouncilSession, dossier: Dossier) -> Scoresheet | None:
        """The member's own sheet, or None with the reason as a message (no seat, the session closed)."""
        try:
            return council.member_sheet(session, dossier, request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
            return None

    def get(self, request: HttpRequest, pk: int, dossier_pk: int) -> HttpResponse:
        session, dossier = self.get_parts(request, pk, dossier_pk)
        sheet = self.member_sheet(request, session, dossier)
        if sheet is None:
            return HttpResponseRedirect(session.get_absolute_url())
        return self.show(request, session, dossier, sheet, sheet.choices)

    def show(
        self,
        request: HttpRequest,
        session: CouncilSession,
        dossier: Dossier,
        sheet: Scoresheet,
        answers: dict[str, Any],
        status: int = 200,
    ) -> HttpResponse:
        template = dossier.criteria_version.scoresheet(dossier.product.product_set_id)
        context = {
            "session": session,
            "object": dossier,
            "sheet": template,
            "scoresheet": sheet,
            "rows": rows(template, answers),
            "noted": [c for c in template.criteria if c.disqualifying_notes],
            "others": council.visible_sheets(session, dossier, request.user),
            "editable": sheet.submitted_at is None and session.state == SessionState.OPEN,
        }
        return render(request, "evaluation/score.html", context, status=status)

    def post(self, request: HttpRequest, pk: int, dossier_pk: int) -> HttpResponse:
        session, dossier = self.get_parts(request, pk, dossier_pk)
        sheet = self.member_sheet(request, session, dossier)
        if sheet is None:
            return HttpResponseRedirect(session.get_absolute_url())
        template = dossier.criteria_version.scoresheet(dossier.product.product_set_id)
        try:
            answers = answers_from_post(template, request.POST)
            disqualifiers = [int(v) for v in request.POST.getlist("disqualifiers") if v.isascii() and v.isdecimal()]
            council.submit_sheet(sheet, answers, disqualifiers, request.POST.getlist("disqualified_criteria"))
        except ValidationError as error:
            messages.error(request, _("Nothing was submitted: %(errors)s") % {"errors": error_text(error)})
            return self.show(request, session, dossier, sheet, answers_safe(template, request.POST), status=400)
        messages.success(request, _("Scoresheet submitted and locked."))
        return HttpResponseRedirect(request.path)


def answers_safe(template: Any, data: Any) -> dict[str, Any]:
    try:
        return answers_from_post(template, data)
    except ValidationError:
        return {}


class Minutes(LoginRequiredMixin, View):
    """The session's minutes, once closed: PDF or DOCX."""

    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        if fmt not in ("pdf", "docx"):
            raise Http404
        session = get_object_or_404(visible_sessions(request.user), pk=pk)
        if session.state != SessionState.CLOSED:
            messages.error(request, _("The minutes exist once the session is closed."))
            return HttpResponseRedirect(session.get_absolute_url())
        document = printouts.minutes_pdf(session) if fmt == "pdf" else printouts.minutes_docx(session)
        return files.serve(request.user, session, io.BytesIO(document), f"bien-ban-{session.pk}.{fmt}")


class ScoresheetPdf(LoginRequiredMixin, View):
    """A submitted scoresheet: its member's own, or any once the session is closed (for the office)."""

    def get(self, request: HttpRequest, pk: int, dossier_pk: int) -> HttpResponse:
        session = get_object_or_404(visible_sessions(request.user), pk=pk)
        dossier = get_object_or_404(session_dossier(session, request.user, dossier_pk))
        found = printable_sheet(session, dossier, request.user, request.GET.get("member"))
        if found is None:
            raise Http404
        return files.serve(
            request.user, found, io.BytesIO(printouts.scoresheet_pdf(found)), f"phieu-{dossier.pk}-{found.member}.pdf"
        )
