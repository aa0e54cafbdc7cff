"""A national-scale OCOP data set for the indicator benchmark (`bench/indicators_bench.py`).

34 provinces and 3,321 communes (the two-level map, loaded by migrations), 20,000 producers with their address
history on both maps, 40,000 products, 60,000 certificates over 2019–2026 (renewals, upgrades, revocations,
transition extensions), dossiers forwarded to the central council, workforce, value-chain linkages, events and
participations, sales points and listings, new-rural statuses.

Everything is written with bulk_create: the benchmark measures reading, not writing, and save() would cost
minutes (history log, search text) without changing a single indicator. Fields the indicators do not read
(search text, descriptions) are left empty. The generator is seeded: the same scale gives the same rows.

`generate(names="realistic")` (the portal benchmark, `bench/portal_bench.py`) gives products and producers
varied Vietnamese names fitting their product set and legal form ("Hạt điều rang muối Bình Phước", "HTX Nông
nghiệp Tân Phú"), drawn from a random generator of their own: every other value, hence every indicator, is
the same as with the default plain names ("Mật ong 17", "Chủ thể OCOP số 5").
"""

import datetime
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

D = datetime.date
FIRST_CERTIFICATE = D(2019, 1, 1)
LEGACY_LAST_DAY = D(2025, 6, 30)  # the three-level map's last day; addresses after it are on the new map
REFORM = D(2025, 7, 1)
BATCH = 2_000
SEED = 20_251_231
TOURISM_SET = 26
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # the verification codes' alphabet (certificates/codes.py)


@dataclass(frozen=True)
class Scale:
    producers: int = 20_000
    products: int = 40_000
    certificates: int = 60_000

    def scaled(self, factor: float) -> "Scale":
        """A smaller (or larger) data set for a quick look; the map stays national."""
        return Scale(*(max(10, round(n * factor)) for n in (self.producers, self.products, self.certificates)))


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def line(self) -> str:
        return ", ".join(f"{n:,} {name}" for name, n in self.counts.items())


def today() -> datetime.date:
    # Records are never in the future: the indicators refuse future dates, and so would a real register.
    return min(datetime.date.today(), D(2026, 12, 31))


def day_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    if last <= first:
        return first
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def plus_months(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.month - 1 + months, 12)
    return D(day.year + year, month + 1, min(day.day, 28))


def generate(scale: Scale = Scale(), log: Any = sys.stderr, names: str = "plain", seed: int = SEED) -> Summary:
    """Write the whole data set into the current (empty, migrated) database.

    names: "plain" (numbered, the indicator benchmark's) or "realistic" (searchable Vietnamese names).
    seed: another seed gives other (still reproducible) data: the indicator tests' randomised comparisons."""
    if names not in ("plain", "realistic"):
        raise ValueError(f"names={names!r}: expected 'plain' or 'realistic'")
    started = time.perf_counter()
    rng = random.Random(seed)
    summary = Summary()
    world = _World.read()
    end = today()

    def step(name: str, count: int) -> None:
        summary.counts[name] = count
        print(f"  {count:>7,} {name} ({time.perf_counter() - started:.0f}s)", file=log, flush=True)

    namer = _Namer(random.Random(seed + 1)) if names == "realistic" else None  # its own stream: see above
    producers = _producers(rng, world, scale, step, namer)
    products = _products(rng, producers, scale, step, namer)
    certificates = _certificates(rng, world, products, scale, end, step)
    _dossiers(rng, products, certificates, step)
    _workforce_and_linkages(rng, producers, end, step)
    _events(rng, world, producers, products, certificates, end, step)
    _channels(rng, world, producers, products, end, step)
    _new_rural(rng, world, end, step)
    summary.seconds = time.perf_counter() - started
    return summary


# ---------------------------------------------------------------- the map


