"""The Bình Phước demo, app by app, in one change-log group (`ocop demo`, run by `make run`)."""

from django.db import transaction

from ocop.core.context import changes_by


def demo_loaded() -> bool:
    from ocop.registry.models import Producer

    return Producer.objects.filter(is_demo=True).exists()


@transaction.atomic
def load() -> dict[str, int]:
    from ocop.certificates.demo import load_certificates
    from ocop.evaluation.demo import load_round_2026
    from ocop.market.demo import load_market
    from ocop.portal.catalogue import rebuild as rebuild_catalogue
    from ocop.portal.signals import catalogue_paused
    from ocop.programme.demo import load_programme
    from ocop.registry.demo import load_registry
    from ocop.stories.demo import load_stories

    with changes_by("cli", label="ocop demo"), catalogue_paused():
        counts = load_registry()
        counts["certificates"] = load_certificates()
        counts["dossiers"] = load_round_2026()
        counts.update(load_market())
        counts["plans"] = load_programme()
        counts["stories"] = load_stories()
    counts["catalogue"] = rebuild_catalogue()  # paused during the load: one pass for all
    return counts
