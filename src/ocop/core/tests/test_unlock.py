"""Unlocking accounts: the province office lists the locked-out accounts in its province and unlocks them; the
unlock is in the change log. Other provinces' offices do not see those accounts (404), other roles may not
unlock (403)."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User

from conftest import PASSWORD, make_user, successor
from ocop.core.choices import RoleKind
from ocop.core.models import ChangeLog

pytestmark = pytest.mark.django_db

HOME = "203.0.113.10"
LOCKED_PAGE = "/staff/accounts/locked/"


def lock_out(client, username, address=HOME):
    for _ in range(5):
        client.post("/login/", {"username": username, "password": "wrong"}, REMOTE_ADDR=address)


def unlock_url(user: User) -> str:
    return f"/staff/accounts/{user.pk}/unlock/"


@pytest.fixture
def locked_producer(client, producer_a) -> User:
    """A producer account of Tân Lập (Đồng Nai), locked out from another address than the office's."""
    account = make_user("coso_a_ke_toan", RoleKind.PRODUCER, producer=producer_a)
    lock_out(client, account.username, address="198.51.100.7")
    return account


def test_the_province_office_sees_and_unlocks_an_account_of_its_province(
    client, as_user, province_officer, locked_producer
):
    office = as_user(province_officer)
    page = office.get(LOCKED_PAGE)
    assert page.status_code == 200
    assert locked_producer.username in page.content.decode()

    response = office.post(unlock_url(locked_producer))
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=locked_producer.username).exists()
    assert unlock_url(locked_producer) not in office.get(LOCKED_PAGE).content.decode()

    entry = ChangeLog.objects.get(
        object_id=str(locked_producer.ocop_role.pk), content_type__model="role", action="update"
    )
    assert entry.user == province_officer and entry.source == "web"
    assert entry.before["login_locked"] is True and entry.after == {"login_locked": False, "failed_logins": 0}
    assert ("bị khoá đăng nhập", True, False) in entry.changed_fields()

    office.logout()
    response = client.post(
        "/login/", {"username": locked_producer.username, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302


def test_an_office_of_another_province_gets_404_and_changes_nothing(as_user, outsider_officer, locked_producer):
    office = as_user(outsider_officer)
    assert locked_producer.username not in office.get(LOCKED_PAGE).content.decode()
    assert office.post(unlock_url(locked_producer)).status_code == 404
    assert AccessAttempt.objects.filter(username=locked_producer.username).exists()
    assert not ChangeLog.objects.filter(content_type__model="role", action="update").exists()


@pytest.mark.parametrize("persona", ["officer_a", "viewer", "producer_user"])
def test_other_roles_may_not_unlock(request, as_user, persona, locked_producer):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(LOCKED_PAGE).status_code == 403
    assert client.post(unlock_url(locked_producer)).status_code in (403, 404)
    assert AccessAttempt.objects.filter(username=locked_producer.username).exists()


def test_unlocking_needs_a_post(as_user, province_officer, locked_producer):
    assert as_user(province_officer).get(unlock_url(locked_producer)).status_code == 405


def test_an_account_that_is_not_locked_is_left_as_it_is(as_user, province_officer, producer_user):
    response = as_user(province_officer).post(unlock_url(producer_user), follow=True)
    assert response.status_code == 200
    assert not ChangeLog.objects.filter(content_type__model="role", action="update").exists()


def test_the_system_administrator_sees_every_locked_account(client, as_user, superuser, locked_producer):
    make_user("khong_vai_tro")
    lock_out(client, "khong_vai_tro")
    text = as_user(superuser).get(LOCKED_PAGE).content.decode()
    assert locked_producer.username in text and "khong_vai_tro" in text
    assert client.post(unlock_url(User.objects.get(username="khong_vai_tro"))).status_code == 302
    assert not AccessAttempt.objects.filter(username="khong_vai_tro").exists()


def test_the_list_takes_a_fixed_number_of_queries(
    client, as_user, province_officer, commune_a, django_assert_max_num_queries
):
    for number in range(12):
        user = make_user(f"xa{number}", "commune_officer", unit=successor(commune_a))
        lock_out(client, user.username, address=f"198.51.100.{number + 1}")
    office = as_user(province_officer)
    with django_assert_max_num_queries(8):  # session, user, role, scope; lockouts (2); accounts; notifications
        response = office.get(LOCKED_PAGE)
    assert response.content.decode().count("/unlock/") == 12
