from django.conf import settings
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ocop.core.rights import RightsQuerySet


class JobState(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Job(models.Model):
    """What imports and exports share: who asked, when, and how far a background run has come."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("by"))
    at = models.DateTimeField(_("time"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.DONE)
    total = models.PositiveIntegerField(_("rows to process"), default=0)
    done = models.PositiveIntegerField(_("rows processed"), default=0)
    # The django.tasks result of its run in the worker (none when it ran in the request): the reaper finds the
    # job of a task whose worker died by it, and "run again" queues the same task anew (exchange/jobs.py).
    task_id = models.UUIDField(null=True, blank=True, editable=False)
    # When the worker running it was found stopped (killed, machine restarted): the page says so.
    interrupted_at = models.DateTimeField(_("interrupted at"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        # The reaper looks at unfinished jobs every few seconds: a handful among all the imports ever made.
        indexes = [
            models.Index(
                fields=["state"],
                name="%(class)s_unfinished",
                condition=models.Q(state__in=[JobState.QUEUED, JobState.RUNNING]),
            )
        ]

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def lost(self) -> bool:
        """Failed because its worker stopped, not because of what it read: it may run again."""
        return self.state == JobState.FAILED and self.interrupted_at is not None

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0


def import_summary(rows: int, created: int, updated: int, unchanged: int, *, dry_run: bool, refused: bool) -> str:
    """What a check or an import did, or would have done. A refused file wrote nothing: its counts are what the
    rows without problems would have given, never "new" records."""
    counts = {"rows": rows, "created": created, "updated": updated, "unchanged": unchanged}
    if refused and not rows:
        return gettext("Nothing was written.")
    if refused:
        head = ngettext("%(rows)s row; nothing was written.", "%(rows)s rows; nothing was written.", rows)
        tail = gettext(
            "Rows without problems would have given: %(created)s new, %(updated)s updated, %(unchanged)s unchanged."
        )
        return f"{head % counts} {tail % counts}" if created or updated or unchanged else head % counts
    if not (created or updated):
        head = ngettext(
            "%(rows)s row: nothing to change, the records already hold it.",
            "%(rows)s rows: nothing to change, the records already hold them.",
            rows,
        )
        return head % counts
    if dry_run:
        head = ngettext(
            "%(rows)s row checked; nothing written yet.", "%(rows)s rows checked; nothing written yet.", rows
        )
        tail = gettext("Importing would give: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
    else:
        head = ngettext("%(rows)s row imported.", "%(rows)s rows imported.", rows)
        tail = gettext("Written: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
    return f"{head % counts} {tail % counts}"


class ImportRecord(Job):
    """One import (or dry run): who, when, which file, what it found and wrote, and its change-log group."""

    scope_owner_field = "user"

    kind = models.CharField(_("kind"), max_length=30)
    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(max_length=64)
    dry_run = models.BooleanField(_("dry run"), default=False)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    problems = models.JSONField(_("problems"), default=list)
    group_id = models.UUIDField(_("change group"), null=True, blank=True)
    # The uploaded file, kept between a dry run and its confirmation (no upload is lost), then cleared.
    data = models.BinaryField(null=True, blank=True, editable=False)

    objects = RightsQuerySet.as_manager()

    class Meta(Job.Meta):
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} · {self.file_name}"

    @property
    def summary(self) -> str:
        return import_summary(
            self.rows, self.created, self.updated, self.unchanged, dry_run=self.dry_run, refused=bool(self.problems)
        )


class ExportRecord(Job):
    """One export of a staff list with the filters and sort it had on screen; big ones run in the worker."""

    scope_owner_field = "user"

    kind = models.CharField(_("list"), max_length=30)
    params = models.JSONField(_("filters"), default=dict)
    format = models.CharField(_("format"), max_length=4)
    file_name = models.CharField(_("file"), max_length=255)
    error = models.TextField(_("error"), blank=True)
    # The finished file, stored in the database so any web machine can serve what any worker made.
    data = models.BinaryField(null=True, blank=True, editable=False)

    objects = RightsQuerySet.as_manager()

    class Meta(Job.Meta):
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} · {self.file_name}"


class Worker(models.Model):
    """A running `ocop worker` and its last sign of life, written every few seconds by a thread of its own
    (exchange/heartbeat.py). A task whose worker stopped beating is stranded; the other workers find it."""

    worker_id = models.CharField(max_length=64, primary_key=True)  # django-tasks-db's id, kept on each task
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("background worker")
        verbose_name_plural = _("background workers")

    def __str__(self) -> str:
        return f"{self.host}:{self.pid} ({self.worker_id})"
