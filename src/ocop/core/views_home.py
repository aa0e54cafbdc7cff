"""The page people land on after signing in: their things to do, collected from every app (core/todo.py)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from ocop.core import todo
from ocop.core.types import AuthenticatedHttpRequest


class Home(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        today = timezone.localdate()
        context = {"today": today, "sections": todo.sections_for(request.user, today)}
        return render(request, "core/home.html", context)
