"""Every state change of the registry: validate, write, in one transaction (the change log is written by
ocop.core.history as the rows are saved)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ocop.places.choices import Level
from ocop.places.models import Unit
from ocop.registry.models import Producer, ProducerAddress


def check_commune_on(commune: Unit, day: datetime.date) -> None:
    """A record's commune must be a commune of the map valid on the record's date."""
    if commune.level != Level.COMMUNE:
        raise ValidationError(_("%(unit)s is not a commune.") % {"unit": commune.name}, code="not_commune")
    if not commune.is_valid_at(day):
        if commune.valid_to and day > commune.valid_to:
            message = _(
                "%(unit)s no longer existed on %(day)s (it was dissolved or merged after %(end)s); "
                "choose a commune of the current map."
            )
        else:
            message = _(
                "%(unit)s did not exist yet on %(day)s (it exists from %(start)s); "
                "choose a commune of the map of that date."
            )
        raise ValidationError(
            message
            % {
                "unit": commune.name,
                "day": date_format(day, "SHORT_DATE_FORMAT"),
                "end": commune.valid_to and date_format(commune.valid_to, "SHORT_DATE_FORMAT"),
                "start": commune.valid_from and date_format(commune.valid_from, "SHORT_DATE_FORMAT"),
            },
            code="commune_not_valid_on_date",
        )


@transaction.atomic
def save_producer(producer: Producer, address_since: datetime.date | None) -> Producer:
    """Create or update a producer; a new commune or address opens a new entry in its address history."""
    previous = None
    if producer.pk:
        previous = Producer.objects.filter(pk=producer.pk).values("commune_id", "address").first()
    moved = previous is None or (previous["commune_id"], previous["address"]) != (
        producer.commune_id,
        producer.address,
    )
    producer.full_clean()
    producer.save()
    if moved:
        record_address(producer, producer.commune, producer.address, address_since or timezone.localdate())
    return producer


@transaction.atomic
def record_address(producer: Producer, commune: Unit, address: str, since: datetime.date) -> ProducerAddress:
    check_commune_on(commune, since)
    current = producer.addresses.filter(valid_to__isnull=True).order_by("-valid_from").first()
    if current is not None:
        if since <= current.valid_from:
            raise ValidationError(
                _("The new address must start after the current one (from %(day)s).")
                % {"day": date_format(current.valid_from, "SHORT_DATE_FORMAT")}
            )
        current.valid_to = since - datetime.timedelta(days=1)
        current.save()
    entry = ProducerAddress(producer=producer, commune=commune, address=address, valid_from=since)
    entry.full_clean()
    entry.save()
    if producer.commune_id != commune.pk or producer.address != address:
        producer.commune, producer.address = commune, address
        producer.save()
    return entry
