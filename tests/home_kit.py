"""A province's working day for the things-to-do page: people of every role and the records that wait on them.

Used by the page's tests and its browser journey (which flush the database, so it builds everything itself).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from conftest import make_certificate, make_producer, make_product, make_user, successor, unit
from ocop.core.choices import RoleKind
from ocop.evaluation.choices import DossierState as S
from ocop.evaluation.models import CouncilSession, CriteriaVersion, Dossier, DossierEvent, Membership, Round
from ocop.exchange.models import ExportRecord, ImportRecord, JobState
from ocop.market.models import Event, Listing, SalesPoint
from ocop.places.models import Unit
from ocop.portal.models import MisuseReport
from ocop.registry.choices import LegalForm

DAY = datetime.timedelta(days=1)


@dataclass
class Work:
    province: User
    commune_a: User
    commune_b: User
    producer: User
    viewer: User
    member: User
    admin: User
    outsider: User
    dossiers: dict[str, Dossier]


def dossier(product: Any, state: str, **fields: Any) -> Dossier:
    version = CriteriaVersion.objects.first()
    return Dossier.objects.create(product=product, criteria_version=version, state=state, **fields)


def build(today: datetime.date) -> Work:
    tan_lap = Unit.objects.get(map="legacy", parent__code="695", name="Xã Tân Lập")
    minh_hung = Unit.objects.get(map="legacy", parent__code="696", name="Xã Minh Hưng")
    producer_a = make_producer("HTX Điều Tân Lập", tan_lap, "3801234567")
    producer_b = make_producer("Công ty TNHH Tiêu Minh Hưng", minh_hung, "3807654321", legal_form=LegalForm.COMPANY_LLC)
    people = Work(
        province=make_user("tinh", RoleKind.PROVINCE_OFFICE, unit=unit("2025", "75")),
        commune_a=make_user("xa_a", RoleKind.COMMUNE_OFFICER, unit=successor(tan_lap)),
        commune_b=make_user("xa_b", RoleKind.COMMUNE_OFFICER, unit=successor(minh_hung)),
        producer=make_user("coso_a", RoleKind.PRODUCER, producer=producer_a),
        viewer=make_user("xem", RoleKind.VIEWER, unit=unit("2025", "75")),
        member=make_user("thanhvien"),  # sits on the council, has no other role
        admin=User.objects.create_superuser("quantri", password="test-pass-123"),
        outsider=make_user("hanoi", RoleKind.PROVINCE_OFFICE, unit=unit("2025", "01")),
        dossiers={},
    )
    products = {
        name: make_product(producer_a, name) for name in ("Hạt điều rang muối", "Điều sấy", "Bánh điều", "Mật ong")
    }
    products |= {name: make_product(producer_a, name) for name in ("Điều bơ tỏi", "Điều phô mai")}
    tieu = make_product(producer_b, "Tiêu đen Minh Hưng", product_set=10)

    round_ = Round.objects.create(
        province=unit("2025", "75"),
        year=today.year,
        number=1,
        commune_deadline=today + 10 * DAY,
        closes_on=today + 60 * DAY,
    )
    session = CouncilSession.objects.create(round=round_, name="Hội đồng OCOP tỉnh", held_on=today + 20 * DAY)
    Membership.objects.create(session=session, user=people.member, role="chair")
    d = people.dossiers
    d["submitted_a"] = dossier(products["Hạt điều rang muối"], S.SUBMITTED)
    d["forwarded"] = dossier(products["Điều sấy"], S.FORWARDED, round=round_)
    d["received"] = dossier(products["Điều bơ tỏi"], S.RECEIVED, round=round_)
    d["in_session"] = dossier(products["Điều phô mai"], S.IN_SESSION, round=round_, session=session)
    d["draft"] = dossier(products["Bánh điều"], S.DRAFT)
    d["returned"] = dossier(products["Mật ong"], S.COMMUNE_RETURNED)
    DossierEvent.objects.create(
        dossier=d["returned"], action="commune_return", from_state=S.SUBMITTED, to_state=S.COMMUNE_RETURNED,
        reason="Thiếu ảnh bao bì",
    )  # fmt: skip
    d["submitted_b"] = dossier(tieu, S.SUBMITTED)

    years = 3 * 365
    make_certificate(products["Hạt điều rang muối"], "W/1", (today - (years - 150) * DAY).isoformat())  # in window
    make_certificate(products["Điều sấy"], "L/1", (today - (years - 100) * DAY).isoformat())  # window missed
    make_certificate(products["Mật ong"], "X/1", "2020-01-15", stars=3)  # lapsed long ago…
    shop = SalesPoint.objects.create(name="Co.opmart Đồng Xoài", kind="supermarket", unit=tan_lap,
                                     opened_on=datetime.date(2021, 1, 1))  # fmt: skip
    Listing.objects.create(product=products["Mật ong"], sales_point=shop, since=datetime.date(2022, 1, 1))  # …on sale
    make_certificate(tieu, "B/1", (today - (years - 150) * DAY).isoformat())  # commune B's, in window

    MisuseReport.objects.create(unit=tan_lap, seen_at="Chợ Đồng Xoài", description="Tem giả", client_hash="x")
    MisuseReport.objects.create(unit=minh_hung, seen_at="Chợ Bù Đăng", description="Tem giả", client_hash="y")

    Event.objects.create(
        name="Hội chợ OCOP tỉnh", kind="fair", level="provincial", unit=unit("2025", "75"),
        starts_on=today + 30 * DAY, ends_on=today + 33 * DAY, registration_open=True,
    )  # fmt: skip
    Event.objects.create(name="Phiên chợ cuối tuần", kind="fair", level="provincial", unit=unit("2025", "75"),
                         starts_on=today + 5 * DAY, ends_on=today + 7 * DAY)  # fmt: skip

    ExportRecord.objects.create(user=people.province, kind="producers", format="xlsx", file_name="a.xlsx",
                                state=JobState.FAILED, error="boom")  # fmt: skip
    ImportRecord.objects.create(user=people.province, kind="producers", file_name="b.xlsx", sha256="0" * 64)
    old = ImportRecord.objects.create(user=people.province, kind="producers", file_name="c.xlsx", sha256="1" * 64,
                                      state=JobState.FAILED)  # fmt: skip
    ImportRecord.objects.filter(pk=old.pk).update(at=timezone.now() - 10 * DAY)  # older than the page looks
    return people
