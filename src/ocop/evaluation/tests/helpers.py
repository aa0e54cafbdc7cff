"""Shared steps of the evaluation tests: a complete best sheet, a lowered one, a dossier brought before a session."""

import datetime as dt

from conftest import make_user
from ocop.evaluation import central, council, workflow
from ocop.evaluation.models import CouncilSession, Dossier


def best(dossier: Dossier) -> dict:
    sheet = dossier.criteria_version.scoresheet(dossier.product.product_set_id)
    answers = {}
    for criterion in sheet.criteria:
        case = criterion.cases[0][0] if criterion.cases else None
        option = max(criterion.options_of(case), key=lambda o: o.points)
        answers[criterion.code] = {"case": case, "option": option.position} if case else option.position
    return answers


def lower(answers: dict, dossier: Dossier, drop: int) -> dict:
    """`answers` with unmarked criteria lowered until about `drop` points are lost."""
    sheet = dossier.criteria_version.scoresheet(dossier.product.product_set_id)
    changed, lost = dict(answers), 0
    for criterion in sheet.criteria:
        options = criterion.options_of(None)
        low = min(options, key=lambda o: o.points)
        if (
            not criterion.cases
            and not any(o.min_star for o in options)
            and lost < drop
            and low.points < criterion.max_points
        ):
            changed[criterion.code] = low.position
            lost += criterion.max_points - low.points
    return changed


def file_and_forward(product, producer_user, officer_a, province_officer, session) -> Dossier:
    dossier = workflow.open_dossier(product, "first", producer_user)
    workflow.save_self_assessment(dossier, producer_user, best(dossier))
    dossier = workflow.move(dossier, "submit", producer_user)
    checks = {f"check_{name}": True for name in ("material_origin", "local_labour", "idea_origin", "local_identity")}
    dossier = workflow.move(dossier, "commune_forward", officer_a, **checks, commune_notes="Đủ điều kiện")
    dossier = workflow.move(dossier, "receive", province_officer, round=session.round)
    return workflow.move(dossier, "schedule", province_officer, session=session)


GRANT = {"certificate_number": "0001/2026/GCN-OCOP-TW", "decision_number": "318/QĐ-BNNMT", "signer": "Thứ trưởng"}


def central_council(national, product_group: str = "") -> tuple[CouncilSession, list]:
    today = dt.date.today()
    round_ = central.open_round(national, today.year, 1, today, today + dt.timedelta(days=60))
    session = CouncilSession.objects.create(
        round=round_, name="Hội đồng OCOP Trung ương", held_on=today, quorum=3, product_group=product_group
    )
    members = [make_user(name) for name in ("tw1", "tw2", "tw3")]
    for member in members:
        council.add_member(session, member.username, "member")
    return session, members


def score(session: CouncilSession, dossier: Dossier, members: list, drop: int = 0) -> Dossier:
    for member in members:
        answers = lower(best(dossier), dossier, drop) if drop else best(dossier)
        council.submit_sheet(council.member_sheet(session, dossier, member), answers, [], [])
    return Dossier.objects.get(pk=dossier.pk)
