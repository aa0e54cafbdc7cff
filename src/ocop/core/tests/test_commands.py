import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from conftest import unit
from ocop.certificates.models import Certificate
from ocop.core.models import ApiToken, Role
from ocop.registry.models import Product

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


DEMO_FIGURE = re.compile(
    r"(\d[\d.,]*)\s+(producers|products|certificates|dossiers|events|sales points|listings|programme activities)"
)


def figures(text: str) -> dict[str, int]:
    return {word: int(number.replace(",", "").replace(".", "")) for number, word in DEMO_FIGURE.findall(text)}


def test_demo_is_loaded_once_and_prints_the_figures_the_readme_may_state(db):
    """`ocop demo` prints what the demo holds (counted in the database, also when it was loaded before); the README
    states no figure that differs from it (it said 376 certificates while the demo printed 370)."""
    first, second = io.StringIO(), io.StringIO()
    call_command("demo", stdout=first)
    call_command("demo", stdout=second)
    printed = figures(first.getvalue())
    assert set(printed) == {"producers", "products", "certificates", "dossiers", "events", "sales points",
                            "listings", "programme activities"}, first.getvalue()  # fmt: skip
    assert printed["certificates"] == Certificate.objects.filter(product__is_demo=True).count()
    assert printed["products"] == Product.objects.filter(is_demo=True).count()
    assert "already loaded" in second.getvalue() and figures(second.getvalue()) == printed
    readme = (Path(__file__).resolve().parents[4] / "README.md").read_text(encoding="utf-8")
    for word, number in figures(readme).items():
        assert number == printed[word], f"README says {number} {word}; `ocop demo` prints {printed[word]}"


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
