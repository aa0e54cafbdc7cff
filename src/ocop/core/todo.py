"""Things to do ("Việc cần làm"): the page people land on after signing in.

Core knows nothing of dossiers or certificates: each app registers a *provider* from its AppConfig.ready, a
function that looks at one person's work on one day and returns a section of items (or nothing). Every item
that counts records links to the list that shows exactly those records, filtered — the count and the list
come from the same query, within the same scope (`Model.objects.for_user`).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import User


@dataclass(frozen=True)
class Item:
    text: str  # what it is, in the person's language: "Dossiers forwarded by the communes"
    url: str  # the list that shows them (or the one record)
    count: int | None = None  # None: not a count (a deadline, one dossier's state)
    note: str = ""  # a second line: dates, what is missing
    urgent: bool = False  # overdue, failed, about to lapse


@dataclass(frozen=True)
class Section:
    title: str
    items: list[Item] = field(default_factory=list)
    empty: str = ""  # said when nothing is waiting (else the section is left out)


Provider = Callable[[User, datetime.date], Section | None]  # the signed-in person, today
PROVIDERS: list[tuple[int, str, Provider]] = []


def register(order: int) -> Callable[[Provider], Provider]:
    """Add a provider; sections show in `order` (dossiers 10, council 20, rounds 30, certificates 40, misuse
    reports 50, market 60, imports and exports 90). Registering the same function twice keeps one."""

    def decorator(provider: Provider) -> Provider:
        name = f"{provider.__module__}.{provider.__qualname__}"
        PROVIDERS[:] = [p for p in PROVIDERS if p[1] != name]
        PROVIDERS.append((order, name, provider))
        PROVIDERS.sort(key=lambda p: (p[0], p[1]))
        return provider

    return decorator


def sections_for(user: User, today: datetime.date) -> list[Section]:
    sections = (provider(user, today) for _order, _name, provider in PROVIDERS)
    return [s for s in sections if s is not None and (s.items or s.empty)]
