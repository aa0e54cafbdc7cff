"""Import kinds of the market and programme records: events, participations, sales points, listings, new-rural
statuses, activities and support received. Each has a natural key, so a re-import changes nothing and a
corrected file updates; who may import which row is the rights table's "import" (producer accounts propose only
their own events, registrations, online shop and listings, saved unconfirmed for an office to confirm).
"""

from ocop.exchange.kinds.market.channels import ListingsKind, SalesPointsKind
from ocop.exchange.kinds.market.common import AreaMatcher
from ocop.exchange.kinds.market.events import EventsKind, ParticipationsKind
from ocop.exchange.kinds.market.programme import ActivitiesKind, CommuneStatusesKind, SupportsKind

MARKET_KINDS = (
    EventsKind, ParticipationsKind, SalesPointsKind, ListingsKind, CommuneStatusesKind, ActivitiesKind, SupportsKind,
)  # fmt: skip

__all__ = [
    "MARKET_KINDS", "ActivitiesKind", "AreaMatcher", "CommuneStatusesKind", "EventsKind", "ListingsKind",
    "ParticipationsKind", "SalesPointsKind", "SupportsKind",
]  # fmt: skip
