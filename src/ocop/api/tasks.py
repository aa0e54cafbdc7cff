"""The worker's part of webhooks: one attempt per run, the next one queued with its backoff."""

from django.tasks import task

from ocop.api.models import Delivery, DeliveryState
from ocop.api.webhooks import attempt


@task()
def deliver_webhook(delivery_id: int) -> bool:
    delivery = Delivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.state != DeliveryState.PENDING or not delivery.subscription.active:
        return False
    return attempt(delivery)
