"""On PostgreSQL, a trigram index makes the catalogue's `search_text LIKE '%word%'` an index scan.

pg_trgm ships with PostgreSQL and is a trusted extension (a database owner may create it). Where it cannot be
created, search still works, by scanning the table: the failure is kept inside a savepoint and logged.
SQLite has no such index; its scans of the catalogue stay within the benchmark's figures (docs/benchmarks.md).
"""

import logging

from django.db import migrations, transaction

logger = logging.getLogger(__name__)
INDEX = "portal_catalogue_search_trgm"


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias), schema_editor.connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON portal_catalogueentry USING gin (search_text gin_trgm_ops)"
            )
    except Exception as error:  # noqa: BLE001 - any refusal leaves search working without the index
        logger.warning("No trigram index for the portal's search (%s); search scans the catalogue.", error)


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_refreshed_at_index")]
    operations = [migrations.RunPython(create, drop)]
