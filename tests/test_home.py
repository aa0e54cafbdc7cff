"""Things to do ("Việc cần làm"): where each person lands after signing in. Every count opens the list of exactly
those records, and nobody sees anything beyond their scope."""

import datetime
import html
import re

import pytest
from django.utils import timezone

from home_kit import build
from ocop.core import todo
from ocop.evaluation import workflow

pytestmark = pytest.mark.django_db
ITEM = re.compile(
    r'<a href="(?P<url>[^"]+)"><span class="count">(?P<n>\d+)</span> <span class="what">(?P<text>[^<]+)</span></a>'
)


@pytest.fixture
def work(db):
    return build(timezone.localdate())


def counts(client) -> dict[str, tuple[int, str]]:
    """The page's counted items: text → (count, link)."""
    page = client.get("/staff/").content.decode()
    return {html.unescape(m["text"]).strip(): (int(m["n"]), html.unescape(m["url"])) for m in ITEM.finditer(page)}


def listed(client, url: str) -> int:
    """How many records the linked list shows (whatever kind of list it is)."""
    response = client.get(url)
    assert response.status_code == 200, url
    context = response.context
    if "page" in context:
        return context["page"].paginator.count
    if "sessions" in context:
        return len(list(context["sessions"]))
    return sum(len(list(context[k])) for k in ("imports", "exports") if context.get(k) is not None)


def check_links(client) -> dict[str, int]:
    found = counts(client)
    for text, (n, url) in found.items():
        assert listed(client, url) == n, f"{text}: {n} on the page, {listed(client, url)} in {url}"
    return {text: n for text, (n, _url) in found.items()}


def test_signing_in_lands_on_things_to_do(client, work):
    response = client.post("/login/", {"username": "tinh", "password": "test-pass-123"})
    assert response.status_code == 302 and response["Location"] == "/staff/"
    page = client.get("/staff/").content.decode()
    assert "<h1>Việc cần làm</h1>" in page


def test_the_province_office_sees_its_stages_certificates_reports_rounds_and_jobs(client, work):
    client.force_login(work.province)
    assert check_links(client) == {
        "Xã đã chuyển lên tỉnh": 1,
        "Tỉnh đã tiếp nhận": 1,
        "Giấy chứng nhận đang trong thời hạn nộp hồ sơ đánh giá lại": 2,
        "Giấy chứng nhận đã quá thời hạn nộp, hết hạn trong vòng 120 ngày": 1,
        "Giấy chứng nhận hết hiệu lực hoặc bị thu hồi trong khi sản phẩm vẫn đang được bày bán": 1,
        "Phản ánh cần xử lý (mới hoặc đang kiểm tra)": 2,
        f"Hồ sơ trong Đợt 1/{timezone.localdate().year} · Thành phố Đồng Nai": 3,
        "Lượt nhập và kiểm tra đã xong": 1,
        "Lượt xuất bị lỗi": 1,
    }
    page = client.get("/staff/").content.decode()
    assert "(còn 10 ngày)" in page and 'class="urgent"' in page  # the communes' deadline is near


def test_a_commune_officer_sees_only_its_communes_work(client, work):
    client.force_login(work.commune_a)
    found = check_links(client)
    assert found["Đã nộp UBND xã"] == 1  # commune B's submitted dossier is not counted here
    assert found["Giấy chứng nhận đang trong thời hạn nộp hồ sơ đánh giá lại"] == 1
    assert found["Phản ánh cần xử lý (mới hoặc đang kiểm tra)"] == 1
    assert "Xã đã chuyển lên tỉnh" not in found  # the province's step, not the commune's
    page = client.get("/staff/").content.decode()
    assert "xã chuyển hồ sơ trước" in page  # its province's round deadlines are its deadlines too
    client.force_login(work.commune_b)
    assert check_links(client)["Đã nộp UBND xã"] == 1


