"""A deterministic Bình Phước demo on the old (three-level) map, marked `is_demo`.

Producers in all 11 district-level units, the province's product families (cashew, pepper, coffee,
honey, bird's nest, dried fruit, durian, pomelo…), mixed legal forms, women and men, several ethnic
groups, workforce figures, linkages and credentials. Later issues extend it (certificates, events…).
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model

from ocop.core.choices import RoleKind
from ocop.core.models import Role
from ocop.places.models import Unit
from ocop.registry.choices import CredentialKind, Ethnicity, Gender, LegalForm, ProductStatus
from ocop.registry.models import Credential, Linkage, Producer, Product, Workforce
from ocop.registry.services import record_address

DEMO_PASSWORD = "ocop-demo-2026"
SEED = 2022

# district code → (producer names with their legal form, product lines as (name, product set, price, unit))
PRODUCTS = {
    "cashew": [
        ("Hạt điều rang muối", 7, 320000, "hộp 500 g"),
        ("Hạt điều tỏi ớt", 7, 340000, "hộp 500 g"),
        ("Nhân điều sấy giòn", 7, 280000, "túi 500 g"),
    ],
    "pepper": [("Tiêu đen hạt", 10, 180000, "túi 500 g"), ("Tiêu sọ trắng", 10, 260000, "túi 500 g")],
    "coffee": [
        ("Cà phê rang xay nguyên chất", 13, 150000, "túi 500 g"),
        ("Cà phê hạt Robusta", 13, 140000, "túi 500 g"),
    ],
    "honey": [("Mật ong hoa cà phê", 4, 220000, "chai 500 ml"), ("Mật ong rừng", 4, 350000, "chai 500 ml")],
    "birdnest": [
        ("Yến sào tinh chế", 8, 3500000, "hộp 50 g"),
        ("Nước yến chưng đường phèn", 8, 180000, "lốc 6 hũ"),
    ],
    "durian": [("Sầu riêng Ri6", 1, 90000, "kg"), ("Sầu riêng sấy giòn", 7, 250000, "hộp 200 g")],
    "pomelo": [("Bưởi da xanh", 1, 45000, "kg")],
    "dried": [("Mít sấy giòn", 7, 90000, "túi 250 g"), ("Chuối sấy dẻo", 7, 70000, "túi 250 g")],
    "rice_wine": [("Rượu cần S'tiêng", 15, 250000, "ché 5 lít")],
    "brocade": [("Thổ cẩm S'tiêng", 22, 450000, "tấm")],
    "tourism": [("Khu du lịch sinh thái cộng đồng", 26, 150000, "lượt khách")],
    "mushroom": [("Nấm bào ngư sấy", 7, 120000, "túi 200 g")],
    "cacao": [("Bột ca cao nguyên chất", 13, 160000, "hộp 250 g")],
}

PRODUCERS = {
    "689": [
        ("HTX Nông nghiệp Tiến Hưng", LegalForm.COOPERATIVE, ["cashew", "pepper"]),
        ("Công ty TNHH Hạt điều Đồng Xoài", LegalForm.COMPANY_LLC, ["cashew"]),
        ("Hộ kinh doanh Yến sào Tân Phú", LegalForm.HOUSEHOLD_BUSINESS, ["birdnest"]),
    ],
    "688": [
        ("HTX Tiêu sạch Phước Long", LegalForm.COOPERATIVE, ["pepper"]),
        ("Công ty Cổ phần Điều Phước Long", LegalForm.COMPANY_JSC, ["cashew"]),
        ("Tổ hợp tác Mật ong Bà Rá", LegalForm.COOPERATIVE_GROUP, ["honey"]),
    ],
    "690": [
        ("HTX Nông sản Bình Long", LegalForm.COOPERATIVE, ["durian", "dried"]),
        ("Hộ kinh doanh Cà phê An Lộc", LegalForm.HOUSEHOLD_BUSINESS, ["coffee"]),
        ("Công ty TNHH Thực phẩm Bình Long", LegalForm.COMPANY_LLC, ["dried"]),
    ],
    "691": [
        ("HTX Điều Bù Gia Mập", LegalForm.COOPERATIVE, ["cashew"]),
        ("HTX Du lịch cộng đồng Bù Gia Mập", LegalForm.COOPERATIVE, ["tourism", "brocade"]),
        ("Trang trại Sầu riêng Đa Kia", LegalForm.FARM, ["durian"]),
    ],
    "692": [
        ("HTX Nông nghiệp Lộc Ninh", LegalForm.COOPERATIVE, ["pepper", "cacao"]),
        ("Công ty TNHH Yến sào Lộc Ninh", LegalForm.COMPANY_LLC, ["birdnest"]),
        ("Hộ kinh doanh Bưởi Lộc Thái", LegalForm.HOUSEHOLD_BUSINESS, ["pomelo"]),
        ("Liên hiệp HTX Nông nghiệp Bình Phước", LegalForm.COOPERATIVE_UNION, ["cashew"]),
    ],
    "693": [
        ("HTX Điều hữu cơ Bù Đốp", LegalForm.COOPERATIVE, ["cashew"]),
        ("Tổ hợp tác Rượu cần Thanh Hòa", LegalForm.COOPERATIVE_GROUP, ["rice_wine"]),
    ],
    "694": [
        ("HTX Cà phê Hớn Quản", LegalForm.COOPERATIVE, ["coffee"]),
        ("Doanh nghiệp tư nhân Mật ong Tân Khai", LegalForm.PRIVATE_ENTERPRISE, ["honey"]),
        ("Hộ kinh doanh Nấm sạch Thanh An", LegalForm.HOUSEHOLD_BUSINESS, ["mushroom"]),
    ],
    "695": [
        ("HTX Nông nghiệp Đồng Phú", LegalForm.COOPERATIVE, ["cashew", "dried"]),
        ("Công ty TNHH Tiêu Đồng Phú", LegalForm.COMPANY_LLC, ["pepper"]),
        ("Hộ kinh doanh Yến sào Tân Lập", LegalForm.HOUSEHOLD_BUSINESS, ["birdnest"]),
    ],
    "696": [
        ("HTX Nông nghiệp Minh Hưng", LegalForm.COOPERATIVE, ["cashew", "durian"]),
        ("HTX Thổ cẩm Bom Bo", LegalForm.COOPERATIVE, ["brocade", "tourism"]),
        ("Công ty Cổ phần Cà phê Bù Đăng", LegalForm.COMPANY_JSC, ["coffee"]),
        ("Hộ kinh doanh Mật ong Đắk Nhau", LegalForm.HOUSEHOLD_BUSINESS, ["honey"]),
    ],
    "697": [
        ("HTX Dịch vụ Nông nghiệp Chơn Thành", LegalForm.COOPERATIVE, ["pomelo", "dried"]),
        ("Công ty TNHH Điều Chơn Thành", LegalForm.COMPANY_LLC, ["cashew"]),
    ],
    "698": [
        ("HTX Nông nghiệp Phú Riềng", LegalForm.COOPERATIVE, ["pepper", "coffee"]),
        ("Trang trại Điều Bù Nho", LegalForm.FARM, ["cashew"]),
    ],
}

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Điểu", "Thị", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
WOMEN = ["Thị Hoa", "Thị Lan", "Thị Hương", "Thị Mai", "Thị Hạnh", "Thị Thu", "Thị Ngọc"]
MEN = ["Văn Hùng", "Văn Nam", "Minh Tuấn", "Văn Dũng", "Quốc Bảo", "Văn Lợi", "Thanh Sơn"]
# Bình Phước's peoples: Kinh, Xtiêng, Khơ-me, Mnông, Tày, Nùng, Hoa.
ETHNICITIES = [Ethnicity.KINH] * 6 + [
    Ethnicity.XTIENG,
    Ethnicity.KHMER,
    Ethnicity.MNONG,
    Ethnicity.TAY,
    Ethnicity.NUNG,
    Ethnicity.HOA,
]


# Smaller producers the province also counts, generated per district: (family, legal form, label).
FAMILY_WEIGHTS = {"cashew": 6, "pepper": 3, "coffee": 2, "honey": 2, "durian": 2, "dried": 2, "birdnest": 1,
                  "pomelo": 1, "mushroom": 1, "cacao": 1}  # fmt: skip
FAMILY_LABELS = {"cashew": "Điều", "pepper": "Hồ tiêu", "coffee": "Cà phê", "honey": "Mật ong", "durian": "Sầu riêng",
                 "dried": "Nông sản sấy", "birdnest": "Yến sào", "pomelo": "Bưởi", "mushroom": "Nấm",
                 "cacao": "Ca cao"}  # fmt: skip
GENERATED_FORMS = [
    ("HTX", LegalForm.COOPERATIVE), ("Hộ kinh doanh", LegalForm.HOUSEHOLD_BUSINESS),
    ("Công ty TNHH", LegalForm.COMPANY_LLC), ("Tổ hợp tác", LegalForm.COOPERATIVE_GROUP),
    ("HTX", LegalForm.COOPERATIVE), ("Cơ sở", LegalForm.HOUSEHOLD_BUSINESS),
]  # fmt: skip
GENERATED_PER_DISTRICT = 14


def load_registry() -> dict[str, int]:
    """Producers, products and the demo accounts (called by ocop.demo.loader.load inside its change group)."""
    rng = random.Random(SEED)
    producers = []
    for district_code, entries in PRODUCERS.items():
        district = Unit.objects.get(map="legacy", code=district_code)
        communes = list(district.children.order_by("code"))
        for index, (name, legal_form, families) in enumerate(entries):
            producers.append(_producer(rng, name, legal_form, families, rng.choice(communes), index))
    for district_code in PRODUCERS:
        communes = list(Unit.objects.get(map="legacy", code=district_code).children.order_by("code"))
        for index in range(GENERATED_PER_DISTRICT):
            family = rng.choices(list(FAMILY_WEIGHTS), weights=list(FAMILY_WEIGHTS.values()))[0]
            prefix, legal_form = GENERATED_FORMS[index % len(GENERATED_FORMS)]
            commune = communes[(index * 3 + len(producers)) % len(communes)]
            name = f"{prefix} {FAMILY_LABELS[family]} {commune.short_name} {index + 1}"
            producers.append(_producer(rng, name, legal_form, [family], commune, index))
    _users(producers)
    return {
        "producers": len(producers),
        "products": Product.objects.filter(is_demo=True).count(),
    }


def _revenue(legal_form: str, workers: int, year: int, index: int) -> Decimal | None:
    """A plausible annual revenue in VND, rounded to the million, growing ~6% a year; some producers have not
    reported the last year yet. Derived from the other figures, not drawn: the random sequence stays the same."""
    if year == 2025 and index % 3 == 0:
        return None
    per_worker = 120 + (index * 37) % 11 * 30  # million VND per worker and year
    if legal_form == LegalForm.HOUSEHOLD_BUSINESS:
        per_worker //= 2
    millions = workers * per_worker * (100 + 6 * (year - 2021)) // 100
    return Decimal(millions * 1_000_000)


def _producer(
    rng: random.Random, name: str, legal_form: str, families: list[str], commune: Unit, index: int
) -> Producer:
    woman = rng.random() < 0.45
    ethnicity = rng.choice(ETHNICITIES)
    given = rng.choice(WOMEN if woman else MEN)
    founded = datetime.date(rng.randint(2008, 2021), rng.randint(1, 12), rng.randint(1, 28))
    producer = Producer(
        name=name,
        legal_form=legal_form,
        tax_code=f"38{Producer.objects.count() + 1:04d}{rng.randint(0, 9999):04d}",
        founded_on=founded,
        representative_name=f"{rng.choice(FAMILY)} {given}",
        representative_position="Giám đốc" if legal_form != LegalForm.HOUSEHOLD_BUSINESS else "Chủ hộ",
        representative_gender=Gender.FEMALE if woman else Gender.MALE,
        representative_ethnicity=ethnicity,
        representative_disability=rng.random() < 0.05,
        commune=commune,
        address=f"Ấp {rng.randint(1, 9)}",
        phone=f"0271 3{rng.randint(100000, 999999)}",
        latitude=Decimal("11.5") + Decimal(rng.randint(0, 9000)) / 10000,
        longitude=Decimal("106.5") + Decimal(rng.randint(0, 9000)) / 10000,
        is_demo=True,
    )
    producer.full_clean()
    producer.save()
    record_address(producer, commune, producer.address, max(founded, datetime.date(2015, 1, 1)))
    for year in range(2021, 2026):
        workers = rng.randint(5, 60)
        Workforce.objects.create(
            producer=producer,
            year=year,
            workers=workers,
            trained_workers=rng.randint(0, workers // 2),
            local_workers=rng.randint(workers // 2, workers),
            revenue=_revenue(legal_form, workers, year, index),
        )
    if rng.random() < 0.4:
        Linkage.objects.create(
            producer=producer,
            partner=rng.choice(["Công ty CP Vinamit", "Saigon Co.op", "Công ty TNHH Intimex", "Bách Hóa Xanh"]),
            contract_number=f"{rng.randint(1, 99)}/HĐLK",
            output_share=Decimal(rng.randint(10, 80)),
            started_on=datetime.date(rng.randint(2021, 2024), rng.randint(1, 12), 1),
            stable=rng.random() < 0.7,
        )
    for family in families:
        for line_name, set_number, price, unit in PRODUCTS[family][: 1 + (index % 2)]:
            product = Product(
                producer=producer,
                product_set_id=set_number,
                name=_product_name(line_name, name, commune, set_number),
                status=ProductStatus.ACTIVE if rng.random() < 0.85 else ProductStatus.DRAFT,
                description=f"{line_name} của {name}, sản xuất tại {commune.name}.",
                story=f"Sản phẩm gắn với vùng nguyên liệu {commune.parent.short_name}, Bình Phước.",
                packaging=unit,
                standards="TCCS 01:2023/" + "".join(w[0] for w in name.split()[:3]).upper(),
                traceability_code=f"BP-{rng.randint(100000, 999999)}",
                price=Decimal(price),
                price_unit=unit,
                tourism_location=f"{commune.name}, {commune.parent.name}" if set_number == 26 else "",
                tourism_capacity=200 if set_number == 26 else None,
                is_demo=True,
            )
            product.full_clean()
            product.save()
    if rng.random() < 0.5:
        Credential.objects.create(
            producer=producer,
            kind=rng.choice([CredentialKind.VIETGAP, CredentialKind.TRADEMARK, CredentialKind.ISO_22000]),
            number=f"{rng.randint(100, 999)}/{rng.randint(2019, 2024)}",
            issuer="Sở Nông nghiệp và Phát triển nông thôn Bình Phước",
            issued_on=datetime.date(rng.randint(2019, 2024), 6, 1),
        )
    return producer


def _product_name(line: str, producer_name: str, commune: Unit, set_number: int) -> str:
    if set_number == 26:
        return f"{line} {commune.short_name}"
    words = producer_name.split()
    suffix = " ".join(words[-2:]) if words[-1].isdigit() else words[-1]
    return f"{line} {suffix}"


def _users(producers: list[Producer]) -> None:
    """Demo accounts, one per persona; the password is DEMO_PASSWORD (see README)."""
    user_model = get_user_model()
    dong_nai = Unit.objects.get(map="2025", code="75")
    first = producers[0]
    new_commune = first.commune.successions_out.order_by("successor__code").first().successor
    accounts = [
        ("admin", None, {"is_staff": True, "is_superuser": True}),
        ("tinh", Role(kind=RoleKind.PROVINCE_OFFICE, unit=dong_nai), {}),
        ("xa", Role(kind=RoleKind.COMMUNE_OFFICER, unit=new_commune), {}),
        ("coso", Role(kind=RoleKind.PRODUCER, producer=first), {}),
        ("xem", Role(kind=RoleKind.VIEWER, unit=dong_nai), {}),
    ]
    for username, role, flags in accounts:
        user, _ = user_model.objects.get_or_create(username=username, defaults=flags)
        user.set_password(DEMO_PASSWORD)
        user.save()
        if role is not None:
            role.user = user
            Role.objects.filter(user=user).delete()
            role.save()
