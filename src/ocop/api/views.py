"""The delivery log of webhooks, as a staff page: what was sent to which subscription, how each attempt went,
and a button to send a delivery again. Subscriptions are made over the API (docs/api.md)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from ocop.api.models import EVENTS, Delivery, Subscription
from ocop.api.webhooks import replay
from ocop.core.views import paginate, require


class DeliveryLog(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        subscriptions = Subscription.objects.for_user(request.user, "view").select_related("unit")
        deliveries = Delivery.objects.for_user(request.user, "view").select_related("subscription")
        context = {"subscriptions": subscriptions, "page": paginate(request, deliveries), "events": EVENTS}
        return render(request, "api/delivery_log.html", context)


class DeliveryReplay(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        delivery = get_object_or_404(Delivery.objects.for_user(request.user, "view"), pk=pk)
        require(request.user, "replay", delivery)
        replay(delivery)
        messages.success(request, _("The delivery will be sent again."))
        return HttpResponseRedirect(reverse("webhooks:delivery_log"))
