import datetime as dt

import pytest

from conftest import make_user, unit
from ocop.core.choices import RoleKind
from ocop.evaluation import council, workflow
from ocop.evaluation.models import CouncilSession, Dossier, Membership, Round
from ocop.evaluation.tests.helpers import best, file_and_forward
from ocop.places.models import Unit


@pytest.fixture
def council_of_three(province_officer):
    province = unit("2025", "75")
    round_ = Round.objects.create(
        province=province, year=2026, number=2, commune_deadline=dt.date(2026, 10, 30), closes_on=dt.date(2026, 12, 30)
    )
    session = CouncilSession.objects.create(round=round_, name="Hội đồng OCOP tỉnh", held_on=dt.date(2026, 11, 20))
    members = [make_user(name) for name in ("thanhvien1", "thanhvien2", "thanhvien3", "thanhvien4")]
    Membership.objects.create(session=session, user=members[0], role="chair")
    Membership.objects.create(session=session, user=members[1])
    Membership.objects.create(session=session, user=members[2])
    Membership.objects.create(session=session, user=members[3], recused=True, recusal_reason="Người thân của chủ thể")
    return session, members


@pytest.fixture
def national(db):
    """The national OCOP office (the ministry's): given the whole country's unit."""
    return make_user("trunguong", RoleKind.NATIONAL_OFFICE, unit=Unit.objects.get(map="2025", level="country"))


@pytest.fixture
def at_central(product_a, producer_user, officer_a, province_officer, council_of_three) -> Dossier:
    """A 100-point dossier of Đồng Nai, scored by its province and forwarded to the centre."""
    session, members = council_of_three
    dossier = file_and_forward(product_a, producer_user, officer_a, province_officer, session)
    for member in members[:3]:
        council.submit_sheet(council.member_sheet(session, dossier, member), best(dossier), [], [])
    council.close_session(session, province_officer)
    return workflow.move(Dossier.objects.get(pk=dossier.pk), "forward_central", province_officer)
