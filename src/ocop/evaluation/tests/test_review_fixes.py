"""Defects found in review of the evaluation and certificates, each pinned by a test."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import make_certificate, make_user, unit
from ocop.core.choices import RoleKind
from ocop.core.models import ChangeLog
from ocop.evaluation import council, workflow
from ocop.evaluation.models import Dossier
from ocop.evaluation.tests.helpers import best, file_and_forward

pytestmark = pytest.mark.django_db


def test_evidence_is_served_only_to_the_dossiers_people(
    client, as_user, product_a, producer_user, officer_b, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    owner = as_user(producer_user)
    owner.post("/staff/dossiers/new/", {"product": product_a.pk, "kind": "first"})
    dossier = Dossier.objects.get()
    upload = SimpleUploadedFile("giay-phep.pdf", b"%PDF-1.4 secret", content_type="application/pdf")
    owner.post(f"/staff/dossiers/{dossier.pk}/evidence/", {"file": upload})
    item = dossier.evidence.get()
    assert "giay-phep" not in item.file.name  # stored under a random name
    assert (
        b"".join(owner.get(f"/staff/dossiers/{dossier.pk}/evidence/{item.pk}/").streaming_content) == b"%PDF-1.4 secret"
    )
    assert as_user(officer_b).get(f"/staff/dossiers/{dossier.pk}/evidence/{item.pk}/").status_code == 404
    client.logout()
    assert client.get("/media/" + item.file.name).status_code == 404


def test_a_viewer_cannot_open_or_move_dossiers(as_user, viewer, product_a, producer_user):
    response = as_user(viewer).post("/staff/dossiers/new/", {"product": product_a.pk, "kind": "first"})
    assert response.status_code == 403 and not Dossier.objects.exists()
    dossier = workflow.open_dossier(product_a, "first", producer_user)
    response = as_user(viewer).post(f"/staff/dossiers/{dossier.pk}/act/submit/")
    assert response.status_code == 403 and not dossier.events.exists()


def test_blind_scores_never_show_in_the_change_log(
    product_a, producer_user, officer_a, province_officer, council_of_three
):
    session, members = council_of_three
    dossier = file_and_forward(product_a, producer_user, officer_a, province_officer, session)
    council.submit_sheet(council.member_sheet(session, dossier, members[0]), best(dossier), [], [])
    for entry in ChangeLog.objects.filter(content_type__model="scoresheet"):
        assert "total" not in entry.after and "stars" not in entry.after


def test_a_council_seat_never_gives_the_right_to_decide(
    product_a, producer_user, officer_a, province_officer, outsider_officer, council_of_three
):
    session, _members = council_of_three
    dossier = file_and_forward(product_a, producer_user, officer_a, province_officer, session)
    session.memberships.create(user=outsider_officer)
    assert workflow.allowed_actions(outsider_officer, dossier) == []
    assert not workflow.on_the_route(outsider_officer, dossier)
    assert Dossier.objects.for_user(outsider_officer).filter(pk=dossier.pk).exists()  # may read, as a member


def test_a_recognised_dossier_reopens_only_after_its_certificate_is_revoked(product_a, producer_user, province_officer):
    dossier = workflow.open_dossier(product_a, "first", producer_user)
    certificate = make_certificate(product_a, "C1", "2026-06-01")
    Dossier.objects.filter(pk=dossier.pk).update(state="recognised", certificate=certificate)
    dossier.refresh_from_db()
    with pytest.raises(ValidationError, match=r"thu hồi|revoke"):
        workflow.move(dossier, "reopen", province_officer, reason="Khiếu nại")


def test_odd_inputs_get_4xx_not_500(client, as_user, product_a, producer_user, province_officer):
    assert client.get("/verify/", {"code": "AB/CD"}).status_code == 404
    dossier = workflow.open_dossier(product_a, "first", producer_user)
    assert (
        as_user(producer_user).post(f"/staff/dossiers/{dossier.pk}/self-assessment/", {"c-1.1": "²"}).status_code == 400
    )
    assert as_user(province_officer).get("/staff/criteria/1/sets/99999999999999999999999/").status_code == 404
    response = as_user(province_officer).post(
        "/staff/sessions/new/", {"name": "x", "held_on": "01/01/2026", "quorum": 0, "discrepancy_points": 15}
    )
    assert response.status_code == 400


def test_only_the_province_records_or_revokes_certificates(as_user, officer_a, province_officer, product_a):
    certificate = make_certificate(product_a, "C2", "2025-03-01")
    assert as_user(officer_a).get("/staff/certificates/add/").status_code == 403
    assert as_user(officer_a).post(f"/staff/certificates/{certificate.pk}/revoke/", {}).status_code == 403
    future = (dt.date.today() + dt.timedelta(days=30)).strftime("%d/%m/%Y")
    data = {
        "revocation_ground": "d",
        "revoked_on": future,
        "revocation_authority": "UBND",
        "revocation_decision": "1/QĐ",
    }
    assert as_user(province_officer).post(f"/staff/certificates/{certificate.pk}/revoke/", data).status_code == 400
    from ocop.evaluation.models import Regime

    with pytest.raises(ValidationError, match=r"không có hiệu lực|not in force"):
        make_certificate(product_a, "C3", "2018-01-01", regime=Regime.objects.get(code="qd-1048-2019"))


def test_a_late_reminder_run_never_sends_an_earlier_stage_afterwards(product_a, producer_user):
    from ocop.certificates.reminders import send_due

    make_certificate(product_a, "R/9", "2023-06-01")  # window 02/12/2025 – 31/01/2026
    assert send_due(dt.date(2026, 1, 31)) == 1  # first run on the closing day
    assert send_due(dt.date(2026, 2, 1)) == 0  # "window open" is not sent after it


def test_a_mail_failure_does_not_stop_the_reminders(product_a, producer_user, monkeypatch):
    from ocop.certificates import reminders

    producer_user.email = "coso@example.vn"
    producer_user.save()
    make_certificate(product_a, "R/10", "2023-06-01")

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(reminders, "send_mail", broken)
    assert reminders.send_due(dt.date(2025, 12, 2)) == 1
    assert producer_user.notifications.count() == 1


def test_a_dossier_can_be_taken_off_an_open_session(
    product_a, producer_user, officer_a, province_officer, council_of_three
):
    session, _members = council_of_three
    dossier = file_and_forward(product_a, producer_user, officer_a, province_officer, session)
    dossier = workflow.move(dossier, "unschedule", province_officer, reason="Chờ kết quả kiểm nghiệm")
    assert (dossier.state, dossier.session) == ("received", None)
    assert make_user("x", RoleKind.VIEWER, unit=unit("2025", "75"))
