"""Demo: the 2026 rounds of Đồng Nai under QĐ 26, with dossiers in every state of the route.

Round 1/2026 is over (its session closed: recognised, not recognised, proposed to the centre); round 2/2026
is running (a session open, members halfway through scoring; dossiers at the commune and the province). The
ministry's central round 2/2026 is open, with the dossiers Đồng Nai proposed to the centre before its council.
"""

import datetime
import random
from typing import Any

from django.contrib.auth import get_user_model

from ocop.certificates.models import Certificate
from ocop.evaluation import central, council, decisions, workflow
from ocop.evaluation.choices import DossierState
from ocop.evaluation.models import CouncilSession, Dossier, Membership, Round
from ocop.places.models import Unit
from ocop.registry.demo import DEMO_PASSWORD
from ocop.registry.models import Product

SEED = 2026
CHECKS: dict[str, Any] = {
    f"check_{n}": True for n in ("material_origin", "local_labour", "idea_origin", "local_identity")
}
MEMBERS = [
    ("hd_chutich", "chair"),
    ("hd_thanhvien1", "member"),
    ("hd_thanhvien2", "member"),
    ("hd_thanhvien3", "member"),
]

CENTRAL_MEMBERS = [("tw_chutich", "chair"), ("tw_thanhvien1", "member"), ("tw_thanhvien2", "member")]


def load_round_2026() -> int:
    rng = random.Random(SEED)
    users = _council_users()
    admin, office = users["admin"], users["tinh"]
    province = Unit.objects.get(map="2025", code="75")
    round1 = Round.objects.create(
        province=province,
        year=2026,
        number=1,
        commune_deadline=datetime.date(2026, 4, 30),
        closes_on=datetime.date(2026, 6, 30),
    )
    round2 = Round.objects.create(
        province=province,
        year=2026,
        number=2,
        commune_deadline=datetime.date(2026, 10, 30),
        closes_on=datetime.date(2026, 12, 30),
    )
    # Products without a valid certificate today: never recognised, or lapsed and filing again.
    valid = Certificate.objects.valid_on(datetime.date(2026, 11, 30)).values("product")
    products = list(
        Product.objects.filter(is_demo=True).exclude(pk__in=valid).exclude(product_set_id=26).order_by("id")
    )
    rng.shuffle(products)
    session1 = _session(round1, "Hội đồng OCOP tỉnh Đồng Nai — đợt 1/2026", datetime.date(2026, 6, 10), users)
    session2 = _session(round2, "Hội đồng OCOP tỉnh Đồng Nai — đợt 2/2026", datetime.date(2026, 11, 25), users)

    closed = [_to(p, DossierState.IN_SESSION, admin, office, rng, round1, session1) for p in products[:5]]
    for index, dossier in enumerate(closed):
        quality = [0, 4, 14, 24, 60][index]  # points lost per member: 5★ proposal … not recognised
        for username, _role in MEMBERS[:3]:
            sheet = council.member_sheet(session1, dossier, users[username])
            council.submit_sheet(sheet, _answers(dossier, rng, quality), [], [])
    council.close_session(session1, office)
    decided = datetime.date(2026, 6, 25)
    for index, dossier in enumerate(Dossier.objects.filter(session=session1).order_by("id"), start=1):
        if dossier.proposed_central:
            workflow.move(dossier, "forward_central", office)
        elif (dossier.council_stars or 0) >= 3 and index % 4:
            decisions.recognise(
                dossier,
                office,
                certificate_number=f"{index:04d}/2026/GCN-OCOP",
                decision_number="1206/QĐ-UBND",
                decision_date=decided,
                signer="Phó Chủ tịch Lê Văn An",
            )
        elif (dossier.council_stars or 0) < 3:
            workflow.move(dossier, "reject", office, reason="Dưới 50 điểm: chưa đạt hạng 3 sao.")
    open_states = [DossierState.IN_SESSION] * 3 + [
        DossierState.UNDER_REVIEW, DossierState.RECEIVED, DossierState.PROVINCE_RETURNED, DossierState.FORWARDED,
        DossierState.COMMUNE_RETURNED, DossierState.SUBMITTED, DossierState.DRAFT,
    ]  # fmt: skip
    running = [
        _to(p, state, admin, office, rng, round2, session2) for p, state in zip(products[5:], open_states, strict=False)
    ]
    for dossier in running[:2]:  # halfway through the blind scoring
        sheet = council.member_sheet(session2, dossier, users["hd_chutich"])
        council.submit_sheet(sheet, _answers(dossier, rng, 6), [], [])
    _central_round(admin)
    return Dossier.objects.count()


