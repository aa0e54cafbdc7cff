"""Follow the registry and certificates into the catalogue read model, row by row and after bulk imports."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models.signals import post_delete, post_save

from ocop.certificates.models import Certificate
from ocop.core.history import bulk_written
from ocop.core.signals import published_changed
from ocop.registry.models import Producer, Product, ProductPhoto

_local = threading.local()


@contextmanager
def catalogue_paused() -> Iterator[None]:
    """Skip the row-by-row refresh during a bulk load that rebuilds the catalogue when it ends (the demo):
    refreshing a product at each of its saves is most of the demo's time."""
    _local.paused = True
    try:
        yield
    finally:
        _local.paused = False


def _products_of(sender: type, instances: list[Any]) -> list[int]:
    if sender is Product:
        return [i.pk for i in instances]
    if sender in (Certificate, ProductPhoto):
        return [i.product_id for i in instances]
    if sender is Producer:
        return list(Product.objects.filter(producer__in=[i.pk for i in instances]).values_list("pk", flat=True))
    return []


def _saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # fixtures load rows without their neighbours
        return
    _refresh(sender, [instance])


def _deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    if sender is Product:
        return  # the entry goes with it (CASCADE)
    _refresh(sender, [instance])


def _bulk(sender: type, instances: list[Any], created: bool = False, **kwargs: Any) -> None:
    if created and sender is Product:
        return  # a product created just now has no certificate yet, so no catalogue entry
    _refresh(sender, instances)


def _refresh(sender: type, instances: list[Any]) -> None:
    from ocop.portal import catalogue

    if getattr(_local, "paused", False):
        return
    ids = [pk for pk in _products_of(sender, instances) if pk is not None]
    if ids:
        catalogue.refresh(ids)


def _touched(sender: type, **kwargs: Any) -> None:
    from ocop.portal.state import state

    state.touch()  # cached pages of this process show it at once (page_cache.py)


def connect() -> None:
    from ocop.market.models import Event, Listing, Participation, SalesPoint

    published_changed.connect(_touched, dispatch_uid="portal-touch-published")  # the stories, for one
    for model in (Listing, SalesPoint, Event, Participation):
        post_save.connect(_touched, sender=model, dispatch_uid=f"portal-touch-save-{model.__name__}")
        post_delete.connect(_touched, sender=model, dispatch_uid=f"portal-touch-delete-{model.__name__}")
    from ocop.registry.models import Workforce

    # A producer's revenue: the open data's PTNT_OCOP reads it (DoanhThuNam), the catalogue read model does not.
    post_save.connect(_touched, sender=Workforce, dispatch_uid="portal-touch-save-Workforce")
    post_delete.connect(_touched, sender=Workforce, dispatch_uid="portal-touch-delete-Workforce")
    bulk_written.connect(_touched, sender=Workforce, dispatch_uid="portal-touch-bulk-Workforce")
    for model in (Product, Producer, Certificate, ProductPhoto):
        post_save.connect(_saved, sender=model, dispatch_uid=f"portal-catalogue-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"portal-catalogue-delete-{model.__name__}")
        bulk_written.connect(_bulk, sender=model, dispatch_uid=f"portal-catalogue-bulk-{model.__name__}")
