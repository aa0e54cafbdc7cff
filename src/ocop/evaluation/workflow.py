"""The dossier's route as explicit transitions (DOMAIN.md §3). Each is a service call that checks the state
and the person, writes, and records a DossierEvent with who, when and why. Decided dossiers are locked;
reopening needs a reason."""

import datetime
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ocop.core import rights
from ocop.core.types import RequestUser
from ocop.evaluation.choices import DossierKind
from ocop.evaluation.choices import DossierState as S
from ocop.evaluation.models import CriteriaVersion, Dossier, DossierEvent, Evidence
from ocop.evaluation.scoring import ScoringInputError, SheetInput
from ocop.evaluation.scoring.engine import Choice, validate
from ocop.evaluation.scoring.sheet import SheetTemplate

if TYPE_CHECKING:
    from ocop.registry.models import Product


@dataclass(frozen=True)
class Step:
    sources: frozenset[str]
    target: str
    right: str  # the rights table's action on the dossier: submit, review (commune), process, decide (province),
    # central (the national office, for the central council)
    needs_reason: bool = False


def step(sources: set[str], target: str, right: str, needs_reason: bool = False) -> Step:
    return Step(frozenset(sources), target, right, needs_reason)


STEPS: dict[str, Step] = {
    "submit": step({S.DRAFT, S.COMMUNE_RETURNED, S.PROVINCE_RETURNED}, S.SUBMITTED, "submit"),
    "commune_forward": step({S.SUBMITTED}, S.FORWARDED, "review"),
    "commune_return": step({S.SUBMITTED}, S.COMMUNE_RETURNED, "review", needs_reason=True),
    "receive": step({S.FORWARDED}, S.RECEIVED, "process"),
    "province_return": step({S.FORWARDED, S.RECEIVED, S.UNDER_REVIEW}, S.PROVINCE_RETURNED, "process", True),
    "to_advisory": step({S.RECEIVED}, S.UNDER_REVIEW, "process"),
    "schedule": step({S.RECEIVED, S.UNDER_REVIEW}, S.IN_SESSION, "process"),
    "unschedule": step({S.IN_SESSION}, S.RECEIVED, "process", needs_reason=True),
    "forward_central": step({S.SCORED}, S.AT_CENTRAL, "decide"),
    "recognise": step({S.SCORED, S.CENTRAL_RETURNED}, S.RECOGNISED, "decide"),
    "reject": step({S.SCORED, S.CENTRAL_RETURNED}, S.NOT_RECOGNISED, "decide", needs_reason=True),
    # The central council's decision (central.py): 5★ in the ministry's name, or back to the province.
    "central_grant": step({S.AT_CENTRAL}, S.RECOGNISED, "central"),
    "central_return": step({S.AT_CENTRAL}, S.CENTRAL_RETURNED, "central", needs_reason=True),
    "reopen": step({S.RECOGNISED, S.NOT_RECOGNISED}, S.SCORED, "decide", needs_reason=True),
}
EDITABLE = frozenset({S.DRAFT, S.COMMUNE_RETURNED, S.PROVINCE_RETURNED})
# Whose move it is: the right that takes the route's next step (a dossier before the council waits on its
# members' scoresheets; a decided one waits on nobody). A draft or a returned dossier waits on its producer:
# "prepare", the producer's own part, which offices may help with but is not theirs to wait on.
TURN: dict[str, str] = {
    S.DRAFT: "prepare", S.COMMUNE_RETURNED: "prepare", S.PROVINCE_RETURNED: "prepare",
    S.SUBMITTED: "review",
    S.FORWARDED: "process", S.RECEIVED: "process", S.UNDER_REVIEW: "process",
    S.SCORED: "decide", S.AT_CENTRAL: "central", S.CENTRAL_RETURNED: "decide",
}  # fmt: skip


def waiting_on(user: RequestUser) -> list[str]:
    """The states, in the route's order, in which a dossier of the person's scope waits on them."""
    return [state for state in S.values if state in TURN and rights.may(user, TURN[state], Dossier)]