def test_a_producer_sees_its_own_dossiers_what_they_lack_its_certificates_and_open_events(client, work):
    client.force_login(work.producer)
    page = client.get("/staff/").content.decode()
    assert "Hồ sơ của bạn" in page and "Hồ sơ đang chờ bạn xử lý" not in page
    assert "Bánh điều: Nháp" in page and "tiêu chí tự đánh giá chưa trả lời" in page
    assert "chưa đính kèm minh chứng" in page
    assert "Mật ong: Xã trả lại" in page and "Lý do: Thiếu ảnh bao bì" in page
    assert "Điều sấy: Xã đã chuyển lên tỉnh" in page  # where its dossiers are, even when not its turn
    assert "Tiêu đen" not in page  # another producer's
    assert "W/1" in page and "nộp hồ sơ đánh giá lại từ" in page  # its certificate's dates
    assert "X/1" in page and "hết hạn ngày 14/01/2023" in page
    assert check_links(client) == {"Sự kiện đang mở đăng ký": 1}
    assert "Phản ánh" not in page and "Đợt 1" not in page


def test_a_viewer_sees_what_is_due_but_no_dossier_waits_on_it(client, work):
    client.force_login(work.viewer)
    found = check_links(client)
    assert found["Giấy chứng nhận đang trong thời hạn nộp hồ sơ đánh giá lại"] == 2
    page = client.get("/staff/").content.decode()
    assert "Hồ sơ đang chờ bạn xử lý" not in page and "Phản ánh" not in page


def test_a_council_member_sees_the_sessions_to_score(client, work):
    client.force_login(work.member)
    assert check_links(client) == {"Phiên họp Hội đồng đang mở mà bạn là thành viên": 1}
    assert "còn 1 hồ sơ chưa chấm" in client.get("/staff/").content.decode()


def test_the_administrator_sees_every_stage(client, work):
    client.force_login(work.admin)
    found = check_links(client)
    assert found["Đã nộp UBND xã"] == 2 and found["Nháp"] == 1 and found["Xã trả lại"] == 1
    assert found["Phản ánh cần xử lý (mới hoặc đang kiểm tra)"] == 2


def test_an_office_of_another_province_sees_nothing_of_this_one(client, work):
    client.force_login(work.outsider)
    assert check_links(client) == {}
    page = client.get("/staff/").content.decode()
    assert "Không có hồ sơ nào đang chờ bạn." in page and "Tiêu đen" not in page and "Đồng Nai" not in page


@pytest.mark.parametrize(
    ("persona", "bound"),
    # province and admin: one more for the central council's outcomes on their dossiers (evaluation/todo.py);
    # monitoring's section: one query for the counts and one for the revocations to carry out (office,
    # administrator), one for a producer's own inspections
    [("province", 18), ("commune_a", 15), ("producer", 17), ("viewer", 13), ("member", 8), ("admin", 17)],
)
def test_the_page_costs_a_bounded_number_of_queries(client, work, persona, bound, django_assert_max_num_queries):
    user = getattr(work, persona)
    client.force_login(user)
    with django_assert_max_num_queries(bound):
        client.get("/staff/")
    more = build_more(work)
    assert more > 0
    with django_assert_max_num_queries(bound):  # more records, not more queries
        assert client.get("/staff/").status_code == 200


def build_more(work) -> int:
    from conftest import make_product
    from home_kit import dossier
    from ocop.evaluation.choices import DossierState as S

    producer = work.producer.ocop_role.producer
    for index in range(6):
        dossier(make_product(producer, f"Sản phẩm thêm {index}"), S.SUBMITTED if index % 2 else S.DRAFT)
    return 6


def test_every_turn_is_a_step_its_right_takes():
    for state, right in workflow.TURN.items():
        # "prepare" is the producer's own work before its step, the submission.
        taken = "submit" if right == "prepare" else right
        assert any(state in step.sources and taken == step.right for step in workflow.STEPS.values()), state


def test_an_app_registers_its_provider_once_and_in_order():
    def sample(user, today):
        return None

    before = len(todo.PROVIDERS)
    todo.register(5)(sample)
    todo.register(5)(sample)
    assert len(todo.PROVIDERS) == before + 1 and todo.PROVIDERS[0][2] is sample
    todo.PROVIDERS[:] = [p for p in todo.PROVIDERS if p[2] is not sample]


def test_the_certificate_list_filters_the_worklists_groups(client, work):
    client.force_login(work.province)
    today = datetime.date.today().strftime("%d/%m/%Y")
    for due, number in (("in_window", "W/1"), ("late", "L/1"), ("on_sale", "X/1")):
        page = client.get("/staff/certificates/", {"due": due, "at": today}).content.decode()
        assert number in page, due
    assert client.get("/staff/certificates/", {"due": "soon"}).status_code == 400
