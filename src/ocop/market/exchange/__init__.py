"""The market and programme records' import kinds and export lists, discovered by the exchange machinery at
start-up: events, participations, sales points, listings, new-rural statuses, activities and support received
import and export; craft villages export. Each kind has a natural key, so a re-import changes nothing and a
corrected file updates; who may import which row is the rights table's "import" (producer accounts propose only
their own events, registrations, online shop and listings, saved unconfirmed for an office to confirm).
"""

from ocop.market.exchange import channels, events, lists, programme

__all__ = ["channels", "events", "lists", "programme"]
