from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from ocop.places.models import Succession, Unit
from ocop.places.sync import sync_units


class Command(BaseCommand):
    help = "Administrative units: `ocop units sync` loads both maps from the vietnam-provinces package."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["sync"])

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            result = sync_units(Unit, Succession)
        self.stdout.write(
            f"{result['units']} units ({result['created']} new, {result['updated']} updated), "
            f"{result['successions']} new successions."
        )
