"""Market records into the platform from Excel: events, participations, sales points, listings, new-rural
statuses, programme activities and support received. Each kind imports, re-imports unchanged, updates by its
natural key, reports bad rows by row and column (writing nothing) and stays in the importer's scope."""

from decimal import Decimal

import pytest

from conftest import make_producer
from ocop.exchange.tests.market_kit import (
    MARKET_KINDS,
    D,
    imports_then_repeats_then_updates,
    problems_at,
    run,
)
from ocop.market.models import Activity, CommuneStatus, Event, Listing, Participation, SalesPoint, Support
from ocop.places.models import Unit

pytestmark = pytest.mark.django_db


def event_row(**overrides: object) -> dict[str, object]:
    row = {
        "Tên sự kiện": "Hội chợ nông sản Đồng Phú", "Loại sự kiện": "fair", "Cấp": "commune",
        "Đơn vị tổ chức": "UBND huyện Đồng Phú", "Địa điểm": "Sân vận động huyện", "Địa bàn": "Đồng Phú",
        "Từ ngày": "05/08/2024", "Đến ngày": "07/08/2024", "Kinh phí hỗ trợ (đồng)": "150.000.000",
        "Cho đăng ký tham gia": "Có",
    }  # fmt: skip
    row.update(overrides)
    return row


def test_events_import_with_their_unit_at_any_level_and_update_by_name_and_date(province_officer):
    rows = [
        event_row(),  # a bare name shared by a district and communes: the district
        event_row(**{"Tên sự kiện": "Hội chợ OCOP tỉnh", "Cấp": "provincial", "Địa bàn": "Bình Phước"}),
        event_row(**{"Tên sự kiện": "Phiên livestream", "Loại sự kiện": "livestream", "Địa bàn": "",
                     "Cấp": "national", "Kinh phí hỗ trợ (đồng)": "", "Cho đăng ký tham gia": "Không"}),
        event_row(**{"Tên sự kiện": "Tuần lễ OCOP Đồng Nai", "Cấp": "provincial", "Địa bàn": "75",
                     "Từ ngày": "01/09/2025", "Đến ngày": "03/09/2025"}),  # the new map from 01/07/2025
        event_row(**{"Tên sự kiện": "Ngày hội xã", "Địa bàn": "Xã Tân Lập, Huyện Đồng Phú, Tỉnh Bình Phước"}),
    ]  # fmt: skip
    corrected = [dict(row) for row in rows]
    corrected[0]["Kinh phí hỗ trợ (đồng)"] = "180.000.000"
    imports_then_repeats_then_updates("events", rows, corrected, province_officer)
    units = {e.name: e.unit.key if e.unit else None for e in Event.objects.select_related("unit")}
    assert units == {
        "Hội chợ nông sản Đồng Phú": "legacy:695", "Hội chợ OCOP tỉnh": "legacy:70", "Phiên livestream": None,
        "Tuần lễ OCOP Đồng Nai": "2025:75", "Ngày hội xã": "legacy:25381",
    }  # fmt: skip
    event = Event.objects.get(name="Hội chợ nông sản Đồng Phú")
    assert event.budget == 180_000_000 and event.registration_open and event.confirmed
    assert not Event.objects.get(name="Phiên livestream").registration_open


def test_bad_event_rows_are_reported_by_row_and_column_and_nothing_is_written(province_officer):
    rows = [
        event_row(**{"Tên sự kiện": "Đúng"}),
        event_row(**{"Tên sự kiện": "Kết thúc trước", "Đến ngày": "01/08/2024"}),
        event_row(**{"Tên sự kiện": "Kinh phí âm", "Kinh phí hỗ trợ (đồng)": "-5"}),
        event_row(**{"Tên sự kiện": "Không rõ nơi", "Địa bàn": "Huyện Không Có"}),
        event_row(**{"Tên sự kiện": "Mã sai", "Địa bàn": "999"}),
    ]
    report = run("events", rows, province_officer)
    assert problems_at(report) == {3: {"Đến ngày"}, 4: {"Kinh phí hỗ trợ (đồng)"}, 5: {"Địa bàn"}, 6: {"Địa bàn"}}, (
        report.problems
    )
    message = next(p.message for p in report.problems if p.row == 3)
    assert "before it starts" in message or "trước" in message
    assert not report.written and not Event.objects.exists()


