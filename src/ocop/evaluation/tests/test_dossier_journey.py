"""The journey of a dossier as the people take it, through the services: file, review, receive, score
blind, decide; every wrong step refused with the state unchanged."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from conftest import make_user, unit
from ocop.core.choices import RoleKind
from ocop.evaluation import council, decisions, workflow
from ocop.evaluation.choices import DossierState as S
from ocop.evaluation.models import CriteriaVersion, Dossier, DossierEvent
from ocop.evaluation.tests.helpers import best, file_and_forward, lower

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are matched in English here; the Vietnamese catalogue is checked elsewhere."""
    with translation.override("en"):
        yield


def test_the_whole_journey_from_filing_to_a_certificate(
    product_a, producer_user, officer_a, province_officer, council_of_three
):
    session, members = council_of_three
    dossier = file_and_forward(product_a, producer_user, officer_a, province_officer, session)
    assert dossier.receipt_number.endswith(f"/PĐK-70-{product_a.producer.commune.code}-{dt.date.today().year}")
    assert CriteriaVersion.objects.get().in_use

    sheets = [council.member_sheet(session, dossier, m) for m in members[:3]]
    assert council.visible_sheets(session, dossier, members[0]) == []  # blind until one's own is in
    council.submit_sheet(sheets[0], best(dossier), [], [])
    council.submit_sheet(sheets[1], lower(best(dossier), dossier, 18), [], [])
    assert len(council.visible_sheets(session, dossier, members[0])) == 2
    assert council.visible_sheets(session, dossier, members[2]) == []
    with pytest.raises(ValidationError, match="Quorum"):
        council.close_session(session, province_officer)
    council.submit_sheet(sheets[2], lower(best(dossier), dossier, 10), [], [])
    with pytest.raises(ValidationError, match="locked"):
        council.submit_sheet(sheets[2], best(dossier), [], [])
    with pytest.raises(ValidationError, match="recused"):
        council.member_sheet(session, dossier, members[3])

    council.close_session(session, province_officer)
    dossier.refresh_from_db()
    assert dossier.state == S.SCORED and 80 <= dossier.council_total < 100
    assert dossier.council_stars == 4 and dossier.result["discrepancy"]  # one member 18 points lower
    with pytest.raises(ValidationError, match="closed"):
        council.submit_sheet(council.member_sheet(session, dossier, members[0]), best(dossier), [], [])

    dossier = decisions.recognise(
        dossier, province_officer, certificate_number="01/2026/GCN", decision_number="2050/QĐ-UBND",
        decision_date=dt.date.today(), signer="Chủ tịch UBND tỉnh",
    )  # fmt: skip
    assert dossier.state == S.RECOGNISED and dossier.certificate.stars == 4
    assert dossier.certificate.status_on() == "valid"
    actions = list(DossierEvent.objects.filter(dossier=dossier).values_list("action", flat=True))
    assert actions == ["submit", "commune_forward", "receive", "schedule", "score", "recognise"]


def test_steps_out_of_order_or_by_the_wrong_person_change_nothing(
    product_a, producer_user, officer_a, officer_b, province_officer
):
    dossier = workflow.open_dossier(product_a, "first", producer_user)
    with pytest.raises(ValidationError, match="incomplete"):
        workflow.move(dossier, "submit", producer_user)  # self-assessment empty
    with pytest.raises(ValidationError):
        workflow.move(dossier, "receive", province_officer)  # not forwarded yet
    workflow.save_self_assessment(dossier, producer_user, best(dossier))
    with pytest.raises(PermissionDenied):
        workflow.move(dossier, "submit", officer_b)  # another commune's officer
    dossier = workflow.move(dossier, "submit", officer_a)  # an officer on the producer's behalf
    with pytest.raises(PermissionDenied):
        workflow.move(dossier, "commune_forward", producer_user)
    with pytest.raises(ValidationError, match="four checks"):
        workflow.move(dossier, "commune_forward", officer_a)
    with pytest.raises(ValidationError, match="reason"):
        workflow.move(dossier, "commune_return", officer_a, reason="  ")
    dossier = workflow.move(dossier, "commune_return", officer_a, reason="Thiếu giấy ATTP")
    assert dossier.state == S.COMMUNE_RETURNED
    assert DossierEvent.objects.filter(dossier=dossier, action="commune_return", reason="Thiếu giấy ATTP").exists()
    with pytest.raises(ValidationError, match="Unknown action"):
        workflow.move(dossier, "teleport", province_officer)


def test_a_self_assessment_with_a_foreign_criterion_or_option_is_refused(product_a, producer_user):
    dossier = workflow.open_dossier(product_a, "first", producer_user)
    with pytest.raises(ValidationError) as error:
        workflow.save_self_assessment(dossier, producer_user, {"1.1": 9, "26.1": 1})
    assert "1.1" in str(error.value) and "26.1" in str(error.value)
    dossier.refresh_from_db()
    assert dossier.self_assessment == {}


