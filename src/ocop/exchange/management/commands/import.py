from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

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

    def handle(self, *args: object, **options: object) -> None:
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
        summary = f"{report.rows} rows: {report.created} new, {report.updated} updated, {report.unchanged} unchanged."
        if not report.ok:
            raise CommandError(f"{len(report.problems)} problem(s); nothing was written. {summary}")
        if report.nothing_to_change:
            self.stdout.write(f"Nothing to change: the records already hold this file. {summary}")
        else:
            self.stdout.write(("Dry run OK, nothing written. " if options["dry_run"] else "Imported. ") + summary)
