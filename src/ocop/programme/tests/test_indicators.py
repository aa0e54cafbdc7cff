"""The 15 indicators on small hand-built data: each expected numerator and denominator is written here,
with the edge cases of DOMAIN.md §5 (expired vs revoked, re-evaluation within 180 days, a participation without
products, a producer that moved commune, a legacy district against a current commune)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from conftest import make_certificate, make_producer, make_product, unit
from ocop.certificates.models import Certificate
from ocop.certificates.services import revoke
from ocop.market.models import CommuneStatus, Event, Listing, Participation, SalesPoint
from ocop.places.models import Unit
from ocop.programme.indicators.engine import PlanIndicators, project
from ocop.programme.models import Plan, Target
from ocop.programme.tests.test_fast_indicators import assert_fast_equals_full
from ocop.programme.views import points
from ocop.registry.choices import Ethnicity, Gender, LegalForm
from ocop.registry.models import Linkage, Producer, Workforce
from ocop.registry.services import record_address

pytestmark = pytest.mark.django_db
D = datetime.date
END_2024 = D(2024, 12, 31)


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.create(
        slug="bp", name="Bình Phước 2022–2025", province=unit("legacy", "70"), map="legacy",
        starts_on=D(2022, 1, 1), ends_on=D(2025, 12, 31),
    )  # fmt: skip


def numbers(plan: Plan, code: str, day: datetime.date = END_2024, where: object = None) -> tuple:
    engine = PlanIndicators(plan)
    result = next(r for r in engine.results(where or plan.province, day) if r.code == code)
    assert_fast_equals_full(engine, [day])  # every scenario: the dashboard's numbers = the drill-down's
    return (result.numerator, result.denominator, result.value, result.status)


@pytest.fixture
def world(plan, commune_a, commune_b):
    """Three producers in two districts of Bình Phước, with a history."""
    hoa = make_producer("HTX Hoa", commune_a, "3800000001", representative_gender=Gender.FEMALE,
                        representative_ethnicity=Ethnicity.KINH, legal_form=LegalForm.COOPERATIVE)  # fmt: skip
    lan = make_producer("Hộ Lan", commune_b, "3800000002", representative_gender=Gender.FEMALE,
                        representative_ethnicity="23", legal_form=LegalForm.HOUSEHOLD_BUSINESS)  # fmt: skip
    nam = make_producer("Công ty Nam", commune_b, "3800000003", representative_gender=Gender.MALE,
                        legal_form=LegalForm.COMPANY_LLC)  # fmt: skip
    cashew = make_product(hoa, "Điều rang", 7)
    honey = make_product(lan, "Mật ong", 2)
    pepper = make_product(nam, "Tiêu đen", 10)
    homestay = make_product(nam, "Du lịch vườn", 26)
    old = make_product(hoa, "Điều cũ", 7)
    make_certificate(old, "C-2019", "2019-09-01")  # before the plan: cumulative, not new; ends 31/08/2022
    make_certificate(cashew, "C-1", "2022-03-01", stars=4)
    make_certificate(honey, "C-2", "2023-06-01", stars=3)
    make_certificate(pepper, "C-3", "2024-02-01", stars=4)
    make_certificate(homestay, "C-4", "2024-08-01", stars=3)
    return {"hoa": hoa, "lan": lan, "nam": nam, "cashew": cashew, "honey": honey, "pepper": pepper,
            "homestay": homestay, "old": old}  # fmt: skip


def test_new_cumulative_and_tourism_products(plan, world):
    assert numbers(plan, "new_products")[0] == 4  # cashew, honey, pepper, homestay (old: 2019)
    assert numbers(plan, "cumulative_products")[0] == 5
    assert numbers(plan, "tourism_products")[0] == 1
    assert numbers(plan, "new_products", D(2023, 12, 31))[0] == 2
    # The valid-at-D count beside the cumulative one: the 2019 certificate expired in 2022.
    result = next(r for r in PlanIndicators(plan).results(plan.province, END_2024) if r.code == "cumulative_products")
    assert result.extra == 4


def test_two_certificates_issued_the_same_day(plan, world):
    """The later one (by id) decides the product's status; for the 5★ count beside the indicators any valid one
    of the day counts, as `Certificate.objects.valid_on` says (`numbers` checks both against the full rules)."""
    make_certificate(world["pepper"], "C-3-5", "2024-02-01", stars=5)  # the same day as C-3 (4★)
    make_certificate(world["honey"], "C-2-5", "2023-06-01", stars=5)
    make_certificate(world["honey"], "C-2-3", "2023-06-01", stars=3)  # the last of honey's day: 3★
    assert numbers(plan, "cumulative_products")[0] == 5
    engine = PlanIndicators(plan)
    assert engine.totals(END_2024, "five_star_products")[plan.province.path][0] == 2


def test_expired_versus_revoked_and_renewal_within_180_days(plan, world):
    lapsed = make_product(world["hoa"], "Bánh pía", 1)
    make_certificate(lapsed, "E-1", "2021-02-01")  # ends 31/01/2024, never renewed
    withdrawn = make_product(world["hoa"], "Trà", 3)
    make_certificate(withdrawn, "R-1", "2021-02-01")  # would end 31/01/2024 but was revoked first
    revoke(Certificate.objects.get(number="R-1"), ground="b", on=D(2023, 5, 1), authority="UBND", decision="9/QĐ")
    make_certificate(world["old"], "C-2019-R", "2022-05-01")  # 122 days before 31/08/2022: within the window
    assert numbers(plan, "renewed_share")[:2] == (1, 2)  # old renewed, lapsed not; a revoked one is not counted
    # At the deadline the latest ending certificate of each product decides: old's 2022 one ended 30/04/2025
    # without a newer one, and cashew's ended 28/02/2025: none of the three is consolidated then.
    assert numbers(plan, "renewed_share", D(2025, 12, 31))[:2] == (0, 3)


def test_a_revoked_product_is_no_longer_an_ocop_product(plan, world):
    revoke(Certificate.objects.get(number="C-2"), ground="b", on=D(2024, 1, 5), authority="UBND", decision="1/QĐ")
    assert numbers(plan, "women_led_share", D(2023, 12, 31))[:2] == (2, 2)  # Nam's first certificate: 2024
    assert numbers(plan, "women_led_share")[:2] == (1, 2)  # Lan's only product was revoked


def test_a_renewal_decided_too_early_is_not_a_consolidation(plan, world):
    make_certificate(world["cashew"], "C-1-NEW", "2025-12-01")  # after the end (28/02/2025): still counts
    assert numbers(plan, "renewed_share", D(2025, 12, 31))[:2] == (1, 2)  # cashew; old's 2019 one was not renewed
    Certificate.objects.filter(number="C-1-NEW").update(decision_date=D(2024, 6, 1), issued_on=D(2024, 6, 1))
    assert numbers(plan, "renewed_share", D(2025, 12, 31))[:2] == (0, 2)  # 272 days before the end: too early


def test_producer_shares(plan, world):
    Workforce.objects.create(producer=world["hoa"], year=2023, workers=10, trained_workers=2)
    Workforce.objects.create(producer=world["hoa"], year=2024, workers=10, trained_workers=5)
    Workforce.objects.create(producer=world["hoa"], year=2026, workers=99, trained_workers=99)  # after D's year
    Workforce.objects.create(producer=world["nam"], year=2022, workers=30, trained_workers=3)
    Linkage.objects.create(producer=world["lan"], partner="Co.op", started_on=D(2023, 1, 1), stable=True)
    Linkage.objects.create(producer=world["nam"], partner="X", started_on=D(2023, 1, 1), ended_on=D(2024, 6, 1),
                           stable=True)  # fmt: skip
    assert numbers(plan, "trained_workforce_share")[:3] == (8, 40, 20.0)
    assert numbers(plan, "women_led_share")[:2] == (2, 3)
    assert numbers(plan, "ethnic_minority_led_share")[:2] == (1, 3)
    assert numbers(plan, "coop_enterprise_share")[:2] == (2, 3)  # a household business is neither
    assert numbers(plan, "value_chain_share")[:2] == (1, 3)  # Nam's linkage ended before D


def test_a_representative_not_described_counts_in_the_denominator_only_and_is_shown_beside(plan, world):
    """Gender or ethnicity not stated: in the denominator (an OCOP producer all the same), never in the numerator
    (nothing says it is women- or minority-led), and counted beside the value as "not stated: N"."""
    Producer.objects.filter(pk=world["nam"].pk).update(
        representative_gender=Gender.NOT_STATED, representative_ethnicity=Ethnicity.NOT_STATED
    )
    Producer.objects.filter(pk=world["hoa"].pk).update(representative_ethnicity=Ethnicity.NOT_STATED)
    results = {r.code: r for r in PlanIndicators(plan).results(plan.province, END_2024)}
    women, minority = results["women_led_share"], results["ethnic_minority_led_share"]
    assert (women.numerator, women.denominator, women.not_stated) == (2, 3, 1)
    assert (minority.numerator, minority.denominator, minority.not_stated) == (1, 3, 2)  # Lan (Bru-Vân Kiều)
    bu_dang = {r.code: r for r in PlanIndicators(plan).results(unit("legacy", "696"), END_2024)}
    assert (bu_dang["women_led_share"].numerator, bu_dang["women_led_share"].not_stated) == (1, 1)
    assert results["coop_enterprise_share"].not_stated is None  # only where a fact can be missing


def test_events_count_named_products_or_all_ocop_products_of_the_day(plan, world):
    fair = Event.objects.create(name="Hội chợ", kind="fair", level="provincial", unit=plan.province,
                                starts_on=D(2023, 7, 1), ends_on=D(2023, 7, 3))  # fmt: skip
    Participation.objects.create(event=fair, producer=world["nam"])  # no products named: Nam had none valid then
    Participation.objects.create(event=fair, producer=world["lan"])  # no products named: honey was valid
    named = Participation.objects.create(event=fair, producer=world["hoa"])
    named.products.set([world["cashew"]])
    assert numbers(plan, "event_participation_share")[:2] == (2, 4)  # cashew and honey of the 4 OCOP products


def test_showrooms_supermarkets_and_modern_channels(plan, world, commune_a, commune_b):
    SalesPoint.objects.create(name="TT Đồng Phú", kind="showroom_centre", unit=commune_a, opened_on=D(2023, 1, 1))
    SalesPoint.objects.create(name="TT Bù Đăng", kind="showroom_centre", unit=commune_b, opened_on=D(2022, 1, 1),
                              closed_on=D(2024, 3, 1))  # fmt: skip
    mart = SalesPoint.objects.create(name="Co.op", kind="supermarket", unit=commune_a, opened_on=D(2020, 1, 1))
    SalesPoint.objects.create(name="GO!", kind="commercial_centre", unit=commune_b, opened_on=D(2020, 1, 1))
    shopee = SalesPoint.objects.create(name="Shopee", kind="ecommerce_platform", opened_on=D(2020, 1, 1))
    market = SalesPoint.objects.create(name="Chợ", kind="traditional_market", unit=commune_b, opened_on=D(2020, 1, 1))
    Listing.objects.create(product=world["cashew"], sales_point=mart, since=D(2023, 1, 1))
    Listing.objects.create(product=world["honey"], sales_point=shopee, since=D(2024, 1, 1), until=D(2024, 6, 1))
    Listing.objects.create(product=world["pepper"], sales_point=market, since=D(2024, 1, 1))
    assert numbers(plan, "district_showroom_coverage")[:2] == (1, 11)  # Bù Đăng's closed in March 2024
    assert numbers(plan, "supermarket_coverage")[:2] == (1, 2)
    assert numbers(plan, "modern_channel_share")[:2] == (1, 3)  # honey's listing ended; a market is not modern
    district = unit("legacy", "696")  # Bù Đăng
    assert numbers(plan, "district_showroom_coverage", where=district)[:2] == (0, 1)
    assert numbers(plan, "district_showroom_coverage", where=world["lan"].commune)[3] == "no_data"  # a commune


def test_new_rural_communes_with_ocop_products(plan, world, commune_a, commune_b):
    other = commune_b.parent.children.exclude(pk=commune_b.pk).first()
    CommuneStatus.objects.create(
        unit=commune_a, year=2023, level="advanced", decision_number="1", decision_date=D(2023, 12, 1)
    )
    CommuneStatus.objects.create(
        unit=commune_b, year=2022, level="model", decision_number="2", decision_date=D(2022, 12, 1)
    )
    CommuneStatus.objects.create(
        unit=other, year=2024, level="advanced", decision_number="3", decision_date=D(2024, 11, 1)
    )
    CommuneStatus.objects.create(unit=other, year=2025, level="ntm", decision_number="4", decision_date=D(2025, 3, 1))
    assert numbers(plan, "ntm_commune_coverage")[:2] == (2, 3)  # the third has no OCOP product
    # Mid-2025 the third commune's latest status is plain NTM, and Tân Lập's cashew certificate has expired.
    assert numbers(plan, "ntm_commune_coverage", D(2025, 6, 30))[:2] == (1, 2)


def test_potential_5_star_counts_forwarded_dossiers_and_central_recognitions(plan, world):
    make_certificate(world["pepper"], "C-5", "2024-10-01", stars=5)
    assert numbers(plan, "potential_5_star_share")[:2] == (1, 4)  # pepper; of cashew, honey, pepper, homestay


def test_a_producer_that_moved_is_counted_where_it_was_on_the_date(plan, world, commune_a):
    record_address(world["lan"], commune_a, "Ấp 2", D(2024, 3, 1))  # moved from Bù Đăng to Đồng Phú
    bu_dang, dong_phu = unit("legacy", "696"), unit("legacy", "695")
    assert numbers(plan, "women_led_share", D(2023, 12, 31), where=bu_dang)[:2] == (1, 1)
    assert numbers(plan, "women_led_share", END_2024, where=bu_dang)[:2] == (0, 1)  # Nam only
    assert numbers(plan, "women_led_share", END_2024, where=dong_phu)[:2] == (2, 2)


def test_a_plan_on_the_new_map_counts_records_of_the_old_communes(world, commune_a):
    new = Plan.objects.create(slug="dn", name="Đồng Nai 2026–2030", province=unit("2025", "75"), map="2025",
                              starts_on=D(2022, 1, 1), ends_on=D(2030, 12, 31))  # fmt: skip
    successor = commune_a.successions_out.order_by("successor__code").first().successor
    assert numbers(new, "cumulative_products")[0] == 5
    assert numbers(new, "cumulative_products", where=successor)[0] == 2  # cashew and old, of Tân Lập
    assert numbers(new, "district_showroom_coverage")[3] == "no_data"  # no districts on the two-level map


def test_the_showroom_centres_of_the_map_are_the_plans_open_ones_on_the_date(world, commune_a, commune_b):
    """The dashboard's map: centres of the plan's province open on the date, placed on the plan's map (an old
    commune's centre appears on a plan of the new map), none of another province."""
    new = Plan.objects.create(slug="dn", name="Đồng Nai 2026–2030", province=unit("2025", "75"), map="2025",
                              starts_on=D(2022, 1, 1), ends_on=D(2030, 12, 31))  # fmt: skip
    here = SalesPoint.objects.create(
        name="TT Đồng Phú", kind="showroom_centre", unit=commune_a, opened_on=D(2023, 1, 1)
    )
    SalesPoint.objects.create(name="TT đóng", kind="showroom_centre", unit=commune_b, opened_on=D(2022, 1, 1),
                              closed_on=D(2024, 3, 1))  # fmt: skip
    SalesPoint.objects.create(name="TT Hà Nội", kind="showroom_centre", unit=unit("legacy", "00004"),
                              opened_on=D(2022, 1, 1))  # fmt: skip
    engine = PlanIndicators(new)
    assert engine.showrooms(new.province, END_2024) == {here.pk}
    successor = commune_a.successions_out.order_by("successor__code").first().successor
    assert engine.showrooms(successor, END_2024) == {here.pk}
    assert engine.showrooms(new.province, D(2022, 6, 1)) == {SalesPoint.objects.get(name="TT đóng").pk}