def test_only_one_dossier_in_progress_and_upgrades_start_from_the_last_one(product_a, producer_user):
    first = workflow.open_dossier(product_a, "first", producer_user)
    workflow.save_self_assessment(first, producer_user, best(first))
    with pytest.raises(ValidationError, match="in progress"):
        workflow.open_dossier(product_a, "upgrade", producer_user)
    Dossier.objects.filter(pk=first.pk).update(state=S.RECOGNISED)
    upgrade = workflow.open_dossier(product_a, "upgrade", producer_user)
    assert upgrade.previous == first and upgrade.self_assessment == best(first)


def test_five_stars_need_the_central_council(product_a, producer_user, officer_a, province_officer, council_of_three):
    session, members = council_of_three
    dossier = file_and_forward(product_a, producer_user, officer_a, province_officer, session)
    for member in members[:3]:
        council.submit_sheet(council.member_sheet(session, dossier, member), best(dossier), [], [])
    council.close_session(session, province_officer)
    dossier.refresh_from_db()
    assert dossier.council_stars == 5 and dossier.proposed_central
    with pytest.raises(ValidationError, match="central council"):
        decisions.recognise(
            dossier, province_officer, certificate_number="X", decision_number="Y", decision_date=dt.date.today()
        )
    dossier = workflow.move(dossier, "forward_central", province_officer)
    with pytest.raises(ValidationError):  # at the centre the central council decides (test_central_round.py)
        decisions.recognise(
            dossier, province_officer, certificate_number="5S/2026", decision_number="88/QĐ-BNNMT",
            decision_date=dt.date.today(),
        )  # fmt: skip
    dossier.refresh_from_db()
    assert dossier.state == S.AT_CENTRAL and not dossier.product.certificates.exists()


def test_decided_dossiers_reopen_only_with_a_reason(product_a, producer_user, province_officer):
    dossier = workflow.open_dossier(product_a, "first", producer_user)
    Dossier.objects.filter(pk=dossier.pk).update(state=S.NOT_RECOGNISED)
    dossier.refresh_from_db()
    with pytest.raises(ValidationError):
        workflow.move(dossier, "reopen", province_officer)
    dossier = workflow.move(dossier, "reopen", province_officer, reason="Khiếu nại được chấp nhận")
    assert dossier.state == S.SCORED


def test_a_council_member_sees_only_the_dossiers_of_their_sessions(
    product_a, producer_user, officer_a, province_officer, council_of_three, client
):
    session, members = council_of_three
    dossier = file_and_forward(product_a, producer_user, officer_a, province_officer, session)
    outsider = make_user("thanhvien_khac")
    assert Dossier.objects.for_user(members[1]).filter(pk=dossier.pk).exists()
    assert not Dossier.objects.for_user(outsider).exists()
    assert make_user("tinh_khac", RoleKind.PROVINCE_OFFICE, unit=unit("2025", "01"))


def test_the_api_shows_dossiers_to_the_people_on_their_route_and_sheets_blindly(
    client, product_a, producer_user, officer_a, officer_b, province_officer, council_of_three
):
    session, members = council_of_three
    dossier = file_and_forward(product_a, producer_user, officer_a, province_officer, session)
    client.force_login(members[1])
    assert [d["id"] for d in client.get("/api/v1/dossiers").json()["results"]] == [dossier.pk]
    assert client.get(f"/api/v1/dossiers/{dossier.pk}/scoresheets").json() == []
    council.submit_sheet(council.member_sheet(session, dossier, members[0]), best(dossier), [], [])
    assert client.get(f"/api/v1/dossiers/{dossier.pk}/scoresheets").json() == []  # still blind for member 2
    council.submit_sheet(council.member_sheet(session, dossier, members[1]), best(dossier), [], [])
    assert len(client.get(f"/api/v1/dossiers/{dossier.pk}/scoresheets").json()) == 2
    client.force_login(officer_b)
    assert client.get("/api/v1/dossiers").json()["count"] == 0
    assert client.get(f"/api/v1/dossiers/{dossier.pk}").status_code == 404


def test_a_reevaluation_keeps_an_old_certificate_valid_under_the_transition_rule(product_a, producer_user):
    from conftest import make_certificate

    old = make_certificate(product_a, "OLD/2023", "2023-01-10")  # window closed 11/09/2025, before QĐ 26
    dossier = workflow.open_dossier(product_a, "reevaluation", producer_user)
    old.refresh_from_db()
    assert old.extended_until is None  # a draft is not a filing
    workflow.save_self_assessment(dossier, producer_user, best(dossier))
    dossier = workflow.move(dossier, "submit", producer_user)
    old.refresh_from_db()
    assert old.extended_until == dt.date(2026, 7, 8)
    assert old.status_on(dt.date(2026, 3, 1)) == "extended"
