"""The representative's gender and ethnicity can be "not stated": records from the press or old lists often do not
say, and without that value an officer had to invent one (the import required a gender and wrote Kinh for an empty
ethnicity). Not stated is recorded, shown, filtered, exported and imported like any other value."""

import io

import pytest
from openpyxl import load_workbook

from conftest import make_producer
from ocop.core.models import ApiToken
from ocop.exchange.engine import run_import
from ocop.exchange.tests.test_import import csv_bytes, producer_row
from ocop.registry.choices import Ethnicity, Gender
from ocop.registry.models import Producer
from ocop.registry.tests.test_producer_pages import producer_form

pytestmark = pytest.mark.django_db


def test_it_records_a_producer_whose_representative_is_not_described(as_user, province_officer, commune_a):
    client = as_user(province_officer)
    data = producer_form(commune_a, representative_gender="not_stated", representative_ethnicity="00")
    response = client.post("/staff/producers/add/", data)
    assert response.status_code == 302, response.content.decode()
    producer = Producer.objects.get(tax_code="3809990001")
    assert (producer.representative_gender, producer.representative_ethnicity) == ("not_stated", "00")
    page = client.get(producer.get_absolute_url()).content.decode()
    assert "Không rõ" in page
    assert not producer.is_ethnic_minority_led  # unknown is not a minority


def test_a_new_producer_is_not_assumed_to_be_kinh():
    assert Producer().representative_ethnicity == Ethnicity.NOT_STATED


def test_the_add_form_offers_not_stated(as_user, province_officer):
    page = as_user(province_officer).get("/staff/producers/add/").content.decode()
    assert 'value="not_stated"' in page and 'value="00"' in page


def test_an_import_with_empty_or_unknown_cells_invents_nothing(superuser):
    rows = [
        producer_row(**{"Giới tính người đại diện": "", "Dân tộc": ""}),
        producer_row(**{"Mã số thuế / số ĐKKD": "3802223335", "Giới tính người đại diện": "Không rõ",
                        "Dân tộc": "không rõ"}),
        producer_row(**{"Mã số thuế / số ĐKKD": "3802223336", "Giới tính người đại diện": "Nam", "Dân tộc": "Kinh"}),
    ]  # fmt: skip
    report = run_import("producers", "chu-the.csv", csv_bytes(rows), superuser, dry_run=False)
    assert report.ok, report.problems
    facts = dict(Producer.objects.values_list("tax_code", "representative_gender"))
    assert facts == {"3802223334": "not_stated", "3802223335": "not_stated", "3802223336": "male"}
    ethnicities = dict(Producer.objects.values_list("tax_code", "representative_ethnicity"))
    assert ethnicities == {"3802223334": "00", "3802223335": "00", "3802223336": "01"}


def test_the_export_says_not_stated_and_re_imports_unchanged(as_user, province_officer, commune_a):
    make_producer("HTX Không rõ", commune_a, "3809990002", representative_gender=Gender.NOT_STATED,
                  representative_ethnicity=Ethnicity.NOT_STATED)  # fmt: skip
    response = as_user(province_officer).get("/staff/exports/producers.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows[0]
    row = next(r for r in rows if r[header.index("Mã số thuế / số ĐKKD")] == "3809990002")
    assert (row[header.index("Giới tính người đại diện")], row[header.index("Dân tộc")]) == ("Không rõ", "Không rõ")
    again = run_import("producers", "chu-the.xlsx", response.content, province_officer, dry_run=True)
    assert again.ok and again.nothing_to_change, again.problems


def test_lists_and_api_filter_and_show_not_stated(client, as_user, province_officer, producer_a, commune_a):
    make_producer("HTX Không rõ", commune_a, "3809990002", representative_gender=Gender.NOT_STATED)
    page = as_user(province_officer).get("/staff/producers/", {"gender": "not_stated"}).content.decode()
    assert "HTX Không rõ" in page and producer_a.name not in page
    _token, key = ApiToken.issue(province_officer, "test")
    data = client.get("/api/v1/producers", {"gender": "not_stated"}, HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert [p["representative_gender"] for p in data["results"]] == ["not_stated"]
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["ProducerOut"]["properties"]
    gender = schema["representative_gender"]  # null too: personal data, for those without the right to read it
    assert any("not_stated" in option.get("enum", ()) for option in gender["anyOf"])
    assert {"type": "null"} in gender["anyOf"]