def test_no_data_is_not_zero_and_sums_are_not_averages(plan, world):
    assert numbers(plan, "supermarket_coverage")[2:] == (None, "no_data")  # a share with nothing to divide by
    # Province: 2 of 3 producers women-led; by district 1/1 (Đồng Phú) and 1/2 (Bù Đăng): 66.7%, not 75%.
    assert numbers(plan, "women_led_share")[2] == 66.7


def test_it_counts_zero_where_there_is_nothing_to_count(plan, world):
    """A count with nothing to count is 0, not "no data" (issue 15: community-tourism products in a district that
    has none showed "no data"); "no data" is for shares with an empty denominator."""
    phuoc_long = unit("legacy", "688")  # no producer at all
    assert numbers(plan, "tourism_products", where=phuoc_long) == (0, None, 0, "")
    assert numbers(plan, "new_products", where=phuoc_long) == (0, None, 0, "")
    assert numbers(plan, "tourism_products", where=unit("legacy", "695"))[2] == 0  # Đồng Phú: cashew, no tourism
    # Before the first certificate, the province's counts are 0 and measured against the target.
    Target.objects.create(plan=plan, indicator="tourism_products", value=5)
    assert numbers(plan, "tourism_products", D(2022, 1, 1))[2:] == (0, "off_track")
    series = next(r for r in PlanIndicators(plan).results(phuoc_long, END_2024) if r.code == "tourism_products").series
    assert {value for _day, value in series} == {0}


