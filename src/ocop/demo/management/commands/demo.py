from django.core.management.base import BaseCommand, CommandParser

from ocop.demo.loader import demo_loaded, figures, load
from ocop.demo.national import DEFAULT_SCALE, NATIONAL_OFFICE, PLAN, load_national, national_loaded
from ocop.registry.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Load the Bình Phước demo data set (once; skipped when already loaded) and print what it holds; "
        "--national loads the national data set (every province) into an empty database instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--national", action="store_true", help="the national data set and the national office's account"
        )
        parser.add_argument(
            "--scale", type=float, default=DEFAULT_SCALE,
            help=f"with --national: the share of the benchmark's size (20,000 producers); default {DEFAULT_SCALE}",
        )  # fmt: skip

    def handle(self, *args: object, **options: object) -> None:
        if options["national"]:
            self.national(float(options["scale"]))  # type: ignore[arg-type]  # argparse gives a float
            return
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

    def national(self, scale: float) -> None:
        if national_loaded():
            self.stdout.write("National demo data already loaded.")
        else:
            counts = load_national(scale, log=self.stderr._out)  # type: ignore[arg-type]  # the raw stream
            self.stdout.write("National demo loaded: " + ", ".join(f"{n:,} {name}" for name, n in counts.items()))
        self.stdout.write(
            f"Accounts admin, {NATIONAL_OFFICE} (national OCOP office), tinh — password {DEMO_PASSWORD!r} "
            f"(demo only). National dashboard: /staff/plans/{PLAN}/provinces/"
        )