@dataclass
class _World:
    communes: list[tuple[int, int]]  # (id, province id) of the two-level map
    provinces: list[int]
    province_names: dict[int, str]
    predecessors: dict[int, list[int]]  # new commune → old communes it came from (three-level map)
    legacy_communes: list[int]
    regimes: list[tuple[datetime.date, int]]

    @classmethod
    def read(cls) -> "_World":
        from ocop.evaluation.models import Regime
        from ocop.places.choices import Level, MapVersion
        from ocop.places.models import Succession, Unit

        new = Unit.objects.filter(map=MapVersion.V2025)
        communes = list(new.filter(level=Level.COMMUNE).order_by("code").values_list("id", "parent_id"))
        names = dict(new.filter(level=Level.PROVINCE).order_by("code").values_list("id", "name"))
        predecessors: dict[int, list[int]] = defaultdict(list)
        pairs = Succession.objects.filter(predecessor__level=Level.COMMUNE, successor__level=Level.COMMUNE)
        for old, new_id in pairs.order_by("predecessor__code").values_list("predecessor_id", "successor_id"):
            predecessors[new_id].append(old)
        legacy = list(
            Unit.objects.filter(map=MapVersion.LEGACY, level=Level.COMMUNE)
            .order_by("code")
            .values_list("id", flat=True)
        )
        regimes = sorted(Regime.objects.values_list("effective_from", "id"))
        return cls(communes, list(names), names, dict(predecessors), legacy, regimes)

    def regime_on(self, day: datetime.date) -> int:
        chosen = self.regimes[0][1]
        for since, pk in self.regimes:
            if since <= day:
                chosen = pk
        return chosen


# ---------------------------------------------------------------- producers and products


@dataclass
class _Producer:
    pk: int
    commune: int
    province: int
    registered: datetime.date
    products: list[int] = field(default_factory=list)


def _producers(
    rng: random.Random, world: _World, scale: Scale, step: Any, namer: "_Namer | None" = None
) -> list[_Producer]:
    from ocop.registry.choices import Ethnicity, Gender, LegalForm
    from ocop.registry.models import Producer, ProducerAddress

    # Uneven communes, as in life: a few craft-village communes hold many producers, most hold a handful.
    weights = [rng.lognormvariate(0, 0.8) for _ in world.communes]
    placed = rng.choices(world.communes, weights=weights, k=scale.producers)
    forms = [
        (LegalForm.COOPERATIVE, 34),
        (LegalForm.HOUSEHOLD_BUSINESS, 33),
        (LegalForm.COMPANY_LLC, 15),
        (LegalForm.COOPERATIVE_GROUP, 6),
        (LegalForm.COMPANY_JSC, 4),
        (LegalForm.PRIVATE_ENTERPRISE, 3),
        (LegalForm.FARM, 2),
        (LegalForm.ASSOCIATION, 2),
        (LegalForm.COOPERATIVE_UNION, 1),
    ]
    minorities = [e.value for e in Ethnicity if e != Ethnicity.KINH]
    rows, facts = [], []
    for i, (commune, province) in enumerate(placed):
        registered = day_between(rng, D(2012, 1, 1), D(2025, 10, 31))
        minority = rng.random() < 0.18
        legal_form = rng.choices([f for f, _ in forms], weights=[w for _, w in forms])[0]
        rows.append(
            Producer(
                name=namer.producer(legal_form) if namer else f"Chủ thể OCOP số {i + 1}",
                legal_form=legal_form,
                tax_code=f"{3_600_000_000 + i}",  # 10 digits, unique
                founded_on=registered,
                representative_name="Nguyễn Thị Hoa" if i % 2 else "Trần Văn Nam",
                representative_gender=Gender.FEMALE if rng.random() < 0.42 else Gender.MALE,
                representative_ethnicity=rng.choice(minorities) if minority else Ethnicity.KINH,
                commune_id=commune,
            )
        )
        facts.append((commune, province, registered))
    Producer.objects.bulk_create(rows, batch_size=BATCH)
    producers = [_Producer(p.pk, c, pr, r) for p, (c, pr, r) in zip(rows, facts, strict=True)]
    step("producers", len(producers))

    # Address history: the old map until 30/06/2025, the new one after; 6% moved commune before the reform
    # (some to another province), so "the commune on D" differs from the current one.
    addresses = []
    for producer in producers:
        old = world.predecessors.get(producer.commune)
        if producer.registered >= REFORM or not old:
            addresses.append(
                ProducerAddress(producer_id=producer.pk, commune_id=producer.commune, valid_from=producer.registered)
            )
            continue
        since = producer.registered
        if since < D(2023, 1, 1) and rng.random() < 0.06:
            moved = day_between(rng, max(since + datetime.timedelta(days=30), D(2020, 1, 1)), D(2024, 12, 31))
            addresses.append(
                ProducerAddress(
                    producer_id=producer.pk,
                    commune_id=rng.choice(world.legacy_communes),
                    valid_from=since,
                    valid_to=moved - datetime.timedelta(days=1),
                )
            )
            since = moved
        addresses.append(
            ProducerAddress(
                producer_id=producer.pk, commune_id=rng.choice(old), valid_from=since, valid_to=LEGACY_LAST_DAY
            )
        )
        addresses.append(ProducerAddress(producer_id=producer.pk, commune_id=producer.commune, valid_from=REFORM))
    ProducerAddress.objects.bulk_create(addresses, batch_size=BATCH)
    step("addresses", len(addresses))
    return producers