def test_a_producer_proposes_events_unconfirmed_in_its_own_province(producer_user, producer_a):
    rows = [
        event_row(**{"Cho đăng ký tham gia": "Có"}),
        event_row(**{"Tên sự kiện": "Hội chợ ở Hà Nội", "Địa bàn": "Thành phố Hà Nội"}),
    ]
    report = run("events", rows, producer_user)
    assert problems_at(report) == {3: {""}}, report.problems  # outside its province
    report = run("events", rows[:1], producer_user)
    event = Event.objects.get()
    assert report.ok and event.proposed_by == producer_a and not event.confirmed and not event.registration_open


# Participations


def participation_row(**overrides: object) -> dict[str, object]:
    row = {
        "Tên sự kiện": "hoi cho ocop binh phuoc 2024", "Ngày bắt đầu sự kiện": "10/10/2024",
        "Mã số thuế chủ thể": "3801234567", "Sản phẩm trưng bày": "Hạt điều rang muối Tân Lập; điều nhân sấy",
        "Gian hàng": "A12", "Doanh số (đồng)": "12.000.000", "Số hợp đồng ký kết": 2, "Số khách hàng đã gặp": 15,
        "Đã xác nhận tham gia": "Có",
    }  # fmt: skip
    row.update(overrides)
    return row


def test_participations_import_with_their_products_and_update_them(province_officer, fair, product_a, cashew, draft_b):
    rows = [
        participation_row(),
        participation_row(**{"Mã số thuế chủ thể": "3807654321", "Sản phẩm trưng bày": "", "Gian hàng": "B3",
                             "Đã xác nhận tham gia": "Không"}),
    ]  # fmt: skip
    corrected = [rows[0], {**rows[1], "Sản phẩm trưng bày": "Tiêu đen Minh Hưng"}]  # only the products change
    imports_then_repeats_then_updates("participations", rows, corrected, province_officer)
    first, second = Participation.objects.order_by("producer__tax_code")
    assert first.event == fair and set(first.products.all()) == {product_a, cashew}
    assert first.confirmed and first.confirmed_by == province_officer and first.sales == 12_000_000
    assert list(second.products.all()) == [draft_b] and not second.confirmed and second.confirmed_by is None
    report = run("participations", [rows[0], {**corrected[1], "Sản phẩm trưng bày": ""}], province_officer)
    assert report.ok and report.updated == 1 and not second.products.exists()


def test_bad_participation_rows_are_reported_by_row_and_column(province_officer, fair, product_a, draft_b):
    rows = [
        participation_row(**{"Sản phẩm trưng bày": "Hạt điều rang muối Tân Lập"}),
        participation_row(**{"Mã số thuế chủ thể": "3807654321", "Sản phẩm trưng bày": "Hạt điều rang muối Tân Lập"}),
        participation_row(**{"Tên sự kiện": "Hội chợ không có"}),
        participation_row(**{"Ngày bắt đầu sự kiện": "11/10/2024"}),  # the name alone does not find it
        participation_row(**{"Mã số thuế chủ thể": "0000000000"}),
    ]  # fmt: skip
    report = run("participations", rows, province_officer)
    assert problems_at(report) == {
        3: {"Sản phẩm trưng bày"}, 4: {"Tên sự kiện"}, 5: {"Tên sự kiện"}, 6: {"Mã số thuế chủ thể"},
    }, report.problems  # fmt: skip
    assert "Hạt điều rang muối Tân Lập" in report.problems[0].message
    rows = [
        participation_row(**{"Sản phẩm trưng bày": "", "Số hợp đồng ký kết": "-1"}),
        participation_row(**{"Mã số thuế chủ thể": "3807654321", "Sản phẩm trưng bày": "", "Doanh số (đồng)": "-5"}),
    ]
    report = run("participations", rows, province_officer)
    assert problems_at(report) == {2: {"Số hợp đồng ký kết"}, 3: {"Doanh số (đồng)"}}, report.problems
    assert not Participation.objects.exists()


