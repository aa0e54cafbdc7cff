"""What the platform tells subscribed systems, read from what it already records: the change log (a certificate
created or revoked, a dossier's state) and the certificates' reminders (a certificate entering its
re-evaluation window, a certificate expired — each sent once by the daily run).

and post-recognition monitoring's `inspection_decided` signal (an inspection's outcome, or its remedy confirmed)."""

from typing import Any

from django.db import models
from django.db.models.signals import post_save

from ocop.api.webhooks import emit
from ocop.certificates.models import Certificate, Reminder
from ocop.core.models import ChangeLog
from ocop.evaluation.models import Dossier
from ocop.monitoring.models import Inspection
from ocop.monitoring.signals import inspection_decided as inspection_decided_signal

REMINDER_EVENTS = {"window_open": "certificate.window_open", "expired": "certificate.expired"}


def certificate_data(certificate: Certificate) -> dict[str, Any]:
    return {
        "certificate_id": certificate.pk,
        "number": certificate.number,
        "product_id": certificate.product_id,
        "product_name": certificate.product.name,
        "stars": certificate.stars,
        "issued_on": certificate.issued_on,
        "valid_until": certificate.valid_until,
        "revoked_on": certificate.revoked_on,
        "revocation_ground": certificate.revocation_ground,
    }


def _on_change(sender: type[models.Model], instance: ChangeLog, created: bool, raw: bool = False, **kw: Any) -> None:
    if raw or not created:
        return
    model = instance.content_type.model_class()
    if model is Certificate:
        certificate = Certificate.objects.select_related("product").filter(pk=instance.object_id).first()
        if certificate is None:
            return
        if instance.action == "create":
            emit("certificate.issued", certificate, certificate_data(certificate))
        elif instance.after.get("revoked_on") and not instance.before.get("revoked_on"):
            emit("certificate.revoked", certificate, certificate_data(certificate))
    elif model is Dossier and instance.action == "update" and "state" in instance.after:
        dossier = Dossier.objects.select_related("product").filter(pk=instance.object_id).first()
        if dossier is not None:
            emit(
                "dossier.state_changed",
                dossier,
                {
                    "dossier_id": dossier.pk,
                    "product_id": dossier.product_id,
                    "product_name": dossier.product.name,
                    "from_state": instance.before.get("state"),
                    "to_state": dossier.state,
                },
            )


def _on_reminder(sender: type[models.Model], instance: Reminder, created: bool, raw: bool = False, **kw: Any) -> None:
    event = REMINDER_EVENTS.get(instance.stage)
    if created and not raw and event is not None:
        certificate = Certificate.objects.select_related("product").get(pk=instance.certificate_id)
        emit(event, certificate, certificate_data(certificate))


def _on_inspection(sender: type[models.Model], inspection: Inspection, outcome: str, **kw: Any) -> None:
    """An inspection's outcome, to those who may view the inspection: what the producer is told (the conclusion),
    never the inspectors' internal notes."""
    emit(
        "inspection.decided",
        inspection,
        {
            "inspection_id": inspection.pk,
            "product_id": inspection.product_id,
            "certificate_id": inspection.certificate_id,
            "kind": inspection.kind,
            "outcome": outcome,
            "decided_on": inspection.decided_on,
            "conclusion": inspection.conclusion,
            "remedy_due": inspection.remedy_due,
            "remedied_on": inspection.remedied_on,
            "revocation_ground": inspection.revocation_ground,
        },
    )


post_save.connect(_on_change, sender=ChangeLog, dispatch_uid="ocop_webhooks_changes")
post_save.connect(_on_reminder, sender=Reminder, dispatch_uid="ocop_webhooks_reminders")
inspection_decided_signal.connect(_on_inspection, sender=Inspection, dispatch_uid="ocop_webhooks_inspections")
