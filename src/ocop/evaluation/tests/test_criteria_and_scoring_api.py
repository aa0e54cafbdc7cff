"""Criteria as versioned data, and scoring through the API and the command line."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from ocop.evaluation import models
from ocop.evaluation.loader import load_criteria, read_criteria_file
from ocop.evaluation.models import CriteriaVersion, Regime
from ocop.registry.product_sets import CRITERIA_FILE

pytestmark = pytest.mark.django_db


def best_choices(set_number: int) -> dict:
    sheet = CriteriaVersion.objects.get().scoresheet(set_number)
    choices = {}
    for criterion in sheet.criteria:
        case = criterion.cases[0][0] if criterion.cases else None
        option = max(criterion.options_of(case), key=lambda o: o.points)
        choices[criterion.code] = {"case": case, "option": option.position} if case else option.position
    return choices


def test_the_packaged_criteria_and_the_four_regimes_are_loaded():
    version = CriteriaVersion.objects.get()
    assert version.key == "26/2026/QĐ-TTg#schema1"
    assert version.sheets.count() == 26
    assert list(Regime.objects.values_list("document_number", flat=True)) == [
        "1048/QĐ-TTg", "148/QĐ-TTg", "1489/QĐ-TTg", "26/2026/QĐ-TTg"
    ]  # fmt: skip
    assert Regime.objects.get(code="qd-1048-2019").part_weights == {"A": 35, "B": 25, "C": 40}
    assert Regime.objects.get(code="qd-148-2023").deciding_levels["3"] == "district"


def test_loading_the_same_file_again_changes_nothing(tmp_path):
    out = io.StringIO()
    call_command("criteria", "load", str(CRITERIA_FILE), stdout=out)
    assert "unchanged" in out.getvalue()
    assert CriteriaVersion.objects.count() == 1


def test_a_version_in_use_is_immutable():
    data, _sha = read_criteria_file(CRITERIA_FILE)
    data["scoresheets"][0]["set_name"] = "changed"
    assert load_criteria(data, "x" * 64, models)[1] == "updated"  # not in use yet: may be corrected
    CriteriaVersion.objects.update(in_use=True)
    with pytest.raises(ValidationError, match="in use"):
        load_criteria(data, "y" * 64, models)


def test_a_bad_criteria_file_is_refused_clearly(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("criteria", "load", str(bad))
    bad.write_text(json.dumps({"schema_version": 9}))
    with pytest.raises(CommandError, match="schema_version"):
        call_command("criteria", "load", str(bad))


def test_the_api_scores_one_sheet(client, province_officer):
    client.force_login(province_officer)
    body = {"product_set": 7, "sheets": [{"member": "A", "choices": best_choices(7)}]}
    response = client.post("/api/v1/scoring/evaluate", body, content_type="application/json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["kind"], data["criteria_version"]) == ("sheet", "26/2026/QĐ-TTg#schema1")
    assert (data["result"]["total"], data["result"]["stars"]) == (100, 5)
    assert [p["points"] for p in data["result"]["parts"]] == [40, 25, 35]


def test_the_api_scores_a_council_with_the_case_of_set_26(client, province_officer):
    client.force_login(province_officer)
    sheets = [{"member": m, "choices": best_choices(26)} for m in ("A", "B", "C")]
    body = {"criteria_version": "26/2026/QĐ-TTg", "product_set": 26, "sheets": sheets}
    data = client.post("/api/v1/scoring/evaluate", body, content_type="application/json").json()
    assert data["kind"] == "council"
    assert data["result"]["average_total"] == 100 and data["result"]["propose_to_central_council"]


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"product_set": 7, "sheets": [{"choices": {"1.1": 9}}]}, "sheet › 1.1"),
        ({"product_set": 99, "sheets": [{"choices": {}}]}, "product_set"),
        ({"product_set": 7, "sheets": []}, "sheets"),
        (
            {"product_set": 7, "criteria_version": "148/QĐ-TTg", "sheets": [{"choices": {}}]},
            "criteria_version",
        ),
        ({"product_set": 7, "sheets": [{"choices": {"26.1": 1}}]}, "sheet › 26.1"),
    ],
)
def test_bad_scoring_input_is_400_with_every_problem(client, province_officer, body, where):
    client.force_login(province_officer)
    response = client.post("/api/v1/scoring/evaluate", body, content_type="application/json")
    assert response.status_code == 400
    assert where in response.json()["errors"]


def test_scoring_needs_a_login(client):
    response = client.post("/api/v1/scoring/evaluate", {}, content_type="application/json")
    assert response.status_code == 401


def test_the_command_prints_the_breakdown(tmp_path):
    path = tmp_path / "sheet.json"
    path.write_text(json.dumps({"product_set": 4, "sheets": [{"choices": best_choices(4)}]}), encoding="utf-8")
    out = io.StringIO()
    call_command("score", str(path), stdout=out)
    assert "Tổng điểm: 100" in out.getvalue() and "5★" in out.getvalue()
    out = io.StringIO()
    call_command("score", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue())["result"]["total"] == 100
    path.write_text(json.dumps({"product_set": 4, "sheets": [{"choices": {}}]}))
    with pytest.raises(CommandError, match="missing"):
        call_command("score", str(path))


def test_a_criteria_file_with_an_unread_irregular_printing_is_refused(tmp_path):
    """A new misprint (here set 11's “11” printed as 12) has no recorded reading: it could not be scored."""
    before = CriteriaVersion.objects.get().sha256
    data, _sha = read_criteria_file(CRITERIA_FILE)
    impurities = data["scoresheets"][10]["parts"][2]["sections"][0]["criteria"][0]["sub_criteria"][0]
    impurities["options"][1]["points"] = 12
    path = tmp_path / "misprint.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match=r"set 11, C > 6\.1\.1 > option 2: reading s11-6\.1\.1-option2 is for"):
        call_command("criteria", "load", str(path))
    assert CriteriaVersion.objects.get().sha256 == before  # nothing loaded
