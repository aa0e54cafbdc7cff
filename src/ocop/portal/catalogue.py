"""Keep the public catalogue's read model (`CatalogueEntry`) in step with the registry and certificates.

`refresh(product_ids)` recomputes the rows of some products (called from signals, and after bulk imports
through `ocop.core.history.bulk_logged`); `rebuild()` recomputes everything (nightly by the worker, after the
demo, and by `ocop portal rebuild`). Both run a fixed number of queries per batch of products.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from ocop.certificates import lifecycle
from ocop.certificates.models import Certificate
from ocop.core.text import fold, fold_all
from ocop.places.models import Unit
from ocop.places.queries import addresses_on
from ocop.portal.models import CatalogueEntry
from ocop.portal.state import state
from ocop.registry.choices import ProductStatus
from ocop.registry.models import Product, ProductPhoto

BATCH = 2000


def placement(commune_ids: Iterable[int], day: datetime.date) -> dict[int, tuple[Unit, str]]:
    """Each commune's unit on the map in force on `day`, and the district(s) of the three-level map it lay in
    (the rule every issued document follows: ocop.places.queries.addresses_on)."""
    return {pk: (place.unit, place.former_district) for pk, place in addresses_on(commune_ids, day).items()}


def _entries(product_ids: list[int], day: datetime.date) -> list[CatalogueEntry]:
    products = {
        p.pk: p
        for p in Product.objects.filter(pk__in=product_ids)
        .exclude(status=ProductStatus.DISCONTINUED)
        .select_related("producer", "product_set")
    }
    latest: dict[int, Certificate] = {}
    certificates = Certificate.objects.filter(product_id__in=products, issued_on__lte=day).order_by("issued_on", "id")
    for certificate in certificates.only(
        "id", "product_id", "stars", "issued_on", "valid_until", "extended_until", "revoked_on"
    ):
        latest[certificate.product_id] = certificate  # ordered: the last one is the newest
    photos: dict[int, int] = {}
    for product_id, photo_id in (
        ProductPhoto.objects.filter(product_id__in=latest).order_by("-position", "-id").values_list("product_id", "id")
    ):
        photos[product_id] = photo_id  # ordered backwards: the first photo is written last
    places = placement({products[pk].producer.commune_id for pk in latest}, day)
    entries = []
    for pk, certificate in latest.items():
        product = products[pk]
        producer, product_set = product.producer, product.product_set
        commune, district = places[producer.commune_id]
        entries.append(
            CatalogueEntry(
                product=product,
                producer=producer,
                certificate=certificate,
                stars=certificate.stars,
                issued_on=certificate.issued_on,
                valid_through=lifecycle.last_valid_day(certificate.valid_until, certificate.extended_until),
                revoked_on=certificate.revoked_on,
                name=product.name,
                sort_name=fold(product.name),
                search_text=fold_all(
                    product.name, producer.name, product_set.name, product_set.group_name, commune.name, district
                ),
                product_set=product_set,
                group_code=product_set.group_code,
                sector_code=product_set.sector_code,
                legal_form=producer.legal_form,
                commune=commune,
                unit_path=commune.path,
                legacy_district=district,
                photo_id=photos.get(pk),
                latitude=producer.latitude,
                longitude=producer.longitude,
            )
        )
    return entries


def refresh(product_ids: Iterable[int], day: datetime.date | None = None) -> None:
    ids = sorted(set(product_ids))
    day = day or timezone.localdate()
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        entries = _entries(chunk, day)
        with transaction.atomic():
            CatalogueEntry.objects.filter(product_id__in=chunk).delete()
            CatalogueEntry.objects.bulk_create(entries, batch_size=500)
    state.forget()


def rebuild(day: datetime.date | None = None) -> int:
    """Recompute every row; returns how many products the catalogue holds."""
    day = day or timezone.localdate()
    CatalogueEntry.objects.exclude(product_id__in=Certificate.objects.values("product_id")).delete()
    refresh(Certificate.objects.values_list("product_id", flat=True).distinct(), day)
    return CatalogueEntry.objects.count()
