"""Read questions of the council sessions pages: which sessions a person sees, a session's dossiers with
their sheet counts, which submitted sheet a person may print. Records come through the rights table
(`for_user`); the blind rule (whose sheets one sees) is `council.visible_sheets`."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from ocop.core import rights
from ocop.evaluation import council
from ocop.evaluation.choices import RoundLevel
from ocop.evaluation.models import CouncilSession, Dossier, Scoresheet


def visible_sessions(user: Any) -> QuerySet:
    """Sessions of the office's province, those the person sits on, and the central council's for the office
    that runs it (the rights table's `central` action, which concerns central rounds only)."""
    view, run = rights.rights_q(user, CouncilSession, "view"), rights.rights_q(user, CouncilSession, "central")
    sessions = CouncilSession.objects.select_related("round__province")
    if view is None or run is None:
        return sessions
    return sessions.filter(view | (run & Q(round__level=RoundLevel.CENTRAL)))


def session_dossier(session: CouncilSession, user: Any, pk: int) -> QuerySet:
    """The dossier `pk` if it is before `session` and the person may view it (an empty queryset otherwise)."""
    dossiers = Dossier.objects.for_user(user, "view").filter(pk=pk, pk__in=session_dossiers(session).values("pk"))
    return dossiers.select_related("criteria_version", "product")


@dataclass(frozen=True)
class DossierRow:
    """A line of the session page: the dossier, the person's own sheet (if any) and how many were submitted."""

    dossier: Dossier
    mine: Scoresheet | None
    submitted: int


def session_dossiers(session: CouncilSession) -> QuerySet:
    """The dossiers before the session, and those scored in it that went on (to the central council, which
    takes them before its own session): a closed provincial session still lists what its members scored."""
    scored_here = Scoresheet.objects.filter(session=session).values("dossier")
    return Dossier.objects.filter(Q(session=session) | Q(pk__in=scored_here))


def dossier_rows(session: CouncilSession, user: Any) -> list[DossierRow]:
    """The session's dossiers in two queries whatever their number: the dossiers with their count of submitted
    sheets, then the person's own sheets."""
    submitted = Count("scoresheets", filter=Q(scoresheets__session=session, scoresheets__submitted_at__isnull=False))
    own = Scoresheet.objects.filter(session=session, member=user)
    dossiers = (
        session_dossiers(session)
        .select_related("product__producer", "product__product_set")
        .annotate(submitted_sheets=submitted)
        .prefetch_related(Prefetch("scoresheets", queryset=own, to_attr="own_sheets"))
    )
    return [DossierRow(d, next(iter(d.own_sheets), None), d.submitted_sheets) for d in dossiers]


def printable_sheet(session: CouncilSession, dossier: Dossier, user: Any, member: str | None) -> Scoresheet | None:
    """A submitted sheet the person may print: their own, or `member`'s among those the blind rule shows them."""
    visible = [s.pk for s in council.visible_sheets(session, dossier, user)]
    sheets = session.scoresheets.filter(dossier=dossier, submitted_at__isnull=False, pk__in=visible)
    sheets = sheets.filter(member__username=member) if member else sheets.filter(member=user)
    return sheets.select_related("member", "session").first()
