"""Post-recognition monitoring: a plan, an inspection's checklist from the product's criteria and the mark,
findings with evidence, outcomes (compliant, remedy by a deadline, revocation on ground b or d), who sees what,
reminders, worklists, the year's lines, and the public note after a revocation."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from conftest import make_certificate, make_producer, make_product, make_user, unit
from ocop.core.choices import RoleKind
from ocop.core.models import ChangeLog, Notification
from ocop.core.todo import sections_for
from ocop.monitoring import indicators, reminders, services
from ocop.monitoring.choices import ItemGroup, ItemResult, Outcome
from ocop.monitoring.models import CheckItem, FindingFile, Inspection, InspectionPlan
from ocop.portal.models import MisuseReport
from ocop.registry.choices import ProductStatus

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = timezone.localdate()


@pytest.fixture
def certificate(product_a):
    issued = (TODAY - datetime.timedelta(days=400)).isoformat()
    return make_certificate(product_a, "75-H001", issued)


@pytest.fixture
def plan(db):
    return InspectionPlan.objects.create(
        unit=unit("2025", "75"), year=TODAY.year, authority="Văn phòng Điều phối OCOP tỉnh Đồng Nai"
    )


@pytest.fixture
def inspection(plan, certificate, product_a, province_officer):
    return services.open_inspection(
        Inspection(
            plan=plan, product=product_a, scheduled_on=TODAY, place="Cơ sở", team="Đoàn A",
            internal_notes="Ghi chú nội bộ KÍN", created_by=province_officer,
        )
    )  # fmt: skip


def _post_new(client, plan, product, **extra):
    data = {
        "plan": plan.pk, "product": product.pk, "kind": "periodic", "scheduled_on": TODAY.strftime("%d/%m/%Y"),
        "place": "Xưởng", "team": "Trưởng đoàn", **extra,
    }  # fmt: skip
    return client.post(reverse("monitoring:inspection_add"), data)


def test_an_office_opens_an_inspection_with_a_checklist_from_the_criteria_and_the_mark(
    as_user, province_officer, plan, certificate, product_a
):
    response = _post_new(as_user(province_officer), plan, product_a)
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.certificate == certificate
    groups = list(inspection.items.values_list("group", flat=True))
    assert groups.count(ItemGroup.MARK) == 5
    assert groups.count(ItemGroup.CRITERIA) > 10  # the product set's criteria, from the version in use
    assert ChangeLog.objects.filter(content_type=ContentType.objects.get_for_model(CheckItem)).count() == len(groups)


def test_another_provinces_product_is_refused_with_a_message(as_user, province_officer, plan, commune_a):
    hanoi = make_producer("HTX Hà Nội", unit("legacy", "01").children.first().children.first(), "0101010101")
    product = make_product(hanoi, "Chè Hà Nội", status=ProductStatus.ACTIVE)
    make_certificate(product, "01-H001", (TODAY - datetime.timedelta(days=100)).isoformat())
    admin = make_user("root")
    admin.is_superuser = True
    admin.save()
    response = _post_new(as_user(admin), plan, product)  # the administrator sees it: the plan's area refuses
    assert response.status_code == 200
    assert "không thuộc" in response.content.decode() or "is not in" in response.content.decode()
    assert not Inspection.objects.exists()
    response = _post_new(as_user(province_officer), plan, product)  # the office does not even see it
    assert response.status_code == 200 and not Inspection.objects.exists()


def test_a_remedy_deadline_in_the_past_is_refused_and_nothing_changes(as_user, province_officer, inspection):
    data = {
        "outcome": "remedy", "decided_on": TODAY.strftime("%d/%m/%Y"), "conclusion": "Sửa nhãn",
        "remedy_due": (TODAY - datetime.timedelta(days=1)).strftime("%d/%m/%Y"),
    }  # fmt: skip
    response = as_user(province_officer).post(reverse("monitoring:decide", args=[inspection.pk]), data)
    assert response.status_code == 400
    assert "quá khứ" in response.content.decode() or "in the past" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.outcome == Outcome.OPEN and inspection.remedy_due is None


def test_a_revocation_proposal_without_ground_is_refused(as_user, province_officer, inspection):
    data = {"outcome": "revoke", "decided_on": TODAY.strftime("%d/%m/%Y"), "conclusion": "Vi phạm", "ground": ""}
    response = as_user(province_officer).post(reverse("monitoring:decide", args=[inspection.pk]), data)
    assert response.status_code == 400
    inspection.refresh_from_db()
    assert inspection.outcome == Outcome.OPEN


def test_compliant_needs_every_point_checked_and_none_unmet(inspection):
    with pytest.raises(ValidationError):
        services.decide(inspection, outcome=Outcome.COMPLIANT, decided_on=TODAY, conclusion="Đạt")
    inspection.items.update(result=ItemResult.MET)
    services.decide(inspection, outcome=Outcome.COMPLIANT, decided_on=TODAY, conclusion="Đạt")
    assert Inspection.objects.get().outcome == Outcome.COMPLIANT


def test_revocation_proposed_then_carried_out_on_the_certificate_and_noted_publicly(
    as_user, client, province_officer, inspection, certificate, product_a
):
    from ocop.portal.catalogue import rebuild

    office = as_user(province_officer)
    data = {"outcome": "revoke", "decided_on": TODAY.strftime("%d/%m/%Y"), "conclusion": "Dùng nhãn sai", "ground": "d"}
    assert office.post(reverse("monitoring:decide", args=[inspection.pk]), data).status_code == 302
    revoke = {
        "revoked_on": TODAY.strftime("%d/%m/%Y"),
        "revocation_authority": "UBND tỉnh",
        "revocation_decision": "9/QĐ",
    }
    assert office.post(reverse("monitoring:revoke", args=[inspection.pk]), revoke).status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_on == TODAY and certificate.revocation_ground == "d"
    rebuild()
    client.logout()
    page = client.get(reverse("portal:product", args=[product_a.pk])).content.decode()
    assert "9/QĐ" in page  # the public note: revoked after an inspection, by whom and on which decision
    lines = indicators.year_lines(province_officer, TODAY.year, TODAY)
    assert lines.inspected == 1 and lines.revocations == {"d": 1}


def test_the_producer_sees_its_findings_not_the_inspectors_notes_and_others_see_nothing(
    as_user, inspection, producer_user, officer_a, outsider_officer, producer_b
):
    url = inspection.get_absolute_url()
    page = as_user(producer_user).get(url)
    assert page.status_code == 200 and "KÍN" not in page.content.decode()
    assert as_user(producer_user).post(reverse("monitoring:decide", args=[inspection.pk]), {}).status_code == 403
    assert as_user(officer_a).get(url).status_code == 200  # the commune follows its products' inspections
    assert as_user(officer_a).post(reverse("monitoring:decide", args=[inspection.pk]), {}).status_code == 403
    assert as_user(outsider_officer).get(url).status_code == 404
    other = make_user("coso_b", RoleKind.PRODUCER, producer=producer_b)
    assert as_user(other).get(url).status_code == 404


def test_evidence_is_checked_on_upload_and_served_by_the_rights_table(
    as_user, province_officer, inspection, producer_user, outsider_officer
):
    item = inspection.items.get(code="M2")
    url = reverse("monitoring:item_file_add", args=[inspection.pk, item.pk])
    office = as_user(province_officer)
    bad = office.post(url, {"file": SimpleUploadedFile("x.pdf", b"<html>no</html>")})
    assert bad.status_code == 400 and not FindingFile.objects.exists()
    assert office.post(url, {"file": SimpleUploadedFile("nhãn.pdf", PDF)}).status_code == 302
    evidence = FindingFile.objects.get()
    download = reverse("monitoring:finding_file", args=[inspection.pk, evidence.pk])
    response = as_user(producer_user).get(download)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert as_user(outsider_officer).get(download).status_code == 404


def test_remedy_deadline_reminders_worklists_and_the_overdue_line(as_user, province_officer, inspection, producer_user):
    inspection.items.filter(code="M2").update(result=ItemResult.NOT_MET, finding="Thiếu mã")
    services.decide(
        inspection, outcome=Outcome.REMEDY, decided_on=TODAY, conclusion="In lại nhãn",
        remedy_due=TODAY + datetime.timedelta(days=3),
    )  # fmt: skip
    assert reminders.send_remedy_reminders(TODAY) == 2  # the office and the producer
    assert reminders.send_remedy_reminders(TODAY) == 0  # once each
    later = TODAY + datetime.timedelta(days=5)
    assert reminders.send_remedy_reminders(later) == 2  # overdue now
    assert Notification.objects.filter(user=producer_user).count() == 2
    office_items = [i for s in sections_for(province_officer, later) for i in s.items]
    assert any(i.urgent and i.count == 1 and "state=overdue" in i.url for i in office_items)
    own = [i for s in sections_for(producer_user, later) for i in s.items if i.url == inspection.get_absolute_url()]
    assert own and own[0].urgent
    assert indicators.year_lines(province_officer, TODAY.year, later).remedies_overdue == 1
    services.confirm_remedy(inspection, remedied_on=TODAY)
    assert indicators.year_lines(province_officer, TODAY.year, later).remedies_overdue == 0


def test_an_ad_hoc_inspection_opens_from_a_misuse_report(as_user, province_officer, plan, certificate, product_a):
    report = MisuseReport.objects.create(
        product=product_a, unit=product_a.producer.commune, seen_at="Chợ", description="Tem giả", client_hash="x"
    )
    office = as_user(province_officer)
    page = office.get(reverse("portal:misuse_handle", args=[report.pk])).content.decode()
    assert "origin=portal.misusereport" in page
    origin = f"portal.misusereport:{report.pk}"
    assert _post_new(office, plan, product_a, kind="ad_hoc", origin=origin).status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.kind == "ad_hoc" and inspection.origin_id == report.pk
    assert str(inspection.pk) in office.get(reverse("portal:misuse_handle", args=[report.pk])).content.decode()


def test_the_list_shows_the_years_lines_in_few_queries(
    as_user, province_officer, plan, certificate, product_a, producer_a, django_assert_max_num_queries
):
    def add(product, days_ago):
        services.open_inspection(
            Inspection(plan=plan, product=product, scheduled_on=TODAY - datetime.timedelta(days=days_ago), place="x",
                       team="y")
        )  # fmt: skip

    add(product_a, 0)
    client = as_user(province_officer)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("monitoring:inspection_list")).status_code == 200
    for n in range(1, 6):
        other = make_product(producer_a, f"Sản phẩm {n}", status=ProductStatus.ACTIVE)
        make_certificate(other, f"75-H10{n}", (TODAY - datetime.timedelta(days=200)).isoformat())
        add(other, n)
        add(product_a, n)
    with django_assert_max_num_queries(16):  # more inspections, not more queries
        response = client.get(reverse("monitoring:inspection_list"))
    assert response.context["lines"].inspected == 6  # product_a inspected six times counts once


def test_an_office_does_not_act_under_another_authoritys_plan(as_user, province_officer, certificate, product_a):
    """The ministry's plan (here: a plan whose unit is not the office's) over a product of the office's province:
    the office sees the inspection, acting on it takes the right on the plan too."""
    other = InspectionPlan.objects.create(unit=unit("2025", "01"), level="central", year=TODAY.year, authority="Bộ")
    inspection = Inspection.objects.create(
        plan=other, product=product_a, certificate=certificate, scheduled_on=TODAY, place="x", team="y"
    )
    office = as_user(province_officer)
    assert office.get(inspection.get_absolute_url()).status_code == 200
    data = {"outcome": "compliant", "decided_on": TODAY.strftime("%d/%m/%Y"), "conclusion": "Đạt"}
    assert office.post(reverse("monitoring:decide", args=[inspection.pk]), data).status_code == 403
    assert not services.may_act(province_officer, "decide", inspection)
    assert office.get(reverse("monitoring:inspection_edit", args=[inspection.pk])).status_code == 403


def test_the_products_staff_page_lists_its_inspections_and_offers_to_open_one(
    as_user, province_officer, producer_user, inspection, product_a
):
    page = as_user(province_officer).get(product_a.get_absolute_url()).content.decode()
    assert inspection.get_absolute_url() in page and reverse("monitoring:inspection_add") in page
    page = as_user(producer_user).get(product_a.get_absolute_url()).content.decode()
    assert inspection.get_absolute_url() in page and reverse("monitoring:inspection_add") not in page


def test_the_inspections_export_has_the_list_without_internal_notes(
    as_user, producer_user, outsider_officer, inspection
):
    response = as_user(producer_user).get(reverse("exchange:export", args=["inspections", "csv"]))
    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and "Hạt điều rang muối Tân Lập" in body and "KÍN" not in body
    response = as_user(outsider_officer).get(reverse("exchange:export", args=["inspections", "csv"]))
    assert "Hạt điều" not in response.content.decode("utf-8-sig")


def test_a_follow_up_inspection_opens_from_a_finding(as_user, province_officer, plan, inspection, product_a):
    item = inspection.items.get(code="M5")
    services.record_finding(item, result=ItemResult.NOT_MET, finding="Tem trên sản phẩm khác")
    office = as_user(province_officer)
    assert f"origin=monitoring.checkitem:{item.pk}" in office.get(inspection.get_absolute_url()).content.decode()
    response = _post_new(office, plan, product_a, origin=f"monitoring.checkitem:{item.pk}")
    assert response.status_code == 302
    follow_up = Inspection.objects.exclude(pk=inspection.pk).get()
    assert follow_up.kind == "ad_hoc" and follow_up.origin_id == item.pk
    assert _post_new(office, plan, product_a, origin="registry.product:1").status_code == 200  # not an origin
    assert Inspection.objects.count() == 2


def test_the_internal_notes_are_read_and_written_with_the_personal_right_only(as_user, province_officer, inspection):
    """The national office may change an inspection (the table) but has no "personal" right on it: its edit form
    neither shows the inspectors' notes nor takes new ones; the province office's does."""
    national = make_user("trunguong", RoleKind.NATIONAL_OFFICE, unit=unit("2025", "VN"))
    edit = reverse("monitoring:inspection_edit", args=[inspection.pk])
    page = as_user(national).get(edit)
    assert page.status_code == 200 and "KÍN" not in page.content.decode()
    data = {"scheduled_on": TODAY.strftime("%d/%m/%Y"), "place": "Cơ sở", "team": "Đoàn A", "origin_note": "",
            "internal_notes": "ghi đè"}  # fmt: skip
    as_user(national).post(edit, data)
    inspection.refresh_from_db()
    assert inspection.internal_notes == "Ghi chú nội bộ KÍN"
    assert "KÍN" in as_user(province_officer).get(edit).content.decode()


def test_the_ministrys_inspection_proposes_the_provinces_revocation_and_the_province_carries_it_out(
    as_user, province_officer, certificate, product_a
):
    """The ministry may inspect a 3★–4★ product (Điều 9), but a province's recognition is revoked by the province:
    the ministry's inspection proposes; the national office is refused the revocation (no form, 403) and the
    province office carries it out from the inspection's page, on the proposed ground."""
    national = make_user("trunguong", RoleKind.NATIONAL_OFFICE, unit=unit("2025", "VN"))
    ministry_plan = InspectionPlan.objects.create(
        unit=unit("2025", "VN"), level="central", year=TODAY.year, authority="Bộ Nông nghiệp và Môi trường"
    )
    inspection = services.open_inspection(
        Inspection(plan=ministry_plan, product=product_a, scheduled_on=TODAY, place="Cơ sở", team="Đoàn Bộ")
    )
    ministry = as_user(national)
    data = {"outcome": "revoke", "decided_on": TODAY.strftime("%d/%m/%Y"), "conclusion": "Dùng nhãn sai", "ground": "d"}
    assert ministry.post(reverse("monitoring:decide", args=[inspection.pk]), data).status_code == 302
    revoke = {
        "revoked_on": TODAY.strftime("%d/%m/%Y"),
        "revocation_authority": "UBND tỉnh",
        "revocation_decision": "9/QĐ",
    }
    url = reverse("monitoring:revoke", args=[inspection.pk])
    assert url not in ministry.get(inspection.get_absolute_url()).content.decode()
    assert ministry.post(url, revoke).status_code == 403
    certificate.refresh_from_db()
    assert certificate.revoked_on is None
    # the things to do: the proposal goes to the one who may carry it out, not to the ministry that proposed it
    page = inspection.get_absolute_url()
    assert [i.url for s in sections_for(province_officer, TODAY) for i in s.items].count(page) == 1
    assert page not in [i.url for s in sections_for(national, TODAY) for i in s.items]
    office = as_user(province_officer)
    assert url in office.get(inspection.get_absolute_url()).content.decode()
    assert office.post(url, revoke).status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_on == TODAY and certificate.revocation_ground == "d"
    assert page not in [i.url for s in sections_for(province_officer, TODAY) for i in s.items]


