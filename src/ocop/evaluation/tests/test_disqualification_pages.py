"""Where people see a disqualification and our readings (issue 17): the member's sheet page, the session and
dossier pages, the dossier API, the minutes (PDF and Word) and the printable blank scoresheet."""

import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from conftest import make_product
from ocop.evaluation import council, decisions, printouts
from ocop.evaluation.models import CriteriaVersion
from ocop.evaluation.tests.helpers import best, file_and_forward
from ocop.registry.choices import ProductStatus

pytestmark = pytest.mark.django_db
NOTE_16 = "Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá các bước tiếp theo"


@pytest.fixture
def drink(producer_a):
    """A set-16 product (alcohol-free drinks): any 0 among its sensory criteria 6.1–6.4 stops the evaluation."""
    return make_product(producer_a, "Nước khoáng Suối Tre", product_set=16, status=ProductStatus.ACTIVE)


@pytest.fixture
def scored_drink(drink, producer_user, officer_a, province_officer, council_of_three):
    """Two of three members find foreign matter (6.1 “Có tạp chất”, 0 points); the session is closed."""
    session, members = council_of_three
    dossier = file_and_forward(drink, producer_user, officer_a, province_officer, session)
    stained = {**best(dossier), "6.1": 1}
    for member, answers in zip(members[:3], [stained, stained, best(dossier)], strict=True):
        council.submit_sheet(council.member_sheet(session, dossier, member), answers, [], [])
    return session, members, dossier


def test_it_shows_the_member_why_their_sheet_is_disqualified(client, as_user, scored_drink):
    session, members, dossier = scored_drink
    page = as_user(members[0]).get(f"/staff/sessions/{session.pk}/dossiers/{dossier.pk}/score/").content.decode()
    assert "Bị loại: không đủ điều kiện công nhận dù được bao nhiêu điểm." in page
    assert NOTE_16 in page and "6.1 được 0 điểm" in page
    assert "Tự động loại" in page  # beside 6.1–6.4 on the form
    clean = as_user(members[2]).get(f"/staff/sessions/{session.pk}/dossiers/{dossier.pk}/score/").content.decode()
    assert "Bị loại: không đủ điều kiện" not in clean
    pdf = client.get(f"/staff/sessions/{session.pk}/dossiers/{dossier.pk}/score.pdf")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_the_council_result_is_disqualified_everywhere_it_is_shown(as_user, scored_drink, province_officer):
    session, _members, dossier = scored_drink
    council.close_session(session, province_officer)
    dossier.refresh_from_db()
    assert dossier.result["disqualified"] and not dossier.result["certifiable"] and dossier.council_stars == 5
    office = as_user(province_officer)
    for url in (f"/staff/sessions/{session.pk}/", f"/staff/dossiers/{dossier.pk}/"):
        page = office.get(url).content.decode()
        assert NOTE_16 in page and "Bị loại: không đủ điều kiện công nhận" in page, url
    data = office.get(f"/api/v1/dossiers/{dossier.pk}").json()
    assert (data["disqualified"], data["certifiable"]) == (True, False) and NOTE_16 in data["disqualification_reasons"][
        0
    ]
    sheets = office.get(f"/api/v1/dossiers/{dossier.pk}/scoresheets").json()
    assert [s["disqualified"] for s in sheets] == [True, True, False]
    assert NOTE_16 in printouts.minutes_html(session)
    docx = b"".join(office.get(f"/staff/sessions/{session.pk}/minutes.docx").streaming_content)
    cells = [cell.text for table in Document(io.BytesIO(docx)).tables for row in table.rows for cell in row.cells]
    assert any("Bị loại, không đủ điều kiện công nhận" in text and NOTE_16 in text for text in cells)
    with pytest.raises(ValidationError, match=r"not disqualified|không bị loại"):
        decisions.recognise(
            dossier, province_officer, certificate_number="9/2026/GCN", decision_number="1/QĐ-UBND",
            decision_date=dossier.submitted_on,
        )  # fmt: skip


def test_a_member_states_a_condition_the_answers_cannot_show(as_user, product_a, producer_user, officer_a,
                                                            province_officer, council_of_three):  # fmt: skip
    session, members = council_of_three
    dossier = file_and_forward(product_a, producer_user, officer_a, province_officer, session)
    url = f"/staff/sessions/{session.pk}/dossiers/{dossier.pk}/score/"
    member = as_user(members[0])
    form = member.get(url).content.decode()
    assert 'name="disqualified_criteria" value="2.1"' in form and "giống hệt sản phẩm" in form
    posted = {f"c-{code}": str(position) for code, position in best(dossier).items()}
    response = member.post(url, {**posted, "disqualified_criteria": ["2.1"]})
    assert response.status_code == 302
    sheet = dossier.scoresheets.get(member=members[0])
    assert sheet.disqualified_criteria == ["2.1"] and sheet.result["disqualified"]
    page = member.get(url).content.decode()
    assert 'value="2.1" checked disabled' in page and "2.1: Ghi chú: Bị loại nếu phát hiện giống hệt" in page


def test_a_refused_listing_changes_nothing(as_user, product_a, producer_user, officer_a, province_officer,
                                           council_of_three):  # fmt: skip
    session, members = council_of_three
    dossier = file_and_forward(product_a, producer_user, officer_a, province_officer, session)
    url = f"/staff/sessions/{session.pk}/dossiers/{dossier.pk}/score/"
    posted = {f"c-{code}": str(position) for code, position in best(dossier).items()}
    response = as_user(members[0]).post(url, {**posted, "disqualified_criteria": ["1.3"]})  # 1.3 has no such note
    assert response.status_code == 400 and "1.3" in response.content.decode()
    assert dossier.scoresheets.get(member=members[0]).submitted_at is None


def test_the_blank_scoresheet_shows_each_reading_and_each_condition(as_user, viewer):
    version = CriteriaVersion.objects.get()
    viewer_client = as_user(viewer)
    tea = viewer_client.get(f"/staff/criteria/{version.pk}/sets/11/").content.decode()
    assert "Cách đọc của chúng tôi (s11-6.1.1-option2): In 11 điểm, đọc là 1." in tea
    assert "Không đạt yêu cầu 4★." in tea and "Mười bộ khác chấm tạp chất theo thang 0 / 1 / 2" in tea
    assert "<s>11</s> 1" in tea and "1.2-option1-without-points" in tea and "bilingual-label-2.4" in tea
    assert "unsafe-impurities" in tea and "Thành viên hội đồng nêu" in tea
    drink = viewer_client.get(f"/staff/criteria/{version.pk}/sets/16/").content.decode()
    assert "s16-sensory-zero" in drink and "Tự động áp dụng theo câu trả lời" in drink
    assert drink.count("Tự động loại") == 4  # beside 6.1, 6.2, 6.3 and 6.4
    tours = viewer_client.get(f"/staff/criteria/{version.pk}/sets/26/").content.decode()
    assert "Tiêu đề in 35 điểm; đọc là 40." in tours
