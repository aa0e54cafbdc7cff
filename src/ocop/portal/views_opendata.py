"""The open-data page and its files: anonymous, cookie-free, cacheable (docs/open-data.md)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ocop.core.site import site_url
from ocop.portal import opendata, opendata_files


@require_safe
@cache_control(public=True, max_age=300)
def index(request: HttpRequest) -> HttpResponse:
    rows = opendata.count(timezone.localdate())
    datasets = [
        {
            "dataset": dataset,
            "rows": rows,
            "files": [
                (fmt.upper(), reverse("portal:open_data_file", args=[dataset.name, fmt])) for fmt in opendata.FORMATS
            ],
        }
        for dataset in opendata.DATASETS.values()
    ]
    context = {"datasets": datasets, "licence": opendata.LICENCE, "licence_url": opendata.LICENCE_URL}
    return render(request, "portal/open_data.html", context)


@require_safe
@cache_control(public=True, max_age=3600)
def download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    dataset = opendata.DATASETS.get(name)
    if dataset is None or fmt not in opendata.FORMATS:
        raise Http404
    site = site_url(request)  # OCOP_SITE_URL in production: a Host naming another port makes no new file
    data, day = opendata_files.ready_file(name, fmt, site)  # kept in storage: a national file takes seconds
    response = HttpResponse(data, content_type=opendata.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{dataset.file_name(fmt, day)}"'
    return response
