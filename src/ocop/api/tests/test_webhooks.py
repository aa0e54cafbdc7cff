"""Webhooks: an office subscribes over the API; a certificate issued and revoked in its province is sent, signed
(HMAC-SHA256 over `<timestamp>.<body>`), to a local HTTP receiver by the worker's task, retried with backoff after
a failure, logged, and replayable; another province's events never reach it; URLs on private addresses (or
resolving to one at delivery time) and plain http in production are refused."""

import datetime
import http.server
import json
import socket
import threading
from collections.abc import Iterator

import pytest
from django.test import override_settings
from django.utils import timezone

from conftest import make_certificate
from ocop.api.models import Delivery, Subscription
from ocop.api.tasks import deliver_webhook
from ocop.api.tests.test_writes import call, key_of
from ocop.api.webhooks import SIGNATURE_HEADER, check_url, verify
from ocop.certificates.services import revoke
from ocop.core.models import Role

pytestmark = pytest.mark.django_db
LOCAL = override_settings(OCOP_WEBHOOK_ALLOW_PRIVATE=True, OCOP_WEBHOOK_ALLOW_HTTP=True)


class Receiver(http.server.BaseHTTPRequestHandler):
    received: list[tuple[dict[str, str], bytes]] = []
    answers: list[int] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((dict(self.headers), body))
        self.send_response(type(self).answers.pop(0) if type(self).answers else 200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    Receiver.received, Receiver.answers = [], []
    server = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/ocop"
    server.shutdown()
    server.server_close()


def subscribe(user, url: str, events: list[str]) -> dict:
    with LOCAL:
        response = call(user, "POST", "webhooks", {"name": "Cổng tỉnh", "url": url, "events": events})
    assert response.status_code == 200, response.content
    return response.json()


def test_issued_and_revoked_are_signed_delivered_and_retried(
    receiver, province_officer, outsider_officer, product_a, django_capture_on_commit_callbacks
):
    mine = subscribe(province_officer, receiver, ["certificate.issued", "certificate.revoked"])
    subscribe(outsider_officer, receiver, ["certificate.issued"])  # Hà Nội: never hears of Đồng Nai
    with django_capture_on_commit_callbacks(execute=False):
        certificate = make_certificate(product_a, "01/GCN-OCOP", "2024-05-01")
    delivery = Delivery.objects.get()
    assert delivery.subscription_id == mine["id"] and delivery.event == "certificate.issued"
    Receiver.answers = [503]
    with LOCAL:
        assert deliver_webhook.call(delivery.pk) is False
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("pending", 1, 503)
    assert delivery.next_attempt_at > delivery.created_at + datetime.timedelta(seconds=50)  # backoff
    with LOCAL:
        assert deliver_webhook.call(delivery.pk) is True
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("delivered", 2)
    headers, body = Receiver.received[-1]
    assert verify(mine["secret"], headers[SIGNATURE_HEADER], body)
    assert not verify("another secret", headers[SIGNATURE_HEADER], body)
    data = json.loads(body)
    assert data["event"] == "certificate.issued" and data["data"]["number"] == "01/GCN-OCOP"
    with django_capture_on_commit_callbacks(execute=False):
        revoke(certificate, ground="b", on=datetime.date(2025, 1, 5), authority="UBND tỉnh", decision="QĐ 9")
    revoked = Delivery.objects.get(event="certificate.revoked")
    with LOCAL:
        assert deliver_webhook.call(revoked.pk) is True
    assert json.loads(Receiver.received[-1][1])["data"]["revocation_ground"] == "b"


def test_the_log_is_read_and_replayed_by_the_office_only(
    receiver, province_officer, outsider_officer, viewer, product_a, django_capture_on_commit_callbacks
):
    mine = subscribe(province_officer, receiver, ["certificate.issued"])
    with django_capture_on_commit_callbacks(execute=False):
        make_certificate(product_a, "02/GCN-OCOP", "2024-05-01")
    delivery = Delivery.objects.get()
    log = call(province_officer, "GET", f"webhooks/{mine['id']}/deliveries").json()
    assert [row["id"] for row in log["results"]] == [delivery.pk]
    assert call(outsider_officer, "GET", f"webhooks/{mine['id']}/deliveries").status_code == 404
    assert call(outsider_officer, "POST", f"webhook-deliveries/{delivery.pk}/replay", {}).status_code == 404
    assert call(viewer, "POST", f"webhook-deliveries/{delivery.pk}/replay", {}).status_code == 404  # no sight of it
    assert call(viewer, "POST", "webhooks", {}).status_code == 403
    with LOCAL:
        deliver_webhook.call(delivery.pk)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = call(province_officer, "POST", f"webhook-deliveries/{delivery.pk}/replay", {})
    assert response.status_code == 200 and response.json()["state"] == "pending" and queued
    with LOCAL:
        assert deliver_webhook.call(delivery.pk) is True
    assert len(Receiver.received) == 2 and Receiver.received[0][1] == Receiver.received[1][1]


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://10.1.2.3/hook",
        "https://192.168.1.10/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://0.0.0.0/hook",
        "ftp://example.org/hook",
        "https://user:pw@example.org/hook",
        "http://[::1",  # not a URL at all: a message, not a 500
        "https://[64:ff9b::a9fe:a9fe]/hook",  # NAT64 of 169.254.169.254
        "https://[::7f00:1]/hook",  # IPv4-compatible 127.0.0.1
        "https://[2002:7f00:1::]/hook",  # 6to4 of 127.0.0.1
    ],
)
def test_private_and_odd_urls_are_refused(url, province_officer):
    response = call(province_officer, "POST", "webhooks", {"name": "X", "url": url, "events": ["certificate.issued"]})
    assert response.status_code == 400 and "url" in response.json()["errors"]
    assert not Subscription.objects.exists()