KINDS = ["Mật ong", "Trà", "Hạt điều", "Nước mắm", "Gạo", "Cà phê", "Bánh tráng", "Tinh dầu", "Rượu", "Nấm"]


# Realistic names (names="realistic"): what each product set sells, a variety, and a place or house brand.
PRODUCT_NAMES: dict[int, list[tuple[str, list[str]]]] = {
    1: [("Bưởi", ["da xanh", "Diễn", "Năm Roi", "đỏ"]), ("Xoài", ["cát Hòa Lộc", "tứ quý"]),
        ("Sầu riêng", ["Ri6", "Monthong"]), ("Cam", ["sành", "Vinh"]), ("Nhãn", ["lồng", "xuồng cơm vàng"])],
    2: [("Thịt", ["lợn đen", "bò Mông", "trâu gác bếp"]), ("Trứng", ["gà ác", "vịt biển"]),
        ("Cá", ["lóc đồng", "tầm"]), ("Tôm", ["càng xanh", "sú"])],
    3: [("Gạo", ["ST25", "nàng thơm Chợ Đào", "lứt đỏ", "tám xoan", "séng cù"]), ("Nếp", ["cái hoa vàng", "cẩm"]),
        ("Hạt điều", ["tươi", "thô"]), ("Hồ tiêu", ["đen", "sọ"])],
    4: [("Mật ong", ["hoa cà phê", "rừng", "hoa nhãn", "bạc hà", "ong dú", "tràm"])],
    5: [("Chả", ["cá Lã Vọng", "mực", "lụa"]), ("Nem", ["chua", "nướng"]), ("Bánh mì", ["que", "chà bông"])],
    6: [("Bánh tráng", ["phơi sương", "nướng mè đen", "dừa"]), ("Miến", ["dong", "gạo"]),
        ("Bún", ["khô", "gạo lứt"]), ("Bánh", ["đa", "phồng tôm", "cốm"])],
    7: [("Hạt điều", ["rang muối", "rang củi", "vỏ lụa", "tẩm mật ong", "sấy giòn"]), ("Mứt", ["gừng", "dừa", "sen"]),
        ("Chuối", ["sấy dẻo", "sấy giòn"]), ("Mít", ["sấy"]), ("Kẹo", ["dừa", "lạc", "cu đơ"])],
    8: [("Khô", ["cá lóc", "mực", "bò", "cá dứa"]), ("Lạp xưởng", ["tươi", "tôm"]), ("Ruốc", ["tôm", "thịt"])],
    9: [("Nước mắm", ["cá cơm truyền thống", "nhĩ", "cá linh"]), ("Tương", ["bần", "ớt"]),
        ("Mắm", ["tôm chua", "tép"])],
    10: [("Muối", ["tôm", "ớt", "hồng"]), ("Bột", ["nghệ", "quế"]), ("Ớt", ["bột", "xay"])],
    11: [("Chè", ["Thái Nguyên", "búp", "Shan tuyết cổ thụ", "móc câu"]), ("Trà", ["xanh", "ô long", "đen"])],
    12: [("Trà", ["atiso", "mãng cầu", "hoa cúc", "gạo lứt", "dây"])],
    13: [("Cà phê", ["Robusta rang xay", "Arabica", "bột nguyên chất", "hạt rang mộc", "chồn"]),
         ("Ca cao", ["bột", "nguyên chất"])],
    14: [("Rượu", ["ngô men lá", "nếp", "gạo", "Bàu Đá"])],
    15: [("Rượu", ["cần", "sim", "táo mèo", "mơ", "nếp cẩm"]), ("Vang", ["nho", "sim"])],
    16: [("Nước khoáng", ["thiên nhiên"]), ("Nước uống", ["đóng chai", "ion kiềm"])],
    17: [("Nước", ["mía", "dừa", "cốt gừng"]), ("Sữa", ["đậu nành", "bắp"])],
    18: [("Sâm", ["Ngọc Linh", "đương quy", "cau"]), ("Cao", ["dược liệu", "atiso"]),
         ("Nấm", ["linh chi đỏ", "đông trùng hạ thảo"])],
    19: [("Xà phòng", ["thảo dược", "sả"]), ("Dầu gội", ["bồ kết", "thảo dược"]), ("Son", ["dưỡng sáp ong"])],
    20: [("Tinh dầu", ["sả chanh", "tràm", "quế", "bưởi", "hồi"]), ("Dầu", ["gấc", "dừa"])],
    21: [("Giỏ", ["mây tre đan", "cói"]), ("Gốm", ["Bát Tràng", "Chu Đậu", "men lam"]), ("Chiếu", ["cói", "trúc"])],
    22: [("Lụa", ["tơ tằm", "Vạn Phúc"]), ("Thổ cẩm", ["dệt tay"]), ("Áo", ["dài lụa", "thổ cẩm"])],
    23: [("Hoa", ["lan hồ điệp", "cúc", "hồng", "đào"])],
    24: [("Cây", ["mai vàng", "bonsai", "quất cảnh"])],
    25: [("Cá", ["koi", "cảnh"]), ("Chim", ["cảnh"])],
    26: [("Du lịch cộng đồng", ["bản", "làng", "miệt vườn"]), ("Điểm du lịch", ["sinh thái", "làng nghề"])],
}  # fmt: skip
BRANDS = (
    "Bình Phước", "Tân Phú", "Phước Lộc", "Hồng Lam", "Đắk Mil", "Cần Giờ", "Tam Nông", "Sơn Trà", "Mộc Châu",
    "Hà Giang", "Bảo Lộc", "Cái Bè", "Phú Quốc", "Long Khánh", "Ba Vì", "Tây Sơn", "Xuân Lộc", "Thanh Hà",
    "Bắc Kạn", "Tuyên Quang", "Hưng Yên", "Cao Phong", "Phan Thiết", "Đồng Tháp", "Bến Tre", "Sóc Trăng",
    "Cà Mau", "U Minh", "Nam Định", "Thái Bình", "Kon Tum", "Lâm Đồng", "Quảng Ngãi", "Hội An", "Phú Yên",
    "Tiền Giang", "Lạng Sơn", "Điện Biên", "Yên Bái", "Hòa Bình", "Bà Tư", "Cô Ba", "Út Hiền", "Sáu Tâm",
    "Hai Lúa", "Năm Sang", "Bảy Hòa", "Minh Phát", "An Khang", "Thịnh Vượng", "Kim Ngân", "Hương Quê",
    "Xanh Việt", "Việt Xanh", "Đất Mẹ", "Quê Nhà", "Sen Hồng", "Mây Ngàn", "Nắng Vàng", "Phù Sa",
)  # fmt: skip
PRODUCER_PREFIXES = {
    "cooperative": ["HTX Nông nghiệp", "HTX Dịch vụ nông nghiệp", "Hợp tác xã", "HTX Sản xuất"],
    "cooperative_group": ["Tổ hợp tác"],
    "cooperative_union": ["Liên hiệp HTX"],
    "household_business": ["Hộ kinh doanh", "Cơ sở"],
    "company_llc": ["Công ty TNHH", "Công ty TNHH MTV"],
    "company_jsc": ["Công ty Cổ phần"],
    "private_enterprise": ["Doanh nghiệp tư nhân"],
    "farm": ["Trang trại"],
    "association": ["Hội"],
}
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý")
GIVEN = ("Văn Nam", "Thị Hoa", "Văn Hùng", "Thị Lan", "Minh Tuấn", "Thị Mai", "Quốc Bảo", "Thị Hương", "Văn Đức")


