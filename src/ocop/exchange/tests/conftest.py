"""Market records the exchange tests import into and export from."""

from decimal import Decimal

import pytest

from conftest import make_product, successor
from ocop.exchange.tests.market_kit import D, legacy
from ocop.market.models import Activity, CommuneStatus, CraftVillage, Event, Listing, Participation, SalesPoint, Support
from ocop.places.models import Unit


@pytest.fixture
def cashew(producer_a):
    return make_product(producer_a, "Điều nhân sấy", status="active")


@pytest.fixture
def fair(db) -> Event:
    return Event.objects.create(
        name="Hội chợ OCOP Bình Phước 2024", kind="fair", level="provincial", organiser="Sở Công Thương",
        place="Quảng trường tỉnh", unit=legacy("70"), starts_on=D(2024, 10, 10), ends_on=D(2024, 10, 14),
        budget=500_000_000, registration_open=True,
    )  # fmt: skip


@pytest.fixture
def ocop_week(db) -> Event:
    """A national event held in Hà Nội: open to every province, changed only by those who hold it."""
    return Event.objects.create(
        name="Tuần lễ OCOP quốc gia 2024", kind="ocop_week", level="national", unit=legacy("01"),
        starts_on=D(2024, 11, 1), ends_on=D(2024, 11, 5),
    )  # fmt: skip


@pytest.fixture
def points(commune_a, commune_b) -> dict[str, SalesPoint]:
    return {
        "centre": SalesPoint.objects.create(
            name="Trung tâm OCOP Đồng Xoài", kind="showroom_centre", operator="Sở Công Thương", unit=commune_a,
            address="Số 1 Hùng Vương", opened_on=D(2022, 5, 1), latitude=Decimal("11.5341"),
            longitude=Decimal("106.8832"),
        ),
        "online": SalesPoint.objects.create(
            name="Sàn Postmart", kind="ecommerce_platform", url="https://postmart.vn", opened_on=D(2021, 1, 1)
        ),
        "closed": SalesPoint.objects.create(
            name="Cửa hàng Minh Hưng", kind="ocop_point", unit=commune_b, opened_on=D(2020, 1, 1),
            closed_on=D(2023, 12, 31),
        ),
    }  # fmt: skip


@pytest.fixture
def training(db) -> Activity:
    return Activity.objects.create(
        kind="training", title="Tập huấn OCOP 2024", agency="Sở Nông nghiệp và PTNT", unit=legacy("70"),
        starts_on=D(2024, 3, 1), ends_on=D(2024, 3, 3), budget=50_000_000, funding_source="provincial",
        status="done", participants=40,
    )  # fmt: skip


@pytest.fixture
def market(province_officer, producer_a, producer_b, product_a, draft_b, cashew, commune_a, fair, ocop_week, points,
           training):  # fmt: skip
    """One record of every market kind (and a few more) in Bình Phước, plus a provincial fair of Hà Nội."""
    Event.objects.create(
        name="Hội chợ Hà Nội 2024", kind="fair", level="provincial", unit=legacy("01"),
        starts_on=D(2024, 9, 1), ends_on=D(2024, 9, 3),
    )  # fmt: skip
    shown = Participation.objects.create(
        event=fair, producer=producer_a, booth="A12", sales=12_000_000, contracts=2, buyers_met=15, confirmed=True,
        confirmed_by=province_officer,
    )  # fmt: skip
    shown.products.set([product_a, cashew])
    Participation.objects.create(event=ocop_week, producer=producer_b)
    Listing.objects.create(
        product=product_a, sales_point=points["centre"], since=D(2023, 1, 1), price=320_000, url="https://x.vn/dieu"
    )
    Listing.objects.create(product=draft_b, sales_point=points["online"], since=D(2024, 6, 1))
    CommuneStatus.objects.create(
        unit=commune_a, year=2023, level="ntm", decision_number="123/QĐ-UBND", decision_date=D(2023, 12, 20)
    )
    CommuneStatus.objects.create(
        unit=successor(commune_a), year=2025, level="advanced", decision_number="9/QĐ-UBND",
        decision_date=D(2025, 9, 15),
    )  # fmt: skip
    Activity.objects.create(
        kind="communication", title="Phóng sự OCOP Đồng Nai", agency="Đài PT-TH", unit=Unit.objects.get(map="2025", code="75"),
        starts_on=D(2025, 8, 1),
    )  # fmt: skip
    Support.objects.create(
        producer=producer_a, activity=training, kind="packaging", amount=20_000_000, funding_source="provincial",
        received_on=D(2024, 4, 1), description="Thiết kế bao bì",
    )  # fmt: skip
    Support.objects.create(producer=producer_b, kind="finance", funding_source="central", received_on=D(2024, 5, 2))
    CraftVillage.objects.create(name="Làng điều Tân Lập", unit=commune_a, tourism=True).products.set([product_a])


# Events
