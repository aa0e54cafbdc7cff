"""The portal's map (placeholder until the map slice lands)."""

from django.http import HttpRequest, HttpResponse, JsonResponse


def map_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def points(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"type": "FeatureCollection", "features": []})
