"""Open data (placeholder until the open-data slice lands)."""

from django.http import Http404, HttpRequest, HttpResponse


def index(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    raise Http404
