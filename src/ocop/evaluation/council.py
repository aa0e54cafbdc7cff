"""Council sessions: members (with recusal), blind scoring, and closing the session into results.

Blind: a member sees the other members' sheets for a dossier only after submitting their own; a
submitted sheet is locked. A session closes when every dossier has a quorum of submitted sheets from
members who are not recused; the council's result is computed by the scoring engine.
"""

from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.core import rights
from ocop.core.types import RequestUser
from ocop.evaluation.choices import DossierState, RoundLevel, SessionState
from ocop.evaluation.models import CouncilSession, Dossier, DossierEvent, Membership, Scoresheet
from ocop.evaluation.scoring import ScoringInputError, SheetInput, evaluate_council, evaluate_sheet
from ocop.evaluation.scoring.engine import Choice


def seat_of(session: CouncilSession, user: User) -> Membership | None:
    return session.memberships.filter(user=user).first()


def add_member(session: CouncilSession, username: str, role: str) -> Membership:
    """Seat the account `username` on an open session (the office's right to change the session is the
    caller's to check). A producer's account never sits: its own products may be before the council."""
    if session.state != SessionState.OPEN:
        raise ValidationError(_("The session is closed."))
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise ValidationError(_("No user named “%(name)s”.") % {"name": username})
    if rights.acting_producer(user) is not None:
        raise ValidationError(_("A producer's account cannot sit on a council (conflict of interest)."))
    if session.memberships.filter(user=user).exists():
        raise ValidationError(_("%(name)s already sits on this session.") % {"name": user})
    return Membership.objects.create(session=session, user=user, role=role)


def recuse(session: CouncilSession, user: Any, reason: str) -> Membership:
    """The member declares a conflict of interest (`reason`, "" when none valid was given) on their own seat,
    before scoring anything in the session."""
    seat = seat_of(session, user)
    if seat is None:
        raise PermissionDenied(_("You do not sit on this council session."))
    if not reason:
        raise ValidationError(_("Give the conflict of interest (at most 255 characters)."))
    if session.state != SessionState.OPEN:
        raise ValidationError(_("The session is closed."))
    if session.scoresheets.filter(member=user, submitted_at__isnull=False).exists():
        raise ValidationError(_("You already scored in this session; a recusal comes before scoring."))
    seat.recused, seat.recusal_reason = True, reason
    seat.full_clean()
    seat.save()
    return seat


def run_right(session: CouncilSession) -> str:
    """The rights table's action that runs a session (seats members, closes it): `change` for a province's
    council, `central` for the central council (the national office's)."""
    return "central" if session.round.level == RoundLevel.CENTRAL else "change"


def can_run_session(session: CouncilSession, user: Any) -> bool:
    """The office that holds the session's round: the province's office, or the national office for a central
    round (the rights table: `run_right` on the session)."""
    return rights.may(user, run_right(session), session)


def _parse(choices: dict[str, Any]) -> dict[str, Choice]:
    parsed = {}
    for code, value in choices.items():
        option: Any  # read from JSON; int() refuses what is not a number
        option, case = (value.get("option"), value.get("case")) if isinstance(value, dict) else (value, None)
        parsed[code] = Choice(int(option), case)
    return parsed


def sheet_input(sheet: Scoresheet) -> SheetInput:
    """A stored sheet as the engine's input (raises ValueError/TypeError on a malformed stored choice)."""
    disqualifiers, criteria = tuple(sheet.disqualifiers), tuple(sheet.disqualified_criteria)
    return SheetInput(_parse(sheet.choices), disqualifiers, criteria, member=str(sheet.member))


def counted_sheets(session: CouncilSession, dossier: Dossier) -> list[Scoresheet]:
    """The sheets a council result is made of: submitted in the session by members who are not recused."""
    seated = session.memberships.filter(recused=False).values("user_id")
    sheets = dossier.scoresheets.filter(session=session, submitted_at__isnull=False, member_id__in=seated)
    return list(sheets.select_related("member").order_by("id"))


def member_sheet(session: CouncilSession, dossier: Dossier, user: User) -> Scoresheet:
    """The member's own sheet for a dossier of the session (created empty on first use)."""
    seat = seat_of(session, user)
    if seat is None or not rights.may(user, "score", Scoresheet(session=session, dossier=dossier, member=user)):
        raise PermissionDenied(_("You do not sit on this council session."))
    if seat.recused:
        raise ValidationError(_("You recused yourself from this session: %(reason)s") % {"reason": seat.recusal_reason})
    if dossier.session_id != session.pk:
        raise ValidationError(_("This dossier is not before this session."))
    sheet = Scoresheet.objects.filter(session=session, dossier=dossier, member=user).first()
    if sheet is None:
        if session.state != SessionState.OPEN:
            raise ValidationError(_("The session is closed: scores can no longer be submitted."))
        sheet = Scoresheet.objects.create(session=session, dossier=dossier, member=user)
    return sheet


