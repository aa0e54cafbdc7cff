"""Import kinds of events and participations (key: name + start date; event + producer)."""

import datetime
from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from ocop.core import rights
from ocop.core.text import fold
from ocop.exchange import values as v
from ocop.exchange.kinds import register
from ocop.market import columns
from ocop.market.columns import (
    AREA,
    EVENT_NAME,
    PRODUCTS,
)
from ocop.market.exchange.common import (
    MarketKind,
    _d,
    _ProductsChanged,
    differs,
    money,
)
from ocop.market.models import Event, Participation
from ocop.registry.models import Producer, Product


@register
class EventsKind(MarketKind):
    name, model, label = "events", Event, "Sự kiện xúc tiến thương mại"
    spec = columns.EVENTS
    trusted_fields = ("unit", "proposed_by")
    constraint_fields = {"event_ends_after_start": "ends_on", "event_budget_not_negative": "budget"}

    def lookup(self, values: dict[str, Any], user: Any) -> dict[str, Any]:
        return {**values, "unit": self.area(values.get("unit"), values["starts_on"], AREA)}

    def key(self, values: dict[str, Any]) -> tuple:
        return (fold(values["name"]), values["starts_on"])

    def existing(self, keys: list[tuple]) -> dict[tuple, Event]:
        found = Event.objects.filter(starts_on__in={k[1] for k in keys}).select_related("unit")
        return self.remember({(fold(e.name), e.starts_on): e for e in found})

    def fill(self, event: Event, values: dict[str, Any], current: Event | None) -> None:
        for name in ("name", "kind", "level", "organiser", "place", "unit", "starts_on", "ends_on"):
            setattr(event, name, values[name])
        event.budget = money(values.get("budget"))
        producer = self.own_producer
        if producer is None:
            event.registration_open = bool(values.get("registration_open"))
        elif current is None:  # a producer's own event: offices open it to others, as on the form
            event.proposed_by, event.registration_open = producer, False

    def allows(self, event: Event, current: Event | None) -> bool:
        """A producer account proposes events held in its own province (or open to all)."""
        if self.own_producer is None or event.unit is None:
            return True
        return any(event.unit.path.startswith(p) for p in rights.person(self.user).province_prefixes)


@register
class ParticipationsKind(MarketKind):
    name, model, label = "participations", Participation, "Tham gia sự kiện"
    spec = columns.PARTICIPATIONS
    trusted_fields = ("event", "producer", "confirmed_by")
    constraint_fields = {"participation_sales_not_negative": "sales"}

    def __init__(self) -> None:
        super().__init__()
        self._dates: set[datetime.date] = set()
        self._events: dict[tuple[str, datetime.date], list[Event]] | None = None
        self._products: dict[int, dict[str, list[Product]]] = defaultdict(lambda: defaultdict(list))

    def preload(self, rows: list[dict[str, Any]]) -> None:
        self.load_producers(rows, "producer")
        self._dates = {values.get("event_starts_on") for values in rows} - {None}
        for product in Product.objects.filter(producer__in=list(self._producers.found.values())):
            self._products[product.producer_id][fold(product.name)].append(product)

    def events(self, user: Any) -> dict[tuple[str, datetime.date], list[Event]]:
        if self._events is None:
            self._events = defaultdict(list)
            for event in Event.objects.for_user(user).filter(starts_on__in=self._dates):
                self._events[(fold(event.name), event.starts_on)].append(event)
        return self._events

    def lookup(self, values: dict[str, Any], user: Any) -> dict[str, Any]:
        name, day = values["event"], values["event_starts_on"]
        found = self.events(user).get((fold(name), day), [])
        if not found:
            raise v.CellError(
                _("No event in your scope is named “%(name)s” and starts on %(day)s.") % {"name": name, "day": _d(day)},
                _("Import the event first, or check its name and start date."),
                EVENT_NAME,
            )
        if len(found) > 1:
            message = _("Several events are named “%(name)s” and start on %(day)s.") % {"name": name, "day": _d(day)}
            raise v.CellError(message, column=EVENT_NAME)
        event, producer = found[0], self.producer_by_tax(values["producer"])
        own = self.own_producer
        if own is not None and not (event.registration_open or event.proposed_by_id == own.pk):
            hint = _("Ask the office that holds the event to register you.")
            raise v.CellError(_("Registration for this event is closed."), hint, EVENT_NAME)
        return {**values, "event": event, "producer": producer, "products": self.products_of(producer, values)}

    def products_of(self, producer: Producer, values: dict[str, Any]) -> list[Product]:
        names = [n.strip() for n in (values.get("products") or "").split(";") if n.strip()]
        mine, chosen, strangers = self._products.get(producer.pk, {}), [], []
        for name in names:
            matches = mine.get(fold(name), [])
            if not matches:
                strangers.append(name)
            elif len(matches) > 1:
                message = _("This producer has several products named “%(name)s”, in different product sets.")
                raise v.CellError(message % {"name": name}, column=PRODUCTS)
            elif matches[0] not in chosen:
                chosen.append(matches[0])
        if strangers:
            raise v.CellError(
                _("Not products of this producer: %(names)s.") % {"names": ", ".join(strangers)},
                _("Import the product first, or correct its name or set."),
                PRODUCTS,
            )
        return chosen

    def key(self, values: dict[str, Any]) -> tuple:
        event = values["event"]
        return (fold(event.name), event.starts_on, values["producer"].tax_code)

    def existing(self, keys: list[tuple]) -> dict[tuple, Participation]:
        found = (
            Participation.objects.filter(producer__tax_code__in={k[2] for k in keys}, event__starts_on__in=self._dates)
            .select_related("event", "producer")
            .prefetch_related("products")
        )
        return self.remember({(fold(p.event.name), p.event.starts_on, p.producer.tax_code): p for p in found})

    def fill(self, participation: Participation, values: dict[str, Any], current: Participation | None) -> None:
        participation.event, participation.producer = values["event"], values["producer"]
        participation.booth = values.get("booth") or ""
        participation.sales = money(values.get("sales"))
        participation.contracts = values.get("contracts") or 0
        participation.buyers_met = values.get("buyers_met") or 0
        participation._import_products = values["products"]
        if current is not None and {p.pk for p in current.products.all()} != {p.pk for p in values["products"]}:
            # The engine tells an update from an unchanged row by the record's own fields; the products shown
            # are a many-to-many set, so the record kept for that comparison is marked as differing.
            current.booth = _ProductsChanged(current.booth)

    def confirm(self, participation: Participation, values: dict[str, Any], current: Participation | None) -> None:
        """Only offices confirm attendance (the column is theirs); a producer's change waits for them again."""
        if self.own_producer is None:
            participation.confirmed = bool(values.get("confirmed"))
            kept = current is not None and current.confirmed and participation.confirmed
            confirmer = current.confirmed_by if kept else self.user
            participation.confirmed_by = confirmer if participation.confirmed else None
            return
        participation.confirmed = current.confirmed if current else False
        participation.confirmed_by = current.confirmed_by if current else None
        if current is None or differs(current, participation):
            participation.confirmed, participation.confirmed_by = False, None

    def write(self, instance: Participation, values: dict[str, Any]) -> None:
        instance.save()
        instance.products.set(instance._import_products)
