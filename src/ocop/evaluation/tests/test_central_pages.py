"""The central round's pages refuse bad input with a Vietnamese message and change nothing: a province office on
the central round or another province's dossier, a score outside the criteria's options, a decision before the
members scored. The province's worklist reads the outcomes in a fixed number of queries."""

import datetime as dt

from django.urls import reverse

from ocop.evaluation import central, council, decisions, todo, workflow
from ocop.evaluation.choices import DossierState as S
from ocop.evaluation.models import CouncilSession, Dossier, Round, Scoresheet
from ocop.evaluation.tests.helpers import GRANT, best, central_council, score

TODAY = dt.date.today()


def act(client, dossier: Dossier, action: str, data: dict | None = None):
    return client.post(reverse("evaluation:dossier_act", args=[dossier.pk, action]), data or {})


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_a_province_office_cannot_open_or_run_the_central_round(as_user, at_central, national, province_officer):
    client = as_user(province_officer)
    form = {"year": TODAY.year, "number": 1, "commune_deadline": TODAY.strftime("%d/%m/%Y")}
    response = client.post(reverse("evaluation:central_round_new"), {**form, "closes_on": form["commune_deadline"]})
    assert response.status_code == 403 and not Round.objects.filter(level="central").exists()
    assert client.get(reverse("evaluation:central_session_new")).status_code == 403
    session, _members = central_council(national)
    response = client.post(reverse("evaluation:session_act", args=[session.pk, "take_dossiers"]))
    assert response.status_code == 404  # not the province's session: out of its sight
    for action in ("central_grant", "central_return"):
        response = act(
            client, at_central, action, {**GRANT, "decision_date": TODAY.strftime("%d/%m/%Y"), "reason": "x"}
        )
        assert response.status_code == 403, action
        assert messages_of(response).startswith("Không có gì thay đổi:")
    at_central.refresh_from_db()
    assert at_central.state == S.AT_CENTRAL and at_central.session != session and at_central.certificate is None


def test_another_province_does_not_see_the_dossier(as_user, at_central, outsider_officer):
    response = act(as_user(outsider_officer), at_central, "central_return", {"reason": "x"})
    assert response.status_code == 404
    assert Dossier.objects.get(pk=at_central.pk).state == S.AT_CENTRAL


def test_deciding_before_the_members_scored_is_refused(as_user, at_central, national):
    session, _members = central_council(national)
    central.take_dossiers(session, national)
    client = as_user(national)
    data = {**GRANT, "decision_date": TODAY.strftime("%d/%m/%Y")}
    response = act(client, at_central, "central_grant", data)
    assert response.status_code == 400 and "chưa chấm xong" in messages_of(response)
    response = client.post(reverse("evaluation:session_act", args=[session.pk, "close"]))
    assert response.status_code == 400 and "(0/3)" in messages_of(response)
    assert CouncilSession.objects.get(pk=session.pk).state == "open"
    dossier = Dossier.objects.get(pk=at_central.pk)
    assert (dossier.state, dossier.central_stars, dossier.certificate) == (S.AT_CENTRAL, None, None)


def test_a_score_outside_the_criteria_is_refused(as_user, at_central, national):
    session, members = central_council(national)
    central.take_dossiers(session, national)
    dossier = Dossier.objects.get(pk=at_central.pk)
    criterion = dossier.criteria_version.scoresheet(dossier.product.product_set_id).criteria[0]
    answers = {f"c-{code}": str(value) for code, value in best(dossier).items() if isinstance(value, int)}
    answers[f"c-{criterion.code}"] = "99"
    url = reverse("evaluation:score", args=[session.pk, dossier.pk])
    response = as_user(members[0]).post(url, answers)
    assert response.status_code == 400 and messages_of(response).startswith("Chưa nộp phiếu: 1.1")
    assert not Scoresheet.objects.filter(session=session, submitted_at__isnull=False).exists()


def test_the_province_sees_the_outcomes_in_its_worklist(
    at_central, national, province_officer, django_assert_max_num_queries
):
    session, members = central_council(national)
    central.take_dossiers(session, national)
    score(session, Dossier.objects.get(pk=at_central.pk), members)
    council.close_session(session, national)
    decisions.grant_central(Dossier.objects.get(pk=at_central.pk), national, decision_date=TODAY, **GRANT)
    with django_assert_max_num_queries(4):
        section = todo.central_outcomes(province_officer, TODAY)
    assert section is not None and [item.url for item in section.items] == [
        Dossier.objects.get(pk=at_central.pk).certificate.get_absolute_url()
    ]
    assert todo.central_outcomes(national, TODAY) is None  # the ministry decided it: nothing waits on it
    assert S.AT_CENTRAL in workflow.waiting_on(national) and S.AT_CENTRAL not in workflow.waiting_on(province_officer)


def test_the_same_central_round_twice_is_refused_with_the_reason(as_user, national):
    client = as_user(national)
    day = TODAY.strftime("%d/%m/%Y")
    form = {"year": TODAY.year, "number": 1, "commune_deadline": day, "closes_on": day}
    assert client.post(reverse("evaluation:central_round_new"), form).status_code == 302
    response = client.post(reverse("evaluation:central_round_new"), form)
    assert response.status_code == 400 and "đã có đợt đánh giá này" in response.content.decode()
    assert Round.objects.filter(level="central").count() == 1
