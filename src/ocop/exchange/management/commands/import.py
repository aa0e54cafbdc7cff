from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from ocop.exchange.engine import run_import
from ocop.exchange.kinds import KINDS
from ocop.exchange.management.users import acting_user


class Command(BaseCommand):
    help = (
        "Import a file: `ocop import KIND FILE [--dry-run] [--user NAME]`. Exit status 1 with the report on problems."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        parser.add_argument("--user", help="whose scope applies and who is recorded (default: a system administrator)")

    def handle(self, *args: Any, **options: Any) -> None:  # argparse values
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        user = acting_user(options["user"])

        def progress(done: int, total: int) -> None:
            self.stderr.write(f"\rchecked {done:,} / {total:,} rows", ending="")

        report = run_import(options["kind"], path.name, data, user, dry_run=options["dry_run"], progress=progress)
        self.stderr.write("")
        for problem in report.problems:
            where = f"{problem.sheet} dòng {problem.row}" if problem.row else problem.sheet or path.name
            column = f" [{problem.column}]" if problem.column else ""
            hint = f" — {problem.hint}" if problem.hint else ""
            self.stderr.write(f"{where}{column}: {problem.message}{hint}")
        with translation.override("en"):  # the command speaks English; the problems above, the user's language
            summary = report.summary
        if not report.ok:
            raise CommandError(f"{len(report.problems)} problem(s). {summary}")
        self.stdout.write(f"Dry run OK. {summary}" if options["dry_run"] and not report.nothing_to_change else summary)
