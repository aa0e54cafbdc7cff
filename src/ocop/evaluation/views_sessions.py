"""Council sessions: the office sets them up and closes them; members score blind."""

import io
from abc import ABC, abstractmethod
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ocop.core import files, rights
from ocop.evaluation import council, printouts
from ocop.evaluation.filters import SessionFilter
from ocop.evaluation.forms import MemberForm, RecuseForm, RoundForm, SessionForm
from ocop.evaluation.models import CouncilSession, Dossier, Membership, Round
from ocop.evaluation.queries import round_provinces
from ocop.evaluation.sheet_forms import answers_from_post, rows
from ocop.evaluation.views_dossiers import error_text, form_errors


def sessions_for(user: Any) -> QuerySet:
    """Sessions of the office's province, and those the person sits on (the rights table)."""
    return CouncilSession.objects.for_user(user).select_related("round__province")


def rounds_for(user: Any) -> QuerySet:
    """Rounds the office may set up sessions in."""
    return Round.objects.for_user(user, "change")


def require_office(session: CouncilSession | None, user: Any) -> None:
    allowed = rights.may(user, "change", session) if session else rights.may(user, "add", CouncilSession)
    if not allowed:
        raise PermissionDenied(_("Only the province office manages council sessions."))


class SessionList(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = SessionFilter(request.GET)
        valid = form.is_valid()
        sessions = form.apply(sessions_for(request.user), request.user) if valid else CouncilSession.objects.none()
        context = {"sessions": sessions, "rounds": Round.objects.for_user(request.user), "filter": form}
        return render(request, "evaluation/session_list.html", context, status=200 if valid else 400)


class OfficeCreate(LoginRequiredMixin, View, ABC):
    """A province office's form for a new record: one choice limited to the office's scope, then save."""

    form_class: Any
    heading = ""
    limited_field = ""
    source = ""  # the unit picker's source, when the limited field chooses a unit

    @abstractmethod
    def choices(self, user: Any) -> QuerySet:
        """The records the limited field may point to, for this office."""

    def form(self, request: HttpRequest) -> Any:
        require_office(None, request.user)
        form = self.form_class(request.POST if request.method == "POST" else None)
        field = form.fields[self.limited_field]
        if self.source:
            field.offer(self.choices(request.user), self.source)
        else:
            field.queryset = self.choices(request.user)
        return form

    def show(self, request: HttpRequest, form: Any, status: int = 200) -> HttpResponse:
        context = {"form": form, "heading": self.heading, "cancel_url": "/staff/sessions/"}
        return render(request, "core/form.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.show(request, self.form(request))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form(request)
        if not form.is_valid():
            return self.show(request, form, status=400)
        record = form.save()
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(getattr(record, "get_absolute_url", lambda: "/staff/sessions/")())


class SessionCreate(OfficeCreate):
    form_class, heading, limited_field = SessionForm, gettext_lazy("New council session"), "round"

    def choices(self, user: Any) -> QuerySet:
        return rounds_for(user)


class RoundCreate(OfficeCreate):
    form_class, heading, limited_field = RoundForm, gettext_lazy("New evaluation round"), "province"
    source = "round.provinces"

    def choices(self, user: Any) -> QuerySet:
        return round_provinces(user)


class SessionDetail(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int, status: int = 200) -> HttpResponse:
        session = get_object_or_404(sessions_for(request.user), pk=pk)
        seat = council.seat_of(session, request.user)
        dossiers = []
        for dossier in session.dossiers.select_related("product__producer", "product__product_set"):
            mine = dossier.scoresheets.filter(session=session, member=request.user).first()
            submitted = dossier.scoresheets.filter(session=session, submitted_at__isnull=False).count()
            dossiers.append({"dossier": dossier, "mine": mine, "submitted": submitted})
        context = {
            "session": session,
            "seat": seat,
            "members": session.memberships.select_related("user"),
            "dossiers": dossiers,
            "is_office": rights.may(request.user, "change", session),
            "member_form": MemberForm(),
            "recuse_form": RecuseForm(),
        }
        return render(request, "evaluation/session_detail.html", context, status=status)


class SessionAct(LoginRequiredMixin, View):
    """POST: add a member, recuse, close. Refusals change nothing and say why."""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        session = get_object_or_404(sessions_for(request.user), pk=pk)
        try:
            if action == "close":
                council.close_session(session, request.user)
                messages.success(request, _("Session closed; the results are recorded on each dossier."))
            elif action == "add_member":
                self.add_member(request, session)
            elif action == "recuse":
                self.recuse(request, session)
            else:
                raise Http404
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": error_text(error)})
            return SessionDetail().get(request, pk, status=403 if isinstance(error, PermissionDenied) else 400)
        return HttpResponseRedirect(session.get_absolute_url())

    def add_member(self, request: HttpRequest, session: CouncilSession) -> None:
        require_office(session, request.user)
        if session.state != "open":
            raise ValidationError(_("The session is closed."))
        form = MemberForm(request.POST)
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        user = get_user_model().objects.filter(username=form.cleaned_data["username"]).first()
        if user is None:
            raise ValidationError(_("No user named “%(name)s”.") % {"name": form.cleaned_data["username"]})
        if rights.acting_producer(user) is not None:
            raise ValidationError(_("A producer's account cannot sit on a council (conflict of interest)."))
        if session.memberships.filter(user=user).exists():
            raise ValidationError(_("%(name)s already sits on this session.") % {"name": user})
        Membership.objects.create(session=session, user=user, role=form.cleaned_data["role"])
        messages.success(request, _("Member added."))

    def recuse(self, request: HttpRequest, session: CouncilSession) -> None:
        seat = council.seat_of(session, request.user)
        if seat is None:
            raise PermissionDenied(_("You do not sit on this council session."))
        form = RecuseForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Give the conflict of interest (at most 255 characters)."))
        if session.state != "open":
            raise ValidationError(_("The session is closed."))
        if session.scoresheets.filter(member=request.user, submitted_at__isnull=False).exists():
            raise ValidationError(_("You already scored in this session; a recusal comes before scoring."))
        seat.recused, seat.recusal_reason = True, form.cleaned_data["reason"]
        seat.full_clean()
        seat.save()
        messages.success(request, _("You are recused from this session."))


class ScoreDossier(LoginRequiredMixin, View):
    """A member's scoresheet for one dossier: blind until submitted, locked after."""

    def get_parts(self, request: HttpRequest, pk: int, dossier_pk: int) -> tuple[CouncilSession, Dossier]:
        session = get_object_or_404(sessions_for(request.user), pk=pk)
        dossier = get_object_or_404(
            Dossier.objects.filter(session=session).select_related("criteria_version", "product"), pk=dossier_pk
        )
        return session, dossier

    def get(self, request: HttpRequest, pk: int, dossier_pk: int) -> HttpResponse:
        session, dossier = self.get_parts(request, pk, dossier_pk)
        try:
            sheet = council.member_sheet(session, dossier, request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
            return HttpResponseRedirect(session.get_absolute_url())
        return self.show(request, session, dossier, sheet, sheet.choices)

    def show(
        self, request: HttpRequest, session: Any, dossier: Any, sheet: Any, answers: dict, status: int = 200
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
            "editable": sheet.submitted_at is None and session.state == "open",
        }
        return render(request, "evaluation/score.html", context, status=status)

    def post(self, request: HttpRequest, pk: int, dossier_pk: int) -> HttpResponse:
        session, dossier = self.get_parts(request, pk, dossier_pk)
        try:
            sheet = council.member_sheet(session, dossier, request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
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
        session = get_object_or_404(sessions_for(request.user), pk=pk)
        if session.state != "closed":
            messages.error(request, _("The minutes exist once the session is closed."))
            return HttpResponseRedirect(session.get_absolute_url())
        document = printouts.minutes_pdf(session) if fmt == "pdf" else printouts.minutes_docx(session)
        return files.serve(request.user, session, io.BytesIO(document), f"bien-ban-{session.pk}.{fmt}")


class ScoresheetPdf(LoginRequiredMixin, View):
    """A submitted scoresheet: its member's own, or any once the session is closed (for the office)."""

    def get(self, request: HttpRequest, pk: int, dossier_pk: int) -> HttpResponse:
        session = get_object_or_404(sessions_for(request.user), pk=pk)
        dossier = get_object_or_404(Dossier.objects.filter(session=session), pk=dossier_pk)
        visible = {s.pk for s in council.visible_sheets(session, dossier, request.user)}
        sheet = session.scoresheets.filter(dossier=dossier, submitted_at__isnull=False, pk__in=visible)
        member = request.GET.get("member")
        sheet = sheet.filter(member__username=member) if member else sheet.filter(member=request.user)
        found = sheet.select_related("member", "session").first()
        if found is None:
            raise Http404
        return files.serve(
            request.user, found, io.BytesIO(printouts.scoresheet_pdf(found)), f"phieu-{dossier.pk}-{found.member}.pdf"
        )
