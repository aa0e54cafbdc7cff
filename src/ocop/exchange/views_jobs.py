"""The person's recent imports and exports, filtered by kind and state (the things-to-do page links here)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from ocop.exchange.recent import RECENT_DAYS, JobFilter, jobs


class JobList(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = JobFilter(request.GET)
        valid = form.is_valid()
        found = jobs(request.user, form.cleaned_data) if valid else {}
        context = {
            "filter": form,
            "imports": found.get("import"),
            "exports": found.get("export"),
            "days": (form.cleaned_data.get("days") if valid else None) or RECENT_DAYS,
        }
        return render(request, "exchange/jobs.html", context, status=200 if valid else 400)
