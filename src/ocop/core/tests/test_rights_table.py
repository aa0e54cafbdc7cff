"""The table of rights is data a reader can audit: it parses, names real record types and actions, and
docs/permissions.md is generated from it."""

from pathlib import Path

from django.apps import apps
from django.utils import translation

from ocop.core.management.commands.rights import permissions_markdown
from ocop.core.rights import RIGHTS, placement

DOC = Path(__file__).resolve().parents[4] / "docs" / "permissions.md"


def test_docs_permissions_is_generated_from_the_table():
    with translation.override("en"):
        expected = permissions_markdown()
    assert DOC.read_text() == expected, "docs/permissions.md is stale: run `ocop rights > docs/permissions.md`"


def test_every_record_type_in_the_table_says_where_its_records_sit():
    for record in {record for record, _action in RIGHTS}:
        model = apps.get_model(record)
        where = placement(model)
        reaches = {reach for (name, _a), row in RIGHTS.items() if name == record for reach in row.values()}
        if reaches & {"unit", "unit+up", "unit+open"}:
            assert where.unit or hasattr(model, "scope_open_q"), record
        if reaches & {"own", "own+province"}:
            assert where.producer or where.unit, record
        if "decider" in reaches:
            assert where.unit and where.level, record
        if "seat" in reaches:
            assert where.session is not None, record
        if "self" in reaches:
            assert where.owner, record
