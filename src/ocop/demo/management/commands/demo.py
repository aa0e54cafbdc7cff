from django.core.management.base import BaseCommand

from ocop.demo.loader import demo_loaded, figures, load
from ocop.registry.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the Bình Phước demo data set (once; skipped when already loaded) and print what it holds."

    def handle(self, *args: object, **options: object) -> None:
        loaded_before = demo_loaded()
        if not loaded_before:
            load()
        n = figures()
        self.stdout.write(
            ("Demo data already loaded: " if loaded_before else "Demo loaded: ")
            + f"{n['producers']} producers, {n['products']} products, {n['certificates']} certificates, "
            f"{n['dossiers']} dossiers of the 2026 rounds, {n['events']} events, {n['sales points']} sales points, "
            f"{n['listings']} listings, {n['activities']} programme activities."
        )
        self.stdout.write(f"Accounts admin, tinh, xa, coso, xem — password {DEMO_PASSWORD!r} (demo only).")
