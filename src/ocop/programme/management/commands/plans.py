from django.core.management.base import BaseCommand, CommandParser

from ocop.core.context import changes_by
from ocop.programme.loader import load_plan, shipped_plans


class Command(BaseCommand):
    help = "`ocop plans load`: load (or update) the plans shipped as data, e.g. Bình Phước 2022–2025."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load"])

    def handle(self, *args: object, **options: object) -> None:
        with changes_by("cli", label="ocop plans load"):
            for path in shipped_plans():
                plan = load_plan(path)
                self.stdout.write(f"{plan.slug}: {plan.targets.count()} targets, {plan.solutions.count()} solutions")