def test_status_from_target_and_projection(plan, world):
    Target.objects.create(plan=plan, indicator="women_led_share", value=40)
    Target.objects.create(plan=plan, indicator="coop_enterprise_share", value=80)
    Target.objects.create(plan=plan, indicator="new_products", value=150)
    assert numbers(plan, "women_led_share")[3] == "met"
    assert numbers(plan, "coop_enterprise_share")[3] == "off_track"
    assert numbers(plan, "new_products")[3] == "off_track"
    assert numbers(plan, "new_products", where=unit("legacy", "695"))[3] == ""  # the count target is the province's
    assert project([(D(2022, 1, 1), 0), (D(2023, 1, 1), 10), (D(2024, 1, 1), 20)], D(2025, 1, 1)) == 30.0
    # At the deadline a missed target is off track, whatever the trend (no "at risk" or "on track" then).
    Target.objects.create(plan=plan, indicator="value_chain_share", value=50)
    assert numbers(plan, "value_chain_share", D(2025, 12, 31))[3] == "off_track"


def test_bad_input_is_refused_with_a_message(plan):
    with pytest.raises(ValidationError, match="indicator"):
        Target(plan=plan, indicator="happiness", value=1).full_clean()
    with pytest.raises(ValidationError):
        Target(plan=plan, indicator="new_products", value=1, unit=unit("2025", "75")).full_clean()
    with pytest.raises(ValidationError):
        Plan(slug="x", name="x", province=unit("legacy", "70"), map="legacy", starts_on=D(2025, 1, 1),
             ends_on=D(2024, 1, 1)).full_clean()  # fmt: skip
    engine = PlanIndicators(plan)
    with translation.override("en"), pytest.raises(ValidationError, match="before the plan starts"):
        engine.results(plan.province, D(2021, 12, 31))
    with translation.override("en"), pytest.raises(ValidationError, match="future"):
        engine.results(plan.province, D(2099, 1, 1))
    with pytest.raises(ValidationError):
        engine.results(unit("2025", "75"), END_2024)


