import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from ocop.evaluation.recheck import recheck, render
from ocop.evaluation.scoring import ScoringInputError
from ocop.evaluation.services import evaluate_request
from ocop.evaluation.text_report import render_text


class Command(BaseCommand):
    help = (
        "Score a sheet or a council from a JSON file (format: docs/scoring.md) and print the breakdown; "
        "`ocop score recheck` scores every stored sheet and council result again with the current readings "
        "and lists those whose band, stars, disqualification or certifiability change (writes nothing)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a JSON file to score, or `recheck` (a file of that name: ./recheck)")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:  # argparse values
        if options["file"] == "recheck":
            with translation.override(settings.LANGUAGE_CODE):  # the office's language, like the pages
                report = recheck()
                out = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if options["json"] else render(report)
            self.stdout.write(out)
            return
        path = Path(options["file"])
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        try:
            answer = evaluate_request(body)
        except ScoringInputError as error:
            raise CommandError("\n".join(f"{where}: {what}" for where, what in error.problems.items())) from None
        self.stdout.write(json.dumps(answer, ensure_ascii=False, indent=2) if options["json"] else render_text(answer))
