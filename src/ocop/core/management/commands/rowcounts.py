"""`ocop rowcounts`: the rows of every table and the files under MEDIA_ROOT, one line each, sorted, so that a
backup and its restore can be compared with `diff` (docs/deploy.md#backup-and-restore)."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections


def row_counts(alias: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Every table of the database (Django's and the job queue's alike), with its number of rows."""
    connection = connections[alias]
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def media_counts(root: Path) -> dict[str, tuple[int, int]]:
    """Files and bytes under each folder of `root` (products, evidence, activity-evidence, stories…)."""
    counts: dict[str, tuple[int, int]] = {}
    for path in sorted(root.rglob("*")) if root.is_dir() else []:
        if path.is_file():
            parts = path.relative_to(root).parts
            folder = parts[0] if len(parts) > 1 else "."
            files, size = counts.get(folder, (0, 0))
            counts[folder] = (files + 1, size + path.stat().st_size)
    return counts


class Command(BaseCommand):
    help = "Print the rows of every table and the files under MEDIA_ROOT, to compare a backup with its restore."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args: Any, **options: Any) -> None:
        for table, rows in row_counts(options["database"]).items():
            self.stdout.write(f"{table}\t{rows}")
        for folder, (files, size) in media_counts(Path(settings.MEDIA_ROOT)).items():
            self.stdout.write(f"media/{folder}\t{files} files, {size} bytes")
