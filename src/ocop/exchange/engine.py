"""The one import machinery: read → check every row (all problems at once, by sheet, row and column, with a
hint) → write the whole file in one transaction or nothing → record the import with its change-log group.
A re-import of the same data changes nothing and says so; a corrected file updates by natural key."""

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ocop.core import scoping
from ocop.core.context import changes_by
from ocop.core.history import snapshot
from ocop.core.text import fold
from ocop.exchange.kinds import KINDS, ImportKind
from ocop.exchange.models import ImportRecord
from ocop.exchange.reading import FileProblem, read_table
from ocop.exchange.units import UnitMatcher
from ocop.exchange.values import CellError


@dataclass
class Problem:
    row: int | None
    column: str
    value: str
    message: str
    hint: str = ""
    sheet: str = ""


@dataclass
class Report:
    kind: str
    file_name: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    record_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def nothing_to_change(self) -> bool:
        return self.ok and self.rows > 0 and self.created == 0 and self.updated == 0

    def as_dicts(self) -> list[dict[str, Any]]:
        return [asdict(p) for p in self.problems]


def run_import(kind_name: str, file_name: str, data: bytes, user: Any, *, dry_run: bool) -> Report:
    kind = KINDS[kind_name]
    report = Report(kind_name, file_name)
    try:
        table = read_table(file_name, data)
    except FileProblem as error:
        report.problems.append(Problem(None, "", "", str(error)))
        return _record(report, data, user, dry_run, None)
    prepared = _check(kind, table, user, report)
    if report.ok and not dry_run and (report.created or report.updated):
        with transaction.atomic(), changes_by("import", user=user, label=f"import {kind_name}") as ctx:
            for instance, values, _current in prepared:
                kind.write(instance, values)
            report.written = True
            return _record(report, data, user, dry_run, ctx.group_id)
    return _record(report, data, user, dry_run, None)


def _record(report: Report, data: bytes, user: Any, dry_run: bool, group: Any) -> Report:
    record = ImportRecord.objects.create(
        kind=report.kind, file_name=report.file_name[:255], sha256=hashlib.sha256(data).hexdigest(),
        user=user if getattr(user, "is_authenticated", False) else None, dry_run=dry_run, rows=report.rows,
        created=report.created, updated=report.updated, unchanged=report.unchanged,
        problems=report.as_dicts()[:1000], group_id=group,
        data=data if dry_run and report.ok and len(data) <= 20 * 1024 * 1024 else None,
    )  # fmt: skip
    report.record_id = record.pk
    return report


def _check(kind: ImportKind, table: Any, user: Any, report: Report) -> list[tuple[Any, dict, Any]]:
    by_header = {fold(h): i for i, h in enumerate(table.headers) if h}
    missing = [c.header for c in kind.columns if c.required and fold(c.header) not in by_header]
    known = {fold(c.header) for c in kind.columns}
    extra = [h for h in table.headers if h and fold(h) not in known]
    for header in missing:
        report.problems.append(
            Problem(1, header, "", _("The column is missing."), _("Use the template of this kind."), table.sheet)
        )
    for header in extra:
        report.problems.append(
            Problem(
                1, header, "", _("This column is not part of the template."), _("Remove or rename it."), table.sheet
            )
        )
    if missing or extra:
        return []
    matcher: UnitMatcher | None = None  # loaded on the first row that needs it (14,000 units)
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, cells in table.rows:
        report.rows += 1
        values, ok = {}, True
        for column in kind.columns:
            index = by_header.get(fold(column.header))
            raw = cells[index] if index is not None and index < len(cells) else None
            try:
                value = column.parse(raw) if not column.depends_on_date else raw
                if column.required and value in (None, ""):
                    raise CellError(_("A value is required."))
                values[column.field] = value
            except CellError as error:
                ok = False
                report.problems.append(Problem(number, column.header, _cell(raw), str(error), error.hint, table.sheet))
        if not ok:
            continue
        try:
            for column in kind.columns:
                if column.depends_on_date:
                    matcher = matcher or UnitMatcher(scoping.unit_prefixes(user))
                    values[column.field] = matcher.commune(values[column.field], kind.row_date(values))
            values = kind.resolve(values, user)
        except CellError as error:
            header = error.column or next((c.header for c in kind.columns if c.depends_on_date), "")
            report.problems.append(Problem(number, header, "", str(error), error.hint, table.sheet))
            continue
        rows.append((number, values))
    return _classify(kind, rows, user, report, table.sheet)


def _classify(kind: ImportKind, rows: list, user: Any, report: Report, sheet: str) -> list[tuple[Any, dict, Any]]:
    seen: dict[tuple, int] = {}
    existing = kind.existing([kind.key(values) for _n, values in rows])
    prepared = []
    labels = {c.field: c.header for c in kind.columns}
    for number, values in rows:
        key = kind.key(values)
        if key in seen:
            report.problems.append(
                Problem(
                    number,
                    "",
                    " / ".join(map(str, key)),
                    _("Duplicate of row %(row)s in this file.") % {"row": seen[key]},
                    "",
                    sheet,
                )
            )
            continue
        seen[key] = number
        current = existing.get(key)
        instance = kind.build(values, current)
        if not kind.in_scope(instance, user):
            report.problems.append(Problem(number, "", "", _("This record is outside your scope."), "", sheet))
            continue
        try:
            instance.full_clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                report.problems.append(
                    Problem(
                        number, labels.get(name, name if name != "__all__" else ""), "", " ".join(messages), "", sheet
                    )
                )
            continue
        if current is not None and snapshot(current) == snapshot(instance):
            report.unchanged += 1
            continue
        report.updated += current is not None
        report.created += current is None
        prepared.append((instance, values, current))
    return prepared


def _cell(raw: Any) -> str:
    return "" if raw is None else str(raw)[:80]
