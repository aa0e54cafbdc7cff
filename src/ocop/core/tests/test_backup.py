"""Backup and restore as docs/deploy.md tells an operator to do it, checked by `ocop rowcounts`."""

import io
import os
import shutil
import subprocess
import sys
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from ocop.core.tests.file_kit import PDF
from ocop.evaluation import workflow
from ocop.evaluation.models import Evidence
from ocop.registry.models import Producer


def rowcounts(**env: str) -> str:
    """`ocop rowcounts` run as an operator runs it: a separate process, configured by its environment."""
    clean = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    result = subprocess.run(
        [sys.executable, "-m", "ocop.cli", "rowcounts"], env={**clean, **env}, capture_output=True, text=True,
        timeout=120, check=True,
    )  # fmt: skip
    return result.stdout


@pytest.mark.django_db
def test_rowcounts_prints_every_table_and_every_media_folder(product_a, producer_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    dossier = workflow.open_dossier(product_a, "first", producer_user)
    Evidence.objects.create(dossier=dossier, file=ContentFile(PDF, name="a.pdf"))
    (tmp_path / "lost.txt").write_bytes(b"12345")
    out = io.StringIO()
    call_command("rowcounts", stdout=out)
    lines = dict(line.split("\t") for line in out.getvalue().splitlines())
    assert lines["registry_producer"] == str(Producer.objects.count()) == "1"
    assert lines["evaluation_evidence"] == "1"
    assert set(connection.introspection.table_names()) <= set(lines)
    assert lines["media/evidence"] == f"1 files, {len(PDF)} bytes"
    assert lines["media/."] == "1 files, 5 bytes"


@pytest.mark.django_db
def test_the_documented_backup_restores_the_same_rows_and_files(tmp_path):
    """pg_dump -Fc, pg_restore into an empty database, the media folder by tar: every count comes back. (What
    pg_dump sees is what the migrations committed — both maps, product sets, criteria: thousands of rows.)"""
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore back up PostgreSQL; SQLite is one file")
    if not all(shutil.which(tool) for tool in ("pg_dump", "pg_restore", "createdb", "dropdb")):
        pytest.fail("PostgreSQL's client programs are missing: apt-get install -y postgresql-client")
    media, restored = tmp_path / "data" / "media", tmp_path / "restored"
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "a.pdf").write_bytes(PDF)
    db = connection.settings_dict
    server = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    copy = f"{db['NAME']}_restore"
    source, target = f"{server}/{db['NAME']}", f"{server}/{copy}"
    subprocess.run(["dropdb", "--if-exists", f"--maintenance-db={server}/postgres", copy], check=True, timeout=60)
    subprocess.run(["createdb", f"--maintenance-db={server}/postgres", copy], check=True, timeout=60)
    try:
        before = rowcounts(DATABASE_URL=source, MEDIA_ROOT=str(media))
        dump = tmp_path / "ocop.dump"
        subprocess.run(["pg_dump", "-Fc", "--no-owner", "-d", source, "-f", str(dump)], check=True, timeout=300)
        with tarfile.open(tmp_path / "media.tar.gz", "w:gz") as archive:
            archive.add(media, arcname="media")
        restore = ["pg_restore", "--no-owner", "--single-transaction", "--exit-on-error", "-d", target, str(dump)]
        subprocess.run(restore, check=True, timeout=300)
        restored.mkdir()
        with tarfile.open(tmp_path / "media.tar.gz") as archive:
            archive.extractall(restored, filter="data")
        after = rowcounts(DATABASE_URL=target, MEDIA_ROOT=str(restored / "media"))
    finally:
        subprocess.run(["dropdb", "--if-exists", f"--maintenance-db={server}/postgres", copy], check=True, timeout=60)
    units = next(line for line in before.splitlines() if line.startswith("places_unit\t"))
    assert int(units.split("\t")[1]) > 1000 and f"media/evidence\t1 files, {len(PDF)} bytes" in before
    assert after == before
