"""Imports that update existing records ask the rights table on the record as it stands, not only as the row would
leave it: a row cannot pull another office's record into one's own scope. A record one may not see is refused in
the same words as a record one may not create, and a reference (a tax number) to one is "not found", as a number
that does not exist: the dry run never reveals that it exists. (Issue 12 §1: the import takeover.)"""

import datetime

import pytest

from conftest import make_certificate, make_producer, make_product
from ocop.certificates.models import Certificate
from ocop.core.models import ChangeLog
from ocop.exchange.tests.market_kit import csv_of, legacy
from ocop.market.models import Event
from ocop.places.models import Unit
from ocop.registry.models import Producer, Workforce

pytestmark = pytest.mark.django_db
OUTSIDE = ("This record is outside your scope.", "Bản ghi này nằm ngoài phạm vi quản lý của bạn.")


def run(kind: str, rows: list[dict], user, dry_run: bool = False):
    from ocop.exchange.engine import run_import

    return run_import(kind, f"{kind}.csv", csv_of(kind, rows), user, dry_run=dry_run)


def producer_row(tax: str, commune: str, **more: str) -> dict:
    row = {
        "Tên chủ thể": "HTX Chiếm Chỗ", "Loại hình": "Hợp tác xã", "Mã số thuế / số ĐKKD": tax,
        "Người đại diện": "Trần Văn Bình", "Giới tính người đại diện": "Nam", "Xã/phường": commune,
        "Địa chỉ từ ngày": "01/01/2023",
    }  # fmt: skip
    return {**row, **more}


def messages(report) -> list[str]:
    return [p.message for p in report.problems]


def test_a_commune_officer_cannot_take_over_another_communes_producer(producer_a, officer_b):
    """Officer B imports producer A's tax number with a commune of B: the producer stays A's, unchanged."""
    before = Producer.objects.values().get(pk=producer_a.pk)
    logged = ChangeLog.objects.count()
    row = producer_row(producer_a.tax_code, "Xã Minh Hưng, Huyện Bù Đăng, Bình Phước")
    for dry_run in (True, False):
        report = run("producers", [row], officer_b, dry_run=dry_run)
        assert not report.ok and not report.written and messages(report)[0] in OUTSIDE, report.problems
    assert Producer.objects.values().get(pk=producer_a.pk) == before
    assert ChangeLog.objects.count() == logged


def test_the_refusal_says_nothing_of_the_record_it_met(producer_a, officer_b):
    """Dry run and import say the same plain words: not the existing producer's name, commune or anything of it."""
    row = producer_row(producer_a.tax_code, "Xã Minh Hưng, Huyện Bù Đăng, Bình Phước")
    dry, real = run("producers", [row], officer_b, dry_run=True), run("producers", [row], officer_b)
    assert messages(dry) == messages(real) and len(messages(real)) == 1 and messages(real)[0] in OUTSIDE
    problem = real.problems[0]
    assert (problem.column, problem.value) == ("", "")
    assert producer_a.name not in str(real.problems) and "Tân Lập" not in str(real.problems)


def test_a_product_of_a_producer_out_of_scope_is_not_found_like_an_unknown_tax_number(producer_a, officer_b):
    rows = [{"Mã số thuế chủ thể": producer_a.tax_code, "Tên sản phẩm": "Hạt điều", "Bộ sản phẩm": 7}]
    unknown = [{"Mã số thuế chủ thể": "3800000001", "Tên sản phẩm": "Hạt điều", "Bộ sản phẩm": 7}]
    hidden, missing = run("products", rows, officer_b), run("products", unknown, officer_b)
    assert not hidden.ok and not producer_a.products.exists()
    assert [p.column for p in hidden.problems] == [p.column for p in missing.problems]
    assert messages(hidden)[0].replace(producer_a.tax_code, "X") == messages(missing)[0].replace("3800000001", "X")


def test_workforce_of_a_producer_out_of_scope_is_not_found(producer_a, officer_b):
    row = {"Mã số thuế chủ thể": producer_a.tax_code, "Năm": 2024, "Tổng số lao động": 9}
    report = run("workforce", [row], officer_b)
    assert not report.ok and not Workforce.objects.exists()
    assert "3801234567" in messages(report)[0]


def test_a_legacy_certificate_of_another_province_cannot_be_moved_to_ones_own_product(product_a, outsider_officer):
    """Hà Nội's office imports Đồng Nai's certificate number for a Hà Nội product: refused, the certificate stays."""
    certificate = make_certificate(product_a, "75-0001", "2023-06-01")
    hanoi = Unit.objects.filter(map="legacy", path__startswith="legacy/01/", level="commune").first()
    own = make_product(make_producer("HTX Hà Nội", hanoi, "0101010101"), "Trà sen Tây Hồ", product_set=11)
    row = {
        "Số giấy chứng nhận": certificate.number, "Mã số thuế chủ thể": "0101010101", "Tên sản phẩm": own.name,
        "Bộ sản phẩm": 11, "Hạng sao": 4, "Căn cứ (quyết định bộ tiêu chí)": "148/QĐ-TTg",
        "Cấp công nhận": "UBND cấp tỉnh", "Số quyết định công nhận": "QĐ 1/HN", "Ngày quyết định": "01/06/2023",
        "Ngày cấp": "01/06/2023",
    }  # fmt: skip
    report = run("certificates", [row], outsider_officer)
    assert not report.ok and not report.written and messages(report) == [OUTSIDE[1]], report.problems
    certificate.refresh_from_db()
    assert certificate.product_id == product_a.pk and Certificate.objects.count() == 1


def test_an_event_of_another_province_cannot_be_moved_into_ones_own(outsider_officer):
    event = Event.objects.create(
        name="Hội chợ OCOP Bình Phước 2024", kind="fair", level="provincial", unit=legacy("70"),
        starts_on=datetime.date(2024, 10, 10), ends_on=datetime.date(2024, 10, 14),
    )  # fmt: skip
    row = {
        "Tên sự kiện": event.name, "Loại sự kiện": "Hội chợ", "Cấp": "Cấp tỉnh", "Địa bàn": "Hà Nội",
        "Từ ngày": "10/10/2024", "Đến ngày": "14/10/2024",
    }  # fmt: skip
    report = run("events", [row], outsider_officer)
    assert not report.ok and not report.written and messages(report) == [OUTSIDE[1]], report.problems
    event.refresh_from_db()
    assert event.unit == legacy("70")