def test_an_event_outside_the_importers_scope_cannot_be_joined(outsider_officer, fair):
    hanoi_commune = Unit.objects.filter(map="legacy", level="commune", path__startswith="legacy/01/").first()
    make_producer("HTX Hà Nội", hanoi_commune, "0101010101")
    report = run("participations", [participation_row(**{"Mã số thuế chủ thể": "0101010101",
                                                          "Sản phẩm trưng bày": ""})], outsider_officer)  # fmt: skip
    assert problems_at(report) == {2: {"Tên sự kiện"}} and not Participation.objects.exists()


def test_a_commune_officer_cannot_import_another_communes_producer(officer_b, ocop_week, producer_a):
    row = participation_row(**{"Tên sự kiện": ocop_week.name, "Ngày bắt đầu sự kiện": "01/11/2024",
                               "Sản phẩm trưng bày": ""})  # fmt: skip
    report = run("participations", [row], officer_b)
    # Another commune's producer is not found among one's own: the file never learns that it exists.
    assert not report.ok and problems_at(report) == {2: {"Mã số thuế chủ thể"}}
    assert "scope" in report.problems[0].message or "phạm vi" in report.problems[0].message
    assert not Participation.objects.exists()


def test_a_producer_registers_itself_unconfirmed_only_where_registration_is_open(
    producer_user, fair, ocop_week, product_a
):
    rows = [
        participation_row(**{"Sản phẩm trưng bày": "Hạt điều rang muối Tân Lập"}),
        participation_row(**{"Tên sự kiện": ocop_week.name, "Ngày bắt đầu sự kiện": "01/11/2024"}),
    ]
    report = run("participations", rows, producer_user)
    assert problems_at(report) == {3: {"Tên sự kiện"}}, report.problems  # registration is closed
    report = run("participations", rows[:1], producer_user)
    participation = Participation.objects.get()
    assert report.ok and not participation.confirmed and participation.confirmed_by is None  # "Có" is the office's
    participation.confirmed = True
    participation.save()
    assert run("participations", rows[:1], producer_user).nothing_to_change  # unchanged stays confirmed
    report = run("participations", [{**rows[0], "Gian hàng": "C1"}], producer_user)
    participation.refresh_from_db()
    assert report.updated == 1 and participation.booth == "C1" and not participation.confirmed


# Sales points


def sales_point_row(**overrides: object) -> dict[str, object]:
    row = {
        "Tên điểm bán": "Điểm OCOP Tân Lập", "Loại điểm bán": "ocop_point", "Đơn vị vận hành": "HTX Tân Lập",
        "Xã/phường": "Xã Tân Lập, Huyện Đồng Phú, Bình Phước", "Địa chỉ": "Ấp 3", "Trang web": "",
        "Ngày mở": "01/05/2022", "Ngày đóng": "", "Vĩ độ": "11,5341", "Kinh độ": "106,8832",
    }  # fmt: skip
    row.update(overrides)
    return row


def test_sales_points_import_on_the_map_of_their_opening_date(province_officer, commune_a):
    rows = [
        sales_point_row(),
        sales_point_row(**{"Tên điểm bán": "Sàn Postmart", "Loại điểm bán": "ecommerce_platform", "Xã/phường": "",
                           "Trang web": "https://postmart.vn", "Vĩ độ": "", "Kinh độ": ""}),
        sales_point_row(**{"Tên điểm bán": "Siêu thị Đồng Phú", "Loại điểm bán": "supermarket",
                           "Xã/phường": "Xã Đồng Phú", "Ngày mở": "01/08/2025"}),  # the new commune
    ]  # fmt: skip
    corrected = [rows[0], {**rows[1], "Ngày đóng": "31/12/2025"}, rows[2]]
    imports_then_repeats_then_updates("sales_points", rows, corrected, province_officer)
    points = {p.name: p for p in SalesPoint.objects.select_related("unit")}
    assert points["Điểm OCOP Tân Lập"].unit == commune_a and points["Điểm OCOP Tân Lập"].latitude == Decimal("11.5341")
    assert points["Sàn Postmart"].unit is None and points["Sàn Postmart"].closed_on == D(2025, 12, 31)
    assert points["Siêu thị Đồng Phú"].unit.key == "2025:25363"


