"""A district-level name in a commune cell ("Huyện Bù Đăng", "Thành phố Đồng Xoài") is not a commune: real records
typed it where the commune belongs, and it was matched to the same-named commune or ward of the map (new "Xã Bù
Đăng", old "Xã Phú Riềng"), misplacing the producer. Every import kind that reads a commune flags it and lists the
communes it could mean; a district that existed on the row's date is never said not to have existed."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from ocop.exchange.engine import run_import
from ocop.exchange.tests.market_kit import problems_at, run
from ocop.exchange.tests.test_import import csv_bytes, producer_row
from ocop.exchange.tests.test_market_imports import event_row, sales_point_row, status_row
from ocop.market.models import CommuneStatus, Event, SalesPoint
from ocop.registry.models import Producer

pytestmark = pytest.mark.django_db
COMMUNE = "Xã/phường"
OLD_DATE, NEW_DATE = "01/01/2024", "01/09/2025"


def commune_problem(user, commune: str, since: str, language: str = "en"):
    """The producers' dry run of one row: the problem reported on its commune cell (None if it was accepted)."""
    row = producer_row(**{COMMUNE: commune, "Địa chỉ từ ngày": since})
    with translation.override(language):
        report = run_import("producers", "chu-the.csv", csv_bytes([row]), user, dry_run=True)
    return next((p for p in report.problems if p.column == COMMUNE), None)


@pytest.mark.parametrize(
    ("commune", "since", "could_mean"),
    [
        # On the new map, the former districts' names are those of a commune or ward they became part of.
        ("Huyện Bù Đăng", NEW_DATE, ["Xã Bù Đăng (25396)", "Xã Bom Bo (25405)", "Xã Phước Sơn (25420)"]),
        ("Thành phố Đồng Xoài", NEW_DATE, ["Phường Đồng Xoài (25210)", "Phường Bình Phước (25195)"]),
        ("Thị xã Chơn Thành", NEW_DATE, ["Phường Chơn Thành (25432)", "Xã Nha Bích (25450)"]),
        ("TP. Đồng Xoài", NEW_DATE, ["Phường Đồng Xoài (25210)"]),
        # On the old map, Phú Riềng district had a commune of its own name.
        ("Huyện Phú Riềng", OLD_DATE, ["Xã Phú Riềng (25264)", "Xã Bù Nho", "Xã Long Hà"]),
        ("Huyện Phú Riềng, Tỉnh Bình Phước", NEW_DATE, ["Xã Phú Riềng (25252)", "Phường Phước Bình (25220)"]),
    ],
)
def test_it_flags_a_district_name_in_the_commune_cell_and_lists_the_communes_it_could_mean(
    superuser, commune, since, could_mean
):
    problem = commune_problem(superuser, commune, since)
    assert problem is not None, f"{commune} was silently read as a commune"
    assert "not a commune" in problem.message and commune.split(",")[0] in problem.message
    for name in could_mean:
        assert name in problem.hint, problem.hint
    assert not Producer.objects.exists()


def test_a_district_that_existed_on_the_date_is_not_said_not_to_have_existed(superuser):
    for commune in ("Thị xã Chơn Thành", "Huyện Bù Đăng", "Bù Đăng", "Thành phố Đồng Xoài"):
        problem = commune_problem(superuser, commune, OLD_DATE)
        assert "did not exist" not in problem.message, problem.message
        assert "is a district" in problem.message, problem.message
    problem = commune_problem(superuser, "Thị xã Chơn Thành", OLD_DATE)
    for name in ("Phường Hưng Long", "Phường Minh Hưng", "Xã Nha Bích", "Xã Minh Thắng"):
        assert name in problem.hint, problem.hint
    # On the new map it is said plainly that districts were abolished, not that the name never existed.
    message = commune_problem(superuser, "Huyện Bù Đăng", NEW_DATE).message
    assert "01/07/2025" in message and "did not exist" not in message


