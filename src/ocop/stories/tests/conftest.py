import datetime

import pytest
from django.utils import timezone

from ocop.stories.choices import ArticleKind, ArticleStatus
from ocop.stories.models import Article


def make_article(title: str = "Hội chợ OCOP", **fields: object) -> Article:
    defaults = {
        "kind": ArticleKind.NEWS,
        "status": ArticleStatus.PUBLISHED,
        "publish_at": timezone.now() - datetime.timedelta(days=1),
        "summary": "Tóm tắt",
        "body": "<p>Nội dung bài viết.</p>",
    }
    article = Article(title=title, **{**defaults, **fields})
    article.save()
    return article


@pytest.fixture
def published(db) -> Article:
    return make_article("Mật ong Bà Rá vào mùa", kind=ArticleKind.STORY)


@pytest.fixture
def draft(db) -> Article:
    return make_article("Bản nháp chưa duyệt", status=ArticleStatus.DRAFT)


@pytest.fixture
def scheduled(db) -> Article:
    return make_article("Tin hẹn giờ", publish_at=timezone.now() + datetime.timedelta(days=3))
