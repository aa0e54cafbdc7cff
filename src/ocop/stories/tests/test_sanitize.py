"""The sanitiser keeps the editor's markup and nothing that could run, load or restyle the portal."""

import pytest

from ocop.stories.models import Article
from ocop.stories.sanitize import sanitize


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<script>alert(1)</script><p>ok</p>", "<p>ok</p>"),
        ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>x", "x"),
        ("<style>body{display:none}</style><p>ok</p>", "<p>ok</p>"),
        ('<p style="position:fixed;top:0">x</p>', "<p>x</p>"),
        ('<p class="x" id="y" onclick="alert(1)">x</p>', "<p>x</p>"),
        ("<iframe src=https://evil.example></iframe><p>x</p>", "<p>x</p>"),
        ("<svg onload=alert(1)><circle/></svg>", ""),
        ("<div><span>plain</span></div>", "plain"),
        ("<!-- hidden --><p>x</p>", "<p>x</p>"),
        ("<b><i>x</b></i>", "<b><i>x</i></b>"),
        ("<p>open<p>next", "<p>open</p><p>next</p>"),
        ("<ul><li>one<li>two</ul>", "<ul><li>one</li><li>two</li></ul>"),
        ("<p><ul><li>x</li></ul></p><p> <br> </p>", "<ul><li>x</li></ul>"),  # the editor's empty paragraphs
    ],
)
def test_unsafe_markup_is_removed(dirty, clean):
    assert sanitize(dirty) == clean


def test_event_handlers_on_images_are_dropped():
    out = sanitize("<img src=x onerror=alert(1)>")
    assert "onerror" not in out and "alert" not in out
    assert out == '<img src="x" loading="lazy">'


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "  javascript:alert(1)",
        "java&#x09;script:alert(1)",
        "java\nscript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "//evil.example/page",
        "relative/page",
    ],
)
def test_links_keep_only_http_https_mailto_and_site_paths(href):
    out = sanitize(f'<a href="{href}">x</a>')
    assert "href" not in out and "script" not in out.lower()
    assert out == '<a rel="nofollow noopener">x</a>'


def test_links_to_the_sites_own_pages_are_kept():
    assert 'href="/san-pham/12/"' in sanitize('<a href="/san-pham/12/">Hạt điều</a>')


def test_good_links_get_rel_and_keep_their_title():
    out = sanitize('<a href="https://ocop.gov.vn" title="OCOP" target="_blank" rel="opener">x</a>')
    assert out == '<a href="https://ocop.gov.vn" title="OCOP" rel="nofollow noopener">x</a>'
    assert 'href="mailto:ocop@dongnai.gov.vn"' in sanitize('<a href="mailto:ocop@dongnai.gov.vn">mail</a>')


def test_images_keep_http_https_or_relative_sources_and_numeric_sizes():
    assert sanitize('<img src="https://a.vn/x.jpg" alt="Hạt điều" width="640" height="480">') == (
        '<img src="https://a.vn/x.jpg" alt="Hạt điều" width="640" height="480" loading="lazy">'
    )
    assert 'src="/media/stories/x.jpg"' in sanitize('<img src="/media/stories/x.jpg">')
    for src in ("javascript:alert(1)", "data:image/svg+xml,<svg onload=alert(1)>", "mailto:a@b.vn"):
        assert "src" not in sanitize(f'<img src="{src}">'), src
    assert sanitize('<img src="/x.jpg" width="50%" height="99999">') == '<img src="/x.jpg" loading="lazy">'


def test_figures_and_headings_survive():
    html = '<h2>A</h2><h3>B</h3><h4>C</h4><figure><img src="/a.jpg" alt="a"><figcaption>Ảnh</figcaption></figure>'
    assert sanitize(html) == (
        '<h2>A</h2><h3>B</h3><h4>C</h4><figure><img src="/a.jpg" alt="a" loading="lazy"><figcaption>Ảnh</figcaption></figure>'
    )
    assert sanitize("<h1>Big</h1><h5>small</h5>") == "Bigsmall"


@pytest.mark.parametrize(
    "dirty",
    [
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        "<textarea><script>alert(1)</script></textarea>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        '<a href="https://a.vn"><a href="javascript:alert(1)">nested</a></a>',
        "<<script>script>alert(1)<</script>/script>",
        "<p>unclosed <strong>bold <em>both",
    ],
)
def test_malformed_and_nested_tricks_come_out_inert(dirty):
    out = sanitize(dirty)
    assert "<script" not in out.lower() and "onerror" not in out and "javascript:" not in out
    assert sanitize(out) == out  # idempotent: stored bodies are stable


def test_empty_input():
    assert sanitize("") == "" and sanitize(None) == ""


def test_the_model_always_stores_sanitised_html(db):
    article = Article(title="x", body='<p onclick="alert(1)">a</p><script>alert(2)</script>')
    article.save()
    article.refresh_from_db()
    assert article.body == "<p>a</p>"
    Article.objects.filter(pk=article.pk).update(body="<script>alert(3)</script><p>b</p>")  # skips save()
    article.refresh_from_db()
    assert str(article.body_html) == "<p>b</p>"  # rendering sanitises again
