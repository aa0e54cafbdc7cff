"""The public pages: only published articles whose time has come, cacheable, cookie-free, never a 500."""

import datetime
import io

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from ocop.stories.choices import ArticleKind, ArticleStatus
from ocop.stories.models import Article
from ocop.stories.queries import latest_published, published_about
from ocop.stories.tests.conftest import make_article

pytestmark = pytest.mark.django_db


def _public_response_is_cacheable(response):
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=300"}
    assert not response.cookies  # no CSRF or session cookie on the portal


def test_the_list_shows_published_articles_only(client, published, draft, scheduled):
    response = client.get("/tin-tuc/")
    assert response.status_code == 200
    assert published.title in response.text
    assert draft.title not in response.text and scheduled.title not in response.text
    _public_response_is_cacheable(response)
    assert "csrfmiddlewaretoken" not in response.text


def test_drafts_and_scheduled_articles_are_404_for_the_public(client, draft, scheduled):
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_a_scheduled_article_appears_when_its_time_comes(client, db):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        article = make_article("Khai mạc hội chợ", publish_at=start + datetime.timedelta(hours=2))
        assert article.state == "scheduled"
        assert client.get(article.get_absolute_url()).status_code == 404
        assert latest_published(5) == []
    with time_machine.travel(start + datetime.timedelta(hours=2, seconds=1), tick=False):
        assert article.state == "published"
        assert client.get(article.get_absolute_url()).status_code == 200
        assert article.title in client.get("/tin-tuc/").text
        assert latest_published(5) == [article]


def test_a_draft_never_appears_even_when_its_date_has_passed(client, draft):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=365)):
        assert draft.state == "draft"
        assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_detail_page(client, published, product_a, producer_a):
    published.products.add(product_a)
    published.producers.add(producer_a)
    response = client.get(published.get_absolute_url())
    assert response.status_code == 200
    _public_response_is_cacheable(response)
    text = response.text
    assert '<meta property="og:type" content="article">' in text
    assert f'<meta property="og:title" content="{published.title}">' in text
    assert "article:published_time" in text
    assert "<p>Nội dung bài viết.</p>" in text  # the body is rendered as HTML
    assert product_a.name in text and producer_a.name in text
    assert "csrfmiddlewaretoken" not in text


def test_linked_products_on_the_portal_are_links(client, published, product_a, producer_a):
    from conftest import make_certificate
    from ocop.portal.catalogue import rebuild

    make_certificate(product_a, "01/2024/ĐN", "2024-06-01")
    rebuild()
    published.products.add(product_a)
    published.producers.add(producer_a)
    text = client.get(published.get_absolute_url()).text
    assert f'href="{reverse("portal:product", args=[product_a.pk])}"' in text
    assert f'href="{reverse("portal:producer", args=[producer_a.pk])}"' in text


def test_filter_by_kind_and_unknown_kinds_are_ignored(client, published):
    news = make_article("Tin tức tháng 11", kind=ArticleKind.NEWS)
    response = client.get("/tin-tuc/?kind=story")
    assert published.title in response.text and news.title not in response.text
    for junk in ("?kind=nope", "?kind=%00", "?kind=" + "x" * 5000, "?page=abc", "?page=999999", "?page=-1"):
        response = client.get("/tin-tuc/" + junk)
        assert response.status_code in (200, 400), junk
        if response.status_code == 200 and "kind" in junk:
            assert news.title in response.text  # unknown filter: the whole list


def test_unknown_slugs_are_404(client, db):
    for path in ("/tin-tuc/khong-co-bai-nay/", "/tin-tuc/Điều/", "/tin-tuc/" + "a" * 3000 + "/"):
        assert client.get(path).status_code == 404


def test_the_list_paginates(client, db):
    for i in range(15):
        make_article(f"Bài số {i:02d}")
    first, second = client.get("/tin-tuc/"), client.get("/tin-tuc/?page=2")
    assert first.text.count('class="article-card"') == 12 and second.text.count('class="article-card"') == 3
    assert 'rel="next"' in first.text


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_uses_a_constant_number_of_queries(client, db, django_assert_max_num_queries, count):
    for i in range(count):
        make_article(f"Bài {i}", kind=ArticleKind.STORY if i % 2 else ArticleKind.NEWS)
    with django_assert_max_num_queries(2):  # the count and the page, however many articles
        assert client.get("/tin-tuc/").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get("/tin-tuc/?kind=story").status_code == 200


