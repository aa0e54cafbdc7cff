"""The legacy-certificate and workforce kinds: the office's old lists of certificates and of workers per year."""

import pytest

from ocop.certificates.models import Certificate
from ocop.exchange.engine import run_import
from ocop.exchange.kinds import KINDS
from ocop.registry.models import Workforce

pytestmark = pytest.mark.django_db


def csv_of(kind: str, rows: list[dict[str, object]]) -> bytes:
    headers = [c.header for c in KINDS[kind].columns]
    lines = [";".join(headers)] + [";".join(str(row.get(h, "")) for h in headers) for row in rows]
    return "\n".join(lines).encode()


def certificate_row(**overrides: object) -> dict[str, object]:
    row = {
        "Số giấy chứng nhận": "12/GCN-UBND", "Mã số thuế chủ thể": "3801234567",
        "Tên sản phẩm": "hat dieu rang muoi tan lap", "Bộ sản phẩm": 7, "Hạng sao": 4,
        "Căn cứ (quyết định bộ tiêu chí)": "1048/QĐ-TTg", "Cấp công nhận": "UBND cấp tỉnh",
        "Số quyết định công nhận": "2345/QĐ-UBND", "Ngày quyết định": "20/11/2020", "Người ký": "Trần Tuệ Hiền",
        "Ngày cấp": "25/11/2020", "Có hiệu lực đến": "", "Mã sản phẩm OCOP": "70-31-2020",
    }  # fmt: skip
    row.update(overrides)
    return row


def test_legacy_certificates_import_with_their_regime_and_code(province_officer, product_a):
    data = csv_of("certificates", [certificate_row()])
    report = run_import("certificates", "gcn.csv", data, province_officer, dry_run=False)
    assert report.ok and report.created == 1, report.problems
    certificate = Certificate.objects.get()
    assert certificate.product == product_a and certificate.is_legacy and certificate.regime.code
    assert str(certificate.valid_until) == "2023-11-24"  # 36 months from issue when left empty
    assert (certificate.code_province, certificate.code_year) == ("70", 2020) and certificate.verification_code
    again = run_import("certificates", "gcn.csv", data, province_officer, dry_run=False)
    assert again.nothing_to_change and Certificate.objects.get().verification_code == certificate.verification_code


def test_certificate_rows_report_every_problem(province_officer, product_a):
    rows = [
        certificate_row(**{"Hạng sao": 6}),
        certificate_row(**{"Số giấy chứng nhận": "13", "Căn cứ (quyết định bộ tiêu chí)": "999/QĐ"}),
        certificate_row(**{"Số giấy chứng nhận": "14", "Tên sản phẩm": "Không có"}),
        certificate_row(**{"Số giấy chứng nhận": "15", "Ngày quyết định": "20/11/2018"}),  # before QĐ 1048 applied
        certificate_row(**{"Số giấy chứng nhận": "16", "Hạng sao": 5}),  # 5★ is the central level's
        certificate_row(**{"Số giấy chứng nhận": "17", "Ngày cấp": "31/02/2020"}),
        certificate_row(**{"Số giấy chứng nhận": "18", "Mã sản phẩm OCOP": "abc"}),
    ]
    report = run_import("certificates", "gcn.csv", csv_of("certificates", rows), province_officer, dry_run=False)
    by_row = {p.row: p for p in report.problems}
    assert set(by_row) == {2, 3, 4, 5, 6, 7, 8}, report.problems
    assert by_row[2].column == "Hạng sao" and by_row[3].column == "Căn cứ (quyết định bộ tiêu chí)"
    assert by_row[4].column == "Tên sản phẩm" and by_row[7].column == "Ngày cấp"
    assert not Certificate.objects.exists()


def test_only_the_province_office_imports_certificates(officer_a, product_a):
    report = run_import(
        "certificates", "gcn.csv", csv_of("certificates", [certificate_row()]), officer_a, dry_run=False
    )
    assert not report.ok and not Certificate.objects.exists()


def test_workforce_by_year_imports_updates_and_checks_its_totals(officer_a, producer_a, producer_b):
    rows = [
        {"Mã số thuế chủ thể": "3801234567", "Năm": 2023, "Tổng số lao động": 12, "Lao động có bằng cấp, chứng chỉ": 4},
        {"Mã số thuế chủ thể": "3801234567", "Năm": 2024, "Tổng số lao động": 15, "Lao động địa phương": 15},
    ]
    report = run_import("workforce", "ld.csv", csv_of("workforce", rows), officer_a, dry_run=False)
    assert report.ok and report.created == 2, report.problems
    rows[1]["Tổng số lao động"] = 16
    report = run_import("workforce", "ld.csv", csv_of("workforce", rows), officer_a, dry_run=False)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    bad = [
        {"Mã số thuế chủ thể": "3801234567", "Năm": 2025, "Tổng số lao động": 3, "Lao động địa phương": 9},
        {"Mã số thuế chủ thể": "3807654321", "Năm": 2025, "Tổng số lao động": 3},  # another commune's producer
        {"Mã số thuế chủ thể": "3801234567", "Năm": 1800, "Tổng số lao động": 3},
    ]
    report = run_import("workforce", "ld.csv", csv_of("workforce", bad), officer_a, dry_run=False)
    messages = " ".join(p.message for p in report.problems)
    assert len(report.problems) == 3 and ("scope" in messages or "phạm vi" in messages), report.problems
    assert Workforce.objects.filter(year=2025).count() == 0 and Workforce.objects.get(year=2024).workers == 16


def test_workforce_revenue_is_optional_and_an_empty_cell_keeps_the_recorded_figure(officer_a, producer_a):
    revenue = "Doanh thu năm (đồng)"
    rows = [
        {"Mã số thuế chủ thể": "3801234567", "Năm": 2023, "Tổng số lao động": 12, revenue: "1.250.000.000"},
        {"Mã số thuế chủ thể": "3801234567", "Năm": 2024, "Tổng số lao động": 15},
    ]
    report = run_import("workforce", "ld.csv", csv_of("workforce", rows), officer_a, dry_run=False)
    assert report.ok and report.created == 2, report.problems
    assert [(w.year, w.revenue) for w in Workforce.objects.order_by("year")] == [(2023, 1_250_000_000), (2024, None)]
    rows[0][revenue] = ""  # a blank cell, or a file made before the column existed: the figure stays
    report = run_import("workforce", "ld.csv", csv_of("workforce", rows), officer_a, dry_run=False)
    assert report.ok and report.unchanged == 2, report.problems
    old_file = "Mã số thuế chủ thể;Năm;Tổng số lao động\n3801234567;2023;12".encode()
    report = run_import("workforce", "ld.csv", old_file, officer_a, dry_run=False)
    assert report.ok and report.unchanged == 1, report.problems
    assert Workforce.objects.get(year=2023).revenue == 1_250_000_000
    rows[1][revenue] = "-5"
    report = run_import("workforce", "ld.csv", csv_of("workforce", rows), officer_a, dry_run=False)
    assert not report.ok and Workforce.objects.get(year=2024).revenue is None
