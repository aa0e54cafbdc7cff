"""Vietnamese for everyone, whatever the browser asks for; English only for those who choose it, and a signed-in
person's choice is kept on their account (it follows them to another browser)."""

import pytest
from django.test import Client

from conftest import PASSWORD
from ocop.core.models import Preference

pytestmark = pytest.mark.django_db
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_it_answers_an_english_browser_in_vietnamese(client):
    page = client.get("/login/", **ENGLISH_BROWSER)
    assert 'lang="vi"' in page.content.decode() and "Đăng nhập" in page.content.decode()
    assert page["Content-Language"] == "vi"


def test_a_signed_in_officer_with_an_english_browser_still_reads_vietnamese(as_user, province_officer):
    page = as_user(province_officer).get("/staff/producers/", **ENGLISH_BROWSER).content.decode()
    assert 'lang="vi"' in page and "Chủ thể OCOP" in page


def test_an_anonymous_visitor_who_chooses_english_keeps_it_through_the_cookie(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert 'lang="en"' in client.get("/login/").content.decode()
    assert Preference.objects.count() == 0  # nobody to remember it for


def test_a_signed_in_choice_is_remembered_on_another_browser(as_user, province_officer):
    as_user(province_officer).post("/i18n/setlang/", {"language": "en", "next": "/staff/"})
    assert Preference.objects.get(user=province_officer).language == "en"
    other_browser = Client()  # no cookie, a Vietnamese browser: the account's choice wins once signed in
    other_browser.post("/login/", {"username": province_officer.username, "password": PASSWORD})
    page = other_browser.get("/staff/producers/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert 'lang="en"' in page and "Producers" in page
    other_browser.post("/logout/")
    assert 'lang="vi"' in other_browser.get("/login/").content.decode()  # signed out: the default again


def test_switching_back_on_the_portal_link_changes_the_remembered_choice(as_user, province_officer):
    client = as_user(province_officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/staff/"})
    client.get("/ngon-ngu/vi/", {"next": "/staff/producers/"})
    assert Preference.objects.get(user=province_officer).language == "vi"
    assert 'lang="vi"' in client.get("/staff/producers/").content.decode()


def test_an_unknown_language_changes_nothing(as_user, province_officer):
    client = as_user(province_officer)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/staff/"})
    assert not Preference.objects.filter(user=province_officer).exists()
    assert 'lang="vi"' in client.get("/staff/producers/").content.decode()


def test_the_api_still_answers_in_the_language_its_client_asks_for(client):
    asked = client.get("/api/v1/units", {"parent": "99999"}, **ENGLISH_BROWSER).json()
    default = client.get("/api/v1/units", {"parent": "99999"}).json()
    assert "No administrative unit" in str(asked) and "Không có đơn vị hành chính" in str(default)
