"""The one import machinery: read → check every row (all problems at once, by sheet, row and column, with a
hint) → write the whole file in one transaction or nothing → record the import with its change-log group.
A re-import of the same data changes nothing and says so; a corrected file updates by natural key."""

import hashlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ocop.core import rights
from ocop.core.context import changes_by
from ocop.core.history import snapshot
from ocop.core.text import fold
from ocop.core.types import RequestUser
from ocop.exchange.columns import Column
from ocop.exchange.kinds import KINDS, ImportKind
from ocop.exchange.models import ImportRecord, JobState, import_summary
from ocop.exchange.reading import FileProblem, read_table
from ocop.exchange.units import UnitMatcher
from ocop.exchange.values import CellError

Progress = Callable[[int, int], None]  # (rows checked, rows in the file)
PROGRESS_EVERY = 500
MAX_STORED_PROBLEMS = 1000


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

    @property
    def summary(self) -> str:
        return import_summary(
            self.rows, self.created, self.updated, self.unchanged, dry_run=not self.written, refused=not self.ok
        )

    def as_dicts(self) -> list[dict[str, Any]]:
        return [asdict(p) for p in self.problems]


def run_import(
    kind_name: str,
    file_name: str,
    data: bytes,
    user: RequestUser | None,
    *,
    dry_run: bool,
    record: ImportRecord | None = None,
    progress: Progress | None = None,
) -> Report:
    """Check (and unless `dry_run`, write) one file; `record` is the job's own record when run in the worker."""
    kind = type(KINDS[kind_name])()  # a fresh instance: kinds cache lookups for one run only
    kind.user = user
    report = Report(kind_name, file_name)
    if not kind.can_import(user):
        report.problems.append(Problem(None, "", "", _("Your role cannot import this kind of record.")))
        return _record(report, data, user, dry_run, None, record)
    try:
        table = read_table(file_name, data)
    except FileProblem as error:
        report.problems.append(Problem(None, "", "", str(error)))
        return _record(report, data, user, dry_run, None, record)
    prepared = _check(kind, table, user, report, progress or (lambda done, total: None))
    if not (report.ok and not dry_run and (report.created or report.updated)):
        return _record(report, data, user, dry_run, None, record)
    try:
        with transaction.atomic(), changes_by("import", user=user, label=f"import {kind_name}") as ctx:
            kind.write_many(prepared)
            report.written = True
            return _record(report, data, user, dry_run, ctx.group_id, record)
    except (DatabaseError, ValidationError) as error:  # a race with another writer since the check
        report.written = False  # the counts stay: what the file would have written
        detail = " ".join(error.messages) if isinstance(error, ValidationError) else ""
        message = _("Nothing was written: the data changed while importing. Check the file again.")
        report.problems.append(Problem(None, "", "", message, detail))
        return _record(report, data, user, dry_run, None, record)


def _record(
    report: Report, data: bytes, user: RequestUser | None, dry_run: bool, group: Any, record: ImportRecord | None
) -> Report:
    record = record or ImportRecord()
    record.kind, record.file_name = report.kind, report.file_name[:255]
    record.sha256 = hashlib.sha256(data).hexdigest()
    record.user = user if user is not None and user.is_authenticated else None
    record.dry_run, record.rows, record.group_id = dry_run, report.rows, group
    record.created, record.updated, record.unchanged = report.created, report.updated, report.unchanged
    record.problems = [_storable(p) for p in report.as_dicts()[:MAX_STORED_PROBLEMS]]
    record.state, record.total, record.done = JobState.DONE, report.rows, report.rows
    # The file is kept only while a clean check waits for its confirmation.
    record.data = data if dry_run and report.ok and len(data) <= 20 * 1024 * 1024 else None
    record.save()
    report.record_id = record.pk
    return report


