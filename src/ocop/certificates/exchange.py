"""The certificates' import kind and export list, and the current stars the products list shows.

The import kind reads certificates granted before the platform (or under earlier regimes): key = certificate number.

Each row names its product by the producer's tax number, the product's name and its product set; the
decision must fit its regime (in force on the decision date, 5★ by the central level), as when typed in.
"""

import copy
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from ocop.certificates import columns
from ocop.certificates.codes import new_verification_code
from ocop.certificates.columns import NAME, REGIME
from ocop.certificates.filters import CertificateFilter
from ocop.certificates.lifecycle import expiry_for
from ocop.certificates.models import Certificate
from ocop.certificates.queries import with_current_stars
from ocop.certificates.services import apply_product_code, check_decision
from ocop.core.text import fold
from ocop.exchange import exports
from ocop.exchange import values as v
from ocop.exchange.exports import ListExport, fields_of
from ocop.exchange.kinds import ImportKind, register
from ocop.registry.references import ProductsByKey

COMMUNE = "commune__parent__parent"
# The regime a certificate was granted under (evaluation's model, reached through the relation: certificates
# do not import evaluation).
Regime = Certificate._meta.get_field("regime").related_model


@register
class CertificateKind(ImportKind):
    name, model, label = "certificates", Certificate, "Giấy chứng nhận OCOP (đã cấp)"
    spec = columns.CERTIFICATES
    trusted_fields = ("product", "regime")

    def __init__(self) -> None:
        self._products = ProductsByKey()
        self._regimes: dict[str, Any] = {}

    def preload(self, rows: list[dict[str, Any]]) -> None:
        self._products.load(self.user, rows, "tax_code")
        for regime in Regime.objects.all():
            self._regimes[fold(regime.document_number)] = self._regimes[fold(regime.code)] = regime

    def resolve(self, values: dict[str, Any], user: Any) -> dict[str, Any]:
        product = self._products.get(values["tax_code"], values["product_name"], values["product_set"], NAME)
        regime = self._regimes.get(fold(values["regime"]))
        if regime is None:
            known = ", ".join(sorted({r.document_number for r in self._regimes.values()}))
            raise v.CellError(_("Unknown regime."), _("Choose one of: %(labels)s") % {"labels": known}, REGIME)
        if not 3 <= values["stars"] <= 5:
            raise v.CellError(_("Stars must be 3, 4 or 5."), column=columns.STARS)
        return {**values, "product": product, "regime": regime}

    def key(self, values: dict[str, Any]) -> tuple:
        return (values["number"],)

    def existing(self, keys: list[tuple]) -> dict[tuple, Certificate]:
        found = Certificate.objects.filter(number__in=[k[0] for k in keys]).select_related("product__producer__commune")
        return {(c.number,): c for c in found}

    def build(self, values: dict[str, Any], current: Certificate | None) -> Certificate:
        certificate = copy.copy(current) if current else Certificate(is_legacy=True)
        certificate.product, certificate.regime = values["product"], values["regime"]
        for name in ("number", "stars", "deciding_level", "decision_number", "decision_date", "issued_on"):
            setattr(certificate, name, values[name])
        certificate.decision_signer = values.get("decision_signer") or ""
        certificate.product_code = values.get("product_code") or ""
        certificate.valid_until = values.get("valid_until") or (
            expiry_for(values["issued_on"]) if values.get("issued_on") else None
        )
        certificate.verification_code = certificate.verification_code or new_verification_code()
        return certificate

    def validate(self, instance: Certificate) -> None:
        errors: dict[str, list[str]] = {}
        for check in (apply_product_code, check_decision):
            try:
                check(instance)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    errors.setdefault(field, []).extend(messages)
        try:
            super().validate(instance)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)


def _certificates(user: Any) -> QuerySet:
    # The next certificate's issue date tells "superseded" without a query per row.
    newer = Certificate.objects.filter(product=OuterRef("product"), issued_on__gt=OuterRef("issued_on"))
    return (
        Certificate.objects.for_user(user, "export")
        .select_related(f"product__producer__{COMMUNE}", "regime")
        .annotate(next_issued_on=Subquery(newer.order_by("issued_on").values("issued_on")[:1]))
    )


exports.register(
    ListExport(
        "certificates", "Giấy chứng nhận OCOP", _certificates, CertificateFilter, fields_of(columns.CERTIFICATES)
    )
)

exports.annotate("products", with_current_stars)
from ocop.certificates import ptnt  # noqa: E402, F401  (registers the PTNT_OCOP reconciliation kind)
