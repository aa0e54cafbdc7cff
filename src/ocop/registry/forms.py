from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.core import rights
from ocop.core.types import RequestUser
from ocop.places.forms import UnitField
from ocop.places.models import Unit
from ocop.registry import services
from ocop.registry.images import reencode
from ocop.registry.models import Credential, Linkage, Producer, Product, ProductPhoto, Workforce

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}, format="%d/%m/%Y")


class UserForm(forms.ModelForm):
    """A model form that knows who fills it in, to limit its choices to the user's scope. Without the rights
    table's "personal" right on the record (on its type, for a new one) it neither shows nor takes the model's
    `personal_fields` (a producer's representative's data, the inspectors' internal notes)."""

    def __init__(self, *args: Any, user: RequestUser | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        rights.drop_personal(self, self.instance if self.instance.pk is not None else type(self.instance))
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DATE_WIDGET


class ProducerForm(UserForm):
    commune = UnitField(label=gettext_lazy("Commune"))
    address_since = forms.DateField(
        label=gettext_lazy("At this address since"),
        initial=timezone.localdate,
        help_text=gettext_lazy("The commune must exist on this date (before 01/07/2025: the three-level map)."),
    )

    class Meta:
        model = Producer
        fields = [
            "name", "legal_form", "tax_code", "founded_on",
            "representative_name", "representative_position", "representative_gender",
            "representative_ethnicity", "representative_disability",
            "commune", "address", "address_since", "phone", "email", "website",
            "publish_phone", "publish_email", "publish_website",
            "latitude", "longitude", "notes",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        qs = Unit.objects.communes().select_related("parent__parent").order_by("map", "path")
        prefixes = rights.prefixes(self.user)
        if prefixes is not None:
            qs = qs.under_any(prefixes)
        if self.instance.pk:  # keep the current commune selectable even if the user's scope moved
            qs = qs | Unit.objects.filter(pk=self.instance.commune_id)
        cast(UnitField, self.fields["commune"]).offer(qs, "communes")
        if self.instance.pk:
            current = self.instance.addresses.filter(valid_to__isnull=True).first()
            self.fields["address_since"].required = False
            self.fields["address_since"].help_text = _(
                "Only used when the commune or address changes: the date the producer moved."
            )
            if current:
                self.initial.setdefault("address_since", current.valid_from)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # the stubs allow None; Django returns cleaned_data
        commune, since = data.get("commune"), data.get("address_since")
        moving = not self.instance.pk or "commune" in self.changed_data or "address" in self.changed_data
        if commune is not None and moving:
            if since is None:
                self.add_error("address_since", _("Give the date the producer moved to this address."))
            else:
                try:
                    services.check_commune_on(commune, since)
                except forms.ValidationError as error:
                    self.add_error("commune", error)
                current = self.instance.pk and self.instance.addresses.filter(valid_to__isnull=True).first()
                if current and since <= current.valid_from:
                    self.add_error(
                        "address_since",
                        _("The new address must start after the current one (from %(day)s).")
                        % {"day": date_format(current.valid_from, "SHORT_DATE_FORMAT")},
                    )
        return data

    def save(self, commit: bool = True) -> Producer:
        producer = super().save(commit=False)
        return services.save_producer(producer, self.cleaned_data.get("address_since"))


class ProductForm(UserForm):
    class Meta:
        model = Product
        fields = [
            "producer", "product_set", "name", "status", "description", "story", "packaging", "standards",
            "traceability_code", "price", "price_unit", "tourism_location", "tourism_capacity", "tourism_seasons",
            "tourism_services",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        producers = Producer.objects.for_user(self.user).order_by("name")
        cast(forms.ModelChoiceField, self.fields["producer"]).queryset = producers
        if self.instance.pk or producers.count() == 1:
            self.fields["producer"].initial = self.instance.producer_id if self.instance.pk else producers.first()
        # A label per instance, as Django's docs allow; the stubs declare label_from_instance a method.
        cast(forms.ModelChoiceField, self.fields["product_set"]).label_from_instance = str  # type: ignore[method-assign,assignment]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # the stubs allow None; Django returns cleaned_data
        product_set = data.get("product_set")
        if product_set and not product_set.is_community_tourism:
            for field in ("tourism_location", "tourism_capacity", "tourism_seasons", "tourism_services"):
                if data.get(field) not in (None, ""):
                    self.add_error(field, _("Only community-tourism products (set 26) have a site and capacity."))
        return data


class ChildForm(UserForm):
    """A form for a record of a producer (or product) set by the view: constraints that involve the
    parent (one workforce record per year…) are checked with their own message, not left to the database."""

    parent_field = "producer"

    def _get_validation_exclusions(self) -> set[str]:
        exclusions = super()._get_validation_exclusions()  # type: ignore[misc]  # Django's private API, not in the stubs
        exclusions.discard(self.parent_field)
        return exclusions


class PhotoForm(ChildForm):
    parent_field = "product"

    class Meta:
        model = ProductPhoto
        fields = ["image", "alt_text", "position"]

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if image is not None and hasattr(image, "size") and not getattr(image, "_committed", False):
            return reencode(image)
        return image


class WorkforceForm(ChildForm):
    class Meta:
        model = Workforce
        fields = ["year", "workers", "trained_workers", "local_workers", "revenue"]


class LinkageForm(ChildForm):
    class Meta:
        model = Linkage
        fields = ["partner", "contract_number", "output_share", "started_on", "ended_on", "stable", "notes"]


class CredentialForm(ChildForm):
    class Meta:
        model = Credential
        fields = ["kind", "number", "product", "issuer", "issued_on", "expires_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["product"]).queryset = Product.objects.filter(
            producer=self.instance.producer_id
        )
