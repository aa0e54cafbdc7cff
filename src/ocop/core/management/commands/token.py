from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ocop.core.models import ApiToken

MAX_DAYS = 3650


class Command(BaseCommand):
    help = (
        "API tokens: `ocop token create USER NAME [--days N]` prints a new key once; `ocop token list [USER]`; "
        "`ocop token revoke PREFIX`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("username")
        create.add_argument("name")
        create.add_argument("--days", type=int, help="lifetime in days (default OCOP_API_TOKEN_DAYS)")
        listing = sub.add_parser("list")
        listing.add_argument("username", nargs="?")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            self.create(str(options["username"]), str(options["name"]), options["days"])
        elif action == "list":
            self.list(options["username"])
        else:
            self.revoke(str(options["prefix"]))

    def create(self, username: str, name: str, days: int | None) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if days is not None and not 1 <= int(days) <= MAX_DAYS:
            raise CommandError(f"--days must be from 1 to {MAX_DAYS} (default {settings.OCOP_API_TOKEN_DAYS}).")
        longest = ApiToken._meta.get_field("name").max_length or 0  # set on a CharField; the stubs allow None
        if not name.strip() or len(name) > longest or "\x00" in name:
            raise CommandError("The name must be 1 to 100 characters, without NUL.")
        _token, key = ApiToken.issue(user, name.strip(), days=int(days) if days is not None else None)
        self.stdout.write(key)

    def list(self, username: object) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
        if username:
            tokens = tokens.filter(user__username=username)
        for token in tokens:
            expires = timezone.localtime(token.expires_at).strftime("%d/%m/%Y")
            used = timezone.localtime(token.last_used_at).strftime("%d/%m/%Y %H:%M") if token.last_used_at else "-"
            owner = token.user.get_username()
            self.stdout.write(
                f"{token.prefix}  {owner}  {token.state}  expires {expires}  last used {used}  {token.name}"
            )

    def revoke(self, prefix: str) -> None:
        tokens = ApiToken.objects.filter(prefix=prefix, revoked=False)
        if not tokens:
            raise CommandError(f"No active token starts with {prefix!r}.")
        for token in tokens:  # one by one, so that each revocation is in the change log
            token.revoke()
        self.stdout.write(f"Revoked {len(tokens)} token(s).")
