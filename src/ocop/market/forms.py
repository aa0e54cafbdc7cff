"""Forms of the market records. Choices are limited to the user's scope; producer accounts propose records
about themselves (their event, their online shop, their listing, their registration) for an office to confirm."""

from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ocop.core import files, rights
from ocop.core.types import RequestUser
from ocop.market.choices import SalesPointKind
from ocop.market.models import Activity, CommuneStatus, CraftVillage, Event, Listing, Participation, SalesPoint, Support
from ocop.places.forms import UnitField
from ocop.places.models import Unit, UnitQuerySet
from ocop.places.picker import register_source
from ocop.registry.forms import UserForm
from ocop.registry.models import Producer, Product


def producer_of(user: RequestUser | None) -> Producer | None:
    return cast(Producer | None, rights.acting_producer(user))  # core names no domain model


def units_for(user: RequestUser | None, communes_only: bool = False) -> UnitQuerySet:
    """Where a market record may be placed: the office's scope; a producer's whole province."""
    qs = Unit.objects.select_related("parent__parent").order_by("map", "path")
    if communes_only:
        qs = qs.communes()
    if producer_of(user) is not None:
        return qs.under_any(rights.person(user).province_prefixes)
    prefixes = rights.prefixes(user)
    return qs if prefixes is None else qs.under_any(prefixes)


@register_source("market")
def market_units(user: RequestUser, params: Mapping[str, str] | None = None) -> UnitQuerySet:
    return units_for(user)


@register_source("market.communes")
def market_communes(user: RequestUser, params: Mapping[str, str] | None = None) -> UnitQuerySet:
    return units_for(user, communes_only=True)


def check_unit_on(form: forms.ModelForm, field: str, unit: Unit | None, day: Any) -> None:
    if unit is not None and day is not None and not unit.is_valid_at(day):
        message = _("%(unit)s did not exist on %(day)s: choose the unit of the map of that date.")
        form.add_error(field, message % {"unit": unit.name, "day": date_format(day, "SHORT_DATE_FORMAT")})


