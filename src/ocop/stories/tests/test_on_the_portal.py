"""The stories on the portal's pages, which know nothing of them (panels, core/panels.py): the latest on the
home page, those about a product or a producer on theirs; an edited article shows at once (the stories signal
the change, the portal's page cache listens)."""

from django.urls import reverse


def test_the_home_page_shows_the_latest_stories_and_follows_an_edit(client, published):
    assert published.title in client.get("/").text
    published.title = "Mật ong Bà Rá mùa mới"
    published.save()
    assert "Mật ong Bà Rá mùa mới" in client.get("/").text  # not the cached page of a moment ago


def test_the_product_and_producer_pages_show_the_stories_about_them(client, published, product_a, producer_a):
    from conftest import make_certificate
    from ocop.portal.catalogue import rebuild

    make_certificate(product_a, "01/2024/ĐN", "2024-06-01")
    rebuild()
    product_page = reverse("portal:product", args=[product_a.pk])
    producer_page = reverse("portal:producer", args=[producer_a.pk])
    assert published.title not in client.get(product_page).text
    published.products.add(product_a)
    published.save()  # m2m changes alone do not mark the pages stale
    assert published.title in client.get(product_page).text
    assert published.title not in client.get(producer_page).text
    published.producers.add(producer_a)
    published.save()
    assert published.title in client.get(producer_page).text