def test_plain_http_is_refused_in_production(province_officer, monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [(2, 1, 6, "", ("93.184.215.14", 80))])
    with override_settings(OCOP_WEBHOOK_ALLOW_HTTP=False):
        with pytest.raises(Exception, match="https"):
            check_url("http://example.org/hook")
        check_url("https://example.org/hook")  # a public address over https is fine


def test_a_name_that_turns_private_at_delivery_is_not_contacted(
    receiver, province_officer, product_a, monkeypatch, django_capture_on_commit_callbacks
):
    public = [(2, 1, 6, "", ("93.184.215.14", 443))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: public)
    response = call(
        province_officer,
        "POST",
        "webhooks",
        {"name": "X", "url": "https://hook.example.org/", "events": ["certificate.issued"]},
    )
    assert response.status_code == 200, response.content
    with django_capture_on_commit_callbacks(execute=False):
        make_certificate(product_a, "03/GCN-OCOP", "2024-05-01")
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [(2, 1, 6, "", ("127.0.0.1", 443))])  # rebinding
    assert deliver_webhook.call(Delivery.objects.get().pk) is False
    delivery = Delivery.objects.get()
    assert "hook.example.org" in delivery.last_error and delivery.last_status is None
    assert Receiver.received == []


def test_the_staff_page_lists_and_replays(
    as_user, province_officer, outsider_officer, product_a, django_capture_on_commit_callbacks
):
    mine = Subscription.objects.create(
        owner=province_officer, unit=Role.objects.get(user=province_officer).unit, name="Cổng Đồng Nai",
        url="https://hook.example.org/", events=["certificate.issued"],
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=False):
        make_certificate(product_a, "04/GCN-OCOP", "2024-05-01")
    delivery = Delivery.objects.get(subscription=mine)
    Delivery.objects.filter(pk=delivery.pk).update(state="failed", attempts=6)
    client = as_user(province_officer)
    page = client.get("/staff/webhooks/")
    assert page.status_code == 200 and "Cổng Đồng Nai" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(f"/staff/webhooks/deliveries/{delivery.pk}/replay/")
    assert response.status_code == 302 and queued
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("pending", 0)
    other = as_user(outsider_officer)
    assert "Cổng Đồng Nai" not in other.get("/staff/webhooks/").content.decode()
    assert other.post(f"/staff/webhooks/deliveries/{delivery.pk}/replay/").status_code == 404


def test_a_dossier_moving_is_an_event(
    receiver, producer_user, province_officer, product_a, django_capture_on_commit_callbacks
):
    from ocop.evaluation.models import Dossier

    subscribe(province_officer, receiver, ["dossier.state_changed"])
    dossier_id = call(producer_user, "POST", "dossiers", {"product": product_a.pk}).json()["id"]
    assert not Delivery.objects.exists()  # opened: no state change yet
    with django_capture_on_commit_callbacks(execute=False):
        dossier = Dossier.objects.get(pk=dossier_id)
        dossier.state = "submitted"
        dossier.save()
    delivery = Delivery.objects.get()
    assert delivery.payload["data"] == {
        "dossier_id": dossier_id, "product_id": product_a.pk, "product_name": product_a.name,
        "from_state": "draft", "to_state": "submitted",
    }  # fmt: skip


