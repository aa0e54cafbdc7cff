"""People's accounts as the staff pages handle them: which accounts a person reaches (the rights table's
`core.role`), which of them are locked out of logging in, and unlocking one (recorded in the change log)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet

from ocop.core import rights, throttle
from ocop.core.choices import Action
from ocop.core.history import log_change
from ocop.core.models import Role
from ocop.core.types import RequestUser


def accounts_within(user: RequestUser, action: str = "view") -> QuerySet:
    """The accounts whose role `user` may take `action` on; with a reach over every role (the system
    administrator), every account, including those without a role."""
    query = rights.rights_q(user, Role, action)
    accounts = get_user_model().objects.all()
    return accounts if query is None else accounts.filter(ocop_role__in=Role.objects.filter(query))


def may_unlock(user: RequestUser, account: User) -> bool:
    role = Role.objects.filter(user=account).first()
    if role is None:  # an account without a role sits nowhere: only a reach over every account covers it
        return rights.rights_q(user, Role, "unlock") is None
    return rights.may(user, "unlock", role)


@dataclass(frozen=True)
class LockedAccount:
    account: User
    lockout: throttle.Lockout


def locked_accounts(user: RequestUser) -> list[LockedAccount]:
    """The accounts `user` may unlock that are locked out now, the latest lockout first."""
    lockouts = throttle.current_lockouts()
    if not lockouts:
        return []
    found = accounts_within(user, "unlock").filter(username__in=list(lockouts))
    found = found.select_related("ocop_role__unit", "ocop_role__producer")
    rows = [LockedAccount(account, lockouts[account.username]) for account in found]
    return sorted(rows, key=lambda row: row.lockout.last_failure, reverse=True)


def unlock(account: User) -> bool:
    """Forget the account's failed log-ins, so it may log in again at once; False when none counted. The change
    log records it on the account's role (so the offices that see the role see it), by whoever is acting."""
    failures = throttle.failures_of(account.get_username())
    with transaction.atomic():
        throttle.clear_failures(account.get_username())
        if not failures:
            return False
        record = Role.objects.filter(user=account).first() or account
        before = {"login_locked": failures >= settings.AXES_FAILURE_LIMIT, "failed_logins": failures}
        log_change(record, Action.UPDATE, before, {"login_locked": False, "failed_logins": 0})
    return True
