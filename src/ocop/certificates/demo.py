"""Demo certificates for the Bình Phước demo: recognitions 2019–2025 under the legacy regimes.

About 100 products recognised before 2022 and about 150 more by the end of 2025, mostly 3★, some 4★,
three 5★; expired certificates partly re-evaluated (a new certificate decided in the window) and partly
lapsed; one revoked. Deterministic.
"""

import datetime
import random

from ocop.certificates.choices import DecidingLevel, RevocationGround
from ocop.certificates.models import Certificate, Regime
from ocop.certificates.services import revoke, save_certificate
from ocop.registry.choices import ProductStatus
from ocop.registry.models import Product

SEED = 2019
TODAY = datetime.date(2026, 11, 30)  # the demo tells the same story whenever it is loaded
# Two provincial rounds a year: decisions in June and December.
ROUNDS = [datetime.date(y, m, d) for y in range(2019, 2026) for m, d in ((6, 20), (12, 18))][
    1:
]  # QĐ 1048 from 21/08/2019
RENEWAL_SHARE = 0.6


def regime_on(day: datetime.date, regimes: dict[str, Regime]) -> Regime:
    if day < datetime.date(2023, 2, 24):
        return regimes["qd-1048-2019"]
    if day < datetime.date(2025, 7, 6):
        return regimes["qd-148-2023"]
    if day < datetime.date(2026, 5, 22):
        return regimes["qd-1489-2025"]
    return regimes["qd-26-2026"]


class Issuer:
    def __init__(self) -> None:
        self.regimes = {r.code: r for r in Regime.objects.all()}
        self.count = 0
        self.sequence: dict[int, int] = {}

    def issue(self, product: Product, day: datetime.date, stars: int) -> Certificate:
        self.count += 1
        self.sequence[day.year] = self.sequence.get(day.year, 0) + 1
        province = "70" if day < datetime.date(2025, 7, 1) else "75"
        return save_certificate(
            Certificate(
                product=product,
                number=f"{self.count:04d}/GCN-OCOP",
                stars=stars,
                regime=regime_on(day, self.regimes),
                deciding_level=DecidingLevel.CENTRAL if stars == 5 else DecidingLevel.PROVINCE,
                decision_number=f"{day.year % 100 * 100 + day.month}/QĐ-UBND",
                decision_date=day,
                # The person who signed; the authority is named from the decision's date (certificates.authority).
                decision_signer="Phó Chủ tịch Lê Văn An" if stars < 5 else "Thứ trưởng Trần Minh Đức",
                issued_on=day,
                product_code=f"{province}-{self.sequence[day.year]}-{day.year}",
                is_legacy=True,
                is_demo=True,
            )
        )


def load_certificates() -> int:
    rng = random.Random(SEED)
    issuer = Issuer()
    products = list(Product.objects.filter(is_demo=True).exclude(product_set_id=26).order_by("id"))
    rng.shuffle(products)
    early, late = products[:100], products[100:250]
    stars_of = {p.pk: rng.choices([3, 4], weights=[72, 28])[0] for p in early + late}
    for product in early:
        _life(issuer, rng, product, rng.choice(ROUNDS[:5]), stars_of[product.pk])  # 12/2019 … 12/2021
    for product in late:
        _life(issuer, rng, product, rng.choice(ROUNDS[5:]), stars_of[product.pk])
    national = datetime.date(2025, 9, 26)  # three cashew lines reach 5★ at the central council
    cashew = [p for p in early if "điều" in p.name.lower() and _valid_and_latest(p, national)]
    for product in cashew[:3]:
        issuer.issue(product, national, 5)
    tourism = list(Product.objects.filter(is_demo=True, product_set_id=26).order_by("id"))
    for product in tourism:
        issuer.issue(product, datetime.date(2024, 12, 18), 3)
    _revoke_one(products)
    Product.objects.filter(certificates__isnull=False, is_demo=True).update(status=ProductStatus.ACTIVE)
    return issuer.count


def _valid_and_latest(product: Product, day: datetime.date) -> bool:
    """Holds a valid certificate on `day` and none issued after it (so a new one supersedes cleanly)."""
    valid = Certificate.objects.valid_on(day).filter(product=product).exists()
    return valid and not product.certificates.filter(issued_on__gte=day).exists()


def _life(issuer: Issuer, rng: random.Random, product: Product, first: datetime.date, stars: int) -> None:
    """The first recognition, then re-evaluations in the window (or a lapse) until today."""
    certificate = issuer.issue(product, first, stars)
    while certificate.valid_until < TODAY:
        if rng.random() > RENEWAL_SHARE:
            return  # expired and lapsed
        decided = certificate.valid_until - datetime.timedelta(days=rng.randint(70, 110))
        upgraded = min(4, certificate.stars + (1 if rng.random() < 0.15 else 0))  # 5★ is the centre's, below
        certificate = issuer.issue(product, decided, upgraded)


def _revoke_one(products: list[Product]) -> None:
    certificate = (
        Certificate.objects.valid_on(datetime.date(2025, 8, 1))
        .filter(product__in=products, stars=3, is_demo=True)
        .order_by("id")
        .first()
    )
    if certificate is not None:
        revoke(
            certificate,
            ground=RevocationGround.MARK_MISUSE,
            on=datetime.date(2025, 8, 15),
            authority="UBND tỉnh Đồng Nai",
            decision="1520/QĐ-UBND",
        )
