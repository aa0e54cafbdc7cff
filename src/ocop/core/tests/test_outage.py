"""A database out of reach: a clear 503 in Vietnamese with Retry-After, never a traceback or a 500."""

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    def refuse(*args: object, **kwargs: object) -> None:
        raise OperationalError('connection to server at "10.9.9.9", port 5432 failed: Connection refused')

    def down() -> None:
        monkeypatch.setattr(connection, "cursor", refuse)
        monkeypatch.setattr(connection, "chunked_cursor", refuse)

    return down


def assert_outage_page(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "Hệ thống tạm thời gián đoạn" in text
    assert "Traceback" not in text and "10.9.9.9" not in text and "OperationalError" not in text


def test_a_public_page_during_an_outage_is_a_503_in_vietnamese(database_down) -> None:
    database_down()
    assert_outage_page(Client(raise_request_exception=False).get("/"))


def test_a_signed_in_page_whose_session_cannot_be_read_is_a_503(database_down, province_officer) -> None:
    """The session and the user are read by middleware, before any view: Django's handler500 door."""
    client = Client(raise_request_exception=False)
    client.force_login(province_officer)
    database_down()
    assert_outage_page(client.get("/staff/producers/"))


def test_the_api_answers_json(database_down, monkeypatch) -> None:
    database_down()
    response = Client(raise_request_exception=False).get("/api/v1/units")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json()["detail"].startswith("Cơ sở dữ liệu hiện chưa phản hồi")


def test_a_connection_that_broke_mid_request_is_an_outage_too(monkeypatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(connection, "cursor", broken)
    monkeypatch.setattr(connection, "chunked_cursor", broken)
    assert_outage_page(Client(raise_request_exception=False).get("/san-pham/"))


def test_other_errors_stay_a_500(monkeypatch) -> None:
    def bug(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError

    monkeypatch.setattr(connection, "cursor", bug)
    assert Client(raise_request_exception=False).get("/").status_code == 500
