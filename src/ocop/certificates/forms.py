from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.certificates.choices import RevocationGround
from ocop.certificates.codes import parse_product_code
from ocop.certificates.lifecycle import expiry_for
from ocop.certificates.models import Certificate
from ocop.certificates.services import save_certificate
from ocop.core.versions import VersionField
from ocop.registry.forms import DATE_WIDGET, UserForm
from ocop.registry.models import Product


class CertificateForm(UserForm):
    """Record a certificate with its decision: a new one, or one granted under an earlier regime."""

    class Meta:
        model = Certificate
        fields = [
            "product", "number", "stars", "regime", "deciding_level", "decision_number", "decision_date",
            "decision_signer", "issued_on", "valid_until", "product_code", "is_legacy",
        ]  # fmt: skip
        help_texts = {
            "valid_until": gettext_lazy(
                "Leave empty for 36 months from issue; legacy certificates keep their own date."
            ),
            "product_code": gettext_lazy("e.g. 75-25441-003-2026, 70-31-2021 or 83-829-28780-3-2022"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["product"]).queryset = Product.objects.for_user(
            self.user
        ).select_related("producer")
        self.fields["valid_until"].required = False

    def save(self, commit: bool = True) -> Certificate:
        return save_certificate(super().save(commit=False))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # the stubs allow None; Django returns cleaned_data
        if not data.get("valid_until") and data.get("issued_on"):
            data["valid_until"] = expiry_for(data["issued_on"])
        if data.get("product_code"):
            try:
                parse_product_code(data["product_code"])
            except ValueError as error:
                self.add_error("product_code", _("Unreadable product code: %(reason)s") % {"reason": error})
        return data


class RevokeForm(forms.Form):
    revocation_ground = forms.ChoiceField(
        label=gettext_lazy("Ground (QĐ 26/2026 Điều 8)"), choices=RevocationGround.choices
    )
    revoked_on = forms.DateField(label=gettext_lazy("Revoked on"), widget=DATE_WIDGET)
    revocation_authority = forms.CharField(label=gettext_lazy("Revoked by"), max_length=150)
    revocation_decision = forms.CharField(label=gettext_lazy("Revocation decision number"), max_length=60)
    version = VersionField()  # the certificate as the officer read it (core/versions.py)


class VerifyForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Verification code"), max_length=40)
