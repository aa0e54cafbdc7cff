"""Evaluation's part of the things-to-do page (core/todo.py): dossiers waiting on the person, by stage; a
producer's own dossiers with what they still lack; the council sessions they sit on; the rounds' deadlines."""

import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.db.models import Count, Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ocop.core import rights, todo
from ocop.core.types import RequestUser
from ocop.evaluation import workflow
from ocop.evaluation.choices import DossierState, SessionState
from ocop.evaluation.models import Dossier, DossierEvent, Membership, Scoresheet
from ocop.evaluation.queries import current_rounds

DECIDED = (DossierState.RECOGNISED, DossierState.NOT_RECOGNISED)
DEADLINE_SOON_DAYS = 14  # a forwarding deadline this close is shown as urgent
CENTRAL_OUTCOME_DAYS = 90  # the central council's outcomes stay on the province's worklist this long
CENTRAL_OUTCOMES_SHOWN = 20


def dossier_list(**params: Any) -> str:
    return reverse("evaluation:dossier_list") + "?" + urlencode(params)


def is_producer(user: RequestUser) -> bool:
    return rights.acting_producer(user) is not None


@todo.register(10)
def dossiers_waiting(user: User, today: datetime.date) -> todo.Section | None:
    """Offices: how many dossiers of their scope wait on them, stage by stage (each opens the list filtered on
    that state, which shows the same dossiers)."""
    states = workflow.waiting_on(user)
    if not states or is_producer(user):
        return None
    counts = dict(Dossier.objects.for_user(user).filter(state__in=states).values_list("state").annotate(n=Count("id")))
    labels = dict(DossierState.choices)
    items = [
        todo.Item(str(labels[state]), dossier_list(state=state), count=counts[state])
        for state in states
        if counts.get(state)
    ]
    return todo.Section(_("Dossiers waiting on you"), items, empty=_("No dossier is waiting on you."))


@todo.register(15)
def central_outcomes(user: User, today: datetime.date) -> todo.Section | None:
    """Province offices (those who decide their dossiers): what the central council decided on the dossiers they
    forwarded — 5★ granted in the ministry's name (opens the certificate), or returned to be recognised by the
    province (urgent until it is)."""
    if is_producer(user) or not rights.may(user, "decide", Dossier):
        return None
    since = today - datetime.timedelta(days=CENTRAL_OUTCOME_DAYS)
    events = (
        DossierEvent.objects.filter(
            action__in=("central_grant", "central_return"),
            at__date__gte=since,
            dossier__in=Dossier.objects.for_user(user, "decide"),
        )
        .select_related("dossier__product", "dossier__certificate")
        .order_by("-at", "-id")[:CENTRAL_OUTCOMES_SHOWN]
    )
    items = []
    for event in events:
        dossier, day = event.dossier, date_format(event.at.date(), "SHORT_DATE_FORMAT")
        if event.action == "central_grant" and dossier.certificate is not None:
            certificate = dossier.certificate
            text = _("%(product)s: %(stars)s★ granted by the ministry") % {
                "product": dossier.product.name,
                "stars": certificate.stars,
            }
            note = _("certificate %(number)s, decision %(decision)s of %(day)s") % {
                "number": certificate.number,
                "decision": certificate.decision_number,
                "day": date_format(certificate.decision_date, "SHORT_DATE_FORMAT"),
            }
            items.append(todo.Item(text, certificate.get_absolute_url(), note=note))
        elif event.action == "central_return":
            text = _("%(product)s: returned by the central council") % {"product": dossier.product.name}
            note = f"{day} · {event.reason}"
            waiting = dossier.state == DossierState.CENTRAL_RETURNED
            items.append(todo.Item(text, dossier.get_absolute_url(), note=note, urgent=waiting))
    if not items:
        return None
    return todo.Section(_("The central council's outcomes"), items)


