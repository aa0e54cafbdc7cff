"""Personal data of a producer's representative (the rights table's "personal" right on registry.producer: the
province office, the commune officer, the producer account; not the viewer, not the national office).

The fields are declared once on the model (`Producer.personal_fields`) and one function decides who reads them
(`ocop.core.rights.may(user, "personal", obj)`, through `ocop.core.rights.personal`): the API, the staff pages, the
filters, the exports (xlsx and csv), the forms and the change log all ask it."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from conftest import make_user, unit
from ocop.core import rights
from ocop.core.choices import RoleKind
from ocop.core.models import ApiToken
from ocop.registry.choices import Ethnicity, Gender
from ocop.registry.models import Producer
from ocop.registry.services import save_producer

pytestmark = pytest.mark.django_db

PHONE, NEW_PHONE, EMAIL = "0987 654 321", "0911 222 333", "ba.hoa.rieng@example.vn"
# What a person without the right must not read, in any form (the ethnicity's label and its code in the API).
SECRETS = (PHONE, NEW_PHONE, EMAIL, "Xtiêng")


@pytest.fixture
def national_office(db):
    return make_user("trunguong", RoleKind.NATIONAL_OFFICE, unit=unit("2025", "VN"))


@pytest.fixture
def private(producer_a) -> Producer:
    """Producer A with a representative's personal data, and a change of phone in its history."""
    producer_a.representative_ethnicity = Ethnicity.XTIENG
    producer_a.representative_disability = True
    producer_a.phone, producer_a.email = PHONE, EMAIL
    save_producer(producer_a, datetime.date(2023, 1, 1))
    producer_a.phone = NEW_PHONE
    return save_producer(producer_a, datetime.date(2023, 1, 1))


@pytest.fixture
def without(viewer, national_office):
    return {"viewer": viewer, "national": national_office}


@pytest.fixture
def holders(province_officer, officer_a, producer_user):
    return {"office": province_officer, "commune": officer_a, "producer": producer_user}


def api_client(client, user):
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {ApiToken.issue(user, 'test')[1]}"
    return client


