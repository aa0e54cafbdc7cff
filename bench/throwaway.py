"""The benchmarks' throw-away databases: a temporary SQLite file, or a PostgreSQL database made for one run and
dropped at its end (`ocop_<prefix>_<pid>`), never var/ or DATABASE_URL."""

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def postgres_url(admin_url: str, name: str) -> str:
    parts = urlsplit(admin_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


@contextmanager
def throwaway_database(db: str, workdir: Path, admin_url: str, prefix: str = "bench") -> Iterator[str]:
    """Yield a DATABASE_URL for an empty database that exists only for this run."""
    if db == "sqlite":
        yield f"sqlite:///{workdir / 'bench.sqlite3'}"  # removed with workdir
        return
    import psycopg
    from psycopg import sql

    name = f"ocop_{prefix}_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield postgres_url(admin_url, name)
    finally:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def postgres_unreachable(admin_url: str) -> str | None:
    """The reason PostgreSQL cannot be used, or None."""
    try:
        import psycopg

        with psycopg.connect(admin_url, autocommit=True, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as error:  # not installed, not running, refused, bad password: all mean "skip"
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return None


def run_in_throwaway(db: str, admin_url: str, prefix: str, body: Callable[[str, Path], int]) -> int:
    """Run `body(database_url, workdir)` against a throw-away database and a temporary directory, both removed
    afterwards; a PostgreSQL run is skipped with a message (exit 0) when the server cannot be reached."""
    if db == "postgres" and (reason := postgres_unreachable(admin_url)):
        print(f"PostgreSQL benchmark skipped: cannot connect to {admin_url} ({reason}).")
        print("Start PostgreSQL or set BENCH_POSTGRES_URL to a server where this user may CREATE DATABASE.")
        return 0
    workdir = Path(tempfile.mkdtemp(prefix=f"ocop-{prefix.replace('_', '-')}-"))
    try:
        with throwaway_database(db, workdir, admin_url, prefix) as url:
            try:
                return body(url, workdir)
            finally:
                from django.apps import apps
                from django.db import connections

                if apps.ready:
                    connections.close_all()  # before DROP DATABASE, and before the SQLite file goes
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def setup_django(url: str, data_dir: Path, **extra_env: str) -> None:
    """Point Django at the throw-away database and data directory (never var/), then migrate."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "ocop.settings"
    os.environ["DATABASE_URL"] = url
    os.environ["OCOP_DATA_DIR"] = str(data_dir)  # keep var/ untouched
    os.environ["OCOP_MODE"] = "development"
    os.environ["DEBUG"] = "0"  # DEBUG keeps every SQL string in memory, which production does not pay for
    os.environ.update(extra_env)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def analyze() -> None:
    """Fresh planner statistics, as autovacuum would have gathered on a live PostgreSQL (SQLite: none, as
    Django never runs ANALYZE there)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"