def test_the_ministry_revokes_its_5_star_after_its_inspection_and_the_province_may_not(
    as_user, province_officer, product_a
):
    five = make_certificate(product_a, "75-T005", (TODAY - datetime.timedelta(days=300)).isoformat(), stars=5)
    national = make_user("trunguong", RoleKind.NATIONAL_OFFICE, unit=unit("2025", "VN"))
    ministry_plan = InspectionPlan.objects.create(
        unit=unit("2025", "VN"), level="central", year=TODAY.year, authority="Bộ"
    )
    inspection = services.open_inspection(
        Inspection(plan=ministry_plan, product=product_a, scheduled_on=TODAY, place="Cơ sở", team="Đoàn Bộ")
    )
    assert inspection.certificate == five
    services.decide(inspection, outcome=Outcome.REVOKE, decided_on=TODAY, conclusion="Vi phạm", ground="b")
    revoke = {"revoked_on": TODAY.strftime("%d/%m/%Y"), "revocation_authority": "Bộ", "revocation_decision": "1/QĐ-BNN"}
    url = reverse("monitoring:revoke", args=[inspection.pk])
    office = as_user(province_officer)
    assert url not in office.get(inspection.get_absolute_url()).content.decode()
    assert office.post(url, revoke).status_code == 403
    five.refresh_from_db()
    assert five.revoked_on is None
    assert as_user(national).post(url, revoke).status_code == 302
    five.refresh_from_db()
    assert five.revoked_on == TODAY and five.revocation_ground == "b"
