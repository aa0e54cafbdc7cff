"""The Bình Phước demo's market and programme records, 2022–2025, shaped so that the plan's targets come out
partly met and partly missed: showroom centres in some districts only, most but not all OCOP products at
fairs, a few supermarkets without OCOP listings, new-rural communes with and without OCOP products."""

import datetime
import random
from decimal import Decimal

from ocop.certificates.models import Certificate
from ocop.market.choices import (
    ActivityKind,
    ActivityStatus,
    EventKind,
    EventLevel,
    FundingSource,
    RuralLevel,
    SalesPointKind,
    SupportKind,
)
from ocop.market.models import Activity, CommuneStatus, CraftVillage, Event, Listing, Participation, SalesPoint, Support
from ocop.places.models import Unit
from ocop.registry.models import Producer, Product

SEED = 2025
PROVINCE = "70"  # Bình Phước on the map before 01/07/2025
AFTER_MERGER = datetime.date(2025, 7, 1)
SHOWROOM_DISTRICTS = ["689", "691", "693", "695", "697", "698"]  # 6 of the 11: indicator 11 is missed


def load_market() -> dict[str, int]:
    rng = random.Random(SEED)
    province = Unit.objects.get(map="legacy", code=PROVINCE)
    new_province = Unit.objects.get(map="2025", code="75")
    districts = list(province.children.order_by("code"))
    events = _events(province, new_province)
    participations = _participations(rng, events)
    points = _sales_points(rng, districts)
    listings = _listings(rng, points)
    _tourism(rng)
    statuses = _commune_statuses(rng, districts)
    activities = _activities(rng, province, districts)
    return {
        "events": len(events), "participations": participations, "sales points": len(points),
        "listings": listings, "new-rural statuses": statuses, "activities": activities,
    }  # fmt: skip


def _events(province: Unit, new_province: Unit) -> list[Event]:
    events = []
    for year in range(2022, 2026):
        holder = province  # the 2025 fairs were held before the merger, on the old map
        specs = [
            (f"Hội chợ OCOP tỉnh Bình Phước {year}", EventKind.FAIR, EventLevel.PROVINCIAL, holder,
             datetime.date(year, 4, 10), 5, "Sở Công Thương Bình Phước", "Quảng trường Đồng Xoài", 300_000_000),
            (f"Tuần hàng OCOP toàn quốc {year}", EventKind.OCOP_WEEK, EventLevel.NATIONAL, None,
             datetime.date(year, 9, 20), 7, "Bộ Nông nghiệp", "Hà Nội", 150_000_000),
            (f"Phiên livestream bán hàng OCOP Bình Phước {year}", EventKind.LIVESTREAM, EventLevel.PROVINCIAL, holder,
             datetime.date(year, 6, 5), 1, "Trung tâm Xúc tiến Bình Phước", "Nền tảng TikTok Shop", 20_000_000),
        ]  # fmt: skip
        if year == 2024:
            specs.append(
                ("Hội nghị kết nối cung cầu vùng Đông Nam Bộ 2024", EventKind.CONFERENCE, EventLevel.REGIONAL, None,
                 datetime.date(2024, 11, 12), 2, "Sở Công Thương TP. Hồ Chí Minh", "TP. Hồ Chí Minh", 80_000_000)
            )  # fmt: skip
        for name, kind, level, unit, start, days, organiser, place, budget in specs:
            event = Event(
                name=name, kind=kind, level=level, unit=unit, starts_on=start,
                ends_on=start + datetime.timedelta(days=days - 1), organiser=organiser, place=place,
                budget=Decimal(budget), is_demo=True,
            )  # fmt: skip
            event.full_clean()
            event.save()
            events.append(event)
    open_fair = Event(
        name="Hội chợ OCOP Đồng Nai 2026", kind=EventKind.FAIR, level=EventLevel.PROVINCIAL, unit=new_province,
        starts_on=datetime.date(2026, 12, 18), ends_on=datetime.date(2026, 12, 22), organiser="Sở Công Thương Đồng Nai",
        place="Biên Hòa", registration_open=True, is_demo=True,
    )  # fmt: skip
    open_fair.full_clean()
    open_fair.save()
    return [*events, open_fair]


