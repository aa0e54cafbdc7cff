"""Read questions other apps ask about certificates. A product's stars come only from a valid certificate."""

import datetime
from collections.abc import Callable

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from ocop.certificates import lifecycle
from ocop.certificates.models import Certificate, CertificateQuerySet

# The rows that list a product for sale on a day (each with a `product` field): the market provides them
# (`register_listed`, from its AppConfig.ready), as it sits above certificates. Until it does, nothing is on sale.
Listed = Callable[[datetime.date], QuerySet]
LISTED: list[Listed] = []


def register_listed(listed: Listed) -> None:
    LISTED[:] = [listed]


def with_current_stars(products: QuerySet, day: datetime.date | None = None) -> QuerySet:
    """Annotate `current_stars` (None when the product holds no valid certificate on `day`)."""
    valid = (
        Certificate.objects.valid_on(day or timezone.localdate())
        .filter(product=OuterRef("pk"))
        .order_by("-issued_on")
        .values("stars")[:1]
    )
    return products.annotate(current_stars=Subquery(valid))


def current_certificate(product_id: int, day: datetime.date | None = None) -> Certificate | None:
    return (
        Certificate.objects.valid_on(day or timezone.localdate())
        .filter(product_id=product_id)
        .select_related("regime")
        .order_by("-issued_on")
        .first()
    )


# The worklist's groups (certificates/worklist.html), also a filter of the certificate list (?due=…) and the
# counts on the things-to-do page: one rule each, so a count and the list it opens always agree.
RECENT_DAYS = 730  # lapsed and revoked certificates stay on the worklist for two years


def due(certificates: CertificateQuerySet, kind: str, today: datetime.date) -> CertificateQuerySet:
    """`certificates` (already scoped) narrowed to one worklist group on `today`.

    in_window: the re-evaluation window is open (180 to 120 days before expiry);
    late: the window was missed, expiry within 120 days;
    expired: expired in the last two years, not extended, and no newer certificate;
    on_sale: the product's last certificate lapsed or was revoked, no valid one, and a sales point still lists it;
    revoked: revoked in the last two years.
    """
    days = datetime.timedelta
    newer = Certificate.objects.filter(product=OuterRef("product"), issued_on__gt=OuterRef("issued_on"))
    if kind == "in_window":
        return certificates.valid_on(today).filter(
            valid_until__gte=today + days(lifecycle.WINDOW_CLOSES_DAYS),
            valid_until__lte=today + days(lifecycle.WINDOW_OPENS_DAYS),
        )
    if kind == "late":
        return certificates.valid_on(today).filter(
            valid_until__gte=today, valid_until__lt=today + days(lifecycle.WINDOW_CLOSES_DAYS)
        )
    if kind == "expired":
        return (
            certificates.filter(
                valid_until__lt=today, valid_until__gte=today - days(RECENT_DAYS), revoked_on__isnull=True
            )
            .exclude(Exists(newer))
            .exclude(extended_until__gte=today)
        )
    if kind == "on_sale":
        if not LISTED:
            return certificates.none()
        return (
            certificates.exclude(Exists(newer))
            .exclude(product__in=Certificate.objects.valid_on(today).values("product"))
            .filter(Exists(LISTED[0](today).filter(product=OuterRef("product"))))
        )
    if kind == "revoked":
        return certificates.filter(revoked_on__gte=today - days(RECENT_DAYS))
    raise ValueError(kind)


def worklist(certificates: QuerySet, today: datetime.date) -> dict[str, QuerySet]:
    """The worklist page's groups (each one query): of `certificates` (already scoped), those in their
    re-evaluation window, late, expired, revoked. The apps above add theirs as panels (the products still on
    sale without stars: market; misuse reports: portal)."""
    by_expiry = certificates.order_by("valid_until")
    groups = {kind: due(by_expiry, kind, today) for kind in ("in_window", "late", "expired")}
    groups["revoked"] = due(certificates, "revoked", today).order_by("-revoked_on")
    return groups
