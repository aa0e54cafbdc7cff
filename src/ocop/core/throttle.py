"""Log-in and API-token throttling on django-axes: who is counted, how a lockout reads, and which accounts are
locked out now.

django-axes records every failed log-in (its `AccessAttempt` rows, one per account, address and browser) and
refuses an attempt when the failures of its account, or of its address, within the lockout time reach the
limit (`OCOP_LOGIN_FAILURE_LIMIT`, `OCOP_LOGIN_LOCKOUT_MINUTES`). A wrong bearer token counts for its address
only: it names no account. Successful log-ins go to axes' `AccessLog`, every failure (and whether it locked
the account) to `AccessFailureLog`. Settings are in settings.py; docs/configuration.md explains them.
"""

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessBase
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models import Max, Sum
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.core.types import RequestUser

# What a bearer-token failure is recorded as: no account, so only its address is counted.
TOKEN_CREDENTIALS: Mapping[str, Any] = {"username": None}


def client_address(request: HttpRequest) -> str | None:
    """The address failures are counted for. X-Forwarded-For is read only when `OCOP_PROXY_COUNT` proxies are
    configured, and then only the entry the outermost of them appended (a client can put anything before it).
    An IPv6 client is counted by its /64 network, which one household or machine usually holds whole."""
    hops = settings.OCOP_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    candidates = [forwarded[-hops]] if hops and len(forwarded) >= hops else []
    candidates.append(request.META.get("REMOTE_ADDR", ""))
    for candidate in candidates:
        try:
            address = ipaddress.ip_address(candidate)
        except ValueError:
            continue
        if isinstance(address, ipaddress.IPv6Address):
            if address.ipv4_mapped is not None:
                return str(address.ipv4_mapped)
            return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
        return str(address)
    return None


def lockout_parameters(request_or_attempt: HttpRequest | AccessBase, credentials: dict | None = None) -> list[str]:
    """Count per account and per address; a failure without an account name (a bearer token) per address only.
    Counting it under "no name" would lock out every token user everywhere at once."""
    if isinstance(request_or_attempt, AccessBase):
        username = request_or_attempt.username
    else:
        username = get_client_username(request_or_attempt, credentials)
    return ["username", "ip_address"] if username else ["ip_address"]


def lockout_message() -> str:
    return _(
        "Too many failed log-in attempts. Logging in is blocked for up to %(minutes)s minutes: try again later, "
        "or ask your province OCOP office to unlock the account."
    ) % {"minutes": settings.OCOP_LOGIN_LOCKOUT_MINUTES}


def token_lockout_message() -> str:
    return _("Too many failed authentication attempts from this address. Try again in up to %(minutes)s minutes.") % {
        "minutes": settings.OCOP_LOGIN_LOCKOUT_MINUTES
    }


class LoginForm(AuthenticationForm):
    """Django's log-in form, refusing a name longer than any account's before authenticating it: Django bounds the
    field in the browser only, and axes would record the name in a 255-character column that PostgreSQL enforces
    (a 500). Such a name is refused as any wrong name is, and not counted: it can match no account."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if len(username) > (self.fields["username"].max_length or 150):
            raise self.get_invalid_login_error()
        return super().clean()


def lockout_response(request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None) -> Any:
    """What a locked-out attempt gets (axes' AXES_LOCKOUT_CALLABLE): the log-in page again with the reason, or
    a JSON error for the API; 429 either way, and nothing else happens."""
    retry = str(settings.OCOP_LOGIN_LOCKOUT_MINUTES * 60)
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": token_lockout_message()}, status=429)
    else:
        username = (credentials or {}).get("username") or request.POST.get("username", "")
        form = LoginForm(request, initial={"username": str(username)[:150]})
        context = {"form": form, "lockout": lockout_message(), "next": request.POST.get("next", "")}
        response = render(request, "registration/login.html", context, status=429)
    response["Retry-After"] = retry
    return response


def token_allowed(request: HttpRequest) -> bool:
    """Whether the request's address may try a bearer token now."""
    return AxesProxyHandler.is_allowed(request, dict(TOKEN_CREDENTIALS))


def token_failed(request: HttpRequest) -> None:
    """Count a bearer token that matched no key (a guess, or a typo) against the request's address."""
    user_login_failed.send(sender=__name__, credentials=dict(TOKEN_CREDENTIALS), request=request)


@receiver(user_logged_in, dispatch_uid="ocop_reset_failures_on_log_in")
def forget_failures_of_account(sender: Any, request: HttpRequest | None, user: RequestUser, **kwargs: Any) -> None:
    """Whoever logs in knows the password: their account's earlier failures no longer count. Only that
    account's: failures against other accounts from the same address stay (an attacker logging in to an account
    of their own must not wipe their guesses at others)."""
    clear_failures(user.get_username())


# --------------------------------------------------------------------------------------------- locked accounts


@dataclass(frozen=True)
class Lockout:
    username: str
    failures: int
    last_failure: datetime
    address: str | None

    @property
    def until(self) -> datetime:
        return self.last_failure + settings.AXES_COOLOFF_TIME


def current_lockouts() -> dict[str, Lockout]:
    """The account names locked out now (failures within the lockout time at the limit), newest first."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=since, username__isnull=False)
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )
    found = {row["username"]: Lockout(row["username"], row["failures"], row["last"], None) for row in rows}
    if not found:
        return {}
    # The address of each account's latest failure, for the office to recognise a phone call from a user.
    latest = AccessAttempt.objects.filter(username__in=list(found), attempt_time__gte=since).order_by("attempt_time")
    for attempt in latest.only("username", "ip_address", "attempt_time"):
        lockout = found[attempt.username]
        found[attempt.username] = Lockout(lockout.username, lockout.failures, lockout.last_failure, attempt.ip_address)
    return found


def failures_of(username: str) -> int:
    """The failed log-ins that count against the account now."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(username=username, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def clear_failures(username: str) -> int:
    """Forget the account's failed log-ins (which unlocks it); returns how many records went."""
    count, _deleted = AccessAttempt.objects.filter(username=username).delete()
    return count