def _participations(rng: random.Random, events: list[Event]) -> int:
    count = 0
    for event in events:
        if event.starts_on > datetime.date(2026, 1, 1):
            continue
        # The demo's own certificates: on top of the national data set (make cluster) the others are not its.
        valid = Certificate.objects.valid_on(event.starts_on).filter(is_demo=True).select_related("product")
        producers = sorted({c.product.producer_id for c in valid})
        share = 0.55 if event.level == EventLevel.PROVINCIAL else 0.25
        for producer_id in producers:
            if rng.random() > share:
                continue
            participation = Participation.objects.create(
                event=event, producer_id=producer_id, booth=f"Gian {rng.randint(1, 120)}",
                sales=Decimal(rng.randint(5, 200) * 1_000_000), contracts=rng.randint(0, 4),
                buyers_met=rng.randint(2, 40), confirmed=True, is_demo=True,
            )  # fmt: skip
            if rng.random() < 0.4:  # named products; otherwise "all its OCOP products on the event date"
                shown = [c.product for c in valid if c.product.producer_id == producer_id][:1]
                participation.products.set(shown)
            count += 1
    return count


def _sales_points(rng: random.Random, districts: list[Unit]) -> list[SalesPoint]:
    points = []

    def add(name: str, kind: str, district: Unit | None, opened: datetime.date, **fields: object) -> None:
        commune = district.children.order_by("code").first() if district else None
        if commune is not None:  # a place on the map, drawn from its own seed: the main sequence stays as it was
            spot = random.Random(name)
            fields.setdefault("latitude", Decimal("11.50") + Decimal(spot.randint(0, 8000)) / 10000)
            fields.setdefault("longitude", Decimal("106.50") + Decimal(spot.randint(0, 9000)) / 10000)
        point = SalesPoint(name=name, kind=kind, unit=commune, opened_on=opened, is_demo=True, **fields)
        point.full_clean()
        point.save()
        points.append(point)

    by_code = {d.code: d for d in districts}
    for index, code in enumerate(SHOWROOM_DISTRICTS):
        district = by_code[code]
        add(f"Trung tâm giới thiệu sản phẩm OCOP {district.short_name}", SalesPointKind.SHOWROOM_CENTRE, district,
            datetime.date(2022 + index % 3, 3 + index, 1), operator=f"UBND {district.name}")  # fmt: skip
    add("Điểm bán OCOP Bù Gia Mập (đã đóng)", SalesPointKind.OCOP_POINT, by_code["691"], datetime.date(2022, 5, 1),
        closed_on=datetime.date(2023, 12, 31), operator="HTX Bù Gia Mập")  # fmt: skip
    for name, kind, index in [
        ("Co.opmart Đồng Xoài", SalesPointKind.SUPERMARKET, 0), ("GO! Bình Phước", SalesPointKind.COMMERCIAL_CENTRE, 1),
        ("Siêu thị Bình Long", SalesPointKind.SUPERMARKET, 2), ("Siêu thị Phước Long", SalesPointKind.SUPERMARKET, 3),
        ("Siêu thị Chơn Thành", SalesPointKind.SUPERMARKET, 4),
        ("WinMart+ Đồng Phú", SalesPointKind.CONVENIENCE_CHAIN, 5),
        ("Chợ Đồng Xoài", SalesPointKind.TRADITIONAL_MARKET, 6),
    ]:  # fmt: skip
        add(name, kind, districts[index % len(districts)], datetime.date(2021, 1, 1))
    for name, url in [
        ("Sàn TMĐT Bình Phước", "https://binhphuoc.example.vn"),
        ("Shopee Mall OCOP", "https://shopee.vn"),
    ]:
        add(name, SalesPointKind.ECOMMERCE_PLATFORM, None, datetime.date(2022, 1, 1), url=url)
    return points


def _listings(rng: random.Random, points: list[SalesPoint]) -> int:
    certified = list(Product.objects.filter(is_demo=True, certificates__isnull=False).distinct().order_by("pk"))
    modern = [p for p in points if p.is_modern and p.name != "Siêu thị Chơn Thành"]  # one supermarket sells none
    count = 0
    for product in certified:
        if rng.random() > 0.6:
            continue
        for point in rng.sample(modern, k=rng.randint(1, 2)):
            since = max(point.opened_on, datetime.date(2022, 1, 1) + datetime.timedelta(days=rng.randint(0, 900)))
            Listing.objects.create(
                product=product, sales_point=point, since=since, price=product.price, is_demo=True,
                url=f"{point.url}/sp/{product.pk}" if point.url else "",
            )  # fmt: skip
            count += 1
    return count


