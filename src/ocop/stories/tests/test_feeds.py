"""RSS and Atom parse as XML and carry only what the public may read."""

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.utils import timezone

from ocop.stories.tests.conftest import make_article

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_rss_lists_only_published_articles(client, published, draft, scheduled):
    response = client.get("/tin-tuc/rss/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    assert "public" in response["Cache-Control"] and not response.cookies
    root = ET.fromstring(response.content)
    items = root.findall("./channel/item")
    assert [item.findtext("title") for item in items] == [published.title]
    link = items[0].findtext("link")
    assert link.startswith("http://") and link.endswith(published.get_absolute_url())
    assert items[0].findtext("description") == published.summary
    assert items[0].findtext("category") == "Câu chuyện sản phẩm" or items[0].findtext("category") == "Product story"


def test_atom_lists_only_published_articles(client, published, draft, scheduled):
    response = client.get("/tin-tuc/atom/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [published.title]


def test_feeds_follow_the_schedule_and_escape_titles(client, db):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        make_article("Tin <b>nóng</b> & mới", publish_at=start + datetime.timedelta(minutes=5), summary="")
        assert ET.fromstring(client.get("/tin-tuc/rss/").content).findall("./channel/item") == []
    with time_machine.travel(start + datetime.timedelta(minutes=6), tick=False):
        items = ET.fromstring(client.get("/tin-tuc/rss/").content).findall("./channel/item")
        assert [item.findtext("title") for item in items] == ["Tin <b>nóng</b> & mới"]  # text, not markup
        assert items[0].findtext("description") == "Nội dung bài viết."  # no summary: the text, tags stripped


def test_feeds_of_an_empty_site_are_valid(client, db):
    for path in ("/tin-tuc/rss/", "/tin-tuc/atom/"):
        ET.fromstring(client.get(path).content)
