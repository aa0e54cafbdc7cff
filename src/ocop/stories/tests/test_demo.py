"""The demo's stories: five articles in every state, linked to demo producers, the same after a reload."""

import pytest
from django.core.management import call_command

from ocop.certificates.models import Certificate
from ocop.evaluation.models import CouncilSession, Dossier, Round
from ocop.market.models import Activity, CommuneStatus, CraftVillage, Event, SalesPoint
from ocop.programme.models import Plan
from ocop.registry.models import Producer, Product
from ocop.stories.demo import load_stories
from ocop.stories.models import Article

pytestmark = pytest.mark.django_db


def _snapshot():
    return [
        (a.slug, a.title, a.kind, a.state, sorted(a.producers.values_list("name", flat=True)), a.products.count())
        for a in Article.objects.order_by("slug")
    ]


def test_the_demo_stories(client):
    call_command("demo")
    articles = list(Article.objects.all())
    assert len(articles) == 5 and all(a.is_demo for a in articles)
    assert sorted(a.state for a in articles) == ["draft", "published", "published", "published", "scheduled"]
    assert {a.kind for a in articles} == {"news", "topic", "story"}
    assert all(a.author and a.author.username == "tinh" for a in articles)
    assert sum(a.producers.count() for a in articles) >= 5 and sum(a.products.count() for a in articles) >= 3
    assert client.get("/tin-tuc/").text.count('class="article-card"') == 3
    for article in articles:
        assert client.get(article.get_absolute_url()).status_code == (200 if article.state == "published" else 404)

    first = _snapshot()
    load_stories()
    assert _snapshot() == first  # found again by slug: no "-2" duplicates

    # As registry/tests/test_demo.py does before loading the demo again: producers and products go, articles stay.
    for model in (Plan, Activity, CommuneStatus, CraftVillage, Event, SalesPoint, Dossier, CouncilSession, Round):
        model.objects.all().delete()
    Certificate.objects.all().delete()
    Product.objects.all().delete()
    Producer.objects.all().delete()
    call_command("demo")
    assert _snapshot() == first  # links set again to the new producers and products
