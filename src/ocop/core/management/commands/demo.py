from django.core.management.base import BaseCommand

from ocop.demo import demo_loaded, load
from ocop.registry.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the Bình Phước demo data set (once; skipped when already loaded)."

    def handle(self, *args: object, **options: object) -> None:
        if demo_loaded():
            self.stdout.write("Demo data already loaded.")
            return
        counts = load()
        self.stdout.write(
            f"Demo loaded: {counts['producers']} producers, {counts['products']} products, "
            f"{counts['certificates']} certificates, {counts['dossiers']} dossiers of the 2026 rounds, "
            f"{counts['events']} events, {counts['sales points']} sales points, {counts['listings']} listings, "
            f"{counts['activities']} programme activities."
        )
        self.stdout.write(f"Accounts admin, tinh, xa, coso, xem — password {DEMO_PASSWORD!r} (demo only).")