def _check(
    kind: ImportKind, table: Any, user: RequestUser | None, report: Report, progress: Progress
) -> list[tuple[Any, dict, Any]]:
    by_header = {fold(h): i for i, h in enumerate(table.headers) if h}
    missing = [c.header for c in kind.columns if c.required and fold(c.header) not in by_header]
    known = {fold(c.header) for c in kind.columns} | {fold(h) for h in kind.export_only}
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
    total = len(table.rows)
    parsed: list[tuple[int, dict[str, Any], bool]] = []
    where = [(column, by_header.get(fold(column.header))) for column in kind.columns]  # once per file
    for number, cells in table.rows:
        report.rows += 1
        values, ok = _parse_row(where, number, cells, report, table.sheet)
        parsed.append((number, values, ok))
        if report.rows % PROGRESS_EVERY == 0:
            progress(report.rows // 2, total)  # parsing is the first half of the check
    kind.preload([values for _n, values, _ok in parsed])
    matcher: UnitMatcher | None = None  # loaded on the first row that needs it (14,000 units)
    rows: list[tuple[int, dict[str, Any]]] = []
    for index, (number, values, ok) in enumerate(parsed, start=1):
        if index % PROGRESS_EVERY == 0:
            progress((total + index) // 2, total)
        try:
            for column in kind.columns:
                if column.depends_on_date:
                    matcher = matcher or UnitMatcher(rights.prefixes(user))
                    values[column.field] = matcher.commune(values[column.field], kind.row_date(values))
            values = kind.resolve(values, user)
        except CellError as error:
            header = error.column or next((c.header for c in kind.columns if c.depends_on_date), "")
            report.problems.append(Problem(number, header, "", str(error), error.hint, table.sheet))
            continue
        except (KeyError, TypeError, AttributeError):
            if ok:
                raise
            continue  # a reference check needed a cell already reported as unreadable
        if ok:
            rows.append((number, values))
    return _classify(kind, rows, user, report, table.sheet)


def _parse_row(
    where: list[tuple[Column, int | None]], number: int, cells: list, report: Report, sheet: str
) -> tuple[dict[str, Any], bool]:
    """The row's parsed values (those that parsed) and whether every cell did; `where` is each column's index in
    the file's cells (None: not in the file)."""
    values, ok = {}, True
    width = len(cells)
    hidden = _hidden_marks()
    for column, index in where:
        raw = cells[index] if index is not None and index < width else None
        try:
            if isinstance(raw, str) and "\x00" in raw:  # PostgreSQL refuses it in text, even in a lookup
                raise CellError(_("The cell contains a NUL character (an invisible control character); remove it."))
            if isinstance(raw, str) and raw.strip() in hidden:  # a file exported without the personal data
                raise CellError(_("This cell was exported without its value (personal data): enter the value."))
            value = column.parse(raw) if not column.depends_on_date else raw  # type: ignore[misc]  # imported
            if column.required and value in (None, ""):
                raise CellError(_("A value is required."))
            values[column.field] = value
        except CellError as error:
            ok = False
            report.problems.append(Problem(number, column.header, _cell(raw), str(error), error.hint, sheet))
    return values, ok


def _classify(
    kind: ImportKind, rows: list, user: RequestUser | None, report: Report, sheet: str
) -> list[tuple[Any, dict, Any]]:
    seen: dict[tuple, int] = {}
    existing = kind.existing([kind.key(values) for _n, values in rows])
    prepared = []
    labels = {c.field: c.header for c in kind.columns}
    for number, values in rows:
        key = kind.key(values)
        if key in seen:
            message = _("Duplicate of row %(row)s in this file.") % {"row": seen[key]}
            report.problems.append(Problem(number, "", " / ".join(map(str, key)), message, "", sheet))
            continue
        seen[key] = number
        current = existing.get(key)
        instance = kind.build(values, current)
        # The same words whether the record exists outside one's scope or the row would create it there: the dry
        # run never reveals a record the importer may not see.
        importable = may_import(kind, user, instance, current)
        if not importable and (current is None or not rights.may(user, "view", current)):
            report.problems.append(Problem(number, "", "", _("This record is outside your scope."), "", sheet))
            continue
        try:
            kind.validate(instance)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = labels.get(name, name if name != "__all__" else "")
                report.problems.append(Problem(number, column, "", " ".join(messages), "", sheet))
            continue
        if current is not None and snapshot(current) == snapshot(instance):
            report.unchanged += 1  # nothing to write: an exported list comes back unchanged, national fairs included
            continue
        if not importable:
            report.problems.append(Problem(number, "", "", _("This record is outside your scope."), "", sheet))
            continue
        report.updated += current is not None
        report.created += current is None
        prepared.append((instance, values, current))
    return prepared


def may_import(kind: ImportKind, user: RequestUser | None, instance: Any, current: Any) -> bool:
    """The rights table's "import" on the record as it stands (its current scope) and as the row would leave it,
    and the kind's own rule on both: moving a record into one's scope does not make it one's own."""
    if current is not None and not (rights.may(user, "import", current) and kind.allows(current, None)):
        return False
    return rights.may(user, "import", instance) and kind.allows(instance, current)


@cache
def _hidden_marks() -> frozenset[str]:
    """What an export writes in place of a personal value one may not read, in the interface's languages."""
    marks = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            marks.add(str(rights.HIDDEN))
    return frozenset(marks)


def _cell(raw: Any) -> str:
    return "" if raw is None else str(raw)[:80].replace("\x00", "")


def _storable(problem: dict[str, Any]) -> dict[str, Any]:
    """A problem as PostgreSQL stores it: a header or sheet name may carry a NUL too."""
    return {k: v.replace("\x00", "") if isinstance(v, str) else v for k, v in problem.items()}
