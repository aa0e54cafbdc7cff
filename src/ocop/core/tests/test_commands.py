import io

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from conftest import unit
from ocop.core.models import ApiToken, Role

pytestmark = pytest.mark.django_db


def test_a_token_is_created_for_a_user_and_can_be_revoked(client, province_officer):
    out = io.StringIO()
    call_command("token", "create", "tinh", "báo cáo", stdout=out)
    key = out.getvalue().strip()
    assert client.get("/api/v1/producers", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    call_command("token", "revoke", key.split("_")[1], stdout=io.StringIO())
    assert ApiToken.objects.get().revoked
    assert client.get("/api/v1/producers", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_unknown_users_get_a_clear_error(db):
    with pytest.raises(CommandError, match="No user named"):
        call_command("token", "create", "ghost", "x")


def test_units_sync_reports_nothing_new_on_a_second_run(db):
    out = io.StringIO()
    call_command("units", "sync", stdout=out)
    assert "0 new, 0 updated), 0 new successions" in out.getvalue()


def test_a_role_must_match_its_unit_level(commune_a):
    role = Role(user=User.objects.create_user("x"), kind="commune_officer", unit=unit("2025", "75"))
    with pytest.raises(ValidationError, match=r"Cán bộ xã|commune officer"):
        role.full_clean()
    role.unit = commune_a
    role.full_clean()