def test_bad_sales_point_rows_are_reported_by_row_and_column(province_officer):
    rows = [
        sales_point_row(**{"Xã/phường": ""}),  # a physical point needs its commune
        sales_point_row(**{"Tên điểm bán": "Đóng trước khi mở", "Ngày đóng": "01/01/2022"}),
        sales_point_row(**{"Tên điểm bán": "Xã lạ", "Xã/phường": "Xã Không Tồn Tại"}),
        sales_point_row(**{"Tên điểm bán": "Trang sai", "Trang web": "không phải địa chỉ"}),
        sales_point_row(**{"Tên điểm bán": "Bản đồ cũ", "Ngày mở": "01/08/2025"}),  # Tân Lập is gone by then
    ]
    report = run("sales_points", rows, province_officer)
    assert problems_at(report) == {
        2: {"Xã/phường"},
        3: {"Ngày đóng"},
        4: {"Xã/phường"},
        5: {"Trang web"},
        6: {"Xã/phường"},
    }, report.problems
    assert not SalesPoint.objects.exists()


def test_a_producer_adds_only_its_own_online_shop_unconfirmed(producer_user, producer_a):
    shop = sales_point_row(**{"Tên điểm bán": "Điều Tân Lập trên mạng", "Loại điểm bán": "online_shop",
                              "Xã/phường": "", "Trang web": "https://dieutanlap.vn"})  # fmt: skip
    report = run("sales_points", [sales_point_row(), shop], producer_user)
    assert problems_at(report) == {2: {"Loại điểm bán"}}, report.problems
    assert run("sales_points", [shop], producer_user).ok
    point = SalesPoint.objects.get()
    assert point.producer == producer_a and not point.confirmed


# Listings


def listing_row(**overrides: object) -> dict[str, object]:
    row = {
        "Mã số thuế chủ thể": "3801234567", "Tên sản phẩm": "Hạt điều rang muối Tân Lập", "Bộ sản phẩm": 7,
        "Tên điểm bán": "Trung tâm OCOP Đồng Xoài", "Loại điểm bán": "", "Từ ngày": "01/01/2023", "Đến ngày": "",
        "Trang sản phẩm": "", "Giá bán (đồng)": "320.000",
    }  # fmt: skip
    row.update(overrides)
    return row


def test_listings_import_and_update_by_product_point_and_date(province_officer, product_a, draft_b, points):
    rows = [
        listing_row(),
        listing_row(**{"Mã số thuế chủ thể": "3807654321", "Tên sản phẩm": "tieu den minh hung", "Bộ sản phẩm": 10,
                       "Tên điểm bán": "Sàn Postmart", "Loại điểm bán": "ecommerce_platform",
                       "Từ ngày": "01/06/2024", "Giá bán (đồng)": ""}),
    ]  # fmt: skip
    corrected = [{**rows[0], "Giá bán (đồng)": "350.000"}, rows[1]]
    imports_then_repeats_then_updates("listings", rows, corrected, province_officer)
    listing = Listing.objects.get(product=product_a)
    assert listing.sales_point == points["centre"] and listing.price == 350_000 and listing.confirmed
    assert Listing.objects.get(product=draft_b).sales_point == points["online"]


def test_bad_listing_rows_are_reported_by_row_and_column(province_officer, product_a, points):
    rows = [
        listing_row(**{"Tên điểm bán": "Cửa hàng Minh Hưng", "Từ ngày": "15/01/2024"}),  # closed on 31/12/2023
        listing_row(**{"Từ ngày": "01/03/2023", "Đến ngày": "01/02/2023"}),
        listing_row(**{"Từ ngày": "01/04/2023", "Giá bán (đồng)": "-1"}),
        listing_row(**{"Tên điểm bán": "Điểm bán không có"}),
        listing_row(**{"Tên sản phẩm": "Sản phẩm không có"}),
        listing_row(**{"Từ ngày": "01/01/2020"}),  # before the centre opened
    ]
    report = run("listings", rows, province_officer)
    assert problems_at(report) == {
        2: {"Từ ngày"}, 3: {"Đến ngày"}, 4: {"Giá bán (đồng)"}, 5: {"Tên điểm bán"}, 6: {"Tên sản phẩm"}, 7: {"Từ ngày"}
    }, report.problems  # fmt: skip
    message = next(p.message for p in report.problems if p.row == 2)
    assert "Cửa hàng Minh Hưng" in message and "31/12/2023" in message
    assert not Listing.objects.exists()