@todo.register(10)
def own_dossiers(user: User, today: datetime.date) -> todo.Section | None:
    """Producers: each dossier in progress, where it is, and what it still lacks or why it came back."""
    if not is_producer(user):
        return None
    reason = DossierEvent.objects.filter(dossier=OuterRef("pk"), to_state=OuterRef("state")).order_by("-at", "-id")
    dossiers = (
        Dossier.objects.for_user(user)
        .exclude(state__in=DECIDED)
        .select_related("product", "criteria_version__regime")  # the regime: the scoresheet reads its levels
        .annotate(evidence_count=Count("evidence"), returned_because=Subquery(reason.values("reason")[:1]))
        .order_by("-created_at")
    )
    items, sheets = [], {}
    for dossier in dossiers:
        key = (dossier.criteria_version_id, dossier.product.product_set_id)
        if dossier.state in workflow.EDITABLE and key not in sheets:  # one scoresheet per product set, not per dossier
            sheets[key] = dossier.criteria_version.scoresheet(key[1])
        notes = workflow.still_missing(dossier, dossier.evidence_count, sheets.get(key))
        returned = dossier.state in (DossierState.COMMUNE_RETURNED, DossierState.PROVINCE_RETURNED)
        if returned and dossier.returned_because:
            notes.insert(0, _("Reason: %(reason)s") % {"reason": dossier.returned_because})
        text = f"{dossier.product.name}: {dossier.get_state_display()}"
        items.append(todo.Item(text, dossier.get_absolute_url(), note=" · ".join(notes), urgent=returned))
    return todo.Section(_("Your dossiers"), items, empty=_("No dossier in progress."))


@todo.register(20)
def council_seats(user: User, today: datetime.date) -> todo.Section | None:
    """Council members: the open sessions they sit on (not recused) and the dossiers they have yet to score."""
    seats = list(
        Membership.objects.filter(user=user, recused=False, session__state=SessionState.OPEN)
        .select_related("session")
        .order_by("session__held_on", "session_id")
    )
    if not seats:
        return None
    sessions = [seat.session for seat in seats]
    scored = Scoresheet.objects.filter(dossier=OuterRef("pk"), member=user, submitted_at__isnull=False)
    to_score = Dossier.objects.filter(session__in=sessions).exclude(Exists(scored)).count()
    first = sessions[0]
    notes = [
        _("next: %(name)s on %(day)s") % {"name": first.name, "day": date_format(first.held_on, "SHORT_DATE_FORMAT")},
        ngettext("%(n)s dossier still to score", "%(n)s dossiers still to score", to_score) % {"n": to_score},
    ]
    url = reverse("evaluation:session_list") + "?" + urlencode({"mine": "1", "state": SessionState.OPEN})
    item = todo.Item(_("Open council sessions you sit on"), url, count=len(sessions), note=" · ".join(notes))
    return todo.Section(_("Evaluation council"), [item])


@todo.register(30)
def round_deadlines(user: User, today: datetime.date) -> todo.Section | None:
    """Offices and viewers: the rounds not yet closed, with their deadlines and how many dossiers are in each."""
    who = rights.person(user)
    if is_producer(user) or (who.role is None and not who.superuser):
        return None  # offices and viewers: a council member without a role sees its sessions above
    rounds = list(current_rounds(user, today)[:3])
    if not rounds:
        return None
    scope = Dossier.objects.for_user(user)
    counts = dict(scope.filter(round__in=rounds).values_list("round").annotate(n=Count("id")))
    if any(round_.is_central for round_ in rounds):  # the dossiers a central round holds joined it from provinces
        counts.update(scope.filter(central_round__in=rounds).values_list("central_round").annotate(n=Count("id")))
    items = []
    for round_ in rounds:
        days = (round_.commune_deadline - today).days
        by = date_format(round_.commune_deadline, "SHORT_DATE_FORMAT")
        forward = (_("provinces forward by %(day)s") if round_.is_central else _("communes forward by %(day)s")) % {
            "day": by
        }
        if days >= 0:
            forward += " " + ngettext("(in %(n)s day)", "(in %(n)s days)", days) % {"n": days}
        decided = _("decided by %(day)s") % {"day": date_format(round_.closes_on, "SHORT_DATE_FORMAT")}
        items.append(
            todo.Item(
                _("Dossiers in %(round)s · %(province)s") % {"round": round_, "province": round_.province.name},
                dossier_list(round=round_.pk),
                count=counts.get(round_.pk, 0),
                note=f"{forward} · {decided}",
                urgent=0 <= days <= DEADLINE_SOON_DAYS,
            )
        )
    return todo.Section(_("Evaluation rounds"), items)
