"""The Bình Phước demo, app by app, in one change-log group (`ocop demo`, run by `make run`)."""

from django.db import transaction

from ocop.core.context import changes_by


def figures() -> dict[str, int]:
    """What the demo holds, counted in the database rather than by the loaders (the 2026 rounds add certificates
    of their own): the numbers `ocop demo` prints, whether it has just loaded them or found them loaded."""
    from ocop.certificates.models import Certificate
    from ocop.evaluation.models import Dossier
    from ocop.market.models import Activity, Event, Listing, SalesPoint
    from ocop.monitoring.models import Inspection
    from ocop.registry.models import Producer, Product

    return {
        "producers": Producer.objects.filter(is_demo=True).count(),
        "products": Product.objects.filter(is_demo=True).count(),
        "certificates": Certificate.objects.filter(product__is_demo=True).count(),
        "dossiers": Dossier.objects.filter(product__is_demo=True).count(),
        "events": Event.objects.filter(is_demo=True).count(),
        "sales points": SalesPoint.objects.filter(is_demo=True).count(),
        "listings": Listing.objects.filter(is_demo=True).count(),
        "activities": Activity.objects.filter(is_demo=True).count(),
        "inspections": Inspection.objects.filter(is_demo=True).count(),
    }


def demo_loaded() -> bool:
    from ocop.registry.models import Producer

    return Producer.objects.filter(is_demo=True).exists()


@transaction.atomic
def load() -> None:
    from ocop.certificates.demo import load_certificates
    from ocop.evaluation.demo import load_round_2026
    from ocop.market.demo import load_market
    from ocop.monitoring.demo import load_monitoring
    from ocop.portal.catalogue import rebuild as rebuild_catalogue
    from ocop.portal.signals import catalogue_paused
    from ocop.programme.demo import load_programme
    from ocop.registry.demo import load_registry
    from ocop.stories.demo import load_stories

    with changes_by("cli", label="ocop demo"), catalogue_paused():
        load_registry()
        load_certificates()
        load_round_2026()
        load_market()
        load_programme()
        load_monitoring()
        load_stories()
    rebuild_catalogue()  # paused during the load: one pass for all