def test_a_producer_lists_only_its_own_products_unconfirmed(producer_user, product_a, draft_b, points):
    other = listing_row(**{"Mã số thuế chủ thể": "3807654321", "Tên sản phẩm": "Tiêu đen Minh Hưng", "Bộ sản phẩm": 10})
    report = run("listings", [listing_row(), other], producer_user)
    assert problems_at(report) == {3: {"Tên sản phẩm"}}, report.problems
    assert "Tiêu đen Minh Hưng" in report.problems[0].message and not Listing.objects.exists()
    assert run("listings", [listing_row()], producer_user).ok
    assert not Listing.objects.get().confirmed


# New-rural statuses


def status_row(**overrides: object) -> dict[str, object]:
    row = {
        "Xã/phường": "Xã Tân Lập, Huyện Đồng Phú", "Năm": 2023, "Mức đạt chuẩn": "ntm",
        "Số quyết định": "123/QĐ-UBND", "Ngày quyết định": "20/12/2023",
    }  # fmt: skip
    row.update(overrides)
    return row


def test_commune_statuses_read_the_commune_on_the_map_of_their_decision(province_officer, commune_a):
    rows = [
        status_row(),
        status_row(**{"Mức đạt chuẩn": "advanced", "Năm": 2024, "Ngày quyết định": "15/12/2024"}),
        status_row(**{"Xã/phường": "Xã Đồng Phú", "Năm": 2025, "Mức đạt chuẩn": "advanced",
                      "Ngày quyết định": "15/09/2025"}),
    ]  # fmt: skip
    corrected = [{**rows[0], "Số quyết định": "124/QĐ-UBND"}, *rows[1:]]
    imports_then_repeats_then_updates("commune_statuses", rows, corrected, province_officer)
    assert CommuneStatus.objects.get(year=2023).unit == commune_a
    assert CommuneStatus.objects.get(year=2023).decision_number == "124/QĐ-UBND"
    assert CommuneStatus.objects.get(year=2025).unit.key == "2025:25363"


def test_bad_commune_status_rows_and_other_communes(province_officer, officer_a):
    rows = [
        status_row(**{"Năm": 1800}),
        status_row(**{"Xã/phường": "Xã Không Tồn Tại"}),
        status_row(**{"Ngày quyết định": "15/09/2025"}),  # old Tân Lập no longer existed
        status_row(**{"Mức đạt chuẩn": "xuất sắc"}),
    ]
    report = run("commune_statuses", rows, province_officer)
    assert problems_at(report) == {2: {"Năm"}, 3: {"Xã/phường"}, 4: {"Xã/phường"}, 5: {"Mức đạt chuẩn"}}
    other = status_row(**{"Xã/phường": "Xã Minh Hưng, Huyện Bù Đăng"})
    report = run("commune_statuses", [status_row(), other], officer_a)
    assert problems_at(report) == {3: {""}} and not CommuneStatus.objects.exists()


# Programme activities and support received


def activity_row(**overrides: object) -> dict[str, object]:
    row = {
        "Loại hoạt động": "training", "Tên hoạt động": "Tập huấn OCOP 2024", "Cơ quan chủ trì": "Sở NN&PTNT",
        "Địa bàn": "Tỉnh Bình Phước", "Từ ngày": "01/03/2024", "Đến ngày": "03/03/2024",
        "Kinh phí (đồng)": "50.000.000", "Nguồn kinh phí": "provincial", "Trạng thái": "done",
        "Số người tham gia": 40, "Minh chứng": "QĐ 12/QĐ-SNN",
    }  # fmt: skip
    row.update(overrides)
    return row


