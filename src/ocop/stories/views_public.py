"""The public pages: the list of published articles, one article, its cover. Anonymous, cacheable, no
cookies (no CSRF token, no session writes) and no JavaScript needed."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ocop.core import files
from ocop.core.panels import hooks
from ocop.stories.choices import ArticleKind, ArticleState
from ocop.stories.forms import PublicFilter
from ocop.stories.models import Article

PAGE_SIZE = 12
public_page = cache_control(public=True, max_age=300)


@require_safe
@public_page
def article_list(request: HttpRequest) -> HttpResponse:
    kind = PublicFilter(request.GET).chosen_kind()
    articles = Article.objects.published().defer("body", "search_text")
    if kind:
        articles = articles.filter(kind=kind)
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))  # unknown pages: the nearest one
    context = {
        "page": page,
        "kind": kind,
        "kinds": ArticleKind.choices,
        "query": f"kind={kind}" if kind else "",
    }
    return render(request, "stories/list.html", context)


@require_safe
@public_page
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article.objects.published().prefetch_related("products", "producers"), slug=slug)
    products = list(article.products.all())
    producers = list(article.producers.all())
    on_portal = _on_portal(products, producers)
    context = {
        "article": article,
        "products": [(p, p.pk in on_portal["products"]) for p in products],
        "producers": [(p, p.pk in on_portal["producers"]) for p in producers],
    }
    return render(request, "stories/detail.html", context)


def _on_portal(products: list, producers: list) -> dict[str, set[int]]:
    """Which linked products and producers have a page on the portal (the others are named, not linked)."""
    found: dict[str, set[int]] = {"products": set(), "producers": set()}
    if not products and not producers:
        return found
    for hook in hooks("public_pages"):  # the portal answers (core/panels.py); the stories do not import it
        pages = hook(products, producers)
        found["products"] |= pages["products"]
        found["producers"] |= pages["producers"]
    return found


@require_safe
def cover(request: HttpRequest, pk: int, name: str) -> HttpResponseBase:
    """A cover picture: public (and cached for long, its name is random) once its article is; before that,
    only for the staff who may read drafts."""
    article = get_object_or_404(Article, pk=pk)
    if not article.cover or article.cover_name != name:
        raise Http404
    if article.state == ArticleState.PUBLISHED:
        response = files.serve_public(article.cover, name)
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response = files.serve(request.user, article, article.cover, name)
        response["Cache-Control"] = "private, no-store"
    return response
