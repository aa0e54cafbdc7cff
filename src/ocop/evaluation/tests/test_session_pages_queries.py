"""The council sessions pages cost a fixed number of queries, however many dossiers and sessions they show."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import make_product
from ocop.evaluation.choices import DossierState
from ocop.evaluation.models import CouncilSession, CriteriaVersion, Dossier, Scoresheet

# The session page cost 8 queries + 2 per dossier (its own sheet, its count of submitted sheets) before the
# rows were read together (evaluation/sessions.py): 10 for one dossier, 20 for six; now 9 for any number.
DETAIL_QUERIES = 9
LIST_QUERIES = 8


def before_the_council(session: CouncilSession, producer, members, count: int) -> list[Dossier]:
    """`count` dossiers before `session`, each with two submitted sheets and the first member's draft."""
    version = CriteriaVersion.objects.order_by("-pk").first()
    dossiers = []
    for n in range(count):
        product = make_product(producer, f"Sản phẩm {n}")
        dossier = Dossier.objects.create(
            product=product, criteria_version=version, round=session.round, session=session,
            state=DossierState.IN_SESSION,
        )  # fmt: skip
        for member in members[1:3]:
            Scoresheet.objects.create(
                session=session, dossier=dossier, member=member, total=80, stars=4, submitted_at=timezone.now()
            )
        Scoresheet.objects.create(session=session, dossier=dossier, member=members[0])
        dossiers.append(dossier)
    return dossiers


def queries_of(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("count", [1, 6])
def test_it_shows_a_session_of_many_dossiers_in_a_fixed_number_of_queries(as_user, council_of_three, producer_a, count):
    session, members = council_of_three
    before_the_council(session, producer_a, members, count)
    url = reverse("evaluation:session_detail", args=[session.pk])

    queries, page = queries_of(as_user(members[0]), url)

    assert queries <= DETAIL_QUERIES, f"{queries} queries for {count} dossiers"
    assert page.count(reverse("evaluation:score", args=[session.pk, session.dossiers.first().pk])) == 1
    assert page.count("<td>2</td>") == count  # two sheets submitted on each dossier, the draft not counted


def test_it_shows_each_members_own_sheet_and_the_office_none(as_user, council_of_three, province_officer, producer_a):
    session, members = council_of_three
    dossier = before_the_council(session, producer_a, members, 1)[0]
    url = reverse("evaluation:session_detail", args=[session.pk])
    score = reverse("evaluation:score", args=[session.pk, dossier.pk])

    submitted = as_user(members[1]).get(url).content.decode()
    assert f'href="{score}">Đã nộp (80,00)' in submitted  # the member's own sheet, submitted, with its total
    draft = as_user(members[0]).get(url).content.decode()
    assert (
        f'href="{score}">Chấm điểm' in draft and "(80,00)" not in draft
    )  # a member never sees another member's total on this page
    office = as_user(province_officer).get(url).content.decode()
    assert score not in office  # the office does not sit on the council: no sheet to open


@pytest.mark.parametrize("count", [1, 6])
def test_it_lists_sessions_in_a_fixed_number_of_queries(as_user, council_of_three, province_officer, count):
    session, _members = council_of_three
    for n in range(count - 1):
        CouncilSession.objects.create(round=session.round, name=f"Phiên {n}", held_on=dt.date(2026, 11, 21 + n))

    queries, page = queries_of(as_user(province_officer), reverse("evaluation:session_list"))

    assert queries <= LIST_QUERIES, f"{queries} queries for {count} sessions"
    assert page.count(reverse("evaluation:session_detail", args=[session.pk])) == 1
