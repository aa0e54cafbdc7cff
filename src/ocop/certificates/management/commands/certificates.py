import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ocop.certificates.reminders import send_due
from ocop.core.daily import schedule_next


class Command(BaseCommand):
    help = (
        "Certificates: `remind [--date YYYY-MM-DD]` sends due reminders once; "
        "`schedule` queues the worker's daily run (reminders, the catalogue, retention) for `ocop worker`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["remind", "schedule"])
        parser.add_argument("--date", help="the day to act for (default: today)")

    def handle(self, *args: object, **options: str) -> None:
        if options["action"] == "schedule":
            schedule_next()
            self.stdout.write("Daily run queued; keep `ocop worker` running.")
            return
        try:
            day = datetime.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError("--date must be YYYY-MM-DD") from None
        self.stdout.write(f"{send_due(day)} reminder(s) sent for {day:%d/%m/%Y}.")
