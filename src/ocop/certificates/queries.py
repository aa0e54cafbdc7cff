"""Read questions other apps ask about certificates. A product's stars come only from a valid certificate."""

import datetime

from django.db.models import OuterRef, QuerySet, Subquery

from ocop.certificates.models import Certificate


def with_current_stars(products: QuerySet, day: datetime.date | None = None) -> QuerySet:
    """Annotate `current_stars` (None when the product holds no valid certificate on `day`)."""
    valid = (
        Certificate.objects.valid_on(day or datetime.date.today())
        .filter(product=OuterRef("pk"))
        .order_by("-issued_on")
        .values("stars")[:1]
    )
    return products.annotate(current_stars=Subquery(valid))


def current_certificate(product_id: int, day: datetime.date | None = None) -> Certificate | None:
    return (
        Certificate.objects.valid_on(day or datetime.date.today())
        .filter(product_id=product_id)
        .select_related("regime")
        .order_by("-issued_on")
        .first()
    )
