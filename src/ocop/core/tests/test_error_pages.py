"""Error pages speak the platform's language: Django's own 400/403/404 pages are bare English text; ours are
Vietnamese pages of the site, and a refusal says why (the rights table's reason) without naming what is hidden."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_a_vietnamese_page_of_the_site(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="vi">' in page and "Không tìm thấy trang" in page and "Not Found" not in page


def test_a_refusal_says_why_in_vietnamese(client, viewer):
    client.force_login(viewer)
    response = client.get("/staff/producers/add/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Không có quyền" in page and "403 Forbidden" not in page


def test_a_form_without_its_csrf_token_is_refused_in_vietnamese(viewer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(viewer)
    response = client.post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "phiên làm việc" in page and "CSRF verification failed" not in page


def test_a_request_for_another_host_is_refused_in_vietnamese(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Yêu cầu không đọc được" in response.content.decode()
