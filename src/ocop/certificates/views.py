import io
import logging
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from ocop.certificates import lifecycle, queries, services
from ocop.certificates.choices import StatusLabel
from ocop.certificates.codes import ALPHABET, format_verification_code, normalise_verification_code
from ocop.certificates.filters import CertificateFilter
from ocop.certificates.forms import CertificateForm, RevokeForm, VerifyForm
from ocop.certificates.lifecycle import Status
from ocop.certificates.models import Certificate
from ocop.certificates.pdf import certificate_pdf, decision_pdf
from ocop.core import files
from ocop.core.site import absolute_url
from ocop.core.versions import check_version, locked, version_of
from ocop.core.views import ScopedCreateView, ScopedDetailView, ScopedListView, StaffMixin, require
from ocop.registry.queries import producer_address_on

SELECT = ("product__producer__commune__parent", "product__product_set", "regime")
logger = logging.getLogger("ocop.verification")


class CertificateList(ScopedListView):
    model = Certificate
    filter_class = CertificateFilter
    template_name = "certificates/certificate_list.html"
    select_related = SELECT


class CertificateDetail(ScopedDetailView):
    model = Certificate
    select_related = SELECT

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        certificate_facts = self.object.facts()
        status = lifecycle.status_on(certificate_facts, today)
        context.update(
            status=status,
            status_label=StatusLabel(status).label,
            window=self.object.window(),
            invalid_from=lifecycle.invalid_from(certificate_facts, today),
        )
        return context


class CertificateCreate(ScopedCreateView):
    model = Certificate
    form_class = CertificateForm


class CertificateRevoke(StaffMixin, View):
    model = Certificate

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        certificate = get_object_or_404(self.get_queryset(), pk=pk)
        require(request.user, "revoke", certificate)
        form = RevokeForm(initial={"version": version_of(certificate)})
        return render(request, "certificates/revoke.html", {"object": certificate, "form": form})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        certificate = get_object_or_404(self.get_queryset(), pk=pk)
        require(request.user, "revoke", certificate)
        form = RevokeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    check_version(locked(certificate), data.get("version"))
                    services.revoke(
                        certificate,
                        ground=data["revocation_ground"],
                        on=data["revoked_on"],
                        authority=data["revocation_authority"],
                        decision=data["revocation_decision"],
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The certificate was revoked."))
                return HttpResponseRedirect(certificate.get_absolute_url())
        certificate.refresh_from_db()
        return render(request, "certificates/revoke.html", {"object": certificate, "form": form}, status=400)


class CertificatePdf(StaffMixin, View):
    model = Certificate
    select_related = SELECT

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        certificate = get_object_or_404(self.get_queryset(), pk=pk)
        url = absolute_url(request, reverse("certificates:verify_code", args=[certificate.verification_code]))
        return files.serve(
            request.user,
            certificate,
            io.BytesIO(certificate_pdf(certificate, url)),
            f"giay-chung-nhan-{certificate.pk}.pdf",
        )


class DecisionPdf(StaffMixin, View):
    """The recognition decision that granted this certificate, with the products it recognised (those in the
    user's scope) in its annex."""

    model = Certificate

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        scoped = self.get_queryset()
        certificate = get_object_or_404(scoped, pk=pk)
        same = scoped.filter(
            decision_number=certificate.decision_number,
            decision_date=certificate.decision_date,
            deciding_level=certificate.deciding_level,
        )
        certificates = list(same.select_related(*SELECT).order_by("number", "id"))
        name = f"quyet-dinh-{certificate.decision_date:%Y%m%d}-{certificate.pk}.pdf"
        return files.serve(request.user, certificate, io.BytesIO(decision_pdf(certificates)), name)


class Worklist(StaffMixin, View):
    """Certificates whose re-evaluation window is open, those that missed it, and those that expired without a
    newer one — each list one query (`queries.worklist`; the rules are `queries.due`, shared with the list's
    filter and the things-to-do page)."""

    model = Certificate

    def get(self, request: HttpRequest) -> HttpResponse:
        today = timezone.localdate()
        context: dict[str, Any] = {"today": today}
        context.update(queries.worklist(self.get_queryset().select_related(*SELECT), today))
        # The apps above add their sections as panels (core/panels.py): the misuse reports (portal), the
        # products still listed for sale without stars (market).
        return render(request, "certificates/worklist.html", context)


def verify_page(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Public: anyone can check a label, by typing the code or scanning the QR. Unknown codes get a clear page."""
    form = VerifyForm(request.GET or None)
    if code is None and form.is_valid():
        typed = normalise_verification_code(form.cleaned_data["code"])
        if typed and set(typed) <= set(ALPHABET):  # anything else cannot be a code: answered below as unknown
            return HttpResponseRedirect(reverse("certificates:verify_code", args=[format_verification_code(typed)]))
        code = form.cleaned_data["code"].strip()[:40]
    certificate = services.find_by_code(code) if code else None
    if code and certificate is None:  # many unknown codes from one address suggest someone guessing
        logger.warning("Unknown verification code %r from %s", code[:40], request.META.get("REMOTE_ADDR"))
    context: dict[str, Any] = {"form": form, "code": code, "certificate": certificate}
    if certificate is not None:
        services.count_scan(certificate)
        today = timezone.localdate()
        certificate_facts = certificate.facts()
        status = lifecycle.status_on(certificate_facts, today)
        context.update(
            status=status,
            status_label=StatusLabel(status).label,
            is_valid=status in Status.VALID_STATES,
            invalid_from=lifecycle.invalid_from(certificate_facts, today),
            address=producer_address_on(certificate.product.producer, today),
        )
    response = render(request, "certificates/verify.html", context, status=404 if code and certificate is None else 200)
    response["Cache-Control"] = "no-store"
    return response
