"""API tokens: they expire, can be revoked, are listed and created by their owner on a staff page (the key is
shown once), and guessing them is throttled per address like log-ins."""

import datetime
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from ocop.core.models import ApiToken, ChangeLog

pytestmark = pytest.mark.django_db

HOME = "203.0.113.10"
ELSEWHERE = "198.51.100.20"


def call_api(client, key, address=HOME):
    return client.get("/api/v1/producers", headers={"Authorization": f"Bearer {key}"}, REMOTE_ADDR=address)


def test_a_new_token_expires_after_the_default_lifetime(client, province_officer):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token, key = ApiToken.issue(province_officer, "báo cáo")
    assert token.expires_at == start + datetime.timedelta(days=90)
    with time_machine.travel(start + datetime.timedelta(days=89), tick=False):
        assert call_api(client, key).status_code == 200
    with time_machine.travel(start + datetime.timedelta(days=91), tick=False):
        response = call_api(client, key)
    assert response.status_code == 401
    assert "hết hạn" in response.json()["detail"]


@override_settings(OCOP_API_TOKEN_DAYS=7)
def test_the_default_lifetime_is_a_setting(province_officer):
    token, _key = ApiToken.issue(province_officer, "tuần")
    assert (token.expires_at - token.created_at).days == 7


def test_a_revoked_token_is_refused_with_a_clear_message(client, province_officer):
    token, key = ApiToken.issue(province_officer, "x")
    token.revoke()
    response = call_api(client, key)
    assert response.status_code == 401
    assert "thu hồi" in response.json()["detail"]


def test_a_token_of_a_disabled_account_is_refused(client, province_officer):
    _token, key = ApiToken.issue(province_officer, "x")
    province_officer.is_active = False
    province_officer.save()
    response = call_api(client, key)
    assert response.status_code == 401
    assert "vô hiệu" in response.json()["detail"]


def test_the_owner_lists_their_tokens_and_no_one_elses(as_user, province_officer, officer_a):
    ApiToken.issue(province_officer, "báo cáo tỉnh")
    ApiToken.issue(officer_a, "báo cáo xã")
    page = as_user(officer_a).get("/staff/account/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "báo cáo xã" in text and "báo cáo tỉnh" not in text


def test_a_token_created_on_the_page_is_shown_once(as_user, officer_a):
    client = as_user(officer_a)
    response = client.post("/staff/account/", {"name": "đồng bộ", "days": "30"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get()
    key = response.context["key"]
    assert key.startswith(f"ocop_{token.prefix}_") and key in response.content.decode()
    assert token.user == officer_a and token.key_hash == ApiToken.hash(key)
    assert (token.expires_at - token.created_at).days == 30
    assert key not in client.get("/staff/account/").content.decode()
    assert call_api(client, key).status_code == 200


def test_a_token_cannot_outlive_the_configured_lifetime(as_user, officer_a):
    response = as_user(officer_a).post("/staff/account/", {"name": "mãi mãi", "days": "3650"})
    assert response.status_code == 400
    assert "90" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_bad_name_changes_nothing(as_user, officer_a):
    response = as_user(officer_a).post("/staff/account/", {"name": "a\x00b", "days": "30"})
    assert response.status_code == 400 and not ApiToken.objects.exists()


def test_the_owner_revokes_a_token_and_it_is_recorded(as_user, officer_a):
    token, key = ApiToken.issue(officer_a, "cũ")
    client = as_user(officer_a)
    response = client.post(f"/staff/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked
    entries = ChangeLog.objects.filter(content_type__model="apitoken", object_id=str(token.pk))
    entry = entries.get(action="update")
    assert entry.user == officer_a and entry.after == {"revoked": True}
    assert "key_hash" not in entries.get(action="create").after
    assert call_api(client, key).status_code == 401


def test_no_one_else_can_revoke_a_token(as_user, province_officer, officer_a):
    token, _key = ApiToken.issue(officer_a, "của xã")
    response = as_user(province_officer).post(f"/staff/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert not token.revoked


def test_the_account_page_needs_a_log_in(client):
    assert client.get("/staff/account/").status_code == 302


def test_the_account_page_lists_tokens_in_a_fixed_number_of_queries(as_user, officer_a, django_assert_max_num_queries):
    for number in range(30):
        ApiToken.issue(officer_a, f"token {number}")
    client = as_user(officer_a)
    with django_assert_max_num_queries(7):  # session, user, role, scope; count, tokens; notifications
        assert client.get("/staff/account/").status_code == 200


# ------------------------------------------------------------------------------------------- the command line


def test_the_command_creates_lists_and_revokes(province_officer):
    out = io.StringIO()
    call_command("token", "create", "tinh", "báo cáo", "--days", "10", stdout=out)
    key = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert key.startswith(f"ocop_{token.prefix}_")
    assert (token.expires_at - token.created_at).days == 10
    out = io.StringIO()
    call_command("token", "list", stdout=out)
    listing = out.getvalue()
    assert token.prefix in listing and "tinh" in listing and "báo cáo" in listing
    call_command("token", "revoke", token.prefix, stdout=io.StringIO())
    token.refresh_from_db()
    assert token.revoked
    out = io.StringIO()
    call_command("token", "list", "tinh", stdout=out)
    assert "revoked" in out.getvalue()


def test_the_command_refuses_a_lifetime_out_of_range(province_officer):
    with pytest.raises(CommandError, match="days"):
        call_command("token", "create", "tinh", "x", "--days", "0")
    assert not ApiToken.objects.exists()


# ------------------------------------------------------------------------------------------------ throttling


def test_guessing_tokens_is_throttled_per_address(client, province_officer):
    _token, key = ApiToken.issue(province_officer, "thật")
    for number in range(4):
        assert call_api(client, f"ocop_deadbeef_guess{number}").status_code == 401
    response = call_api(client, "ocop_deadbeef_guess5")
    assert response.status_code == 429
    assert "quá nhiều lần" in response.json()["detail"]
    # Further attempts from that address are refused, even with a good key; other addresses are unaffected.
    assert call_api(client, key).status_code == 429
    assert call_api(client, key, address=ELSEWHERE).status_code == 200


def test_an_expired_or_revoked_key_is_not_counted_as_a_guess(client, province_officer):
    token, key = ApiToken.issue(province_officer, "cũ")
    token.revoke()
    for _ in range(6):
        assert call_api(client, key).status_code == 401
    _fresh, fresh_key = ApiToken.issue(province_officer, "mới")
    assert call_api(client, fresh_key).status_code == 200