def test_the_dry_run_says_it_in_vietnamese(superuser):
    problem = commune_problem(superuser, "Huyện Bù Đăng", NEW_DATE, language="vi")
    assert "là đơn vị cấp huyện, không phải xã/phường" in problem.message, problem.message
    assert "Xã Bù Đăng (25396)" in problem.hint and "không tồn tại" not in problem.message
    problem = commune_problem(superuser, "Huyện Phú Riềng", OLD_DATE, language="vi")
    assert "Huyện Phú Riềng" in problem.message and "Xã Bù Nho" in problem.hint


def test_the_command_line_dry_run_reports_it(tmp_path, superuser):
    path = tmp_path / "chu-the.csv"
    path.write_bytes(csv_bytes([producer_row(**{COMMUNE: "Huyện Phú Riềng", "Địa chỉ từ ngày": OLD_DATE})]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import", "producers", str(path), "--dry-run", stderr=err)
    assert "Huyện Phú Riềng" in err.getvalue() and "Xã Bù Nho" in err.getvalue()


def test_communes_and_wards_named_like_a_district_still_import(superuser):
    """Only the district-level name is refused: the commune or ward of that name, or the bare name on a map where
    it is a commune, still reads."""
    for commune, since, key in [
        ("Xã Phú Riềng", OLD_DATE, "legacy:25264"),
        ("Xã Phú Riềng, Huyện Phú Riềng", OLD_DATE, "legacy:25264"),
        ("Xã Bù Đăng", NEW_DATE, "2025:25396"),
        ("Bù Đăng", NEW_DATE, "2025:25396"),
        ("Phường Đồng Xoài", NEW_DATE, "2025:25210"),
        ("Thị trấn Đức Phong, Huyện Bù Đăng", OLD_DATE, "legacy:25396"),
    ]:
        row = producer_row(**{COMMUNE: commune, "Địa chỉ từ ngày": since})
        report = run_import("producers", "chu-the.csv", csv_bytes([row]), superuser, dry_run=False)
        assert report.ok, (commune, report.problems)
        assert Producer.objects.get().commune.key == key, commune
        Producer.objects.all().delete()


def test_market_kinds_that_read_a_commune_flag_it_too(province_officer):
    point = sales_point_row(**{COMMUNE: "Thành phố Đồng Xoài", "Ngày mở": "01/08/2025"})
    status = status_row(**{COMMUNE: "Huyện Phú Riềng"})
    for kind, row in [("sales_points", point), ("commune_statuses", status)]:
        report = run(kind, [row], province_officer)
        assert problems_at(report) == {2: {COMMUNE}}, (kind, report.problems)
        assert "not a commune" in report.problems[0].message or "không phải xã" in report.problems[0].message
    assert not SalesPoint.objects.exists() and not CommuneStatus.objects.exists()


def test_an_event_area_named_by_a_former_district_is_not_read_as_its_namesake_commune(province_officer):
    """An event's area may be a district while districts existed; after 01/07/2025 "Huyện Bù Đăng" is no longer a
    unit, and the new "Xã Bù Đăng" is not what the row meant."""
    before = event_row(**{"Địa bàn": "Huyện Bù Đăng"})
    assert run("events", [before], province_officer).ok
    assert Event.objects.get().unit.key == "legacy:696"
    after = event_row(**{"Tên sự kiện": "Hội chợ 2025", "Địa bàn": "Huyện Bù Đăng", "Từ ngày": "05/08/2025",
                         "Đến ngày": "07/08/2025"})  # fmt: skip
    report = run("events", [after], province_officer)
    assert problems_at(report) == {2: {"Địa bàn"}}, report.problems
    assert "01/07/2025" in report.problems[0].message and "Xã Bù Đăng (25396)" in report.problems[0].hint
    assert run("events", [{**after, "Địa bàn": "Xã Bù Đăng"}], province_officer).ok  # the commune, when meant