def allowed_actions(user: RequestUser, dossier: Dossier) -> list[str]:
    return [name for name, s in STEPS.items() if dossier.state in s.sources and rights.may(user, s.right, dossier)]


def on_the_route(user: RequestUser, dossier: Dossier) -> bool:
    """Whether the person takes some step of this dossier's route (a refused step of theirs is recorded)."""
    return any(rights.may(user, right, dossier) for right in {s.right for s in STEPS.values()})


def may_edit(user: RequestUser, dossier: Dossier) -> bool:
    """Whether the person may change the dossier's content now (while it is with its producer)."""
    return dossier.state in EDITABLE and rights.may(user, "change", dossier)


@transaction.atomic
def move(dossier: Dossier, action: str, user: User, reason: str = "", **changes: Any) -> Dossier:
    """Apply one transition. Raises ValidationError (out of order, missing reason, failed check) or
    PermissionDenied (not this person's step); the dossier is then unchanged."""
    current = Dossier.objects.select_for_update().select_related("product__producer").get(pk=dossier.pk)
    rule = STEPS.get(action)
    if rule is None:
        raise ValidationError(_("Unknown action “%(action)s”.") % {"action": action})
    if current.state not in rule.sources:
        raise ValidationError(
            _("A dossier that is “%(state)s” cannot be moved by “%(action)s”.")
            % {"state": current.get_state_display(), "action": action}
        )
    if not rights.may(user, rule.right, current):
        raise PermissionDenied(_("This step is not yours to take."))
    if rule.needs_reason and not reason.strip():
        raise ValidationError({"reason": _("Give the reason: it is recorded and shown to the producer.")})
    GUARDS.get(action, lambda d, c: None)(current, changes)
    for field, value in changes.items():
        setattr(current, field, value)
    event = DossierEvent(dossier=current, action=action, from_state=current.state, to_state=rule.target, user=user)
    event.reason = reason.strip()
    current.state = rule.target
    current.full_clean()
    current.save()
    event.save()
    if current.kind == DossierKind.REEVALUATION:
        _transition_rule(current, action)
    return current


def _transition_rule(dossier: Dossier, action: str) -> None:
    """QĐ 26 transition: a certificate issued before 22/05/2026 whose filing window had closed stays valid from
    the filing of its re-evaluation until the decision, at most 180 days after expiry."""
    from ocop.certificates import lifecycle
    from ocop.certificates.services import keep_valid_pending_reevaluation

    latest = (
        dossier.product.certificates.filter(revoked_on__isnull=True)
        .exclude(pk=dossier.certificate_id or 0)
        .order_by("-issued_on")
        .first()
    )
    if latest is None:
        return
    if action == "submit" and not latest.extended_until:
        if lifecycle.transition_grace_applies(latest.issued_on, latest.valid_until):
            keep_valid_pending_reevaluation(latest)
    elif action in ("reject", "recognise", "central_grant") and latest.extended_until:
        latest.extended_until = max(latest.valid_until, min(latest.extended_until, timezone.localdate()))
        latest.save()


def _guard_submit(dossier: Dossier, changes: dict[str, Any]) -> None:
    problems = check_self_assessment(dossier, complete=True)
    if problems:
        raise ValidationError(
            _("The self-assessment is incomplete or wrong: %(problems)s") % {"problems": "; ".join(problems)}
        )
    changes.setdefault("submitted_on", timezone.localdate())
    if not dossier.receipt_number:
        changes["receipt_number"] = receipt_number(dossier, changes["submitted_on"])


def _guard_forward(dossier: Dossier, changes: dict[str, Any]) -> None:
    checks = ("check_material_origin", "check_local_labour", "check_idea_origin", "check_local_identity")
    if any(changes.get(name, getattr(dossier, name)) is None for name in checks):
        raise ValidationError(_("Answer the four checks of form 03 before forwarding."))


def _guard_receive(dossier: Dossier, changes: dict[str, Any]) -> None:
    if changes.get("round", dossier.round) is None:
        raise ValidationError({"round": _("Choose the evaluation round.")})


