"""The dossier journey through the pages, persona by persona, with the refusals a user would meet."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import make_user, unit
from ocop.evaluation.models import CouncilSession, Dossier, Membership, Round

pytestmark = pytest.mark.django_db


def posted_best(dossier: Dossier, drop: int = 0) -> dict:
    sheet = dossier.criteria_version.scoresheet(dossier.product.product_set_id)
    data, lost = {}, 0
    for criterion in sheet.criteria:
        case = criterion.cases[0][0] if criterion.cases else None
        options = criterion.options_of(case)
        best = max(options, key=lambda o: o.points)
        low = min(options, key=lambda o: o.points)
        choice = best
        if lost < drop and not case and not any(o.min_star for o in options) and low.points < best.points:
            choice, lost = low, lost + best.points - low.points
        data[f"c-{criterion.code}"] = f"{case}:{choice.position}" if case else str(choice.position)
    return data


def test_the_journey_through_the_pages(
    client, as_user, product_a, producer_user, officer_a, province_officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    producer = as_user(producer_user)
    response = producer.post("/staff/dossiers/new/", {"product": product_a.pk, "kind": "first"})
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert producer.post(f"/staff/dossiers/{dossier.pk}/self-assessment/", {"c-1.1": "x"}).status_code == 400
    assert producer.post(f"/staff/dossiers/{dossier.pk}/self-assessment/", posted_best(dossier)).status_code == 302
    upload = SimpleUploadedFile("attp.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    producer.post(f"/staff/dossiers/{dossier.pk}/evidence/", {"criterion": "1.1", "file": upload, "note": "Giấy ATTP"})
    bad = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    producer.post(f"/staff/dossiers/{dossier.pk}/evidence/", {"file": bad})
    assert dossier.evidence.count() == 1
    producer.post(f"/staff/dossiers/{dossier.pk}/act/submit/")
    dossier.refresh_from_db()
    assert dossier.state == "submitted"

    page = producer.post(f"/staff/dossiers/{dossier.pk}/act/commune_forward/", follow=True).content.decode()
    assert "Không có gì thay đổi" in page or "Nothing was changed" in page
    commune = as_user(officer_a)
    checks = {f"check_{n}": "yes" for n in ("material_origin", "local_labour", "idea_origin", "local_identity")}
    commune.post(f"/staff/dossiers/{dossier.pk}/act/commune_forward/", {**checks, "commune_notes": "Đạt"})
    dossier.refresh_from_db()
    assert dossier.state == "forwarded" and dossier.check_local_identity is True

    office = as_user(province_officer)
    office.post(
        "/staff/sessions/rounds/new/",
        {
            "province": unit("2025", "75").pk,
            "year": 2026,
            "number": 2,
            "commune_deadline": "30/10/2026",
            "closes_on": "30/12/2026",
        },
    )
    round_ = Round.objects.get()
    office.post(f"/staff/dossiers/{dossier.pk}/act/receive/", {"round": round_.pk})
    office.post(
        "/staff/sessions/new/",
        {"round": round_.pk, "name": "Hội đồng tỉnh", "held_on": "20/11/2026", "quorum": 2, "discrepancy_points": 15},
    )
    session = CouncilSession.objects.get()
    office.post(f"/staff/dossiers/{dossier.pk}/act/schedule/", {"session": session.pk})
    members = [make_user(f"tv{i}") for i in range(3)]
    for member in members:
        office.post(f"/staff/sessions/{session.pk}/act/add_member/", {"username": member.username, "role": "member"})
    assert Membership.objects.count() == 3
    recusing = as_user(members[2])
    recusing.post(f"/staff/sessions/{session.pk}/act/recuse/", {"reason": "Anh em ruột của giám đốc HTX"})
    assert Membership.objects.get(user=members[2]).recused
    assert recusing.get(f"/staff/sessions/{session.pk}/dossiers/{dossier.pk}/score/").status_code == 302

    for member, drop in zip(members[:2], (0, 24), strict=True):
        scorer = as_user(member)
        url = f"/staff/sessions/{session.pk}/dossiers/{dossier.pk}/score/"
        assert (
            "Hidden until you submit" in scorer.get(url).content.decode()
            or "Ẩn cho đến khi" in scorer.get(url).content.decode()
        )
        assert scorer.post(url, posted_best(dossier, drop)).status_code == 302
        assert scorer.post(url, posted_best(dossier)).status_code == 400  # locked
    as_user(province_officer).post(f"/staff/sessions/{session.pk}/act/close/")
    dossier.refresh_from_db()
    assert dossier.state == "scored" and dossier.council_stars == 4

    office = as_user(province_officer)
    office.post(
        f"/staff/dossiers/{dossier.pk}/act/recognise/",
        {
            "certificate_number": "07/2026/GCN",
            "decision_number": "2050/QĐ-UBND",
            "decision_date": dt.date.today().strftime("%d/%m/%Y"),
            "signer": "Chủ tịch UBND tỉnh",
        },
    )
    dossier.refresh_from_db()
    assert dossier.state == "recognised"
    client.logout()
    page = client.get(f"/verify/{dossier.certificate.verification_code}/").content.decode()
    assert "4★" in page and "Còn hiệu lực" in page


def test_dossier_pages_are_scoped(as_user, product_a, producer_user, officer_b):
    as_user(producer_user).post("/staff/dossiers/new/", {"product": product_a.pk, "kind": "first"})
    dossier = Dossier.objects.get()
    other = as_user(officer_b)
    assert other.get(f"/staff/dossiers/{dossier.pk}/").status_code == 404
    assert other.post(f"/staff/dossiers/{dossier.pk}/act/submit/").status_code == 404
    assert other.get(f"/staff/dossiers/{dossier.pk}/self-assessment/").status_code == 404
    assert "Hạt điều" not in other.get("/staff/dossiers/").content.decode()


def test_a_refused_step_is_kept_on_the_route_and_changes_nothing(as_user, product_a, producer_user):
    client = as_user(producer_user)
    client.post("/staff/dossiers/new/", {"product": product_a.pk, "kind": "first"})
    dossier = Dossier.objects.get()
    client.post(f"/staff/dossiers/{dossier.pk}/act/submit/")  # the self-assessment is empty
    client.post(
        f"/staff/dossiers/{dossier.pk}/act/recognise/",
        {"certificate_number": "x", "decision_number": "y", "decision_date": "01/01/2026"},
    )
    dossier.refresh_from_db()
    assert dossier.state == "draft" and dossier.certificate is None
    assert list(dossier.events.values_list("action", flat=True)) == ["refused:submit", "refused:recognise"]
