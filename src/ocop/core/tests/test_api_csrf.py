"""A bearer token is not ambient authority: API writes with a token need no CSRF cookie, while writes made with
a browser session still need the CSRF token. Django's test client skips CSRF checks unless told to enforce them."""

import pytest
from django.test import Client

from ocop.core.models import ApiToken
from ocop.evaluation.models import CriteriaVersion

pytestmark = pytest.mark.django_db

EVALUATE = "/api/v1/scoring/evaluate"


@pytest.fixture
def sheet() -> dict:
    """A complete scoresheet of product set 7 (each criterion's first option)."""
    choices = {}
    for criterion in CriteriaVersion.objects.get().scoresheet(7).criteria:
        case = criterion.cases[0][0] if criterion.cases else None
        option = criterion.options_of(case)[0].position
        choices[criterion.code] = {"case": case, "option": option} if case else option
    return {"product_set": 7, "sheets": [{"member": "A", "choices": choices}]}


@pytest.fixture
def strict_client() -> Client:
    return Client(enforce_csrf_checks=True)


def test_it_accepts_a_token_post_without_a_csrf_cookie(strict_client, province_officer, sheet):
    _token, key = ApiToken.issue(province_officer, "script")
    response = strict_client.post(
        EVALUATE, sheet, content_type="application/json", headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["kind"] == "sheet"


def test_it_refuses_a_session_post_without_the_csrf_token(strict_client, province_officer, sheet):
    strict_client.force_login(province_officer)
    response = strict_client.post(EVALUATE, sheet, content_type="application/json")
    assert response.status_code == 403


def test_it_accepts_a_session_post_with_the_csrf_token(strict_client, province_officer, sheet):
    strict_client.force_login(province_officer)
    strict_client.get("/login/")  # a page with a form sets the CSRF cookie
    token = strict_client.cookies["csrftoken"].value
    response = strict_client.post(EVALUATE, sheet, content_type="application/json", headers={"X-CSRFToken": token})
    assert response.status_code == 200, response.content


def test_a_bad_token_is_not_rescued_by_a_session(strict_client, province_officer):
    # Whoever sends a bearer token is judged on it alone: a stale script must not act as the browser's user.
    strict_client.force_login(province_officer)
    response = strict_client.get("/api/v1/producers", headers={"Authorization": "Bearer ocop_00000000_nothing"})
    assert response.status_code == 401


def test_reads_with_a_session_need_no_csrf_token(strict_client, province_officer):
    strict_client.force_login(province_officer)
    assert strict_client.get("/api/v1/producers").status_code == 200
