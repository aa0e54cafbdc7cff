"""The security matrix's world: the personas of issue 12 §7 and, for every record type the routes reach, one
record inside the personas' province (Đồng Nai, code 75: old Bình Phước's Tân Lập commune, producer A, the
province's council session) and one outside it (Hà Nội: another province, another producer, another session).

Built once per test module (`world` fixture of the matrix's modules); each request of the matrix runs in a
savepoint rolled back after it, so no write of one case reaches the next.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.utils import timezone

from conftest import PASSWORD, make_certificate, make_producer, make_product, make_user, successor, unit
from ocop.api.models import Delivery, Subscription
from ocop.core.choices import RoleKind
from ocop.core.models import ApiToken, ChangeLog, Notification, Role
from ocop.core.tests.file_kit import picture
from ocop.evaluation.choices import DossierState
from ocop.evaluation.models import CouncilSession, CriteriaVersion, Dossier, Evidence, Membership, Round, Scoresheet
from ocop.exchange.models import ExportRecord, ImportRecord, JobState
from ocop.market.models import (
    Activity,
    ActivityFile,
    CommuneStatus,
    CraftVillage,
    Event,
    Listing,
    Participation,
    SalesPoint,
    Support,
)
from ocop.monitoring import services as monitoring
from ocop.monitoring.models import CheckItem, FindingFile, Inspection, InspectionPlan
from ocop.places.models import Unit
from ocop.portal.models import MisuseReport
from ocop.programme.models import Plan, Solution, Target, Task, TaskReport
from ocop.registry.choices import ProductStatus
from ocop.registry.images import reencode
from ocop.registry.models import Credential, Linkage, ProductPhoto, Workforce
from ocop.stories.choices import ArticleKind, ArticleStatus
from ocop.stories.models import Article

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DAY = datetime.date(2024, 6, 1)
SIDES = ("in", "out")

# The personas of issue 12 §7, in the order the summary lists them.
PERSONAS = (
    "anonymous",
    "viewer",
    "producer",
    "commune_elsewhere",  # a commune officer of another province (Hà Nội)
    "commune",  # the commune officer of producer A's commune
    "office",  # the province OCOP office of Đồng Nai
    "member_elsewhere",  # sits on a council session, not the one the records are before
    "member",  # sits on the session the inside dossier is before
    "national",  # the national OCOP office: the whole country, read-only, no producer-private files
    "admin",
)


@dataclass
class World:
    people: dict[str, User | None]
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)  # persona → API key
    markers: dict[str, tuple[str, str]] = field(default_factory=dict)  # marker text → (record key, side)
    # The values of personal fields (the models' `personal_fields`) → (record key, side): shown only to those with
    # the table's "personal" right on the record.
    personal: dict[str, tuple[str, str]] = field(default_factory=dict)
    others: dict[str, User] = field(default_factory=dict)  # people who own the outside records, not personas

    def obj(self, key: str, side: str) -> Any:
        return self.objects[key][side]

    def add(self, key: str, inside: Any, outside: Any) -> None:
        self.objects[key] = {"in": inside, "out": outside}


def marker(world: World, key: str, side: str) -> str:
    """A word no page shows unless it shows this record: a leak of a record shows its marker."""
    text = f"Mk{key.replace('_', '')}{side.upper()}x"
    world.markers[text] = (key, side)
    return text


def personal_marker(world: World, key: str, side: str, name: str) -> str:
    """A value of a personal field: a page, file or answer showing it to someone without the right leaks it."""
    text = f"Pm{key.replace('_', '')}{name}{side.upper()}x"
    world.personal[text] = (key, side)
    return text


def _units() -> dict[str, dict[str, Unit]]:
    tan_lap = Unit.objects.get(map="legacy", parent__code="695", name="Xã Tân Lập")
    hanoi = Unit.objects.filter(map="legacy", path__startswith="legacy/01/", level="commune").order_by("path").first()
    return {
        "commune": {"in": tan_lap, "out": hanoi},
        "province": {"in": unit("2025", "75"), "out": unit("2025", "01")},
    }


def _people(units: dict[str, dict[str, Unit]], producer_in: Any) -> dict[str, User | None]:
    return {
        "anonymous": None,
        "viewer": make_user("m_viewer", RoleKind.VIEWER, unit=units["province"]["in"]),
        "producer": make_user("m_producer", RoleKind.PRODUCER, producer=producer_in),
        "commune_elsewhere": make_user(
            "m_commune_hn", RoleKind.COMMUNE_OFFICER, unit=successor(units["commune"]["out"])
        ),
        "commune": make_user("m_commune", RoleKind.COMMUNE_OFFICER, unit=successor(units["commune"]["in"])),
        "office": make_user("m_office", RoleKind.PROVINCE_OFFICE, unit=units["province"]["in"]),
        "member_elsewhere": make_user("m_member_hn"),
        "member": make_user("m_member"),
        "national": make_user("m_national", RoleKind.NATIONAL_OFFICE, unit=unit("2025", "VN")),
        "admin": User.objects.create_superuser("m_admin", password=PASSWORD),
    }


def build() -> World:
    units = _units()
    w = World(people={})
    producers = {
        side: make_producer(
            f"HTX {marker(w, 'producer', side)}", units["commune"][side], tax,
            phone=personal_marker(w, "producer", side, "phone"),
            email=f"{personal_marker(w, 'producer', side, 'email')}@example.org",
        )
        for side, tax in (("in", "3809990001"), ("out", "0109990002"))
    }  # fmt: skip
    w.add("producer", producers["in"], producers["out"])
    w.people = _people(units, producers["in"])
    outsider = make_user("m_office_hn", RoleKind.PROVINCE_OFFICE, unit=units["province"]["out"])
    w.others["office_elsewhere"] = outsider  # owns the outside records that belong to a person
    for side in SIDES:
        _registry(w, side, producers[side])
        _evaluation(w, side, units)
        _market(w, side, units)
        _programme(w, side, units)
        _national(w, side)
        _misuse(w, side, units)
        _monitoring(w, side, units)
        owner = w.people["office"] if side == "in" else outsider
        _personal(w, side, owner)
    w.add("article", *[_article(w, side) for side in SIDES])
    for persona, user in w.people.items():
        if user is not None:
            w.tokens[persona] = ApiToken.issue(user, f"matrix {persona}")[1]
    return w


def _put(w: World, key: str, side: str, obj: Any) -> Any:
    w.objects.setdefault(key, {})[side] = obj
    return obj


def _registry(w: World, side: str, producer: Any) -> None:
    product = make_product(producer, f"Hạt điều {marker(w, 'product', side)}", status=ProductStatus.ACTIVE)
    _put(w, "product", side, product)
    _put(w, "workforce", side, Workforce.objects.create(producer=producer, year=2024, workers=10))
    _put(w, "linkage", side, Linkage.objects.create(producer=producer, partner="Co.op", started_on=DAY))
    _put(w, "credential", side, Credential.objects.create(producer=producer, product=product, kind="vietgap"))
    image = reencode(ContentFile(picture("JPEG"), name="anh.jpg"))
    _put(w, "productphoto", side, ProductPhoto.objects.create(product=product, image=image, alt_text="Hộp điều"))
    number = "75-M001" if side == "in" else "01-M001"
    _put(w, "certificate", side, make_certificate(product, number, "2024-03-01"))  # 4★: the province recognised it
    five = make_product(producer, f"Điều 5 sao {marker(w, 'product5', side)}", status=ProductStatus.ACTIVE)
    _put(w, "certificate_central", side, make_certificate(five, f"{number}-5", "2024-03-01", stars=5))  # the ministry
    _put(w, "changelog", side, ChangeLog.objects.filter(object_id=str(producer.pk), content_type__model="producer")
         .order_by("id").first())  # fmt: skip


def _evaluation(w: World, side: str, units: dict) -> None:
    province = units["province"][side]
    product = w.obj("product", side)
    round_ = Round.objects.create(
        province=province, year=2026, number=1, commune_deadline=datetime.date(2026, 10, 30),
        closes_on=datetime.date(2026, 12, 30),
    )  # fmt: skip
    session = CouncilSession.objects.create(
        round=round_, name=f"Hội đồng {marker(w, 'councilsession', side)}", held_on=datetime.date(2026, 11, 20)
    )
    member = w.people["member" if side == "in" else "member_elsewhere"]
    membership = Membership.objects.create(session=session, user=member, role="chair")
    dossier = Dossier.objects.create(
        product=product, criteria_version=CriteriaVersion.objects.first(), state=DossierState.IN_SESSION,
        round=round_, session=session, phone=personal_marker(w, "dossier", side, "phone"),
    )  # fmt: skip
    evidence = Evidence.objects.create(dossier=dossier, file=ContentFile(PDF, name="ho-so.pdf"), note="Hồ sơ")
    sheet = Scoresheet.objects.create(session=session, dossier=dossier, member=member, submitted_at=timezone.now())
    for key, obj in (("round", round_), ("councilsession", session), ("membership", membership),
                     ("dossier", dossier), ("evidence", evidence), ("scoresheet", sheet)):  # fmt: skip
        _put(w, key, side, obj)
    # a dossier the producer still prepares (the self-assessment and submit routes act on it)
    draft_product = make_product(product.producer, f"Mật ong {marker(w, 'draftproduct', side)}")
    draft = Dossier.objects.create(
        product=draft_product, criteria_version=CriteriaVersion.objects.first(), state=DossierState.DRAFT
    )
    _put(w, "draft_dossier", side, draft)


def _market(w: World, side: str, units: dict) -> None:
    commune, province = units["commune"][side], units["province"][side]
    producer, product = w.obj("producer", side), w.obj("product", side)
    event = Event.objects.create(
        name=f"Hội chợ {marker(w, 'event', side)}", kind="fair", level="provincial", unit=province,
        starts_on=datetime.date(2026, 10, 10), ends_on=datetime.date(2026, 10, 14), registration_open=True,
    )  # fmt: skip
    shop = SalesPoint.objects.create(
        name=f"Cửa hàng {marker(w, 'salespoint', side)}", kind="supermarket", unit=commune, opened_on=DAY
    )
    activity = Activity.objects.create(
        kind="training", title=f"Tập huấn {marker(w, 'activity', side)}", unit=province, starts_on=DAY
    )
    objects = {
        "event": event,
        "participation": Participation.objects.create(event=event, producer=producer, confirmed=True),
        "salespoint": shop,
        "listing": Listing.objects.create(product=product, sales_point=shop, since=DAY),
        "craftvillage": CraftVillage.objects.create(name=f"Làng {marker(w, 'craftvillage', side)}", unit=commune),
        "communestatus": CommuneStatus.objects.create(
            unit=commune, year=2024, level="advanced", decision_number="1/QĐ", decision_date=DAY
        ),
        "activity": activity,
        "activityfile": ActivityFile.objects.create(
            activity=activity, file=ContentFile(PDF, name="bc.pdf"), name="Báo cáo.pdf"
        ),
        "support": Support.objects.create(producer=producer, kind="finance", funding_source="central", received_on=DAY),
    }
    for key, obj in objects.items():
        _put(w, key, side, obj)


def _programme(w: World, side: str, units: dict) -> None:
    plan = Plan.objects.create(
        slug=f"plan-{side}", name=f"Đề án {marker(w, 'plan', side)}", province=units["province"][side], map="2025",
        starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2030, 12, 31),
    )  # fmt: skip
    target = Target.objects.create(plan=plan, indicator="new_products", value=5)
    solution = Solution.objects.create(plan=plan, number=1, title="Giải pháp 1")
    task = Task.objects.create(solution=solution, title="Nhiệm vụ 1", responsible="Sở NN")
    report = TaskReport.objects.create(task=task, reported_on=DAY, progress=50, text="Đang làm")
    for key, obj in (("plan", plan), ("target", target), ("solution", solution), ("task", task),
                     ("taskreport", report)):  # fmt: skip
        _put(w, key, side, obj)


def _national(w: World, side: str) -> None:
    """A national plan, placed on the whole country: of the new map inside, of the old map outside."""
    country = unit("2025" if side == "in" else "legacy", "VN")
    plan = Plan.objects.create(
        slug=f"national-{side}", name=f"Chương trình {marker(w, 'national_plan', side)}", province=country,
        map=country.map, starts_on=datetime.date(2021, 1, 1), ends_on=datetime.date(2025, 12, 31),
    )  # fmt: skip
    _put(w, "national_plan", side, plan)


def _misuse(w: World, side: str, units: dict) -> None:
    report = MisuseReport.objects.create(
        unit=units["commune"][side], seen_at="Chợ", description=f"Tem giả {marker(w, 'misusereport', side)}",
        client_hash=side, contact=personal_marker(w, "misusereport", side, "contact"),
    )  # fmt: skip
    _put(w, "misusereport", side, report)


def _monitoring(w: World, side: str, units: dict) -> None:
    plan = InspectionPlan.objects.create(
        unit=units["province"][side], year=2026, authority=f"Văn phòng {marker(w, 'inspectionplan', side)}"
    )
    inspection = monitoring.open_inspection(
        Inspection(
            plan=plan, product=w.obj("product", side), scheduled_on=datetime.date(2026, 5, 4), place="Xưởng",
            team="Đoàn", internal_notes=personal_marker(w, "inspection", side, "notes"),
        )
    )  # fmt: skip
    item = CheckItem.objects.get(inspection=inspection, code="M2")
    evidence = FindingFile.objects.create(item=item, file=ContentFile(PDF, name="bb.pdf"), name="Biên bản.pdf")
    for key, obj in (("inspectionplan", plan), ("inspection", inspection), ("checkitem", item),
                     ("findingfile", evidence)):  # fmt: skip
        _put(w, key, side, obj)


def _personal(w: World, side: str, owner: User) -> None:
    """Records that belong to a person: inside, the province office's; outside, Hà Nội's office's."""
    role = Role.objects.get(user=owner)
    _put(w, "role", side, role)
    _put(w, "apitoken", side, ApiToken.issue(owner, f"script {side}")[0])
    _put(w, "notification", side, Notification.objects.create(user=owner, key=f"m-{side}", title="Nhắc"))
    imported = ImportRecord.objects.create(
        user=owner, kind="producers", file_name=f"{marker(w, 'importrecord', side)}.csv", sha256="0" * 64,
        dry_run=True, state=JobState.DONE,
    )  # fmt: skip
    _put(w, "importrecord", side, imported)
    exported = ExportRecord.objects.create(
        user=owner, kind="producers", format="csv", file_name=f"{marker(w, 'exportrecord', side)}.csv",
        state=JobState.DONE, data=b"a,b\n",
    )  # fmt: skip
    _put(w, "exportrecord", side, exported)
    subscription = Subscription.objects.create(
        owner=owner, unit=role.unit, name=f"Cổng {marker(w, 'subscription', side)}", url="https://hook.example.org/",
        events=["certificate.issued"],
    )  # fmt: skip
    _put(w, "subscription", side, subscription)
    delivery = Delivery.objects.create(subscription=subscription, event="certificate.issued", event_id=side, payload={})
    _put(w, "delivery", side, delivery)


def _article(w: World, side: str) -> Article:
    article = Article(
        title=f"Tin {marker(w, 'article', side)}", kind=ArticleKind.NEWS, status=ArticleStatus.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(days=1), summary="Tóm tắt", body="<p>Nội dung.</p>",
    )  # fmt: skip
    article.save()
    return article
