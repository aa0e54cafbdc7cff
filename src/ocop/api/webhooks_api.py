"""/api/v1/webhooks: an office's (or a token's) subscriptions, their delivery log, and replaying a delivery."""

import datetime
from typing import Any, Literal, cast

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from ocop.api.models import EVENTS, Delivery, Subscription
from ocop.api.webhooks import check_url, replay
from ocop.core import rights
from ocop.core.api import CREATE, LIST, ONE, UPDATE, FormRefused, answers, cursor_of, is_text, record
from ocop.core.api_auth import gate
from ocop.core.models import ApiToken

router = Router()
EventName = Literal[tuple(EVENTS)]  # type: ignore[valid-type]  # the declared events


class SubscriptionIn(Schema):
    name: str | None = Field(None, max_length=100)
    url: str | None = Field(None, max_length=500, description="https://… on a public address")
    events: list[EventName] | None = Field(None, min_length=1)  # type: ignore[valid-type]  # the declared events
    token: int | None = Field(
        None, ge=1, lt=2**63, description="One of your tokens: the subscription lives and dies with it"
    )
    active: bool | None = None


class SubscriptionOut(Schema):
    id: int
    name: str
    url: str
    events: list[str]
    token: int | None = Field(description="The token it belongs to, if any")
    unit: str | None = Field(description="The office's unit (key), if any")
    active: bool
    created_at: datetime.datetime


class SubscriptionCreatedOut(SubscriptionOut):
    secret: str = Field(description="The signing secret: shown once, keep it with the receiver")


class DeliveryOut(Schema):
    id: int
    subscription: int
    event: str
    event_id: str
    state: str
    attempts: int
    last_status: int | None
    last_error: str
    next_attempt_at: datetime.datetime | None
    delivered_at: datetime.datetime | None
    created_at: datetime.datetime
    body: dict[str, Any]


class DeliveryList(Schema):
    count: int
    next_cursor: str | None
    results: list[DeliveryOut]


class ReplayIn(Schema):
    note: str = Field("", max_length=0, description="Nothing to send: the body is `{}`")


def subscription_out(s: Subscription) -> dict[str, Any]:
    return {
        "id": s.pk, "name": s.name, "url": s.url, "events": s.events, "token": s.token_id,
        "unit": f"{s.unit.map}:{s.unit.code}" if s.unit_id and s.unit else None, "active": s.active,
        "created_at": s.created_at,
    }  # fmt: skip


def delivery_out(d: Delivery) -> dict[str, Any]:
    return {
        "id": d.pk, "subscription": d.subscription_id, "event": d.event, "event_id": d.event_id, "state": d.state,
        "attempts": d.attempts, "last_status": d.last_status, "last_error": d.last_error,
        "next_attempt_at": d.next_attempt_at, "delivered_at": d.delivered_at, "created_at": d.created_at,
        "body": d.payload,
    }  # fmt: skip


def _apply(request: HttpRequest, subscription: Subscription, body: SubscriptionIn) -> Subscription:
    """Set what the body sends, checked as a page's form would be (400 naming the field), then saved."""
    given = body.model_dump(exclude_unset=True)
    for name in ("name", "url"):
        if name in given:
            value = given[name] or ""
            if not value.strip() or not is_text(value):
                raise FormRefused({name: [_("This field is required.")]})
            setattr(subscription, name, value.strip())
    if given.get("events"):
        subscription.events = sorted(set(given["events"]))
    if "active" in given and given["active"] is not None:
        subscription.active = given["active"]
    if given.get("token") is not None:
        token = ApiToken.objects.for_user(request.user).filter(pk=given["token"], revoked=False).first()
        if token is None:
            raise FormRefused({"token": [_("Not one of your tokens.")]})
        subscription.token = token
    missing = [n for n in ("name", "url") if not getattr(subscription, n)] + ([] if subscription.events else ["events"])
    if missing:
        raise FormRefused({n: [_("This field is required.")] for n in missing})
    try:
        check_url(subscription.url)
        subscription.full_clean()
    except ValidationError as error:
        raise FormRefused({k: [str(m) for m in v] for k, v in error.message_dict.items()}) from None
    subscription.save()
    return subscription


@router.get("webhooks", response=answers(list[SubscriptionOut], *LIST), summary="Webhook subscriptions you see")
def list_subscriptions(request: HttpRequest) -> list[dict[str, Any]]:
    qs = Subscription.objects.for_user(request.user, "view").select_related("unit")
    return [subscription_out(s) for s in qs]


@router.post(
    "webhooks",
    response=answers(SubscriptionCreatedOut, *CREATE),
    auth=gate("add", Subscription),
    summary="Subscribe to events",
)
def create_subscription(request: HttpRequest, body: SubscriptionIn) -> dict[str, Any]:
    """Events on the records you may view are sent to `url`, signed with the `secret` of the answer (shown
    once). An office's subscription belongs to its unit: the office's other members see and replay it."""
    role = rights.person(request.user).role
    owner = cast(User, request.user)  # the gate let only a signed-in person through
    subscription = Subscription(owner=owner, unit=role.unit if role is not None else None)
    if not rights.may(request.user, "add", subscription):
        raise FormRefused({"__all__": [_("Your role does not add records of this kind here.")]})
    subscription = _apply(request, subscription, body)
    return {**subscription_out(subscription), "secret": subscription.secret}


@router.patch(
    "webhooks/{subscription_id}",
    response=answers(SubscriptionOut, *UPDATE),
    auth=gate("change", Subscription, "subscription_id"),
    summary="Change or pause a subscription",
)
def update_subscription(request: HttpRequest, subscription_id: int, body: SubscriptionIn) -> dict[str, Any]:
    return subscription_out(_apply(request, record(request), body))


@router.get(
    "webhooks/{subscription_id}/deliveries",
    response=answers(DeliveryList, *ONE),
    auth=gate("view", Subscription, "subscription_id"),
    summary="A subscription's delivery log (newest last; by cursor)",
)
def list_deliveries(
    request: HttpRequest, subscription_id: int, cursor: str = "", page_size: int = 50
) -> dict[str, Any]:
    qs = Delivery.objects.for_user(request.user, "view").filter(subscription=record(request))
    return cursor_of(qs, cursor, page_size, delivery_out)


@router.post(
    "webhook-deliveries/{delivery_id}/replay",
    response=answers(DeliveryOut, *UPDATE),
    auth=gate("replay", Delivery, "delivery_id"),
    summary="Send a delivery again",
)
def replay_delivery(request: HttpRequest, delivery_id: int, body: ReplayIn) -> dict[str, Any]:
    """The same body and event id, with a fresh round of retries."""
    return delivery_out(replay(record(request)))
