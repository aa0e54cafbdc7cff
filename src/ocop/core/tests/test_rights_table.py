"""The table of rights is data a reader can audit: it parses, names real record types and actions, and
docs/permissions.md is generated from it."""

from pathlib import Path

from django.utils import translation

from ocop.core.management.commands.rights import permissions_markdown

DOC = Path(__file__).resolve().parents[4] / "docs" / "permissions.md"


def test_docs_permissions_is_generated_from_the_table():
    with translation.override("en"):
        expected = permissions_markdown()
    assert DOC.read_text() == expected, "docs/permissions.md is stale: run `ocop rights > docs/permissions.md`"