def _guard_schedule(dossier: Dossier, changes: dict[str, Any]) -> None:
    session = changes.get("session")
    if session is None or session.state != "open":
        raise ValidationError({"session": _("Choose an open council session.")})
    if session.round_id != dossier.round_id:
        raise ValidationError({"session": _("The session belongs to another round than the dossier.")})


def _guard_unschedule(dossier: Dossier, changes: dict[str, Any]) -> None:
    if dossier.session is None or dossier.session.state != "open":
        raise ValidationError(_("Only a dossier before an open session can be taken off it."))
    dossier.scoresheets.filter(session=dossier.session).delete()
    changes["session"] = None


def _guard_reopen(dossier: Dossier, changes: dict[str, Any]) -> None:
    if dossier.certificate is not None and dossier.certificate.revoked_on is None:
        raise ValidationError(_("Its certificate is still in force: revoke it first, then reopen the dossier."))


def _guard_forward_central(dossier: Dossier, changes: dict[str, Any]) -> None:
    from ocop.evaluation.central import open_round_on  # central reads the models this module moves

    if not dossier.proposed_central:
        raise ValidationError(_("Only a council result of 5★ (≥ 90 with the 5★ requirements met) goes to the centre."))
    changes["central_round"] = open_round_on(timezone.localdate())  # none open yet: it joins the next one


def _guard_central_decision(dossier: Dossier, changes: dict[str, Any]) -> None:
    if dossier.central_stars is None:
        raise ValidationError(
            _("The central council has not scored this dossier yet: its session closes once every member scored.")
        )


def _guard_central_grant(dossier: Dossier, changes: dict[str, Any]) -> None:
    _guard_central_decision(dossier, changes)
    levels = dossier.criteria_version.regime.levels()
    if dossier.central_result.get("disqualified") or not levels.central(dossier.central_stars or 0):
        raise ValidationError(
            _("The central council scored it %(stars)s★: only a 5★ result is granted; return it to the province.")
            % {"stars": dossier.central_stars}
        )


def check_recognisable(dossier: Dossier, stars: int | None) -> None:
    """Stars the dossier's regime certifies, not disqualified; the levels the centre decides only from it."""
    levels = dossier.criteria_version.regime.levels()
    if dossier.result.get("disqualified") or not levels.certifiable(stars or 0):
        raise ValidationError(_("Only a dossier scored 3★ or more, not disqualified, can be recognised."))
    if levels.central(stars or 0) and dossier.state != S.AT_CENTRAL:
        raise ValidationError(_("5★ is granted by the central council: forward the dossier first."))
    if not levels.central(stars or 0) and dossier.state == S.AT_CENTRAL:
        raise ValidationError(_("The dossier is with the central council: it decides, or returns it to the province."))


def _guard_recognise(dossier: Dossier, changes: dict[str, Any]) -> None:
    check_recognisable(dossier, changes.get("council_stars", dossier.council_stars))


GUARDS = {
    "unschedule": _guard_unschedule,
    "reopen": _guard_reopen,
    "submit": _guard_submit,
    "commune_forward": _guard_forward,
    "receive": _guard_receive,
    "schedule": _guard_schedule,
    "forward_central": _guard_forward_central,
    "recognise": _guard_recognise,
    "central_grant": _guard_central_grant,
    "central_return": _guard_central_decision,
}


def receipt_number(dossier: Dossier, day: datetime.date) -> str:
    """`…-…/PĐK-(province)-(commune)-(year)` (QĐ 26 Phụ lục III form 01)."""
    commune = dossier.product.producer.commune
    province = commune.path.strip("/").split("/")[1]
    sequence = Dossier.objects.filter(submitted_on__year=day.year, product__producer__commune=commune).count() + 1
    return f"{sequence:03d}/PĐK-{province}-{commune.code}-{day.year}"