@pytest.mark.parametrize("count", [1, 5])
def test_the_detail_uses_a_constant_number_of_queries(client, db, producer_a, django_assert_num_queries, count):
    from conftest import make_product

    article = make_article("Bài có liên kết")
    for i in range(count):
        article.products.add(make_product(producer_a, f"Sản phẩm {i}"))
    article.producers.add(producer_a)
    with django_assert_num_queries(4):  # article, products with producers, producers, portal entries
        assert client.get(article.get_absolute_url()).status_code == 200


def _jpeg() -> ContentFile:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(out, format="JPEG")
    return ContentFile(out.getvalue(), name="bia.jpg")


def test_covers_are_public_once_their_article_is(client, settings, tmp_path, draft, published):
    settings.MEDIA_ROOT = tmp_path
    for article in (draft, published):
        article.cover.save("bia.jpg", _jpeg(), save=False)
        article.cover_alt = "Hũ mật ong trên bàn gỗ"
        article.save()
    response = client.get(published.cover_url())
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "immutable" in response["Cache-Control"]
    assert client.get(draft.cover_url()).status_code == 404
    assert client.get(reverse("stories:cover", args=[published.pk, "other.jpg"])).status_code == 404
    text = client.get(published.get_absolute_url()).text
    assert f'alt="{published.cover_alt}"' in text and 'width="64" height="48"' in text
    assert 'property="og:image"' in text
    listing = client.get("/tin-tuc/").text
    assert published.cover_url() in listing


def test_only_the_first_cover_of_the_list_loads_eagerly(client, settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path
    for i in range(3):
        article = make_article(f"Ảnh {i}", publish_at=timezone.now() - datetime.timedelta(days=i + 1))
        article.cover.save("bia.jpg", _jpeg(), save=False)
        article.cover_alt = f"Ảnh {i}"
        article.save()
    text = client.get("/tin-tuc/").text
    assert text.count("<img") == 3 and text.count('loading="lazy"') == 2


def test_queries_for_the_portal(db, published, draft, scheduled, product_a, producer_a):
    published.products.add(product_a)
    draft.products.add(product_a)
    scheduled.producers.add(producer_a)
    older = make_article("Cũ hơn", publish_at=timezone.now() - datetime.timedelta(days=10))
    older.producers.add(producer_a)
    assert latest_published(3) == [published, older]
    assert latest_published(0) == [] and latest_published(-1) == []
    assert published_about(product=product_a) == [published]
    assert published_about(producer=producer_a) == [older]
    assert published_about(product=product_a, producer=producer_a) == [published, older]
    assert published_about() == []
    assert latest_published(1)[0].published_at == published.publish_at  # the home page shows published_at


def test_the_portal_pages_show_the_stories(client, published, product_a):
    from conftest import make_certificate
    from ocop.portal.catalogue import rebuild

    make_certificate(product_a, "02/2024/ĐN", "2024-06-01")
    rebuild()
    published.products.add(product_a)
    assert published.title in client.get(reverse("portal:home")).text
    assert published.title in client.get(reverse("portal:product", args=[product_a.pk])).text
    assert 'href="/tin-tuc/"' in client.get(reverse("portal:home")).text


def test_the_sitemap_lists_published_articles(client, published, draft, scheduled):
    text = client.get("/sitemap.xml").text
    assert published.get_absolute_url() in text
    assert draft.get_absolute_url() not in text and scheduled.get_absolute_url() not in text


def test_slugs_are_folded_unique_and_stable(db):
    first = make_article("Đặc sản Điều Bình Phước")
    second = make_article("Đặc sản Điều Bình Phước")
    assert first.slug == "dac-san-dieu-binh-phuoc" and second.slug == "dac-san-dieu-binh-phuoc-2"
    first.title = "Tên mới"
    first.save()
    assert first.slug == "dac-san-dieu-binh-phuoc"  # links already shared keep working
    assert make_article("RSS").slug == "rss-2"  # not the feed's address
    assert make_article("!!!").slug == "bai-viet"
    long = make_article(("Rất dài " * 25).strip())  # the longest title allowed (200)
    assert len(long.slug) <= 80


def test_state_of_articles(draft, scheduled, published):
    assert (draft.state, scheduled.state, published.state) == ("draft", "scheduled", "published")
    assert Article.objects.published().count() == 1
    assert scheduled.status == ArticleStatus.PUBLISHED
