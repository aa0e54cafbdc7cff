"""The unit picker's search: the options for what was typed, as list items the picker shows as they come."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from ocop.places import picker


class UnitSearch(LoginRequiredMixin, View):
    """GET ?source=<name>&q=<words>[&plan=…]: at most `picker.LIMIT` options, only among the units that the
    source offers this person (the page's own field checks the same list when the form comes back)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        source = picker.SOURCES.get(request.GET.get("source", "scope"))
        if source is None:
            raise Http404
        units = picker.search(request.GET.get("q", "")[:200], source(request.user, request.GET))
        found = picker.labels(units)
        return render(request, "places/unit_options.html", {"options": [found[u.pk] for u in units]})
