"""What happens to an inspection: opened (with its checklist), findings recorded, an outcome decided, a remedy
confirmed, the proposed revocation carried out on the certificate. Each refuses bad input with a clear message
and changes nothing then; the change log records every write (the models are tracked)."""

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ocop.certificates import services as certificate_services
from ocop.certificates.choices import DecidingLevel
from ocop.certificates.models import Certificate
from ocop.certificates.queries import current_certificate
from ocop.core import rights
from ocop.core.types import RequestUser
from ocop.monitoring import checklist
from ocop.monitoring.choices import INSPECTION_GROUNDS, AuthorityLevel, InspectionKind, ItemResult, Outcome
from ocop.monitoring.models import CheckItem, Inspection, InspectionPlan
from ocop.monitoring.signals import inspection_decided
from ocop.places.queries import scope_prefixes
from ocop.registry.models import Product

# What an ad-hoc inspection may be opened from: record types named by label, so monitoring imports no app above.
ORIGINS = ("portal.misusereport", "monitoring.checkitem")


def _day(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def in_area(plan: InspectionPlan, product: Product) -> bool:
    """Whether the product's producer sits in the plan's area (a province covers the old units that became it)."""
    path = product.producer.commune.path
    return any(path.startswith(prefix) for prefix in scope_prefixes(plan.unit))


def origin_of(user: RequestUser, label: str, pk: Any) -> Model:
    """The record an ad-hoc inspection is opened from, if the person may view it (else a clear refusal)."""
    if label not in ORIGINS:
        raise ValidationError(_("An inspection can be opened from a misuse report or a finding only."))
    gone = ValidationError(_("The report or finding this inspection comes from no longer exists."))
    app_label, model_name = label.split(".")
    model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
    if model is None or not str(pk).isascii() or not str(pk).isdigit() or int(pk) >= 2**63:
        raise gone
    record = model._default_manager.filter(pk=int(pk)).first()
    if record is None or not rights.may(user, "view", record):
        raise gone
    return record


def check_opening(plan: InspectionPlan, product: Product, day: datetime.date) -> Certificate:
    """The certificate to inspect, or why the product cannot be inspected under this plan."""
    if not in_area(plan, product):
        raise ValidationError(
            {"product": _("%(product)s is not in %(area)s, the area of this plan.") % {
                "product": product.name, "area": plan.unit.name}}
        )  # fmt: skip
    certificate = current_certificate(product.pk, day)
    if certificate is None:
        raise ValidationError({"product": _("%(product)s has no valid certificate to inspect.") % {"product": product}})
    if plan.level == AuthorityLevel.PROVINCE and certificate.deciding_level == DecidingLevel.CENTRAL:
        raise ValidationError(
            {"product": _("A 5★ product recognised by the ministry is inspected under the ministry's plan.")}
        )
    return certificate


@transaction.atomic
def open_inspection(inspection: Inspection, *, origin: Model | None = None) -> Inspection:
    """Save a new inspection on the product's certificate valid on its date (today, for one still to come) and
    build its checklist."""
    if inspection.scheduled_on is None or inspection.plan_id is None or inspection.product_id is None:
        raise ValidationError(_("Give the plan, the product and the inspection date."))
    day = min(inspection.scheduled_on, timezone.localdate())
    inspection.certificate = check_opening(inspection.plan, inspection.product, day)
    if inspection.kind == InspectionKind.AD_HOC and origin is None and not inspection.origin_note.strip():
        raise ValidationError({"origin_note": _("Say why an ad-hoc inspection is opened.")})
    if origin is not None:
        inspection.kind = InspectionKind.AD_HOC
        inspection.origin_type = ContentType.objects.get_for_model(origin)
        inspection.origin_id = origin.pk
    inspection.full_clean()
    inspection.save()
    for n, line in enumerate(checklist.lines_for(inspection.certificate), start=1):
        CheckItem.objects.create(inspection=inspection, position=n, **line)  # one by one: each line is logged
    return inspection


def _editable(inspection: Inspection) -> None:
    if inspection.outcome in (Outcome.COMPLIANT, Outcome.REVOKE):
        raise ValidationError(_("This inspection is concluded; its findings can no longer change."))


@transaction.atomic
def record_finding(item: CheckItem, *, result: str, finding: str) -> CheckItem:
    _editable(item.inspection)
    if result == ItemResult.NOT_MET and not finding.strip():
        raise ValidationError({"finding": _("Say what was found when a point is not met.")})
    item.result, item.finding = result, finding
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def decide(
    inspection: Inspection,
    *,
    outcome: str,
    decided_on: datetime.date,
    conclusion: str,
    remedy_due: datetime.date | None = None,
    ground: str = "",
) -> Inspection:
    """Record the outcome. A remedy needs a deadline not in the past; a revocation proposal ground (b) or (d);
    "compliant" no point found unmet. A remedy's outcome may later become compliant or a revocation proposal."""
    today = timezone.localdate()
    if inspection.outcome not in (Outcome.OPEN, Outcome.REMEDY):
        raise ValidationError(_("This inspection is concluded already."))
    errors: dict[str, str] = {}
    if outcome not in (Outcome.COMPLIANT, Outcome.REMEDY, Outcome.REVOKE):
        errors["outcome"] = _("Choose an outcome.")
    if decided_on > today:
        errors["decided_on"] = _("An outcome cannot be dated in the future.")
    elif decided_on < inspection.scheduled_on:
        errors["decided_on"] = _("An outcome cannot be dated before the inspection (%(day)s).") % {
            "day": _day(inspection.scheduled_on)
        }
    if outcome == Outcome.REMEDY:
        if remedy_due is None:
            errors["remedy_due"] = _("A remedy needs a deadline.")
        elif remedy_due < today:
            errors["remedy_due"] = _("The remedy's deadline %(day)s is in the past.") % {"day": _day(remedy_due)}
    if outcome == Outcome.REVOKE and ground not in INSPECTION_GROUNDS:
        errors["ground"] = _("A revocation proposal needs ground (b) or (d) of Điều 8.")
    items = list(inspection.items.all())
    if outcome == Outcome.COMPLIANT and any(i.result == ItemResult.NOT_MET for i in items):
        errors["outcome"] = _("A point was found not met: the product cannot be found compliant.")
    if outcome == Outcome.COMPLIANT and any(i.result == ItemResult.UNCHECKED for i in items):
        errors["outcome"] = _("Check every point of the checklist before finding the product compliant.")
    if errors:
        raise ValidationError(errors)
    inspection.outcome, inspection.decided_on, inspection.conclusion = outcome, decided_on, conclusion
    if outcome == Outcome.REMEDY:
        inspection.remedy_due = remedy_due
    if outcome == Outcome.REVOKE:
        inspection.revocation_ground = ground
    inspection.full_clean()
    inspection.save()
    transaction.on_commit(lambda: inspection_decided.send(Inspection, inspection=inspection, outcome=outcome))
    return inspection


@transaction.atomic
def confirm_remedy(inspection: Inspection, *, remedied_on: datetime.date) -> Inspection:
    if inspection.outcome != Outcome.REMEDY or inspection.remedied_on is not None:
        raise ValidationError(_("No remedy is awaited on this inspection."))
    if remedied_on > timezone.localdate() or (inspection.decided_on and remedied_on < inspection.decided_on):
        raise ValidationError({"remedied_on": _("The remedy's date must lie between the outcome and today.")})
    inspection.remedied_on = remedied_on
    inspection.save()
    transaction.on_commit(lambda: inspection_decided.send(Inspection, inspection=inspection, outcome="remedied"))
    return inspection


@transaction.atomic
def revoke_certificate(inspection: Inspection, *, on: datetime.date, authority: str, decision: str) -> Certificate:
    """Carry out the proposed revocation on the certificate (certificates' own rule: one of the grounds, not
    before issue, not in the future, not twice), on the ground the inspection proposed."""
    if inspection.outcome != Outcome.REVOKE:
        raise ValidationError(_("Propose the revocation first: record the outcome with its ground."))
    certificate = Certificate.objects.select_for_update().get(pk=inspection.certificate_id)
    return certificate_services.revoke(
        certificate, ground=inspection.revocation_ground, on=on, authority=authority, decision=decision
    )


def may_act(user: RequestUser, action: str, inspection: Inspection) -> bool:
    """Acting on an inspection takes the right on it and on its plan (the authority: a province office does not
    act under the ministry's plan, even on a product of its province)."""
    return rights.may(user, action, inspection) and rights.may(user, "change", inspection.plan)
