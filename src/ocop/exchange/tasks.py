"""Background imports and exports, run by `ocop worker`; each updates its record's progress as it goes.
Both may run again when their worker dies mid-run (jobs.safe_to_rerun): a check and an export only read, and
an import writes in one transaction, so a killed run wrote nothing."""

import logging

from django.tasks import task
from django.utils.translation import gettext as _

from ocop.exchange.engine import run_import
from ocop.exchange.exports import EXPORTS, write
from ocop.exchange.jobs import safe_to_rerun
from ocop.exchange.models import ExportRecord, ImportRecord, JobState

logger = logging.getLogger("ocop.exchange")


@safe_to_rerun
@task()
def run_import_job(record_id: int) -> None:
    record = ImportRecord.objects.select_related("user").get(pk=record_id)
    ImportRecord.objects.filter(pk=record_id).update(state=JobState.RUNNING)

    def progress(done: int, total: int) -> None:
        ImportRecord.objects.filter(pk=record_id).update(done=done, total=total)

    try:
        data = bytes(record.data or b"")
        run_import(
            record.kind, record.file_name, data, record.user, dry_run=record.dry_run, record=record, progress=progress
        )
    except Exception:
        logger.exception("import job %s failed", record_id)
        problem = {"row": None, "column": "", "value": "", "sheet": "", "hint": "", "message": _(
            "The import stopped on an unexpected error; nothing was written. The administrators were notified."
        )}  # fmt: skip
        ImportRecord.objects.filter(pk=record_id).update(state=JobState.FAILED, problems=[problem], data=None)


@safe_to_rerun
@task()
def run_export_job(record_id: int) -> None:
    record = ExportRecord.objects.select_related("user").get(pk=record_id)
    ExportRecord.objects.filter(pk=record_id).update(state=JobState.RUNNING)

    def progress(done: int, total: int) -> None:
        ExportRecord.objects.filter(pk=record_id).update(done=done, total=total)

    try:
        export = EXPORTS[record.kind]
        data = write(export, export.queryset(record.user, record.params), record.format, record.user, progress)
    except Exception as error:
        logger.exception("export job %s failed", record_id)
        ExportRecord.objects.filter(pk=record_id).update(state=JobState.FAILED, error=str(error)[:500])
        return
    ExportRecord.objects.filter(pk=record_id).update(state=JobState.DONE, data=data, done=record.total)
