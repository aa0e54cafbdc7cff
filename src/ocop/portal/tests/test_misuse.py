"""The public's misuse reports: validated, rate-limited, honeypot-guarded, and seen only by the right officers."""

import pytest

from ocop.portal import misuse
from ocop.portal.models import MisuseReport, MisuseStatus
from ocop.portal.tests.kit import certified

pytestmark = pytest.mark.django_db

REPORT = {
    "code": "ABCD-EFGH-JKLM",
    "seen_at": "Chợ Đồng Xoài, sạp 12",
    "description": "Tem OCOP dán trên điều không rõ nguồn gốc.",
}


@pytest.fixture
def dieu(producer_a):
    return certified(producer_a, "Hạt điều rang muối Tân Lập")


@pytest.fixture
def tieu(producer_b):
    return certified(producer_b, "Tiêu đen Minh Hưng", product_set=10)


def test_a_report_lands_in_the_worklist_of_the_products_commune(client, as_user, dieu, officer_a, officer_b):
    response = client.post("/bao-cao-vi-pham/", {**REPORT, "product": dieu.pk})
    assert response.status_code == 200
    report = MisuseReport.objects.get()
    assert report.product == dieu and report.unit == dieu.producer.commune and report.status == MisuseStatus.NEW
    assert report.product_name == dieu.name
    assert as_user(officer_a).get("/staff/misuse/").content.decode().count("Chợ Đồng Xoài") == 1
    assert "Chợ Đồng Xoài" not in as_user(officer_b).get("/staff/misuse/").content.decode()
    assert as_user(officer_b).get(f"/staff/misuse/{report.pk}/").status_code == 404
    assert "Chợ Đồng Xoài" in as_user(officer_a).get("/staff/certificates/worklist/").content.decode()


def test_a_report_naming_no_product_goes_to_the_province_office(as_user, client, province_officer, officer_a, dieu):
    client.post("/bao-cao-vi-pham/", {**REPORT, "product_name": "Mật ong rừng giả"})
    report = MisuseReport.objects.get()
    assert report.unit is None
    assert "Mật ong rừng giả" in as_user(province_officer).get("/staff/misuse/").content.decode()
    assert "Mật ong rừng giả" not in as_user(officer_a).get("/staff/misuse/").content.decode()


def test_producers_viewers_and_outsiders_never_see_reports(
    client, as_user, dieu, producer_user, viewer, outsider_officer
):
    client.post("/bao-cao-vi-pham/", {**REPORT, "product": dieu.pk})
    report = MisuseReport.objects.get()
    for user in (producer_user, viewer):
        assert as_user(user).get("/staff/misuse/").status_code == 403
        assert as_user(user).get(f"/staff/misuse/{report.pk}/").status_code == 404
    assert "Chợ Đồng Xoài" not in as_user(outsider_officer).get("/staff/misuse/").content.decode()
    assert client.logout() is None
    assert client.get("/staff/misuse/").status_code == 302  # anonymous: to the login page


def test_officer_records_the_outcome_with_history(as_user, client, dieu, officer_a):
    client.post("/bao-cao-vi-pham/", {**REPORT, "product": dieu.pk})
    report = MisuseReport.objects.get()
    officer = as_user(officer_a)
    response = officer.post(f"/staff/misuse/{report.pk}/", {"status": "confirmed", "handling_note": "Đã kiểm tra."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == MisuseStatus.CONFIRMED
    from ocop.core.models import ChangeLog

    assert ChangeLog.objects.filter(object_id=str(report.pk), user=officer_a).exists()
    assert officer.post(f"/staff/misuse/{report.pk}/", {"status": "nonsense"}).status_code == 400


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"seen_at": "chợ", "description": "x"},  # neither code nor product
        {**REPORT, "description": "x" * 5000},
        {**REPORT, "product": "abc"},
        {**REPORT, "seen_at": "<script>alert(1)</script>" * 20},
    ],
)
def test_bad_reports_are_explained_and_not_saved(client, data):
    response = client.post("/bao-cao-vi-pham/", data)
    assert response.status_code == 400
    assert MisuseReport.objects.count() == 0
    assert b"<script>alert(1)</script>" not in response.content


def test_robots_filling_the_honeypot_are_thanked_and_ignored(client):
    response = client.post("/bao-cao-vi-pham/", {**REPORT, "website": "http://spam.example"})
    assert response.status_code == 200 and MisuseReport.objects.count() == 0


def test_floods_are_refused(client, monkeypatch):
    for _ in range(misuse.PER_ADDRESS_PER_HOUR):
        assert client.post("/bao-cao-vi-pham/", REPORT).status_code == 200
    response = client.post("/bao-cao-vi-pham/", REPORT)
    assert response.status_code == 429
    assert MisuseReport.objects.count() == misuse.PER_ADDRESS_PER_HOUR
    other = client.post("/bao-cao-vi-pham/", REPORT, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200  # another address is not punished for the first one
    monkeypatch.setattr(misuse, "ALL_PER_TEN_MINUTES", MisuseReport.objects.count())
    assert client.post("/bao-cao-vi-pham/", REPORT, REMOTE_ADDR="10.0.0.10").status_code == 429


def test_the_verify_page_offers_the_report_for_unknown_codes(client):
    response = client.get("/verify/ZZZZ-ZZZZ-ZZZZ/")
    assert response.status_code == 404
    assert "/bao-cao-vi-pham/?code=ZZZZ-ZZZZ-ZZZZ" in response.content.decode()
    form = client.get("/bao-cao-vi-pham/", {"code": "ZZZZ-ZZZZ-ZZZZ"})
    assert 'value="ZZZZ-ZZZZ-ZZZZ"' in form.content.decode()
