"""Webhooks: which subscriptions hear of an event, the signed body, and one delivery attempt.

A subscription hears of an event on a record its owner may view (the rights table, as for every read); the
body is JSON, signed with HMAC-SHA256 over `<timestamp>.<body>` with the subscription's secret, in the header
`X-OCOP-Signature: t=<unix seconds>,v1=<hex>` (docs/api.md has the receiver's check).

A URL must be https in production and never name a private, loopback, link-local or otherwise non-public
address: checked when the subscription is saved, and again at every delivery on the addresses the host then
resolves to — the connection goes to the address that was checked, so a name that changes its answer between
the check and the request (DNS rebinding) cannot point a delivery inside the network."""

import datetime
import functools
import hashlib
import hmac
import http.client
import ipaddress
import json
import socket
import ssl
import time
import uuid
from typing import Any
from urllib.parse import SplitResult, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.api.models import Delivery, DeliveryState, Subscription
from ocop.core import rights

SIGNATURE_HEADER = "X-OCOP-Signature"
TIMEOUT_SECONDS = 10
# After the first attempt, the waits before each retry; a delivery still failing after the last is "failed"
# (an office can replay it from its delivery log).
BACKOFF = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=12),
)
MAX_ATTEMPTS = len(BACKOFF) + 1


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header's value for `body` sent at `timestamp` (unix seconds)."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify(secret: str, header: str, body: bytes, tolerance: int = 300, now: float | None = None) -> bool:
    """What a receiver does (the snippet in docs/api.md): the signature matches and is recent."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    expected = sign(secret, timestamp, body).split("v1=", 1)[1]
    fresh = abs((now if now is not None else time.time()) - timestamp) <= tolerance
    return fresh and hmac.compare_digest(expected, parts.get("v1", ""))


# ------------------------------------------------------------------------------------------- the URL


# IPv6 ranges that carry or reach an IPv4 address (a gateway may translate them to a private one): refused.
TRANSLATED = [
    ipaddress.IPv6Network(n)
    for n in ("64:ff9b::/96", "64:ff9b:1::/48", "::/96", "::ffff:0:0:0/96", "2002::/16", "2001::/32")
]


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif any(ip in net for net in TRANSLATED):  # an IPv4 address inside: NAT64, IPv4-compatible, 6to4, Teredo
            return False
    return ip.is_global and not ip.is_multicast


def _split(url: str) -> SplitResult:
    try:
        return urlsplit(url)
    except ValueError:  # "Invalid IPv6 URL" and the like
        raise ValidationError({"url": _("Give a full web address (https://…).")}) from None


def check_url(url: str) -> None:
    """Refuse a URL a webhook may not be sent to (ValidationError with the reason, in the reader's language)."""
    parts = _split(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValidationError({"url": _("Give a full web address (https://…).")})
    if parts.scheme != "https" and not settings.OCOP_WEBHOOK_ALLOW_HTTP:
        raise ValidationError({"url": _("Webhooks are sent only to https:// addresses.")})
    if parts.username or parts.password:
        raise ValidationError({"url": _("The address may not carry a user name or password.")})
    try:
        parts.port  # noqa: B018  (reading it checks it)
    except ValueError:
        raise ValidationError({"url": _("The address's port is not a number between 1 and 65535.")}) from None
    resolve(url)


def resolve(url: str) -> list[str]:
    """The addresses the URL's host names now, all public (or, with OCOP_WEBHOOK_ALLOW_PRIVATE, any)."""
    parts = _split(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise ValidationError({"url": _("The host %(host)s cannot be found.") % {"host": host}}) from None
    addresses = sorted({str(info[4][0]) for info in found})
    if not settings.OCOP_WEBHOOK_ALLOW_PRIVATE and (not addresses or not all(_public(a) for a in addresses)):
        raise ValidationError(
            {"url": _("The address %(host)s is private, local or reserved: webhooks go only to public addresses.")
             % {"host": host}}
        )  # fmt: skip
    return addresses


# ----------------------------------------------------------------------------------------- the events


def payload(event: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "event": event, "occurred_at": timezone.now().isoformat(), "data": data}


def _still_its_scope(subscription: Subscription) -> bool:
    """An office's subscription belongs to the unit its owner had when subscribing, and its deliveries are read
    by that unit's office: once the owner's role is elsewhere, their view no longer speaks for that unit."""
    if subscription.unit_id is None:
        return True
    role = rights.person(subscription.owner).role
    return role is not None and role.unit_id == subscription.unit_id


def emit(event: str, obj: models.Model, data: dict[str, Any]) -> list[Delivery]:
    """Queue `event` about `obj` for every active subscription to it whose owner may view `obj`; sent by the
    worker once the change that caused it is committed."""
    body = json.loads(json.dumps(payload(event, data), cls=DjangoJSONEncoder))
    made = []
    live_token = Q(token__isnull=True) | Q(token__revoked=False, token__expires_at__gt=timezone.now())
    for subscription in Subscription.objects.filter(live_token, active=True).select_related("owner"):
        if (
            event in subscription.events
            and _still_its_scope(subscription)
            and rights.may(subscription.owner, "view", obj)
        ):
            made.append(
                Delivery.objects.create(subscription=subscription, event=event, event_id=body["id"], payload=body)
            )
    for delivery in made:
        transaction.on_commit(functools.partial(queue, delivery.pk))
    return made


def queue(delivery_id: int, when: datetime.datetime | None = None) -> None:
    from ocop.api.tasks import deliver_webhook

    (deliver_webhook.using(run_after=when) if when else deliver_webhook).enqueue(delivery_id)


# ---------------------------------------------------------------------------------------- one attempt


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to an address checked beforehand, with the certificate checked for the URL's host name."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]  # set by __init__


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST `body` to `url` on an address checked now; the answer's status (redirects are not followed)."""
    address = resolve(url)[0]
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    kind = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    connection = kind(parts.hostname or "", address, port, TIMEOUT_SECONDS)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", target, body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def attempt(delivery: Delivery) -> bool:
    """Send once; record the outcome; schedule the next attempt (with backoff) when it failed. True if delivered."""
    subscription = delivery.subscription
    body = json.dumps(delivery.payload, ensure_ascii=False).encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "OCOP-webhooks/1",
        "X-OCOP-Event": delivery.event,
        "X-OCOP-Delivery": delivery.payload.get("id", ""),
        SIGNATURE_HEADER: sign(subscription.secret, int(time.time()), body),
    }
    status, error = None, ""
    try:
        status = post(subscription.url, body, headers)
        if not 200 <= status < 300:
            error = _("The receiver answered %(status)s.") % {"status": status}
    except ValidationError as refused:
        error = " ".join(refused.messages)
    except (OSError, http.client.HTTPException) as failure:
        error = f"{type(failure).__name__}: {failure}"[:500]
    delivery.attempts += 1
    delivery.last_status, delivery.last_error = status, error
    if not error:
        delivery.state, delivery.delivered_at, delivery.next_attempt_at = DeliveryState.DELIVERED, timezone.now(), None
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.state, delivery.next_attempt_at = DeliveryState.FAILED, None
    else:
        delivery.state = DeliveryState.PENDING
        delivery.next_attempt_at = timezone.now() + BACKOFF[delivery.attempts - 1]
    delivery.save()
    if delivery.state == DeliveryState.PENDING and delivery.next_attempt_at is not None:
        queue(delivery.pk, delivery.next_attempt_at)
    return not error


def replay(delivery: Delivery) -> Delivery:
    """Send a delivery again from its log (the same body and event id: receivers can tell it is the same
    event), with a fresh round of retries."""
    delivery.state, delivery.attempts, delivery.next_attempt_at = DeliveryState.PENDING, 0, None
    delivery.save()
    transaction.on_commit(lambda: queue(delivery.pk))
    return delivery
