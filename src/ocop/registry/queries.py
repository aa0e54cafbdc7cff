"""Read questions about producers that documents ask: where a producer was on a document's date."""

import datetime
from collections.abc import Iterable
from dataclasses import replace

from ocop.places.queries import Address, addresses_on
from ocop.registry.models import Producer, ProducerAddress


def producer_addresses_on(producers: Iterable[Producer], day: datetime.date) -> dict[int, Address]:
    """Each producer's address as a document dated `day` names it (three queries for any number).

    The address history says where the producer was registered that day (the current address when the history
    has no entry for it); places.addresses_on names that commune on the map valid that day.
    """
    producers = list(producers)
    recorded = {p.pk: (p.commune_id, p.address) for p in producers}
    entries = (
        ProducerAddress.objects.filter(ProducerAddress.covering_q(day), producer__in=producers)
        .order_by("valid_from")
        .values_list("producer_id", "commune_id", "address")
    )
    for producer_id, commune_id, street in entries:
        recorded[producer_id] = (commune_id, street)
    places = addresses_on({commune_id for commune_id, _ in recorded.values()}, day)
    return {pk: replace(places[commune_id], street=street) for pk, (commune_id, street) in recorded.items()}


def producer_address_on(producer: Producer, day: datetime.date) -> Address:
    return producer_addresses_on([producer], day)[producer.pk]
