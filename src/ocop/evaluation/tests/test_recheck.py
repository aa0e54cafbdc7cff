"""`ocop score recheck` (issue 17): results stored under the old reading are scored again with the current
readings; those that change are listed with the dossier, the decision and the certificate; nothing changes."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from conftest import make_product
from ocop.certificates.models import Certificate
from ocop.evaluation import council, decisions, workflow
from ocop.evaluation.models import Dossier, DossierEvent, Scoresheet
from ocop.evaluation.recheck import recheck
from ocop.evaluation.tests.helpers import best, file_and_forward
from ocop.registry.choices import ProductStatus

pytestmark = pytest.mark.django_db
OLD = {"band_stars": 5, "stars": 5, "disqualified": False, "certifiable": True, "disqualification_reasons": []}


def as_the_old_engine_scored(dossier: Dossier, total: int) -> None:
    """Store the results as the engine before issue 17 produced them (a misprint capped at the maximum, no
    automatic disqualification): every sheet and the council at `total` points, 5★, certifiable."""
    for sheet in dossier.scoresheets.all():
        sheet.result = {**sheet.result, **OLD, "total": total}
        sheet.total, sheet.stars = total, 5
        sheet.save()
    dossier.result = {**dossier.result, **OLD, "average_total": total, "propose_to_central_council": True}
    dossier.council_total, dossier.council_stars, dossier.proposed_central = total, 5, True
    dossier.save()


@pytest.fixture
def decided_under_the_old_reading(producer_a, producer_user, officer_a, province_officer, council_of_three, national):
    """A tea (set 11) with “very few impurities” (printed 11, capped at 2 then), granted 5★ by the centre; a
    drink (set 16) with foreign matter (0 on 6.1), recognised 4★ by the province; a clean cashew (set 7)."""
    session, members = council_of_three
    tea = make_product(producer_a, "Chè Shan tuyết Tà Xùa", product_set=11, status=ProductStatus.ACTIVE)
    drink = make_product(producer_a, "Nước khoáng Suối Tre", product_set=16, status=ProductStatus.ACTIVE)
    cashew = make_product(producer_a, "Hạt điều Bình Phước", status=ProductStatus.ACTIVE)
    dossiers = [file_and_forward(p, producer_user, officer_a, province_officer, session) for p in (tea, drink, cashew)]
    changes = [{"6.1.1": 2}, {"6.1": 1}, {}]
    for dossier, change in zip(dossiers, changes, strict=True):
        for member in members[:3]:
            council.submit_sheet(council.member_sheet(session, dossier, member), {**best(dossier), **change}, [], [])
    council.close_session(session, province_officer)
    tea, drink, cashew = (Dossier.objects.get(pk=d.pk) for d in dossiers)
    as_the_old_engine_scored(tea, 100)
    as_the_old_engine_scored(drink, 100)
    workflow.move(tea, "forward_central", province_officer)
    Dossier.objects.filter(pk=tea.pk).update(central_total=100, central_stars=5)  # the central council's result
    decisions.grant_central(
        Dossier.objects.get(pk=tea.pk), national, certificate_number="0005/2026/GCN-OCOP",
        decision_number="318/QĐ-BNNMT", decision_date=dt.date.today(),
    )  # fmt: skip
    drink.result["propose_to_central_council"], drink.proposed_central = False, False
    drink.council_stars = drink.result["stars"] = 4
    drink.save()
    decisions.recognise(
        drink, province_officer, certificate_number="0006/2026/GCN-OCOP", decision_number="1206/QĐ-UBND",
        decision_date=dt.date.today(),
    )  # fmt: skip
    return tea, drink, cashew


def snapshot() -> list:
    return [list(model.objects.order_by("pk").values()) for model in (Scoresheet, Dossier, Certificate, DossierEvent)]


def test_it_lists_every_result_the_current_readings_change_with_its_decision_and_certificate(
    decided_under_the_old_reading,
):
    tea, drink, cashew = decided_under_the_old_reading
    before = snapshot()
    report = recheck()
    assert snapshot() == before  # reads only
    assert (report.scoresheets, report.councils) == (9, 3)
    by_dossier = {}
    for change in report.changes:
        by_dossier.setdefault((change.dossier, change.kind), []).append(change)
    assert cashew.pk not in {dossier for dossier, _kind in by_dossier}
    tea_council = by_dossier[(tea.pk, "council")][0]
    assert tea_council.changed == ["stars"] and (tea_council.before["stars"], tea_council.after["stars"]) == (5, 3)
    assert tea_council.decision.startswith("318/QĐ-BNNMT") and tea_council.certificate.startswith("0005/2026/GCN-OCOP")
    assert len(by_dossier[(tea.pk, "scoresheet")]) == 3
    drink_council = by_dossier[(drink.pk, "council")][0]
    assert drink_council.changed == ["stars", "disqualified", "certifiable"]
    assert (drink_council.after["disqualified"], drink_council.after["certifiable"]) == (True, False)
    assert "0006/2026/GCN-OCOP (4★" in drink_council.certificate


def test_the_command_prints_the_changes_in_the_offices_language_and_as_json(decided_under_the_old_reading):
    tea, _drink, _cashew = decided_under_the_old_reading
    out = io.StringIO()
    call_command("score", "recheck", stdout=out)
    text = out.getvalue()
    assert "9 phiếu chấm đã nộp và 3 kết quả hội đồng" in text
    assert f"#{tea.pk} «Chè Shan tuyết Tà Xùa»" in text and "kết quả của Hội đồng: hạng sao 5★ → 3★" in text
    assert "bị loại không → có; đủ điều kiện công nhận có → không" in text
    assert text.count("giấy chứng nhận: 0005/2026/GCN-OCOP") == 1  # once per dossier
    out = io.StringIO()
    call_command("score", "recheck", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert len(data["changes"]) == 8  # for the tea and for the drink: 3 sheets and the council


def test_a_stored_sheet_that_can_no_longer_be_scored_is_listed_not_fatal(decided_under_the_old_reading):
    tea, _drink, _cashew = decided_under_the_old_reading
    Scoresheet.objects.filter(pk=tea.scoresheets.first().pk).update(choices={"1.1": 9})
    broken = [c for c in recheck().changes if c.error]
    assert len(broken) == 2 and all("missing" in c.error for c in broken)  # the sheet and its council
    out = io.StringIO()
    call_command("score", "recheck", stdout=out)
    assert out.getvalue().count("không còn chấm lại được") == 2


def test_nothing_to_report_when_results_follow_the_current_readings(product_a, producer_user, officer_a,
                                                                     province_officer, council_of_three):  # fmt: skip
    session, members = council_of_three
    dossier = file_and_forward(product_a, producer_user, officer_a, province_officer, session)
    for member in members[:3]:
        council.submit_sheet(council.member_sheet(session, dossier, member), best(dossier), [], [])
    council.close_session(session, province_officer)
    out = io.StringIO()
    call_command("score", "recheck", stdout=out)
    assert "Không có thay đổi" in out.getvalue() and recheck().changes == []