def still_missing(dossier: Dossier, evidence: int, sheet: SheetTemplate | None) -> list[str]:
    """What a dossier on the producer's side still lacks before it goes to the commune (`evidence`: how many
    files it has; `sheet`: its product set's scoresheet, `criteria_version.scoresheet(…)`)."""
    if dossier.state not in EDITABLE or sheet is None:  # an editable dossier is given its sheet
        return []
    unanswered = len(set(sheet.by_code) - set(dossier.self_assessment or {}))
    lacks = []
    if unanswered:
        lacks.append(
            ngettext(
                "%(n)s criterion of the self-assessment not answered",
                "%(n)s criteria of the self-assessment not answered",
                unanswered,
            )
            % {"n": unanswered}
        )
    if not evidence:
        lacks.append(_("no evidence attached"))
    return lacks


def check_self_assessment(dossier: Dossier, complete: bool) -> list[str]:
    sheet = dossier.criteria_version.scoresheet(dossier.product.product_set_id)
    choices = {}
    for code, value in (dossier.self_assessment or {}).items():
        option: Any  # read from JSON; int() refuses what is not a number
        option, case = (value.get("option"), value.get("case")) if isinstance(value, dict) else (value, None)
        choices[code] = Choice(int(option), case)
    problems = validate(sheet, SheetInput(choices))
    if not complete:
        problems = {k: v for k, v in problems.items() if "missing" not in v}
    return [f"{where.split(' › ')[-1]}: {what}" for where, what in problems.items()]


@transaction.atomic
def open_dossier(product: "Product", kind: str, user: User) -> Dossier:
    """A new dossier pinned to the newest criteria version; upgrade and re-evaluation dossiers start from the
    product's last dossier (form 01, self-assessment, and its evidence carried forward)."""
    if not rights.may(user, "add", Dossier(product=product)):
        raise PermissionDenied(_("You cannot open a dossier for this product."))
    version = CriteriaVersion.objects.select_related("regime").first()
    if version is None:
        raise ValidationError(_("No criteria are loaded."))
    if Dossier.objects.filter(product=product).exclude(state__in=[S.RECOGNISED, S.NOT_RECOGNISED]).exists():
        raise ValidationError(_("This product already has a dossier in progress."))
    previous = (
        Dossier.objects.filter(product=product).order_by("-created_at").first() if kind != DossierKind.FIRST else None
    )
    dossier = Dossier(product=product, kind=kind, criteria_version=version, created_by=user, previous=previous)
    producer = product.producer
    dossier.representative, dossier.position = producer.representative_name, producer.representative_position
    dossier.phone, dossier.email = producer.phone, producer.email
    if previous is not None and previous.criteria_version_id == version.pk:
        dossier.self_assessment, dossier.business_plan = dict(previous.self_assessment), previous.business_plan
    dossier.full_clean()
    dossier.save()
    if not version.in_use:
        type(version).objects.filter(pk=version.pk).update(in_use=True)  # from now on this text is frozen
    if previous is not None:
        for item in previous.evidence.all():
            Evidence.objects.create(
                dossier=dossier, criterion=item.criterion, file=item.file.name, note=item.note, uploaded_by=user
            )
    return dossier


def answers_version(dossier: Dossier) -> str:
    """The self-assessment as it was read (it is not in the change log, so it carries a digest of its own)."""
    text = json.dumps(dossier.self_assessment or {}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@transaction.atomic
def save_self_assessment(dossier: Dossier, user: User, answers: dict[str, Any], seen: str | None = None) -> Dossier:
    """Save the answers; refused when someone saved others since they were read (`seen`, from `answers_version`)."""
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if dossier.state not in EDITABLE:
        raise ValidationError(_("The dossier is with the commune or the province and cannot be edited now."))
    if not rights.may(user, "change", dossier):
        raise PermissionDenied(_("Your role can only read this record."))
    if seen is not None and seen != answers_version(dossier):
        raise ValidationError(
            _("Someone saved other answers after you opened this page — review them and answer again."), code="stale"
        )
    dossier.self_assessment = answers
    problems = check_self_assessment(dossier, complete=False)
    if problems:
        raise ValidationError(problems)
    dossier.save()
    return dossier


def choice_error(error: ScoringInputError) -> ValidationError:
    return ValidationError([f"{k}: {v}" for k, v in error.problems.items()])