def _tourism(rng: random.Random) -> None:
    tourism = list(Product.objects.filter(is_demo=True, product_set_id=26).order_by("pk")[:2])
    for product in tourism:
        product.tourism_seasons = "Quanh năm; đẹp nhất mùa điều trổ bông (tháng 12 – 3)"
        product.tourism_services = "Tham quan vườn, trải nghiệm chế biến hạt điều, ẩm thực S'tiêng, lưu trú homestay"
        product.save()
    villages = ["Làng nghề điều Bù Đăng", "Làng nghề dệt thổ cẩm S'tiêng Sóc Bom Bo"]
    for product, name in zip(tourism, villages, strict=False):
        village = CraftVillage.objects.create(
            name=name, unit=product.producer.commune, recognised_on=datetime.date(2021, 8, 15),
            decision_number=f"{rng.randint(1000, 2999)}/QĐ-UBND", tourism=True,
        )  # fmt: skip
        village.products.set([product])


def _commune_statuses(rng: random.Random, districts: list[Unit]) -> int:
    count = 0
    for district in districts:
        for commune in district.children.order_by("code")[:4]:
            year = rng.randint(2022, 2025)
            level = rng.choice([RuralLevel.NTM, RuralLevel.ADVANCED, RuralLevel.ADVANCED, RuralLevel.MODEL])
            CommuneStatus.objects.create(
                unit=commune, year=year, level=level, decision_number=f"{rng.randint(100, 999)}/QĐ-UBND",
                decision_date=datetime.date(year, 12, rng.randint(1, 28)),
            )  # fmt: skip
            count += 1
    return count


def _activities(rng: random.Random, province: Unit, districts: list[Unit]) -> int:
    producers = list(Producer.objects.filter(is_demo=True).order_by("pk"))
    specs = [
        (ActivityKind.TRAINING, "Tập huấn nâng cao năng lực chủ thể OCOP {year}", 120),
        (ActivityKind.SUPPORT_POLICY, "Hỗ trợ bao bì, nhãn mác sản phẩm OCOP {year}", None),
        (ActivityKind.COMMUNICATION, "Chuyên mục OCOP trên Đài PT-TH Bình Phước {year}", None),
    ]
    count = 0
    for year in range(2022, 2026):
        for kind, title, participants in specs:
            activity = Activity.objects.create(
                kind=kind, title=title.format(year=year), agency="Văn phòng Điều phối NTM tỉnh", unit=province,
                starts_on=datetime.date(year, 3, 1), ends_on=datetime.date(year, 11, 30),
                budget=Decimal(rng.randint(2, 20) * 50_000_000), funding_source=FundingSource.PROGRAMME,
                status=ActivityStatus.DONE if year < 2025 else ActivityStatus.ONGOING, participants=participants,
                evidence=f"Báo cáo kết quả số {rng.randint(10, 99)}/BC-VPĐP ngày 15/12/{year}", is_demo=True,
            )  # fmt: skip
            helped = rng.sample(producers, k=8)
            activity.producers.set(helped)
            if kind == ActivityKind.SUPPORT_POLICY:
                for producer in helped:
                    Support.objects.create(
                        producer=producer, activity=activity, kind=SupportKind.PACKAGING,
                        amount=Decimal(rng.randint(5, 30) * 1_000_000), funding_source=FundingSource.PROGRAMME,
                        received_on=datetime.date(year, rng.randint(4, 10), 15), is_demo=True,
                    )  # fmt: skip
            count += 1
    project = Activity.objects.create(
        kind=ActivityKind.SCIENCE_PROJECT, title="Ứng dụng công nghệ sấy lạnh cho hạt điều Bình Phước",
        agency="Sở Khoa học và Công nghệ", unit=districts[3], starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2025, 6, 30), budget=Decimal(1_200_000_000), funding_source=FundingSource.PROVINCIAL,
        status=ActivityStatus.DONE, is_demo=True,
    )  # fmt: skip
    project.producers.set(producers[:3])
    return count + 1
