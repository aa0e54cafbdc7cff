"""Log-in throttling: repeated failures per account and per address stop further attempts for a while, with a
message in Vietnamese, and nothing else happens (the account is not logged in). Successful log-ins and lockouts
are recorded."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import User
from django.test import override_settings
from django.utils import timezone

from conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

HOME = "203.0.113.10"  # documentation addresses (RFC 5737): no traffic is sent anywhere
ELSEWHERE = "198.51.100.20"
LOCKED = "Đăng nhập sai quá nhiều lần"


def log_in(client, username, password, address=HOME, **headers):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def fail(client, username, times, address=HOME, **headers):
    return [log_in(client, username, "wrong-password", address, **headers) for _ in range(times)]


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_it_refuses_an_account_after_five_failures_even_with_the_right_password(client, province_officer):
    responses = fail(client, "tinh", 5)
    assert [r.status_code for r in responses[:4]] == [200] * 4  # the form again, with the usual error
    assert responses[4].status_code == 429
    assert LOCKED in responses[4].content.decode()

    response = log_in(client, "tinh", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not logged_in(client)
    province_officer.refresh_from_db()
    assert province_officer.last_login is None


def test_it_counts_an_account_across_addresses(client, province_officer):
    for number in range(5):
        fail(client, "tinh", 1, address=f"203.0.113.{number + 1}")
    response = log_in(client, "tinh", PASSWORD, address=ELSEWHERE)
    assert response.status_code == 429 and not logged_in(client)


def test_it_counts_an_address_across_accounts(client, province_officer):
    for name in ("an", "binh", "chi", "dung", "giang"):
        fail(client, name, 1)
    response = log_in(client, "tinh", PASSWORD)
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert not logged_in(client)
    # The account itself is not locked: from another address it logs in.
    response = log_in(client, "tinh", PASSWORD, address=ELSEWHERE)
    assert response.status_code == 302 and logged_in(client)


def test_the_lock_ends_after_the_lockout_time(client, province_officer):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, "tinh", 5)
        assert log_in(client, "tinh", PASSWORD).status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        response = log_in(client, "tinh", PASSWORD)
    assert response.status_code == 302 and logged_in(client)


@override_settings(AXES_FAILURE_LIMIT=2)
def test_the_limit_is_a_setting(client, province_officer):
    fail(client, "tinh", 2)
    assert log_in(client, "tinh", PASSWORD).status_code == 429


def test_a_successful_log_in_clears_the_accounts_failures(client, province_officer):
    fail(client, "tinh", 4)
    assert log_in(client, "tinh", PASSWORD).status_code == 302
    client.logout()
    fail(client, "tinh", 4, address=ELSEWHERE)
    assert log_in(client, "tinh", PASSWORD, address=ELSEWHERE).status_code == 302


def test_logging_in_to_ones_own_account_does_not_clear_failures_against_others(client, province_officer):
    attacker = make_user("attacker")
    fail(client, "tinh", 4)
    assert log_in(client, attacker.username, PASSWORD).status_code == 302
    client.logout()
    assert log_in(client, "tinh", "wrong-password", address=ELSEWHERE).status_code == 429


def test_successful_log_ins_and_lockouts_are_recorded(client, province_officer):
    log_in(client, "tinh", PASSWORD)
    assert AccessLog.objects.filter(username="tinh", ip_address=HOME).count() == 1
    client.logout()
    fail(client, "tinh", 5, address=ELSEWHERE)
    lockout = AccessFailureLog.objects.get(username="tinh", locked_out=True)
    assert lockout.ip_address == ELSEWHERE
    assert AccessFailureLog.objects.filter(username="tinh").count() == 5


def test_the_admin_log_in_is_throttled_too(client, superuser):
    for _ in range(5):
        client.post("/admin/login/", {"username": "quantri", "password": "wrong"}, REMOTE_ADDR=HOME)
    response = client.post("/admin/login/", {"username": "quantri", "password": PASSWORD}, REMOTE_ADDR=HOME)
    assert response.status_code == 429 and not logged_in(client)


def test_the_forwarded_for_header_is_ignored_unless_a_proxy_is_configured(client, province_officer):
    for number in range(5):
        fail(client, f"user{number}", 1, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    # Five different claimed addresses, one real one: the real one is what counts.
    assert log_in(client, "tinh", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


@override_settings(OCOP_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_the_proxy_appended_counts(client, province_officer):
    # A client may send its own X-Forwarded-For; the proxy appends the address it saw, the last one.
    for number in range(5):
        fail(client, f"user{number}", 1, address="127.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, {HOME}")
    assert AccessAttempt.objects.filter(ip_address=HOME).count() == 5
    blocked = log_in(client, "tinh", PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR=HOME)
    assert blocked.status_code == 429
    other = log_in(client, "tinh", PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert other.status_code == 302


@override_settings(OCOP_PROXY_COUNT=1)
def test_a_malformed_forwarded_for_falls_back_to_the_connections_address(client, province_officer):
    response = log_in(client, "tinh", "wrong", address=HOME, HTTP_X_FORWARDED_FOR="not-an-address")
    assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address == HOME


def test_ipv6_addresses_count_per_network(client, province_officer):
    for number in range(5):
        fail(client, f"user{number}", 1, address=f"2001:db8:1:2::{number + 1}")
    assert log_in(client, "tinh", PASSWORD, address="2001:db8:1:2:ffff::1").status_code == 429
    assert log_in(client, "tinh", PASSWORD, address="2001:db8:1:3::1").status_code == 302


def test_the_lockout_page_is_in_english_for_english_readers(client, province_officer, settings):
    fail(client, "tinh", 5)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # English is what one chooses, not what the browser asks
    response = log_in(client, "tinh", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()


def test_nothing_is_recorded_for_a_form_that_is_not_filled_in(client):
    client.post("/login/", {"username": "", "password": ""}, REMOTE_ADDR=HOME)
    assert not AccessAttempt.objects.exists()
    assert User.objects.count() == 0


def test_a_name_longer_than_any_account_is_a_failed_log_in_not_a_500(client, province_officer):
    """Django's log-in form does not bound the name it authenticates; axes then recorded a 200,000-character name
    in a 255-character column, which PostgreSQL refuses (a 500). No account has such a name: refused, unrecorded."""
    client.raise_request_exception = False
    response = log_in(client, "x" * 200_000, "wrong-password")
    assert response.status_code == 200 and response.context["form"].errors
    assert not logged_in(client) and not AccessAttempt.objects.exists() and not AccessFailureLog.objects.exists()