class MarketForm(UserForm):
    """Offices confirm what producers propose; a producer's own proposal stays unconfirmed until then."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.producer = producer_of(self.user)
        self.may_confirm = rights.may(self.user, "confirm", self._meta.model)
        if "confirmed" in self.fields and not self.may_confirm:
            del self.fields["confirmed"]

    def save(self, commit: bool = True) -> Any:
        obj = super().save(commit=False)
        if not self.may_confirm and hasattr(obj, "confirmed"):
            obj.confirmed = False  # a proposal, or a change to one, waits for an office again
        if hasattr(obj, "confirmed_by_id"):
            obj.confirmed_by = (obj.confirmed_by or self.user) if obj.confirmed else None
        if commit:
            obj.save()
            self.save_m2m()
        return obj


class EventForm(MarketForm):
    class Meta:
        model = Event
        field_classes = {"unit": UnitField}
        fields = [
            "name", "kind", "level", "organiser", "place", "unit", "starts_on", "ends_on", "budget",
            "registration_open", "confirmed",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UnitField, self.fields["unit"]).offer(units_for(self.user), "market")
        if self.producer is not None:
            del self.fields["registration_open"]
            self.instance.proposed_by = self.producer

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # the stubs allow None; Django returns cleaned_data
        check_unit_on(self, "unit", data.get("unit"), data.get("starts_on"))
        return data


class ParticipationForm(MarketForm):
    class Meta:
        model = Participation
        fields = ["event", "producer", "products", "booth", "sales", "contracts", "buyers_met", "confirmed"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        events = Event.objects.for_user(self.user)
        if self.producer is not None:
            events = events.filter(registration_open=True) | events.filter(proposed_by=self.producer)
            self.fields["producer"].initial = self.producer
        cast(forms.ModelChoiceField, self.fields["event"]).queryset = events.order_by("-starts_on")
        cast(forms.ModelChoiceField, self.fields["producer"]).queryset = Producer.objects.for_user(self.user).order_by(
            "name"
        )
        cast(forms.ModelChoiceField, self.fields["products"]).queryset = Product.objects.for_user(
            self.user
        ).select_related("producer")
        self.fields["products"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # the stubs allow None; Django returns cleaned_data
        producer = data.get("producer")
        strangers = [p.name for p in data.get("products") or [] if producer and p.producer_id != producer.pk]
        if strangers:
            self.add_error("products", _("Not products of this producer: %(names)s.") % {"names": ", ".join(strangers)})
        return data


class SalesPointForm(MarketForm):
    class Meta:
        model = SalesPoint
        field_classes = {"unit": UnitField}
        fields = [
            "name", "kind", "operator", "unit", "address", "url", "opened_on", "closed_on", "latitude", "longitude",
            "producer", "confirmed",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UnitField, self.fields["unit"]).offer(units_for(self.user, communes_only=True), "market.communes")
        cast(forms.ModelChoiceField, self.fields["producer"]).queryset = Producer.objects.for_user(self.user).order_by(
            "name"
        )
        if self.producer is not None:  # a producer adds its own online shop, nothing else
            cast(forms.ChoiceField, self.fields["kind"]).choices = [
                (SalesPointKind.ONLINE_SHOP, SalesPointKind.ONLINE_SHOP.label)
            ]
            del self.fields["producer"]
            self.instance.producer = self.producer

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # the stubs allow None; Django returns cleaned_data
        check_unit_on(self, "unit", data.get("unit"), data.get("opened_on"))
        return data


class ListingForm(MarketForm):
    class Meta:
        model = Listing
        fields = ["product", "sales_point", "since", "until", "url", "price", "confirmed"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["product"]).queryset = Product.objects.for_user(
            self.user
        ).select_related("producer")
        cast(forms.ModelChoiceField, self.fields["sales_point"]).queryset = SalesPoint.objects.for_user(self.user)


class CommuneStatusForm(MarketForm):
    class Meta:
        model = CommuneStatus
        field_classes = {"unit": UnitField}
        fields = ["unit", "year", "level", "decision_number", "decision_date"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UnitField, self.fields["unit"]).offer(units_for(self.user, communes_only=True), "market.communes")


class CraftVillageForm(MarketForm):
    class Meta:
        model = CraftVillage
        field_classes = {"unit": UnitField}
        fields = ["name", "unit", "recognised_on", "decision_number", "tourism", "products"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UnitField, self.fields["unit"]).offer(units_for(self.user, communes_only=True), "market.communes")
        cast(forms.ModelChoiceField, self.fields["products"]).queryset = Product.objects.for_user(
            self.user
        ).select_related("producer")


class ActivityForm(MarketForm):
    class Meta:
        model = Activity
        field_classes = {"unit": UnitField}
        fields = [
            "kind", "title", "agency", "unit", "starts_on", "ends_on", "budget", "funding_source", "status",
            "participants", "evidence", "producers", "products",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UnitField, self.fields["unit"]).offer(units_for(self.user), "market")
        cast(forms.ModelChoiceField, self.fields["producers"]).queryset = Producer.objects.for_user(self.user).order_by(
            "name"
        )
        cast(forms.ModelChoiceField, self.fields["products"]).queryset = Product.objects.for_user(
            self.user
        ).select_related("producer")


class SupportForm(MarketForm):
    class Meta:
        model = Support
        fields = ["producer", "activity", "kind", "amount", "funding_source", "received_on", "description"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["producer"]).queryset = Producer.objects.for_user(self.user).order_by(
            "name"
        )
        cast(forms.ModelChoiceField, self.fields["activity"]).queryset = Activity.objects.for_user(self.user)


class ActivityFileForm(forms.Form):
    file = forms.FileField(label=_("Evidence file"))

    def clean_file(self) -> Any:
        return files.check_document(self.cleaned_data["file"])
