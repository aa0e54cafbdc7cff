"""The machinery turned around: each app declares its import kinds, export lists and columns, the machinery finds
them at start-up and imports no domain app; a column is written once, for the files and the list page."""

import ast
from pathlib import Path

import pytest
from django.utils import translation

from ocop.exchange import values as v
from ocop.exchange.columns import Column, ColumnSpec
from ocop.exchange.exports import EXPORTS
from ocop.exchange.kinds import KINDS
from ocop.market import columns, views

MACHINERY = Path(__file__).resolve().parents[1]
BELOW = {"core", "places", "exchange"}  # what the machinery may import


def imported_apps(path: Path) -> set[str]:
    """The ocop apps a module imports, in-function imports included."""
    apps = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        apps |= {name.split(".")[1] for name in names if name.startswith("ocop.")}
    return apps


def test_the_machinery_imports_no_domain_app():
    modules = [p for p in MACHINERY.rglob("*.py") if not {"tests", "migrations"} & set(p.parts)]
    assert len(modules) > 20
    found = {str(p.relative_to(MACHINERY)): imported_apps(p) - BELOW for p in modules}
    assert {name: apps for name, apps in found.items() if apps} == {}


def test_each_app_declares_its_kinds_and_lists():
    homes = {name: type(kind).__module__ for name, kind in KINDS.items()}
    assert homes == {
        "producers": "ocop.registry.exchange", "products": "ocop.registry.exchange",
        "workforce": "ocop.registry.exchange", "certificates": "ocop.certificates.exchange",
        "events": "ocop.market.exchange.events", "participations": "ocop.market.exchange.events",
        "sales_points": "ocop.market.exchange.channels", "listings": "ocop.market.exchange.channels",
        "commune_statuses": "ocop.market.exchange.programme", "activities": "ocop.market.exchange.programme",
        "supports": "ocop.market.exchange.programme", "ptnt_ocop": "ocop.certificates.ptnt",
    }  # fmt: skip
    assert set(EXPORTS) == {*KINDS, "craft_villages", "dossiers", "changes", "inspections"}


@pytest.mark.parametrize("name", sorted(KINDS))
def test_an_export_list_writes_its_kind_columns_then_the_read_only_ones(name):
    kind = KINDS[name]
    assert [f.header for f in EXPORTS[name].fields] == [c.header for c in kind.columns] + list(kind.export_only)


def test_market_list_pages_show_the_columns_the_files_use():
    assert views.EventList.columns == columns.EVENTS.page
    with translation.override("en"):
        labels = [str(label) for label, _cell in views.SupportList.columns]
    assert labels == ["Producer", "Type", "Amount (VND)", "Funding source", "Received on"]
    file_headers = {c.header for c in columns.SUPPORTS.columns}
    assert {c.header for c in columns.SUPPORTS.page_columns} <= file_headers


def test_a_column_spec_keeps_the_round_trip():
    """An imported column the export cannot write would make an exported file fail to re-import."""
    with pytest.raises(LookupError):
        ColumnSpec(Column("Tên", "name", v.text), Column("Mã", "code", v.text, value="code"))
    with pytest.raises(LookupError):  # nor may an export-only column come before an imported one
        ColumnSpec(Column("Số", value="count"), Column("Tên", "name", v.text, value="name"))
    with pytest.raises(LookupError):
        ColumnSpec(Column("Tên", "name", v.text, value="name"), page=("title",))
    spec = ColumnSpec(
        Column("Tên", "name", v.text, value="name", label="Name"), Column("Số", value="n"), page=("name",)
    )
    assert spec.export_only == ("Số",) and [label for label, _cell in spec.page] == ["Name"]
