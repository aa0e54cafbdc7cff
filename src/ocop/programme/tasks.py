"""Review reports with many units are built by the worker, the page showing their progress unit by unit."""

import logging

from django.tasks import task

from ocop.exchange.jobs import safe_to_rerun
from ocop.exchange.models import ExportRecord, JobState
from ocop.programme.models import Plan
from ocop.programme.reports import BUILDERS, gather

logger = logging.getLogger("ocop.programme")


@safe_to_rerun  # it only reads
@task()
def build_report_job(record_id: int) -> None:
    record = ExportRecord.objects.get(pk=record_id)
    ExportRecord.objects.filter(pk=record_id).update(state=JobState.RUNNING)

    def progress(done: int, total: int) -> None:
        ExportRecord.objects.filter(pk=record_id).update(done=done, total=total)

    try:
        plan = Plan.objects.select_related("province").get(slug=record.params["plan"])
        data = BUILDERS[record.format](gather(plan, int(record.params["year"]), progress, user=record.user))
    except Exception as error:
        logger.exception("report job %s failed", record_id)
        ExportRecord.objects.filter(pk=record_id).update(state=JobState.FAILED, error=str(error)[:500])
        return
    ExportRecord.objects.filter(pk=record_id).update(state=JobState.DONE, data=data)
