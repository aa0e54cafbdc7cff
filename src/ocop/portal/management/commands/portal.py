from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ocop.portal import catalogue


class Command(BaseCommand):
    help = "Public portal upkeep. `ocop portal rebuild`: recompute the public catalogue from the records."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild"])

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        count = catalogue.rebuild()
        self.stdout.write(f"catalogue: {count} products")