def test_the_whole_dashboard_costs_a_fixed_number_of_queries(plan, world, django_assert_num_queries):
    """The plan's targets, the map and the places counted (units, successions, showrooms and supermarkets,
    new-rural statuses), then one statement for the numbers of every date of the trend (on PostgreSQL in a
    savepoint that sets its memory): the same whatever the number of units, producers or dates."""
    units = [plan.province, *plan.province.children.all(), *Unit.objects.filter(path__startswith=plan.province.path)]
    statement = 4 if connection.vendor == "postgresql" else 1  # SAVEPOINT, SET LOCAL work_mem, the statement, RELEASE
    with django_assert_num_queries(5 + statement):
        engine = PlanIndicators(plan)
        for place in units:
            engine.results(place, END_2024)


def test_the_dashboards_map_reads_its_points_in_a_fixed_number_of_queries(plan, world, django_assert_num_queries):
    """The map's OCOP producers come from one statement (on PostgreSQL in a savepoint that sets its memory), its
    showroom centres from the places already read for indicator 11, whatever the unit: no dataset is read."""
    Producer.objects.filter(name="HTX Hoa").update(latitude=Decimal("11.5"), longitude=Decimal("106.9"))
    engine = PlanIndicators(plan)
    engine.results(plan.province, END_2024)
    statement = 4 if connection.vendor == "postgresql" else 1
    for place in [plan.province, *plan.province.children.all()]:
        with django_assert_num_queries(statement):
            points(engine, place, END_2024)
    assert "data" not in engine.__dict__  # the dataset (`cached_property`) was not loaded
    assert points(engine, plan.province, END_2024) == [(11.5, 106.9, "producer", "HTX Hoa")]
