from django.core.management.base import BaseCommand

from ocop.registry.demo import DEMO_PASSWORD, demo_loaded, load_demo


class Command(BaseCommand):
    help = "Load the Bình Phước demo data set (once; skipped when already loaded)."

    def handle(self, *args: object, **options: object) -> None:
        if demo_loaded():
            self.stdout.write("Demo data already loaded.")
            return
        counts = load_demo()
        self.stdout.write(f"Demo loaded: {counts['producers']} producers, {counts['products']} products.")
        self.stdout.write(f"Accounts admin, tinh, xa, coso, xem — password {DEMO_PASSWORD!r} (demo only).")
