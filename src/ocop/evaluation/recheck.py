"""`ocop score recheck`: what was decided under earlier readings, scored again with today's.

The criteria in the database are the law as printed and never change; our readings of its irregular
printings and our catalogue of disqualifying conditions may be corrected (docs/scoring.md). After such a
correction, every stored submitted scoresheet and every council result is scored again, and those whose
band, stars, disqualification or certifiability would change are listed with their dossier, the decision
and the certificate they led to, for the office to review. Nothing is written.
"""

from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ocop.certificates.choices import StatusLabel
from ocop.evaluation import council
from ocop.evaluation.models import CouncilSession, Dossier, Scoresheet
from ocop.evaluation.scoring import ScoringInputError, evaluate_council, evaluate_sheet
from ocop.evaluation.scoring.sheet import SheetTemplate

COMPARED = ("band_stars", "stars", "disqualified", "certifiable")


@dataclass
class Change:
    kind: str  # "scoresheet" (one member's) or "council" (a dossier's result)
    dossier: int
    product: str
    product_set: int
    criteria_version: str
    session: str
    member: str
    state: str
    decision: str
    certificate: str
    before: dict[str, Any]
    after: dict[str, Any]
    changed: list[str]
    error: str = ""  # when the stored answers can no longer be scored at all


@dataclass
class Report:
    scoresheets: int = 0
    councils: int = 0
    changes: list[Change] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def recheck() -> Report:
    report = Report()
    templates: dict[tuple[int, int], SheetTemplate] = {}

    def template(dossier: Dossier) -> SheetTemplate:
        key = (dossier.criteria_version_id, dossier.product.product_set_id)
        if key not in templates:
            templates[key] = dossier.criteria_version.scoresheet(key[1])
        return templates[key]

    related = ("dossier__product", "dossier__criteria_version", "dossier__certificate", "member", "session")
    sheets = Scoresheet.objects.filter(submitted_at__isnull=False).select_related(*related)
    sheets = sheets.order_by("dossier_id", "id")
    for sheet in sheets:
        report.scoresheets += 1
        try:
            after = evaluate_sheet(template(sheet.dossier), council.sheet_input(sheet)).to_dict()
        except (ScoringInputError, ValueError, TypeError) as error:
            after = {"error": str(error)}
        _compare(report, "scoresheet", sheet.dossier, sheet.session, str(sheet.member), sheet.result, after)

    scored = Dossier.objects.filter(council_total__isnull=False, session__isnull=False)
    for dossier in scored.select_related("product", "criteria_version", "certificate", "session").order_by("id"):
        report.councils += 1
        try:
            session = dossier.session
            assert session is not None  # filtered on session__isnull=False above
            inputs = [council.sheet_input(s) for s in council.counted_sheets(session, dossier)]
            points = session.discrepancy_points
            after = evaluate_council(template(dossier), inputs, discrepancy_points=points).to_dict()
        except (ScoringInputError, ValueError, TypeError) as error:
            after = {"error": str(error)}
        _compare(report, "council", dossier, dossier.session, "", dossier.result, after)
    report.changes.sort(key=lambda c: (c.dossier, c.kind == "council"))  # per dossier: its sheets, then its result
    return report


def _compare(
    report: Report, kind: str, dossier: Dossier, session: CouncilSession | None, member: str, before: dict, after: dict
) -> None:
    changed = [key for key in COMPARED if before.get(key) != after.get(key)]
    if not changed and "error" not in after:
        return
    decision, certificate = _outcome(dossier)
    report.changes.append(
        Change(
            kind=kind,
            dossier=dossier.pk,
            product=dossier.product.name,
            product_set=dossier.product.product_set_id,
            criteria_version=dossier.criteria_version.key,
            session=str(session),
            member=member,
            state=dossier.get_state_display(),
            decision=decision,
            certificate=certificate,
            before={key: before.get(key) for key in COMPARED},
            after={key: after.get(key) for key in COMPARED},
            changed=changed,
            error=after.get("error", ""),
        )
    )


def _outcome(dossier: Dossier) -> tuple[str, str]:
    """The decision the dossier led to and its certificate, in words ("" when none yet)."""
    certificate = dossier.certificate
    if certificate is not None:
        decision = _("%(number)s of %(date)s") % {
            "number": certificate.decision_number,
            "date": certificate.decision_date.strftime("%d/%m/%Y"),
        }
        status = StatusLabel(certificate.status_on()).label
        return decision, f"{certificate.number} ({certificate.stars}★, {status})"
    refusal = dossier.events.filter(action="reject").order_by("-at").first()
    if refusal is not None:
        return _("not recognised on %(date)s: %(reason)s") % {
            "date": refusal.at.strftime("%d/%m/%Y"),
            "reason": refusal.reason,
        }, ""
    return "", ""


def render(report: Report) -> str:
    """The report for the terminal: per dossier, its decision and certificate, then each changed result."""
    lines = [
        _("Rechecked %(sheets)s submitted scoresheets and %(councils)s council results with the current readings.")
        % {"sheets": report.scoresheets, "councils": report.councils}
    ]
    if not report.changes:
        lines.append(_("No band, stars, disqualification or certifiability changes."))
        return "\n".join(lines)
    lines.append(_("%(count)s results change (nothing was written):") % {"count": len(report.changes)})
    dossier_word, set_word = _("dossier"), _("set")
    for number in dict.fromkeys(c.dossier for c in report.changes):
        changes = [c for c in report.changes if c.dossier == number]
        first = changes[0]
        lines.append(
            f"- {dossier_word} #{number} «{first.product}» ({set_word} {first.product_set}, "
            f"{first.criteria_version}) · {first.session} · {first.state}"
        )
        if first.decision:
            lines.append("    " + _("decision: %(decision)s") % {"decision": first.decision})
        if first.certificate:
            lines.append("    " + _("certificate: %(certificate)s") % {"certificate": first.certificate})
        for change in changes:
            who = change.member or _("council result")
            if change.error:
                lines.append(f"    {who}: " + _("can no longer be scored: %(error)s") % {"error": change.error})
                continue
            what = "; ".join(
                f"{_label(key)} {_value(change.before[key])} → {_value(change.after[key])}" for key in change.changed
            )
            lines.append(f"    {who}: {what}")
    return "\n".join(lines)


def _label(key: str) -> str:
    return {
        "band_stars": _("band"),
        "stars": _("stars"),
        "disqualified": _("disqualified"),
        "certifiable": _("certifiable"),
    }[key]


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return "—" if value is None else f"{value}★"
