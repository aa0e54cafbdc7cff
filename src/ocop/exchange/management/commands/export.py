from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ocop.exchange.exports import EXPORTS, FORMATS, ExportError, write
from ocop.exchange.management.users import acting_user


class Command(BaseCommand):
    help = (
        "Export a list as the staff pages do: `ocop export KIND FILE.xlsx|FILE.csv [--q TEXT] [--unit CODE] "
        "[--at YYYY-MM-DD] [--sort KEY] [--filter NAME=VALUE ...] [--user NAME]`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(EXPORTS))
        parser.add_argument("file", type=Path, help="the format follows the extension: .xlsx or .csv")
        parser.add_argument("--q", default="", help="search, as in the list's search box (accents optional)")
        parser.add_argument("--unit", default="", help="administrative unit code (legacy:70, 75, …)")
        parser.add_argument("--at", default="", help="date for the unit filter, YYYY-MM-DD or dd/mm/yyyy")
        parser.add_argument("--sort", default="", help="a sort key of the list (name, -issued, …)")
        parser.add_argument("--filter", action="append", default=[], metavar="NAME=VALUE", help="other filters")
        parser.add_argument("--user", help="whose scope applies (default: a system administrator)")

    def handle(self, *args: Any, **options: Any) -> None:  # argparse values
        path: Path = options["file"]
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise CommandError("The file name must end in .xlsx or .csv.")
        params = {key: options[key] for key in ("q", "unit", "at", "sort") if options[key]}
        for item in options["filter"]:
            name, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"--filter takes NAME=VALUE, not {item!r}.")
            params[name] = value
        export = EXPORTS[options["kind"]]
        user = acting_user(options["user"])
        try:
            qs = export.queryset(user, params)
        except ExportError as error:
            raise CommandError(f"Invalid filters: {error}") from None

        def progress(done: int, total: int) -> None:
            self.stderr.write(f"\r{done:,} / {total:,} rows", ending="")

        data = write(export, qs, fmt, user, progress)
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error}") from None
        self.stdout.write(f"\nExported {qs.count():,} rows to {path}.")
