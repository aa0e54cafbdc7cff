"""Vietnamese first, English available; dates dd/mm/yyyy."""

import re
from pathlib import Path

import pytest
from django.utils import translation

import ocop

CATALOGUE = Path(ocop.__file__).parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"
ENTRY = re.compile(r'^(#, fuzzy\n)?(?:msgctxt ((?:".*"\n)+))?msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.MULTILINE)


def unquote(block: str) -> str:
    return (
        "".join(line[1:-1] for line in block.strip().splitlines())
        .encode()
        .decode("unicode_escape")
        .encode("latin-1")
        .decode("utf-8")
    )


def entries() -> list[tuple[bool, str, str]]:
    return [(fuzzy, msgid, msgstr) for fuzzy, _context, msgid, msgstr in entries_in_context()]


def entries_in_context() -> list[tuple[bool, str, str, str]]:
    """(fuzzy, context, msgid, msgstr) of every entry; the context is "" where there is none."""
    text = CATALOGUE.read_text(encoding="utf-8")
    return [
        (bool(fuzzy), unquote(context) if context else "", unquote(msgid), unquote(msgstr))
        for fuzzy, context, msgid, msgstr in ENTRY.findall(text)
    ]


def test_every_interface_text_has_a_vietnamese_translation():
    found = [(msgid, msgstr) for fuzzy, msgid, msgstr in entries() if msgid and (fuzzy or not msgstr)]
    assert found == []
    assert len(entries()) > 200
    # A plural's first form may not be empty (a wrapped one starts with "" and goes on on the next lines).
    assert not re.search(r'^msgstr\[0\] ""\n(?!")', CATALOGUE.read_text(encoding="utf-8"), re.MULTILINE)


def test_the_compiled_catalogue_matches_the_source():
    with translation.override("vi"):
        stale = [
            msgid
            for _f, context, msgid, msgstr in entries_in_context()
            if msgid and (translation.pgettext(context, msgid) if context else translation.gettext(msgid)) != msgstr
        ]
    assert stale == [], "run `make messages` to recompile django.mo"


@pytest.mark.django_db
def test_pages_are_vietnamese_by_default_and_english_on_request(as_user, province_officer, producer_a):
    client = as_user(province_officer)
    page = client.get("/staff/producers/").content.decode()
    assert "Chủ thể OCOP" in page and 'lang="vi"' in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/staff/producers/"})
    page = client.get("/staff/producers/").content.decode()
    assert "Producers" in page and 'lang="en"' in page


@pytest.mark.django_db
def test_dates_are_shown_and_read_as_dd_mm_yyyy(as_user, province_officer, producer_a):
    producer_a.founded_on = __import__("datetime").date(2018, 3, 15)
    producer_a.save()
    page = as_user(province_officer).get(f"/staff/producers/{producer_a.pk}/").content.decode()
    assert "15/03/2018" in page
