from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ocop.evaluation import models
from ocop.evaluation.loader import load_criteria, read_criteria_file


class Command(BaseCommand):
    help = "Criteria versions: `ocop criteria load FILE` (idempotent; a version in use cannot change)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load"])
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:  # argparse values
        try:
            version, status = load_criteria(*read_criteria_file(options["file"]), models)
        except (OSError, ValidationError) as error:
            message = error.messages[0] if isinstance(error, ValidationError) else str(error)
            raise CommandError(message) from None
        self.stdout.write(f"{version.key}: {status} ({version.sheets.count()} scoresheets).")
