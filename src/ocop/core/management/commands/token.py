from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ocop.core.models import ApiToken


class Command(BaseCommand):
    help = "API tokens: `ocop token create USER NAME` prints a new key once; `ocop token revoke PREFIX`."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("username")
        create.add_argument("name")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("prefix")

    def handle(self, *args: object, **options: str) -> None:
        if options["action"] == "create":
            user = get_user_model().objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"No user named {options['username']!r}.")
            _token, key = ApiToken.issue(user, options["name"])
            self.stdout.write(key)
            return
        count = ApiToken.objects.filter(prefix=options["prefix"], revoked=False).update(revoked=True)
        if not count:
            raise CommandError(f"No active token starts with {options['prefix']!r}.")
        self.stdout.write(f"Revoked {count} token(s).")