class _Namer:
    """Product and producer names for names="realistic", from a random generator of their own."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[tuple[int, int, str]] = set()  # (producer, product set, name) is unique

    def product(self, product_set: int, producer: int) -> str:
        kind, varieties = self.rng.choice(PRODUCT_NAMES[product_set])
        name = f"{kind} {self.rng.choice(varieties)} {self.rng.choice(BRANDS)}"
        if self.rng.random() >= 0.7:
            name += f" {self.rng.choice(['loại 1', 'đặc biệt', 'hộp quà', 'túi 500g', 'hũ 250g'])}"
        unique, n = name, 1
        while (producer, product_set, unique) in self.taken:
            n += 1
            unique = f"{name} ({n})"
        self.taken.add((producer, product_set, unique))
        return unique

    def producer(self, legal_form: str) -> str:
        prefix = self.rng.choice(PRODUCER_PREFIXES.get(str(legal_form), ["Cơ sở"]))
        if prefix in ("Hộ kinh doanh", "Cơ sở", "Trang trại"):
            return f"{prefix} {self.rng.choice(FAMILY)} {self.rng.choice(GIVEN)}"
        return f"{prefix} {self.rng.choice(BRANDS)}"


def _products(
    rng: random.Random, producers: list[_Producer], scale: Scale, step: Any, namer: "_Namer | None" = None
) -> dict[int, _Producer]:
    from ocop.registry.choices import ProductStatus
    from ocop.registry.models import Product

    # Every producer has at least one product; the rest go to random producers (1–5 each, mean 2).
    owners = [producers[i % len(producers)] for i in range(min(scale.products, len(producers)))]
    owners += rng.choices(producers, k=scale.products - len(owners))
    rows = []
    for i, owner in enumerate(owners):
        product_set = TOURISM_SET if rng.random() < 0.04 else rng.randint(1, 25)
        rows.append(
            Product(
                producer_id=owner.pk,
                product_set_id=product_set,
                name=namer.product(product_set, owner.pk) if namer else f"{KINDS[i % len(KINDS)]} {i + 1}",
                status=ProductStatus.ACTIVE,
            )
        )
    Product.objects.bulk_create(rows, batch_size=BATCH)
    by_product = {}
    for row, owner in zip(rows, owners, strict=True):
        owner.products.append(row.pk)
        by_product[row.pk] = owner
    step("products", len(rows))
    return by_product


# ---------------------------------------------------------------- certificates


@dataclass
class _Cert:
    product: int
    stars: int
    decided: datetime.date
    issued: datetime.date
    valid_until: datetime.date
    revoked: datetime.date | None = None
    extended: datetime.date | None = None


def _chain(rng: random.Random, registered: datetime.date, end: datetime.date, product: int) -> list[_Cert]:
    """One product's certificates: a first recognition, then upgrades or re-evaluations at expiry (or not)."""
    first = day_between(rng, max(registered + datetime.timedelta(days=120), FIRST_CERTIFICATE), end)
    if first >= end:
        return []
    stars = rng.choices([3, 4, 5], weights=[60, 36, 4])[0]
    out: list[_Cert] = []
    decided = first
    while decided < end:
        issued = min(decided + datetime.timedelta(days=rng.randint(0, 20)), end)
        cert = _Cert(product, stars, decided, issued, plus_months(issued, 36) - datetime.timedelta(days=1))
        out.append(cert)
        if rng.random() < 0.02 and issued + datetime.timedelta(days=30) < end:  # revoked: the chain ends
            cert.revoked = day_between(rng, issued + datetime.timedelta(days=30), min(cert.valid_until, end))
            break
        draw = rng.random()
        if draw < 0.06 and stars < 5:  # upgraded during its validity
            decided = day_between(
                rng, issued + datetime.timedelta(days=365), cert.valid_until - datetime.timedelta(days=181)
            )
            stars += 1
        elif draw < 0.86:  # re-evaluated around expiry: 150 days before to 60 days after
            decided = day_between(
                rng, cert.valid_until - datetime.timedelta(days=150), cert.valid_until + datetime.timedelta(days=60)
            )
        else:  # left to lapse; some kept valid by the transition rule (at most 180 days)
            if cert.valid_until < end and rng.random() < 0.15:
                cert.extended = cert.valid_until + datetime.timedelta(days=rng.randint(30, 180))
            break
    return [c for c in out if c.decided < end]