@transaction.atomic
def submit_sheet(
    sheet: Scoresheet, choices: dict[str, Any], disqualifiers: list[int], disqualified: list[str]
) -> Scoresheet:
    locked = (
        Scoresheet.objects.select_for_update().select_related("session", "dossier__criteria_version").get(pk=sheet.pk)
    )
    if locked.session.state != SessionState.OPEN:
        raise ValidationError(_("The session is closed: scores can no longer be submitted."))
    if locked.submitted_at is not None:
        raise ValidationError(_("You already submitted this scoresheet; it is locked."))
    scoresheet = locked.dossier.criteria_version.scoresheet(locked.dossier.product.product_set_id)
    try:
        locked.choices, locked.disqualifiers, locked.disqualified_criteria = choices, disqualifiers, disqualified
        result = evaluate_sheet(scoresheet, sheet_input(locked))
    except (ScoringInputError, ValueError, TypeError) as error:
        problems = getattr(error, "problems", {"sheet": str(error)})
        raise ValidationError([f"{k.split(' › ')[-1]}: {v}" for k, v in problems.items()]) from None
    locked.total, locked.stars, locked.result = result.total, result.stars, result.to_dict()
    locked.submitted_at = timezone.now()
    locked.save()
    return locked


def visible_sheets(session: CouncilSession, dossier: Dossier, user: RequestUser) -> list[Scoresheet]:
    """Other members' sheets: after the member submitted their own, or to the office once the session closed."""
    sheets = list(session.scoresheets.filter(dossier=dossier, submitted_at__isnull=False).select_related("member"))
    if session.state == SessionState.CLOSED and can_run_session(session, user):
        return sheets
    own = next((s for s in sheets if s.member_id == user.pk), None)
    return sheets if own is not None else []


@transaction.atomic
def close_session(session: CouncilSession, user: User) -> CouncilSession:
    if not can_run_session(session, user):
        raise PermissionDenied(_("Only the office that holds the round closes its council session."))
    session = CouncilSession.objects.select_for_update().select_related("round").get(pk=session.pk)
    if session.state != SessionState.OPEN:
        raise ValidationError(_("The session is already closed."))
    central = session.round.level == RoundLevel.CENTRAL
    before = {"state": DossierState.AT_CENTRAL, "central_stars__isnull": True} if central else {}
    dossiers = list(
        session.dossiers.filter(**(before or {"state": DossierState.IN_SESSION})).select_related(
            "criteria_version", "product"
        )
    )
    if not dossiers:
        raise ValidationError(_("No dossier is before this session."))
    short = []
    for dossier in dossiers:
        counted = len(counted_sheets(session, dossier))
        if counted < session.quorum:
            short.append(f"{dossier.product} ({counted}/{session.quorum})")
    if short:
        raise ValidationError(_("Quorum not reached for: %(dossiers)s") % {"dossiers": ", ".join(short)})
    for dossier in dossiers:
        (_record_central_result if central else _record_result)(session, dossier, user)
    session.state, session.closed_at = SessionState.CLOSED, timezone.now()
    session.save()
    return session


def _record_result(session: CouncilSession, dossier: Dossier, user: User) -> None:
    scoresheet = dossier.criteria_version.scoresheet(dossier.product.product_set_id)
    inputs = [sheet_input(s) for s in counted_sheets(session, dossier)]
    result = evaluate_council(scoresheet, inputs, discrepancy_points=session.discrepancy_points)
    dossier.council_total = Decimal(result.average_total)
    dossier.council_stars = result.stars
    dossier.proposed_central = result.propose_to_central_council
    dossier.result = result.to_dict()
    previous, dossier.state = dossier.state, DossierState.SCORED
    dossier.save()
    DossierEvent.objects.create(dossier=dossier, action="score", from_state=previous, to_state=dossier.state, user=user)


def _record_central_result(session: CouncilSession, dossier: Dossier, user: User) -> None:
    """The central council's result, beside the province's: the dossier stays at the centre for the decision."""
    scoresheet = dossier.criteria_version.scoresheet(dossier.product.product_set_id)
    inputs = [sheet_input(s) for s in counted_sheets(session, dossier)]
    result = evaluate_council(scoresheet, inputs, discrepancy_points=session.discrepancy_points)
    dossier.central_total, dossier.central_stars = Decimal(result.average_total), result.stars
    dossier.central_result = result.to_dict()
    dossier.save()
    DossierEvent.objects.create(
        dossier=dossier, action="central_score", from_state=dossier.state, to_state=dossier.state, user=user
    )
