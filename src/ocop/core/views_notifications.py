from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from ocop.core.types import AuthenticatedHttpRequest
from ocop.core.views import paginate


class NotificationList(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        page = paginate(request, request.user.notifications.all(), 50)
        return render(request, "core/notifications.html", {"page": page})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
        return HttpResponseRedirect(request.path)
