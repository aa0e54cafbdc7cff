"""The scoring endpoint takes and answers typed schemas: its answer is the engine's whole breakdown (nothing
dropped by the answer's schema), and a body of the wrong shape is one 400 naming every problem."""

import json

import pytest
from django.core.management import CommandError, call_command

from ocop.evaluation import services
from ocop.evaluation.schemas import ScoringIn
from ocop.evaluation.tests.test_criteria_and_scoring_api import best_choices
from ocop.evaluation.tests.test_scoring_regressions import answers as lowered

pytestmark = pytest.mark.django_db
EVALUATE = "/api/v1/scoring/evaluate"


def post(client, body: object):
    return client.post(EVALUATE, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("members", [1, 3])
def test_it_answers_the_engines_whole_breakdown(client, province_officer, members):
    client.force_login(province_officer)
    sheets = [{"member": f"M{n}", "choices": best_choices(11), "disqualifiers": []} for n in range(members)]
    sheets[0]["choices"] = lowered(11, **{"6_1_1": 2})  # a marker unmet: a lowered band, a reading's note
    body = {"product_set": 11, "sheets": sheets, "discrepancy_points": 2.5}

    response = post(client, body)

    assert response.status_code == 200, response.content
    assert response.json() == services.evaluate(ScoringIn.model_validate(body))
    assert response.json()["result"]["unmet_markers"]


def test_a_body_of_the_wrong_shape_is_one_400_naming_every_problem(client, province_officer):
    client.force_login(province_officer)
    body = {
        "product_set": True,
        "sheets": [{"choices": {"1.1": "3", "8": {"case": 1, "option": 2}}, "disqualifiers": "1"}],
        "discrepancy_points": -1,
    }

    response = post(client, body)

    assert response.status_code == 400
    answer = response.json()
    assert answer["detail"] == "Dữ liệu không hợp lệ."
    assert set(answer["errors"]) == {
        "product_set",
        "sheets › 1 › choices › 1.1",
        "sheets › 1 › choices › 8",
        "sheets › 1 › disqualifiers",
        "discrepancy_points",
    }


def test_a_parameter_of_the_wrong_type_is_a_422_in_the_same_shape(client, province_officer):
    client.force_login(province_officer)
    response = client.get("/api/v1/producers", {"page": "hai"})
    assert response.status_code == 422
    assert set(response.json()) == {"detail", "errors"} and "page" in response.json()["errors"]


def test_the_command_line_reads_its_file_with_the_same_schema(tmp_path):
    path = tmp_path / "sheet.json"
    path.write_text(json.dumps({"product_set": 4, "sheets": [{"choices": {"1.1": [1]}}]}), encoding="utf-8")
    with pytest.raises(CommandError, match=r"sheets › 1 › choices › 1\.1: .*option position"):
        call_command("score", str(path))
