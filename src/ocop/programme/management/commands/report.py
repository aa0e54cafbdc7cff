from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ocop.programme.models import Plan
from ocop.programme.reports import BUILDERS, gather


class Command(BaseCommand):
    help = (
        "`ocop report --plan SLUG --year YYYY --format docx|xlsx -o FILE`: the plan's review report (its "
        "monitoring lines count every inspection: the operator's view)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=sorted(BUILDERS), default="docx")
        parser.add_argument("-o", "--output", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:  # argparse values
        plan = Plan.objects.filter(slug=options["plan"]).select_related("province").first()
        if plan is None:
            raise CommandError(f"No plan {options['plan']!r}; `ocop plans load` loads the shipped ones.")

        def progress(done: int, total: int) -> None:
            self.stderr.write(f"\runits {done}/{total}", ending="")

        try:
            data = gather(plan, options["year"], progress, operator=True)  # every inspection: the operator's
        except ValueError as error:
            raise CommandError(str(error)) from None
        options["output"].write_bytes(BUILDERS[options["format"]](data))
        self.stdout.write(f"\nWrote {options['output']} ({data.as_of:%d/%m/%Y}).")