def _certificates(
    rng: random.Random, world: _World, products: dict[int, _Producer], scale: Scale, end: datetime.date, step: Any
) -> list[_Cert]:
    from ocop.certificates.choices import DecidingLevel, RevocationGround
    from ocop.certificates.models import Certificate

    order = list(products)
    rng.shuffle(order)
    chains: list[_Cert] = []
    for product in order:  # until the target count: the products left over are never recognised
        chain = _chain(rng, products[product].registered, end, product)
        chains.extend(chain[: scale.certificates - len(chains)])
        if len(chains) >= scale.certificates:
            break
    codes: set[str] = set()
    rows = []
    for seq, cert in enumerate(chains, start=1):
        while (code := "".join(rng.choices(ALPHABET, k=12))) in codes:
            pass
        codes.add(code)
        level = DecidingLevel.CENTRAL if cert.stars == 5 else DecidingLevel.PROVINCE
        if cert.stars == 3 and cert.decided.year < 2021 and seq % 5 == 0:
            level = DecidingLevel.DISTRICT  # the 2019 regime let districts recognise 3★
        rows.append(
            Certificate(
                number=f"{seq:06d}/GCN-OCOP-{cert.issued.year}",
                product_id=cert.product,
                stars=cert.stars,
                regime_id=world.regime_on(cert.decided),
                deciding_level=level,
                decision_number=f"{seq}/QĐ-UBND",
                decision_date=cert.decided,
                issued_on=cert.issued,
                valid_until=cert.valid_until,
                extended_until=cert.extended,
                verification_code=code,
                revoked_on=cert.revoked,
                revocation_ground=RevocationGround.NO_LONGER_MEETS if cert.revoked else "",
                is_legacy=cert.decided < D(2023, 2, 24),
            )
        )
    Certificate.objects.bulk_create(rows, batch_size=BATCH)
    step(f"certificates ({len({c.product for c in chains}):,} products recognised)", len(rows))
    return chains