def _central_round(admin: Any) -> None:
    """The ministry's central round 2/2026 (provinces forward by 30/01/2027, decided by 30/03/2027: QĐ 26's
    dates, `rounds.CENTRAL_ROUNDS`) and its council, with the dossiers Đồng Nai forwarded before it."""
    round_ = central.open_round(admin, 2026, 2, datetime.date(2027, 1, 30), datetime.date(2027, 3, 30))
    session = CouncilSession.objects.create(
        round=round_, name="Hội đồng OCOP Trung ương — đợt 2/2026", held_on=datetime.date(2026, 12, 15), quorum=3
    )
    for username, role in CENTRAL_MEMBERS:
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"first_name": username})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        council.add_member(session, username, role)
    if central.waiting_dossiers(session).exists():
        central.take_dossiers(session, admin)


def _council_users() -> dict[str, Any]:
    model = get_user_model()
    users = {u.username: u for u in model.objects.filter(username__in=["admin", "tinh"])}
    for username, _role in MEMBERS:
        user, created = model.objects.get_or_create(username=username, defaults={"first_name": username})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        users[username] = user
    return users


def _session(round_: Round, name: str, day: datetime.date, users: dict[str, Any]) -> CouncilSession:
    session = CouncilSession.objects.create(round=round_, name=name, held_on=day, quorum=3)
    for username, role in MEMBERS:
        recused = username == "hd_thanhvien3"
        reason = "Thân nhân làm việc tại một chủ thể có hồ sơ" if recused else ""
        Membership.objects.create(
            session=session, user=users[username], role=role, recused=recused, recusal_reason=reason
        )
    return session


def _answers(dossier: Dossier, rng: random.Random, lose: int) -> dict[str, Any]:
    """A plausible sheet: the best option everywhere, then lower options until about `lose` points are gone."""
    sheet = dossier.criteria_version.scoresheet(dossier.product.product_set_id)
    answers, lost = {}, 0
    criteria = list(sheet.criteria)
    rng.shuffle(criteria)
    criteria.sort(key=lambda c: any(o.min_star for o in c.options))  # lose points where no star hangs on them first
    for criterion in criteria:
        case = criterion.cases[0][0] if criterion.cases else None
        options = sorted(criterion.options_of(case), key=lambda o: o.points)
        choice = options[-1]
        if lost < lose and len(options) > 1:
            choice = options[-2] if lose - lost < options[-1].points - options[0].points else options[0]
            lost += options[-1].points - choice.points
        answers[criterion.code] = {"case": case, "option": choice.position} if case else choice.position
    return answers


def _to(
    product: Product, target: str, admin: Any, office: Any, rng: random.Random, round_: Round, session: CouncilSession
) -> Dossier:
    """Take a new dossier along the route until it is in `target`."""
    dossier = workflow.open_dossier(product, "first", admin)
    if target == DossierState.DRAFT:
        return dossier
    workflow.save_self_assessment(dossier, admin, _answers(dossier, rng, rng.randint(0, 20)))
    filed = round_.commune_deadline - datetime.timedelta(days=rng.randint(20, 60))
    dossier = workflow.move(dossier, "submit", admin, submitted_on=filed)
    if target == DossierState.SUBMITTED:
        return dossier
    if target == DossierState.COMMUNE_RETURNED:
        return workflow.move(dossier, "commune_return", admin, reason="Thiếu giấy chứng nhận cơ sở đủ điều kiện ATTP.")
    dossier = workflow.move(dossier, "commune_forward", admin, **CHECKS, commune_notes="Đạt các nội dung Mẫu 03.")
    if target == DossierState.FORWARDED:
        return dossier
    if target == DossierState.PROVINCE_RETURNED:
        return workflow.move(dossier, "province_return", office, reason="Thiếu phiếu kết quả kiểm nghiệm.")
    dossier = workflow.move(dossier, "receive", office, round=round_)
    if target == DossierState.RECEIVED:
        return dossier
    notes: dict[str, Any] = {"advisory_notes": "Đã khảo sát cơ sở sản xuất.", "field_visit_on": round_.commune_deadline}
    dossier = workflow.move(dossier, "to_advisory", office, **notes)
    if target == DossierState.UNDER_REVIEW:
        return dossier
    return workflow.move(dossier, "schedule", office, session=session)
