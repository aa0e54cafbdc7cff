"""The staff pages: the province office writes, others read or get 403, anonymous people sign in first."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from ocop.core.models import ChangeLog
from ocop.stories.models import Article
from ocop.stories.tests.conftest import make_article

pytestmark = pytest.mark.django_db
LIST, ADD = "/staff/stories/", "/staff/stories/new/"


def _form(**overrides):
    data = {
        "kind": "story",
        "title": "Hạt điều Tân Lập vào vụ",
        "summary": "Vụ điều mới ở Đồng Phú.",
        "body": "<p>Vụ điều năm nay được mùa.</p>",
        "status": "published",
        "publish_at": (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "cover_alt": "",
    }
    data.update(overrides)
    return data


def _edit(article):
    return reverse("stories:staff_edit", args=[article.pk])


def _delete(article):
    return reverse("stories:staff_delete", args=[article.pk])


def test_anonymous_people_are_sent_to_sign_in(client, published):
    for path in (LIST, ADD, _edit(published), _delete(published)):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), path
    assert client.post(ADD, _form()).status_code == 302
    assert Article.objects.count() == 1


@pytest.mark.parametrize("persona", ["officer_a", "producer_user", "viewer"])
def test_other_roles_cannot_write(request, as_user, published, persona):
    client = as_user(request.getfixturevalue(persona))
    for path in (ADD, _edit(published), _delete(published)):
        assert client.get(path).status_code == 403, path
    assert client.post(ADD, _form()).status_code == 403
    assert client.post(_edit(published), _form(title="Đổi tên")).status_code == 403
    assert client.post(_delete(published)).status_code == 403
    published.refresh_from_db()
    assert published.title == "Mật ong Bà Rá vào mùa" and Article.objects.count() == 1


def test_offices_and_viewers_read_the_list_producers_do_not(as_user, officer_a, viewer, producer_user, draft):
    for user in (officer_a, viewer):
        response = as_user(user).get(LIST)
        assert response.status_code == 200 and draft.title in response.text
        assert ADD not in response.text
    assert as_user(producer_user).get(LIST).status_code == 403


def test_the_province_office_writes_publishes_and_deletes(as_user, province_officer, product_a, producer_a, client):
    client = as_user(province_officer)
    page = client.get(ADD)
    assert page.status_code == 200
    assert "stories/editor.js" in page.text and "data-rich-editor" in page.text
    assert "<script>" not in page.text and " onclick=" not in page.text  # CSP: script-src 'self' only
    response = client.post(
        ADD,
        _form(body='<p onclick="x()">Vụ điều <script>alert(1)</script><strong>được mùa</strong></p>',
              products=[product_a.pk], producers=[producer_a.pk]),
    )  # fmt: skip
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == _edit(article)
    assert article.body == "<p>Vụ điều <strong>được mùa</strong></p>"
    assert article.author == province_officer and article.slug == "hat-dieu-tan-lap-vao-vu"
    assert list(article.products.all()) == [product_a] and list(article.producers.all()) == [producer_a]
    assert article.state == "published"
    assert ChangeLog.objects.filter(object_id=str(article.pk), action="create").exists()

    edit = client.get(_edit(article))
    assert "Preview" in edit.text or "Xem trước" in edit.text
    assert "<p>Vụ điều <strong>được mùa</strong></p>" in edit.text  # the sanitised preview
    future = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    client.post(_edit(article), _form(title="Tên mới", publish_at=future))
    article.refresh_from_db()
    assert article.title == "Tên mới" and article.state == "scheduled" and article.slug == "hat-dieu-tan-lap-vao-vu"
    assert ChangeLog.objects.filter(object_id=str(article.pk), action="update").exists()
    assert "Tên mới" in client.get(LIST + "?state=scheduled").text
    assert "Tên mới" not in client.get(LIST + "?state=published").text

    assert client.get(_delete(article)).status_code == 200
    assert client.post(_delete(article)).status_code == 302
    assert not Article.objects.exists()
    assert ChangeLog.objects.filter(object_id=str(article.pk), action="delete").exists()


def test_superusers_write_too(as_user, superuser):
    assert as_user(superuser).post(ADD, _form()).status_code == 302
    assert Article.objects.count() == 1


def test_the_preview_of_a_failed_save_is_sanitised(as_user, province_officer):
    response = as_user(province_officer).post(ADD, _form(title="", body="<img src=x onerror=alert(1)><p>chữ</p>"))
    assert response.status_code == 200 and not Article.objects.exists()
    preview = response.text.split('class="preview-body">', 1)[1].split("</div>", 1)[0]
    assert "onerror" not in preview and "<p>chữ</p>" in preview


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "Đ" * 10_000}, "title"),
        ({"title": ""}, "title"),
        ({"summary": "x" * 5_000}, "summary"),
        ({"body": "<script>alert(1)</script>"}, "body"),  # nothing left once sanitised
        ({"body": "   "}, "body"),
        ({"body": "x" * 100_001}, "body"),
        ({"kind": "press-release"}, "kind"),
        ({"status": "live"}, "status"),
        ({"publish_at": "không phải ngày"}, "publish_at"),
        ({"publish_at": "2026-13-45T99:99"}, "publish_at"),
        ({"products": ["999999"]}, "products"),
        ({"producers": ["abc"]}, "producers"),
    ],
)
def test_bad_input_is_a_form_error_not_a_500(as_user, province_officer, overrides, field):
    response = as_user(province_officer).post(ADD, _form(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Article.objects.exists()


def _jpeg(name="bia.jpg"):
    out = io.BytesIO()
    Image.new("RGB", (120, 80), "orange").save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def test_a_cover_needs_its_description_and_is_reencoded(as_user, province_officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = as_user(province_officer)
    response = client.post(ADD, {**_form(), "cover": _jpeg()})
    assert response.status_code == 200 and "cover_alt" in response.context["form"].errors
    assert not Article.objects.exists()
    fake = SimpleUploadedFile("x.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = client.post(ADD, {**_form(cover_alt="Ảnh"), "cover": fake})
    assert response.status_code == 200 and "cover" in response.context["form"].errors
    response = client.post(ADD, {**_form(cover_alt="Vườn điều mùa thu hoạch"), "cover": _jpeg("ảnh gốc.png")})
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.cover.name.startswith("stories/") and article.cover.name.endswith(".jpg")
    assert "ảnh gốc" not in article.cover.name  # a random name, re-encoded as JPEG
    assert (article.cover_width, article.cover_height) == (120, 80)
    assert client.get(article.cover_url()).status_code == 200


def test_staff_list_search_and_bad_filters(as_user, province_officer, published, draft):
    client = as_user(province_officer)
    response = client.get(LIST + "?q=mat ong")  # accents optional
    assert published.title in response.text and draft.title not in response.text
    assert draft.title in client.get(LIST + "?state=draft").text
    assert client.get(LIST + "?state=nope").status_code == 400
    assert client.get(LIST + "?q=" + "x" * 500).status_code == 400
    assert client.get(LIST + "?page=abc").status_code == 200


def test_unknown_articles_are_404_for_writers(as_user, province_officer):
    client = as_user(province_officer)
    assert client.get("/staff/stories/999999/").status_code == 404
    assert client.post("/staff/stories/999999/delete/").status_code == 404


def test_the_staff_nav_links_to_stories(as_user, viewer):
    assert 'href="/staff/stories/"' in as_user(viewer).get(LIST).text


def test_an_article_made_in_code_gets_its_slug_and_author_is_optional(db):
    assert make_article("Không tác giả").author is None


def test_the_admin_sanitises_too(as_user, superuser):
    client = as_user(superuser)
    assert client.get("/admin/stories/article/add/").status_code == 200
    data = {**_form(body="<p>ok</p><script>alert(1)</script>"), "products": "", "producers": ""}
    data["publish_at_0"], data["publish_at_1"] = data["publish_at"].split("T")
    response = client.post("/admin/stories/article/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    article = Article.objects.get()
    assert article.body == "<p>ok</p>" and article.author == superuser
    assert client.get(f"/admin/stories/article/{article.pk}/change/").status_code == 200
