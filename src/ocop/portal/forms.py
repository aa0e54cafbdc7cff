"""The public's misuse report (the catalogue's search and filters are portal/filters.py)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class MisuseReportForm(forms.Form):
    code = forms.CharField(label=_("Verification code or certificate number on the label"), required=False,
                           max_length=40)  # fmt: skip
    product_name = forms.CharField(label=_("Product name as labelled"), required=False, max_length=255)
    seen_at = forms.CharField(label=_("Where did you see it? (shop, address, web page)"), max_length=255)
    description = forms.CharField(
        label=_("What looks wrong?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    contact = forms.CharField(label=_("Your phone or email, if you want an answer"), required=False, max_length=255)
    # The honeypot: hidden from people by CSS and aria-hidden; robots that fill every field give themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=255)
    product = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # the stubs allow None; Django returns cleaned_data
        if not data.get("code") and not data.get("product_name") and not data.get("product"):
            raise forms.ValidationError(_("Give the code on the label or the product's name."))
        return data