def _export(client, fmt: str) -> str:
    response = client.get(f"/staff/exports/producers.{fmt}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        return body.decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(body), read_only=True).active
    return "\n".join(",".join("" if c is None else str(c) for c in row) for row in sheet.iter_rows(values_only=True))


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_right_is_the_offices_the_communes_and_the_producers_own(private, without, holders):
    for user in without.values():
        assert rights.may(user, "view", private) and not rights.may(user, "personal", private)
    for user in holders.values():
        assert rights.may(user, "personal", private)
    assert set(Producer.personal_fields) == {
        "representative_gender", "representative_ethnicity", "representative_disability", "phone", "email",
    }  # fmt: skip


@pytest.mark.parametrize("persona", ["viewer", "national"])
def test_the_api_gives_no_personal_value_without_the_right(client, private, without, persona):
    api = api_client(client, without[persona])
    detail = api.get(f"/api/v1/producers/{private.pk}")
    assert detail.status_code == 200
    data = detail.json()
    for field in ("representative_gender", "representative_ethnicity", "representative_disability", "phone", "email"):
        assert data[field] is None, field
    assert data["name"] == private.name and data["representative_name"] == private.representative_name
    assert data["website"] == private.website  # not personal
    listed = api.get("/api/v1/producers").json()["results"]
    row = next(r for r in listed if r["id"] == private.pk)
    assert row["representative_ethnicity"] is None and row["representative_gender"] is None
    assert row["representative_disability"] is None
    text = detail.content.decode() + api.get("/api/v1/producers").content.decode()
    assert not [s for s in SECRETS if s in text]


@pytest.mark.parametrize("persona", ["office", "commune", "producer"])
def test_the_api_gives_them_to_those_with_the_right(client, private, holders, persona):
    data = api_client(client, holders[persona]).get(f"/api/v1/producers/{private.pk}").json()
    assert data["phone"] == NEW_PHONE and data["email"] == EMAIL
    assert data["representative_ethnicity"] == Ethnicity.XTIENG and data["representative_gender"] == Gender.FEMALE
    assert data["representative_disability"] is True


@pytest.mark.parametrize("persona", ["viewer", "national"])
def test_a_filter_on_a_personal_field_is_refused_without_the_right(client, as_user, private, without, persona):
    """Filtering by ethnicity would tell each producer's: refused with the reason, on the page and in the API."""
    api = api_client(client, without[persona])
    for name, value in (("ethnicity", Ethnicity.XTIENG), ("gender", Gender.FEMALE)):
        response = api.get("/api/v1/producers", {name: value})
        assert response.status_code == 400, name
    client.defaults.pop("HTTP_AUTHORIZATION")
    page = as_user(without[persona]).get("/staff/producers/", {"ethnicity": Ethnicity.XTIENG})
    assert page.status_code == 400
    assert "dữ liệu cá nhân" in page.content.decode()
    plain = as_user(without[persona]).get("/staff/producers/").content.decode()
    assert 'name="ethnicity"' not in plain and 'name="gender"' not in plain
    assert private.name in plain


def test_the_office_still_filters_by_ethnicity(as_user, private, producer_b, province_officer):
    page = as_user(province_officer).get("/staff/producers/", {"ethnicity": Ethnicity.XTIENG}).content.decode()
    assert private.name in page and producer_b.name not in page


@pytest.mark.parametrize("persona", ["viewer", "national"])
def test_the_staff_page_shows_no_personal_value_without_the_right(as_user, private, without, persona):
    page = as_user(without[persona]).get(f"/staff/producers/{private.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert private.representative_name in text  # the representative's name is not personal data here
    assert not [s for s in SECRETS if s in text]
    assert ", người khuyết tật</dd>" not in text  # the facts; the history names the field, its values hidden
    assert "Không hiển thị (dữ liệu cá nhân)" in text


@pytest.mark.parametrize("persona", ["office", "commune", "producer"])
def test_the_staff_page_shows_them_to_those_with_the_right(as_user, private, holders, persona):
    text = as_user(holders[persona]).get(f"/staff/producers/{private.pk}/").content.decode()
    assert NEW_PHONE in text and EMAIL in text and "Xtiêng" in text
    assert PHONE in text  # the phone's change, in the page's history


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("persona", ["viewer", "national"])
def test_the_export_has_no_personal_value_without_the_right(as_user, private, without, persona, fmt):
    text = _export(as_user(without[persona]), fmt)
    assert private.name in text
    assert not [s for s in SECRETS if s in text]
    assert "Không hiển thị (dữ liệu cá nhân)" in text
    if fmt == "csv":
        row = next(r for r in _rows(text) if r["Tên chủ thể"] == private.name)
        assert row["Dân tộc"] == row["Điện thoại"] == row["Người khuyết tật"] == "Không hiển thị (dữ liệu cá nhân)"
        assert row["Người đại diện"] == private.representative_name


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("persona", ["office", "commune", "producer"])
def test_the_export_has_them_for_those_with_the_right(as_user, private, holders, persona, fmt):
    text = _export(as_user(holders[persona]), fmt)
    assert NEW_PHONE in text and EMAIL in text and "Xtiêng" in text
    assert "Không hiển thị" not in text


@pytest.mark.parametrize("persona", ["viewer", "national"])
def test_the_change_log_hides_a_changed_phone_without_the_right(as_user, private, without, persona):
    from ocop.core.models import ChangeLog

    change = ChangeLog.objects.filter(content_type__model="producer", object_id=str(private.pk)).order_by("id").last()
    assert change.before.get("phone") == PHONE and change.after.get("phone") == NEW_PHONE
    client = as_user(without[persona])
    for url in (f"/staff/history/{change.pk}/", "/staff/history/", f"/staff/producers/{private.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert PHONE not in text and NEW_PHONE not in text, url
    assert "Không hiển thị (dữ liệu cá nhân)" in client.get(f"/staff/history/{change.pk}/").content.decode()


@pytest.mark.parametrize("persona", ["office", "commune", "producer"])
def test_the_change_log_shows_the_phone_to_those_with_the_right(as_user, private, holders, persona):
    from ocop.core.models import ChangeLog

    change = ChangeLog.objects.filter(content_type__model="producer", object_id=str(private.pk)).order_by("id").last()
    text = as_user(holders[persona]).get(f"/staff/history/{change.pk}/").content.decode()
    assert PHONE in text and NEW_PHONE in text


def test_the_producer_form_takes_personal_fields_only_with_the_right(private, holders):
    """The form (page and API) of someone who may change a producer but not read its personal data would neither
    show nor take them; the table gives no such role today, so every role that may change keeps them all."""
    from ocop.registry.forms import ProducerForm

    for user in holders.values():
        form = ProducerForm(instance=private, user=user)
        assert set(Producer.personal_fields) <= set(form.fields)
    nobody = make_user("khong_quyen")
    form = ProducerForm(instance=private, user=nobody)
    assert not set(Producer.personal_fields) & set(form.fields)


def test_a_file_exported_without_the_personal_data_does_not_wipe_it_on_import(as_user, private, viewer, officer_a):
    """The viewer's file, imported again by the commune officer: the hidden cells are refused, nothing is written."""
    from ocop.exchange.engine import run_import

    data = as_user(viewer).get("/staff/exports/producers.csv").content
    report = run_import("producers", "chu-the.csv", data, officer_a, dry_run=False)
    assert report.problems and not report.updated
    assert {p.column for p in report.problems} >= {"Dân tộc", "Điện thoại", "Email"}
    private.refresh_from_db()
    assert private.phone == NEW_PHONE and private.representative_ethnicity == Ethnicity.XTIENG


@pytest.mark.parametrize("persona", ["viewer", "national"])
def test_the_dossiers_copy_of_the_contact_is_personal_too(as_user, private, without, province_officer, persona):
    """A new dossier copies the producer's phone and email (form 01): its change log hides them the same way."""
    from ocop.core.models import ChangeLog
    from ocop.evaluation.workflow import open_dossier
    from ocop.registry.models import Product

    product = Product.objects.create(producer=private, name="Mứt điều", product_set_id=7)
    dossier = open_dossier(product, "first", province_officer)
    assert dossier.phone == NEW_PHONE
    created = ChangeLog.objects.get(content_type__model="dossier", object_id=str(dossier.pk), action="create")
    text = as_user(without[persona]).get(f"/staff/history/{created.pk}/").content.decode()
    assert NEW_PHONE not in text and EMAIL not in text
    assert NEW_PHONE in as_user(province_officer).get(f"/staff/history/{created.pk}/").content.decode()