def _dossiers(rng: random.Random, products: dict[int, _Producer], certs: list[_Cert], step: Any) -> None:
    """Indicator 3: 4★ products whose dossier the province forwarded to the central council."""
    from django.utils import timezone

    from ocop.evaluation.choices import DossierKind, DossierState
    from ocop.evaluation.models import CriteriaVersion, Dossier, DossierEvent

    version = CriteriaVersion.objects.order_by("id").first()
    if version is None:
        return
    candidates = [c for c in certs if c.stars == 4 and c.issued.year >= 2021]
    chosen = rng.sample(candidates, k=min(len(candidates), max(1, len(certs) // 40)))
    dossiers = [
        Dossier(product_id=c.product, kind=DossierKind.UPGRADE, state=DossierState.AT_CENTRAL, criteria_version=version)
        for c in chosen
    ]
    Dossier.objects.bulk_create(dossiers, batch_size=BATCH)
    events = [
        DossierEvent(
            dossier=d, action="forward_central", from_state=DossierState.SCORED, to_state=DossierState.AT_CENTRAL
        )
        for d in dossiers
    ]
    DossierEvent.objects.bulk_create(events, batch_size=BATCH)
    for event, cert in zip(events, chosen, strict=True):  # `at` is auto_now_add: set the real date afterwards
        day = cert.issued + datetime.timedelta(days=rng.randint(200, 500))
        event.at = datetime.datetime.combine(
            min(day, today()), datetime.time(9), tzinfo=timezone.get_current_timezone()
        )
    DossierEvent.objects.bulk_update(events, ["at"], batch_size=BATCH)
    step("dossiers forwarded to the central council", len(events))


def _workforce_and_linkages(rng: random.Random, producers: list[_Producer], end: datetime.date, step: Any) -> None:
    from ocop.registry.models import Linkage, Workforce

    workforce, linkages = [], []
    for producer in producers:
        for year in sorted(rng.sample(range(2019, end.year + 1), k=rng.randint(0, 4))):
            workers = rng.randint(2, 80)
            trained = rng.randint(0, workers)
            workforce.append(
                Workforce(
                    producer_id=producer.pk,
                    year=year,
                    workers=workers,
                    trained_workers=trained,
                    local_workers=rng.randint(0, workers),
                )
            )
        for _ in range(rng.choices([0, 1, 2], weights=[62, 30, 8])[0]):
            started = day_between(rng, D(2018, 1, 1), end)
            ended = day_between(rng, started, end + datetime.timedelta(days=900)) if rng.random() < 0.25 else None
            linkages.append(
                Linkage(
                    producer_id=producer.pk,
                    partner="Công ty TNHH Thương mại Xanh",
                    started_on=started,
                    ended_on=ended,
                    stable=rng.random() < 0.7,
                )
            )
    Workforce.objects.bulk_create(workforce, batch_size=BATCH)
    step("workforce records", len(workforce))
    Linkage.objects.bulk_create(linkages, batch_size=BATCH)
    step("value-chain linkages", len(linkages))


# ---------------------------------------------------------------- market


def _events(
    rng: random.Random,
    world: _World,
    producers: list[_Producer],
    products: dict[int, _Producer],
    certs: list[_Cert],
    end: datetime.date,
    step: Any,
) -> None:
    from ocop.market.choices import EventKind, EventLevel
    from ocop.market.models import Event, Participation

    by_province: dict[int, list[_Producer]] = defaultdict(list)
    for producer in producers:
        by_province[producer.province].append(producer)
    kinds = [EventKind.FAIR, EventKind.OCOP_WEEK, EventKind.CONFERENCE, EventKind.LIVESTREAM]
    events, guests = [], []
    for year in range(2019, end.year + 1):
        last = min(D(year, 12, 31), end)
        for province in world.provinces:
            for kind in kinds:
                starts = day_between(rng, D(year, 1, 1), last)
                events.append(
                    Event(
                        name=f"{kind.label} {year} – {world.province_names[province]}",  # unique with the day
                        kind=kind,
                        level=EventLevel.PROVINCIAL,
                        unit_id=province,
                        starts_on=starts,
                        ends_on=starts + datetime.timedelta(days=3),
                    )
                )
                pool = by_province[province]
                guests.append(rng.sample(pool, k=min(len(pool), 25 * len(producers) // 20_000 or 1)))
        for n in range(3):
            starts = day_between(rng, D(year, 1, 1), last)
            events.append(
                Event(
                    name=f"Hội chợ OCOP quốc gia {year} ({n + 1})",
                    kind=EventKind.FAIR,
                    level=EventLevel.NATIONAL,
                    starts_on=starts,
                    ends_on=starts + datetime.timedelta(days=4),
                )
            )
            guests.append(rng.sample(producers, k=min(len(producers), 60)))
    Event.objects.bulk_create(events, batch_size=BATCH)
    step("events", len(events))

    participations, shown = [], []
    for event, invited in zip(events, guests, strict=True):
        for producer in invited:
            participations.append(Participation(event_id=event.pk, producer_id=producer.pk, confirmed=True))
            # Half name the products they showed; the other half mean "all its OCOP products that day".
            shown.append(rng.sample(producer.products, k=min(2, len(producer.products))) if rng.random() < 0.5 else [])
    Participation.objects.bulk_create(participations, batch_size=BATCH)
    through = Participation.products.through
    links = [
        through(participation_id=p.pk, product_id=product)
        for p, chosen in zip(participations, shown, strict=True)
        for product in chosen
    ]
    through.objects.bulk_create(links, batch_size=BATCH)
    step(f"participations ({len(links):,} products named)", len(participations))


def _channels(
    rng: random.Random,
    world: _World,
    producers: list[_Producer],
    products: dict[int, _Producer],
    end: datetime.date,
    step: Any,
) -> None:
    from ocop.market.choices import SalesPointKind as K
    from ocop.market.models import Listing, SalesPoint

    communes_of: dict[int, list[int]] = defaultdict(list)
    for commune, province in world.communes:
        communes_of[province].append(commune)
    per_province = {
        K.SHOWROOM_CENTRE: 2,
        K.SUPERMARKET: 10,
        K.COMMERCIAL_CENTRE: 5,
        K.CONVENIENCE_CHAIN: 5,
        K.OCOP_POINT: 25,
        K.TRADITIONAL_MARKET: 10,
        K.EXPORT_PARTNER: 1,
    }
    points, province_of = [], []
    for province in world.provinces:
        for kind, count in per_province.items():
            for n in range(count):
                name = f"{kind.label} {n + 1} – {world.province_names[province]}"  # (name, kind) is unique
                points.append(_point(rng, name, kind, rng.choice(communes_of[province]), end))
                province_of.append(province)
    for n in range(8):
        points.append(_point(rng, f"Sàn thương mại điện tử {n + 1}", K.ECOMMERCE_PLATFORM, None, end))
        province_of.append(None)
    for producer in rng.sample(producers, k=min(len(producers), 800)):
        point = _point(rng, f"Gian hàng trực tuyến của chủ thể {producer.pk}", K.ONLINE_SHOP, None, end)
        point.producer_id = producer.pk
        points.append(point)
        province_of.append(-producer.pk)  # its own products only
    SalesPoint.objects.bulk_create(points, batch_size=BATCH)
    step("sales points", len(points))

    by_province: dict[int, list[int]] = defaultdict(list)
    by_owner: dict[int, list[int]] = {}
    for product, owner in products.items():
        by_province[owner.province].append(product)
        by_owner[owner.pk] = owner.products
    everything = list(products)
    listings, seen = [], set()
    while len(listings) < round(len(products) * 1.25):
        i = len(listings)
        at = i % len(points) if i < len(points) else rng.randrange(len(points))
        point, where = points[at], province_of[at]
        pool = everything if where is None else by_owner[-where] if where < 0 else by_province[where] or everything
        last = min(point.closed_on or end, end)
        since = day_between(rng, max(point.opened_on, D(2019, 1, 1)), last)
        until = day_between(rng, since, since + datetime.timedelta(days=900)) if rng.random() < 0.3 else None
        product = rng.choice(pool)
        if (product, point.pk, since) in seen:  # (product, point, since) is unique: draw again
            continue
        seen.add((product, point.pk, since))
        listings.append(Listing(product_id=product, sales_point_id=point.pk, since=since, until=until))
    Listing.objects.bulk_create(listings, batch_size=BATCH)
    step("listings", len(listings))


def _point(rng: random.Random, name: str, kind: str, unit: int | None, end: datetime.date) -> Any:
    from ocop.market.models import SalesPoint

    opened = day_between(rng, D(2015, 1, 1), end - datetime.timedelta(days=60))
    closed = day_between(rng, opened + datetime.timedelta(days=30), end) if rng.random() < 0.1 else None
    return SalesPoint(name=name, kind=kind, unit_id=unit, opened_on=opened, closed_on=closed)


def _new_rural(rng: random.Random, world: _World, end: datetime.date, step: Any) -> None:
    """Indicator 15: new-rural statuses, on the old communes before the reform and the new ones after."""
    from ocop.market.choices import RuralLevel
    from ocop.market.models import CommuneStatus

    seen: set[tuple[int, int, str]] = set()
    rows = []
    for commune, _province in world.communes:
        if rng.random() > 0.55:
            continue
        year = rng.randint(2019, end.year)
        for level in (RuralLevel.NTM, RuralLevel.ADVANCED, RuralLevel.MODEL):
            decided = day_between(rng, D(year, 1, 1), min(D(year, 12, 31), end))
            old = world.predecessors.get(commune)
            unit = rng.choice(old) if decided < REFORM and old else commune
            if (unit, year, level) not in seen:
                seen.add((unit, year, level))
                rows.append(
                    CommuneStatus(
                        unit_id=unit,
                        year=year,
                        level=level,
                        decision_number=f"{len(rows) + 1}/QĐ-UBND",
                        decision_date=decided,
                    )
                )
            year += rng.randint(1, 3)
            if year > end.year or rng.random() < 0.45:
                break
    CommuneStatus.objects.bulk_create(rows, batch_size=BATCH)
    step("new-rural statuses", len(rows))