def test_activities_import_and_update_by_title_and_date(province_officer):
    rows = [
        activity_row(),
        activity_row(**{"Loại hoạt động": "pilot_model", "Tên hoạt động": "Mô hình điều hữu cơ",
                        "Địa bàn": "Huyện Đồng Phú, Tỉnh Bình Phước", "Trạng thái": "", "Số người tham gia": ""}),
    ]  # fmt: skip
    corrected = [rows[0], {**rows[1], "Trạng thái": "ongoing"}]
    report = run("activities", rows, province_officer)
    assert Activity.objects.get(title="Mô hình điều hữu cơ").status == "planned", report.problems
    Activity.objects.all().delete()
    imports_then_repeats_then_updates("activities", rows, corrected, province_officer)
    pilot = Activity.objects.get(title="Mô hình điều hữu cơ")
    assert pilot.status == "ongoing" and pilot.unit.key == "legacy:695" and pilot.participants is None
    assert Activity.objects.get(title="Tập huấn OCOP 2024").unit.key == "legacy:70"


def test_bad_activity_rows_are_reported_and_producers_cannot_import_them(province_officer, producer_user):
    rows = [
        activity_row(**{"Đến ngày": "01/02/2024"}),
        activity_row(**{"Tên hoạt động": "B", "Kinh phí (đồng)": "-50"}),
        activity_row(**{"Tên hoạt động": "C", "Địa bàn": "Không Có Nơi Này"}),
        activity_row(**{"Tên hoạt động": "D", "Số người tham gia": "-3"}),
    ]
    report = run("activities", rows, province_officer)
    assert problems_at(report) == {2: {"Đến ngày"}, 3: {"Kinh phí (đồng)"}, 4: {"Địa bàn"}, 5: {"Số người tham gia"}}
    assert not run("activities", [activity_row()], producer_user).ok and not Activity.objects.exists()


def support_row(**overrides: object) -> dict[str, object]:
    row = {
        "Mã số thuế chủ thể": "3801234567", "Loại hỗ trợ": "packaging", "Số tiền (đồng)": "20.000.000",
        "Nguồn kinh phí": "provincial", "Ngày nhận": "01/04/2024", "Nội dung": "Thiết kế bao bì",
        "Thuộc hoạt động": "tap huan ocop 2024",
    }  # fmt: skip
    row.update(overrides)
    return row


def test_supports_import_under_an_activity_and_update(province_officer, producer_a, producer_b, training):
    rows = [
        support_row(),
        support_row(**{"Mã số thuế chủ thể": "3807654321", "Loại hỗ trợ": "finance", "Thuộc hoạt động": ""}),
    ]
    corrected = [{**rows[0], "Số tiền (đồng)": "25.000.000"}, rows[1]]
    imports_then_repeats_then_updates("supports", rows, corrected, province_officer)
    support = Support.objects.get(producer=producer_a)
    assert support.activity == training and support.amount == 25_000_000
    assert Support.objects.get(producer=producer_b).activity is None


def test_bad_support_rows_are_reported_by_row_and_column(province_officer, officer_b, producer_a, training):
    rows = [
        support_row(**{"Số tiền (đồng)": "-1"}),
        support_row(**{"Thuộc hoạt động": "Hoạt động không có"}),
        support_row(**{"Mã số thuế chủ thể": "0000000000"}),
    ]
    report = run("supports", rows, province_officer)
    assert problems_at(report) == {2: {"Số tiền (đồng)"}, 3: {"Thuộc hoạt động"}, 4: {"Mã số thuế chủ thể"}}
    report = run("supports", [support_row(**{"Thuộc hoạt động": ""})], officer_b)  # producer_a is not theirs
    assert problems_at(report) == {2: {"Mã số thuế chủ thể"}} and not Support.objects.exists()


# Scope, templates and the round trip


@pytest.mark.parametrize("kind", MARKET_KINDS)
def test_a_viewer_cannot_import_any_market_kind(viewer, kind):
    report = run(kind, [{}], viewer)
    assert not report.ok and report.rows == 0 and [p.row for p in report.problems] == [None]  # refused as a whole