def test_entering_the_window_and_expiry_are_events(
    province_officer, product_a, receiver, django_capture_on_commit_callbacks
):
    from ocop.certificates.reminders import send_due

    subscribe(province_officer, receiver, ["certificate.window_open", "certificate.expired"])
    with django_capture_on_commit_callbacks(execute=False):
        certificate = make_certificate(product_a, "05/GCN-OCOP", "2023-01-10")
        send_due(certificate.window()[0])
    assert list(Delivery.objects.values_list("event", flat=True)) == ["certificate.window_open"]
    with django_capture_on_commit_callbacks(execute=False):
        send_due(certificate.valid_until + datetime.timedelta(days=1))
    assert sorted(Delivery.objects.values_list("event", flat=True)) == [
        "certificate.expired",
        "certificate.window_open",
    ]


def test_a_revoked_tokens_subscription_hears_nothing(province_officer, product_a, django_capture_on_commit_callbacks):
    from ocop.core.models import ApiToken

    token = ApiToken.issue(province_officer, "cổng")[0]
    Subscription.objects.create(
        owner=province_officer, token=token, name="Cổng", url="https://hook.example.org/", events=["certificate.issued"]
    )
    ApiToken.objects.filter(pk=token.pk).update(revoked=True)
    with django_capture_on_commit_callbacks(execute=False):
        make_certificate(product_a, "06/GCN-OCOP", "2024-05-01")
    assert not Delivery.objects.exists()


def test_the_log_reads_in_a_fixed_number_of_queries(
    as_user, province_officer, product_a, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    subscription = Subscription.objects.create(
        owner=province_officer, unit=Role.objects.get(user=province_officer).unit, name="Cổng",
        url="https://hook.example.org/", events=["certificate.issued"],
    )  # fmt: skip
    Delivery.objects.bulk_create(
        Delivery(subscription=subscription, event="certificate.issued", event_id=str(n), payload={}) for n in range(30)
    )
    client = as_user(province_officer)
    client.get("/staff/webhooks/")  # warm: the session, the person's role
    with django_assert_max_num_queries(12):
        assert client.get("/staff/webhooks/").status_code == 200
    key_of(province_officer)  # the token made beforehand
    with django_assert_max_num_queries(10):
        page = call(province_officer, "GET", f"webhooks/{subscription.pk}/deliveries?cursor=&page_size=50").json()
    assert page["count"] == 30 and len(page["results"]) == 30


def test_an_inspections_outcome_is_an_event_without_the_inspectors_notes(
    receiver, province_officer, producer_user, product_a, django_capture_on_commit_callbacks
):
    from conftest import unit
    from ocop.monitoring import services
    from ocop.monitoring.models import Inspection, InspectionPlan, Outcome

    today = timezone.localdate()
    make_certificate(product_a, "75-H009", (today - datetime.timedelta(days=400)).isoformat())
    plan = InspectionPlan.objects.create(unit=unit("2025", "75"), year=today.year, authority="VP tỉnh")
    subscribe(province_officer, receiver, ["inspection.decided"])
    subscribe(producer_user, receiver, ["inspection.decided"])  # the producer hears about its own product
    with django_capture_on_commit_callbacks(execute=True):
        inspection = services.open_inspection(
            Inspection(plan=plan, product=product_a, scheduled_on=today, place="Xưởng", team="Đoàn",
                       internal_notes="KÍN", created_by=province_officer)
        )  # fmt: skip
        services.decide(
            inspection, outcome=Outcome.REMEDY, decided_on=today, conclusion="Sửa nhãn",
            remedy_due=today + datetime.timedelta(days=30),
        )  # fmt: skip
    deliveries = list(Delivery.objects.filter(event="inspection.decided"))
    assert {d.subscription.owner for d in deliveries} == {province_officer, producer_user}
    data = deliveries[0].payload["data"]
    assert (data["inspection_id"], data["outcome"], data["conclusion"]) == (inspection.pk, "remedy", "Sửa nhãn")
    assert "KÍN" not in json.dumps(deliveries[0].payload)


def test_a_subscription_stays_with_its_unit_when_its_owner_moves(
    receiver, province_officer, outsider_officer, product_a, django_capture_on_commit_callbacks
):
    """Hà Nội's office subscribes, then its owner is moved to Đồng Nai: Đồng Nai's events must not land in a
    subscription Hà Nội's office reads and may point elsewhere."""
    from conftest import unit
    from ocop.core.rights import forget

    subscribe(outsider_officer, receiver, ["certificate.issued"])
    Role.objects.filter(user=outsider_officer).update(unit=unit("2025", "75"))
    forget(outsider_officer)
    with django_capture_on_commit_callbacks(execute=False):
        make_certificate(product_a, "07/GCN-OCOP", "2024-05-01")
    assert not Delivery.objects.exists()
