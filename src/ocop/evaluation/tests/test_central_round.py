"""The central council's round: the national office opens it, forwarded dossiers of every province join it, a
sub-council by product group scores blind with the provincial engine, and the result is a 5★ certificate in the
ministry's name or the dossier back with its province, which recognises it at ≤ 4★."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ocop.certificates.pdf import certificate_context
from ocop.evaluation import central, council, decisions, workflow
from ocop.evaluation.choices import DossierState as S
from ocop.evaluation.models import Dossier, DossierEvent, Membership
from ocop.evaluation.tests.helpers import GRANT, best, central_council, score


def test_the_ministry_grants_five_stars_in_its_own_name(at_central, national, province_officer):
    session, members = central_council(national, product_group=at_central.product.product_set.group_code)
    at_central.refresh_from_db()
    assert at_central.central_round == session.round and at_central.state == S.AT_CENTRAL
    assert central.take_dossiers(session, national) == 1
    dossier = Dossier.objects.get(pk=at_central.pk)
    assert dossier.session == session
    # Blind as at the province: a member sees no other sheet before submitting their own.
    first = council.member_sheet(session, dossier, members[0])
    council.submit_sheet(first, best(dossier), [], [])
    assert council.visible_sheets(session, dossier, members[1]) == []
    with pytest.raises(ValidationError, match="chưa chấm xong"):
        decisions.grant_central(dossier, national, decision_date=dt.date.today(), **GRANT)
    with pytest.raises(ValidationError, match=r"\(1/3\)"):
        council.close_session(session, national)
    dossier = score(session, dossier, members[1:])
    council.close_session(session, national)
    dossier.refresh_from_db()
    assert (dossier.state, dossier.central_stars, dossier.council_stars) == (S.AT_CENTRAL, 5, 5)
    dossier = decisions.grant_central(dossier, national, decision_date=dt.date.today(), **GRANT)
    certificate = dossier.certificate
    assert dossier.state == S.RECOGNISED and certificate.stars == 5 and certificate.deciding_level == "central"
    assert certificate_context(certificate)["authority"].body == "Bộ Nông nghiệp và Môi trường"
    assert [e.action for e in dossier.events.all()][-3:] == ["central_schedule", "central_score", "central_grant"]


def test_a_returned_dossier_is_recognised_by_its_province_at_four_stars(at_central, national, province_officer):
    session, members = central_council(national)
    central.take_dossiers(session, national)
    dossier = score(session, Dossier.objects.get(pk=at_central.pk), members, drop=20)
    council.close_session(session, national)
    dossier.refresh_from_db()
    assert dossier.central_stars == 4
    with pytest.raises(ValidationError, match="chỉ kết quả 5★"):
        decisions.grant_central(dossier, national, decision_date=dt.date.today(), **GRANT)
    assert not dossier.product.certificates.exists()
    with pytest.raises(PermissionDenied):  # the province does not decide at the centre
        workflow.move(dossier, "central_return", province_officer, reason="x")
    dossier = workflow.move(dossier, "central_return", national, reason="Hội đồng Trung ương chấm 80 điểm.")
    assert dossier.state == S.CENTRAL_RETURNED
    assert S.CENTRAL_RETURNED in workflow.waiting_on(province_officer)
    dossier = decisions.recognise(
        dossier, province_officer, certificate_number="21/2026/GCN-OCOP", decision_number="2050/QĐ-UBND",
        decision_date=dt.date.today(),
    )  # fmt: skip
    assert dossier.certificate.stars == 4 and dossier.certificate.deciding_level == "province"


def test_a_province_office_cannot_act_on_the_central_round(at_central, national, province_officer):
    today = dt.date.today()
    with pytest.raises(PermissionDenied):
        central.open_round(province_officer, today.year, 1, today, today)
    session, _members = central_council(national)
    with pytest.raises(PermissionDenied):
        central.take_dossiers(session, province_officer)
    with pytest.raises(PermissionDenied):
        council.close_session(session, province_officer)
    assert not council.can_run_session(session, province_officer)
    with pytest.raises(PermissionDenied):
        decisions.grant_central(at_central, province_officer, decision_date=today, **GRANT)
    with pytest.raises(PermissionDenied):  # nor the national office on a province's council
        council.close_session(at_central.scoresheets.first().session, national)
    assert Dossier.objects.get(pk=at_central.pk).state == S.AT_CENTRAL
    assert not DossierEvent.objects.filter(action__startswith="central_").exists()


def test_dossiers_forwarded_later_join_the_open_round_and_sub_councils_take_their_group(
    at_central, national, product_a
):
    session, _members = central_council(national, product_group="ZZ")
    with pytest.raises(ValidationError, match="Không có hồ sơ nào"):
        central.take_dossiers(session, national)
    assert Dossier.objects.get(pk=at_central.pk).session != session
    # A second round does not take the dossiers of the first while it is undecided.
    today = dt.date.today()
    second = central.open_round(national, today.year, 2, today, today + dt.timedelta(days=90))
    assert Dossier.objects.get(pk=at_central.pk).central_round == session.round != second
    assert Membership.objects.filter(session=session).count() == 3


def test_each_councils_minutes_print_its_own_result(at_central, national, council_of_three):
    from ocop.evaluation import printouts

    provincial, _members = council_of_three
    session, members = central_council(national)
    central.take_dossiers(session, national)
    score(session, Dossier.objects.get(pk=at_central.pk), members, drop=20)
    council.close_session(session, national)
    dossier = Dossier.objects.get(pk=at_central.pk)
    [own] = printouts.minutes_rows(provincial)  # it went on to the centre, yet its province's minutes keep it
    [central_row] = printouts.minutes_rows(session)
    assert (own["total"], own["stars"]) == (dossier.council_total, 5)
    assert (central_row["total"], central_row["stars"]) == (dossier.central_total, 4)
    assert "Toàn quốc" in printouts.minutes_html(session)
    assert printouts.minutes_docx(session)[:2] == b"PK"
