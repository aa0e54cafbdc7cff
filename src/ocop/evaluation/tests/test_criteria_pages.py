"""Staff browse the criteria and print a blank scoresheet per product set, with our readings of its print."""

import pytest

from ocop.evaluation.models import CriteriaVersion

pytestmark = pytest.mark.django_db


def test_the_criteria_index_lists_regimes_and_the_26_sheets(as_user, viewer):
    page = as_user(viewer).get("/staff/criteria/").content.decode()
    assert "1048/QĐ-TTg" in page and "26/2026/QĐ-TTg" in page
    assert page.count("/sets/") == 26


def test_a_blank_scoresheet_shows_options_markers_and_our_readings(as_user, viewer):
    version = CriteriaVersion.objects.get()
    page = as_user(viewer).get(f"/staff/criteria/{version.pk}/sets/4/").content.decode()
    assert "Mật ong" in page and "Hồ sơ bị loại khi" in page
    assert "4★" in page
    assert "Cách đọc của chúng tôi (s4-7-option3): In 13 điểm, đọc là 3." in page  # set 4 C›7
    assert "In không có mức, đọc là: 1. Không đạt = 0; 2. Đạt = 1." in page  # the bilingual-label criterion
    assert "In không có điểm, đọc là 0." in page  # 1.2


def test_set_26_shows_its_cases_and_unknown_sheets_are_404(as_user, viewer, client):
    version = CriteriaVersion.objects.get()
    page = as_user(viewer).get(f"/staff/criteria/{version.pk}/sets/26/").content.decode()
    assert "Chọn một trong hai trường hợp" in page
    assert as_user(viewer).get(f"/staff/criteria/{version.pk}/sets/27/").status_code == 404
    client.logout()
    assert client.get("/staff/criteria/").status_code == 302
