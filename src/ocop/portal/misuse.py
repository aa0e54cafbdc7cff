"""Reports of suspected label misuse from the public: rate-limited, honeypot-guarded, routed to the officers
in charge of the product's commune (the province office when no product is named)."""

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from ocop.core import rights
from ocop.core.types import RequestUser
from ocop.portal.models import CatalogueEntry, MisuseReport, MisuseStatus

PER_ADDRESS_PER_HOUR = 5
ALL_PER_TEN_MINUTES = 100  # a flood from many addresses: pause intake rather than bury the worklist


def client_hash(address: str) -> str:
    # Hashed with the site's secret: enough to count one address's reports, useless to anyone who reads the table.
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


def too_many(address_hash: str) -> bool:
    now = timezone.now()
    recent_here = MisuseReport.objects.filter(
        client_hash=address_hash, created_at__gte=now - datetime.timedelta(hours=1)
    )
    recent_all = MisuseReport.objects.filter(created_at__gte=now - datetime.timedelta(minutes=10))
    return recent_here.count() >= PER_ADDRESS_PER_HOUR or recent_all.count() >= ALL_PER_TEN_MINUTES


def receive(data: dict[str, Any], address_hash: str) -> MisuseReport:
    entry = None
    if data.get("product"):
        entry = CatalogueEntry.objects.select_related("producer").filter(pk=data["product"]).first()
    return MisuseReport.objects.create(
        product_id=entry.pk if entry else None,
        unit_id=entry.producer.commune_id if entry else None,
        code=data.get("code", ""),
        product_name=data.get("product_name", "") or (entry.name if entry else ""),
        seen_at=data["seen_at"],
        description=data["description"],
        contact=data.get("contact", ""),
        client_hash=address_hash,
    )


def may_handle(user: RequestUser) -> bool:
    """Whether the person handles misuse reports at all (the rights table's "handle")."""
    return rights.may(user, "handle", MisuseReport)


def for_officer(user: RequestUser) -> QuerySet[MisuseReport]:
    """Reports an officer handles: those placed in their scope, and unplaced ones for the province office.
    Producers and viewers never see them (they may be about a producer's own label, and name the reporter);
    the reporter's contact is the handling office's alone (the "personal" right)."""
    return MisuseReport.objects.for_user(user, "handle").select_related("product", "unit")


def open_reports(user: RequestUser) -> QuerySet[MisuseReport]:
    return for_officer(user).filter(status__in=[MisuseStatus.NEW, MisuseStatus.CHECKING])
