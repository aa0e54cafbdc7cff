"""Public endpoints beside the catalogue: the misuse report form, photo renditions, robots.txt."""

import io

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from ocop.core import files
from ocop.core.language import remember as remember_language
from ocop.core.site import absolute_url
from ocop.portal import misuse, photos
from ocop.portal.forms import MisuseReportForm
from ocop.portal.models import CatalogueEntry
from ocop.registry.models import ProductPhoto


@csrf_exempt  # anonymous, nothing to forge in anyone's name; keeps portal pages cookie-free and cacheable
@require_http_methods(["GET", "HEAD", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    """GET: the form on its own page; POST: receive a report. Robots filling the hidden field are thanked and
    ignored; more than a few reports an hour from one address, or a flood from many, get a 429 page."""
    if request.method != "POST":
        form = MisuseReportForm(initial={"code": request.GET.get("code", "")[:40]})
        return render(request, "portal/report.html", {"form": form})
    form = MisuseReportForm(request.POST)
    if request.POST.get("website"):
        return render(request, "portal/report_thanks.html")
    address = misuse.client_hash(request.META.get("REMOTE_ADDR", ""))
    if misuse.too_many(address):
        context = {
            "form": form,
            "refused": _("Too many reports have been sent from here recently. Please try again in an hour."),
        }
        return render(request, "portal/report.html", context, status=429)
    if not form.is_valid():
        return render(request, "portal/report.html", {"form": form}, status=400)
    misuse.receive(form.cleaned_data, address)
    return render(request, "portal/report_thanks.html")


@require_safe
@cache_control(public=True, max_age=31_536_000, immutable=True)
def photo(request: HttpRequest, pk: int, width: int, stem: str) -> HttpResponseBase:
    if width not in photos.WIDTHS:
        raise Http404
    item = get_object_or_404(ProductPhoto, pk=pk)
    if photos.stem(item) != stem or not CatalogueEntry.objects.filter(pk=item.product_id).exists():
        raise Http404  # only the photos of products on the portal are public
    try:
        data = photos.rendition(item, width)
    except OSError:
        raise Http404 from None  # the original is missing from storage
    return files.serve_public(io.BytesIO(data), f"{stem}.jpg")


@require_safe
@cache_control(public=True, max_age=86_400)
def robots(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /staff/",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /login/",
        "Disallow: /verify/",  # one page per code: nothing to index, and scan counts stay honest
        f"Sitemap: {absolute_url(request, reverse('portal:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def language(request: HttpRequest, code: str) -> HttpResponse:
    """Switch language with a plain link (no form, no CSRF cookie): the portal's pages stay cacheable."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if code in dict(settings.LANGUAGES):
        remember_language(request, code)  # a signed-in officer's choice follows them to the staff pages
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 86_400, samesite="Lax", secure=request.is_secure()
        )
    return response
