"""Who is changing things right now, and as part of which group (request, job, command run).

Set by the web middleware, the API auth, the `ocop` CLI and import jobs; read by the change log.
"""

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ocop.core.types import RequestUser

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass
class ChangeContext:
    source: str  # web | api | cli | import | admin | system
    get_user: Callable[[], RequestUser | None] = lambda: None
    group_id: uuid.UUID = field(default_factory=uuid.uuid4)
    label: str = ""

    @property
    def user(self) -> "User | None":
        user = self.get_user()
        return user if user is not None and user.is_authenticated else None


_current: ContextVar[ChangeContext | None] = ContextVar("ocop_change_context", default=None)


def active() -> ChangeContext | None:
    """The context in force, if any (without starting one, unlike `current`): for the log lines."""
    return _current.get()


def current() -> ChangeContext:
    ctx = _current.get()
    if ctx is None:
        ctx = ChangeContext(source="system")
        _current.set(ctx)
    return ctx


@contextmanager
def changes_by(
    source: str,
    user: RequestUser | Callable[[], RequestUser | None] | None = None,
    label: str = "",
    group_id: uuid.UUID | None = None,
) -> Iterator[ChangeContext]:
    """Group every change made inside the block under one id, attributed to `user` (or a callable)."""
    get_user = user if callable(user) else (lambda: user)
    ctx = ChangeContext(source=source, get_user=get_user, label=label, group_id=group_id or uuid.uuid4())
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
