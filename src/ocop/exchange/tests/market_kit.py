"""Helpers shared by the market import and export tests: CSV of a kind's rows, running an import, reading its
problems by row."""

import csv
import datetime
import io

from ocop.core.models import ChangeLog
from ocop.exchange.engine import run_import
from ocop.exchange.kinds import KINDS
from ocop.places.models import Unit

D = datetime.date
MARKET_KINDS = ["events", "participations", "sales_points", "listings", "commune_statuses", "activities", "supports"]


def csv_of(kind: str, rows: list[dict[str, object]]) -> bytes:
    """A semicolon CSV with the kind's headers (quoted where a cell holds a semicolon: lists of products)."""
    headers = [c.header for c in KINDS[kind].columns]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(headers)
    for row in rows:
        unknown = set(row) - set(headers)
        assert not unknown, unknown
        writer.writerow([row.get(h, "") for h in headers])
    return out.getvalue().encode()


def run(kind: str, rows: list[dict[str, object]], user: object):
    return run_import(kind, f"{kind}.csv", csv_of(kind, rows), user, dry_run=False)


def problems_at(report) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for problem in report.problems:
        found.setdefault(problem.row, set()).add(problem.column)
    return found


def imports_then_repeats_then_updates(kind: str, rows: list[dict], corrected: list[dict], user: object) -> None:
    """Created once; the same file again changes nothing (nor the change log); a corrected row updates."""
    report = run(kind, rows, user)
    assert report.ok and report.created == len(rows), report.problems
    logged = ChangeLog.objects.count()
    again = run(kind, rows, user)
    assert again.ok and again.nothing_to_change and again.unchanged == len(rows), again.problems
    assert ChangeLog.objects.count() == logged
    report = run(kind, corrected, user)
    assert report.ok, report.problems
    assert (report.created, report.updated, report.unchanged) == (0, 1, len(rows) - 1)


def legacy(code: str) -> Unit:
    return Unit.objects.get(map="legacy", code=code)
