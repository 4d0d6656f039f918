import datetime
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.choices import same_as
from apps.core.models import belongs_to, status_field, valid_choice
from apps.exports.choices import UNFINISHED_STATUSES, ExportFormat, ExportStatus


def export_file_name(instance: "ExportJob", filename: str) -> str:
    """A random, unguessable name under exports/; the download name is chosen at download."""
    return f"exports/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{instance.file_format}"


class JobProgress:
    """What the job pages read of a background job's progress; a job model names the
    statuses that are still on their way (``unfinished``) and the one that ends it well
    (``done``)."""

    unfinished: tuple = ()
    done: str = ""

    @property
    def is_finished(self) -> bool:
        """Done, failed or cancelled: nothing will change any more, so the page stops
        polling."""
        return self.status not in self.unfinished

    @property
    def percent(self) -> int:
        """Progress in whole percent (100 once done)."""
        if self.status == self.done:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)

    def progress(self) -> dict:
        """What a job's page polls for, as JSON."""
        return {
            "id": str(self.pk),
            "status": self.status,
            "status_label": str(self.get_status_display()),
            "rows_done": self.rows_done,
            "rows_total": self.rows_total,
            "percent": self.percent,
            "finished": self.is_finished,
        }


class BackgroundJob(JobProgress, models.Model):
    """What every background job keeps besides its own work: an unguessable id, the rows
    in all, why it failed, its task, and when it was made, started, last heard of and
    finished (``apps.exports.background`` reads these)."""

    # A UUID, so a job's address tells nothing about how many others there are.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    rows_total = models.PositiveIntegerField(_("rows in all"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_result_id = models.CharField(_("background task"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    # The worker's last sign of life (its claim, then each progress update): a running job
    # silent for EXPORT_STALE_SECONDS lost its worker and is marked failed.
    heartbeat_at = models.DateTimeField(_("last progress at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        abstract = True


class ExportJob(BackgroundJob):
    """A list export too large to build during a request, run in the background for its owner.

    Only the owner ever sees the job or its file. The rows are rebuilt from ``parameters``
    and the owner's scope when the job runs, never from what the request saw.
    """

    owner = belongs_to(_("owner"), related_name="export_jobs")
    kind = models.CharField(_("list"), max_length=64)
    file_format = models.CharField(_("format"), max_length=8, choices=ExportFormat.choices)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    status = status_field(ExportStatus, default=ExportStatus.QUEUED)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), upload_to=export_file_name, max_length=200, blank=True)
    download_name = models.CharField(_("download name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ["-created_at"]
        permissions = [("export_lists", _("Can export lists to Excel and CSV"))]
        constraints = [
            valid_choice("status", ExportStatus.values, "export_job_status_valid"),
            valid_choice("file_format", ExportFormat.values, "export_job_format_valid"),
            models.CheckConstraint(
                condition=Q(rows_total__isnull=True) | Q(rows_done__lte=F("rows_total")),
                name="export_job_progress_within_total",
            ),
            # A finished job has a finish time, and a done job has its file.
            models.CheckConstraint(
                condition=Q(status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING])
                | Q(finished_at__isnull=False),
                name="export_job_finished_when_final",
            ),
            models.CheckConstraint(
                condition=~Q(status=ExportStatus.DONE) | ~Q(file=""),
                name="export_job_done_has_file",
            ),
        ]
        indexes = [models.Index(fields=["owner", "-created_at"], name="export_job_owner_recent")]

    unfinished = UNFINISHED_STATUSES
    done = ExportStatus.DONE

    def __str__(self):
        return f"{self.kind} · {self.get_status_display()} · {self.created_at:%Y-%m-%d %H:%M}"


def pending_import_expiry():
    return timezone.now() + datetime.timedelta(minutes=settings.IMPORT_PENDING_MINUTES)


class PendingImport(models.Model):
    """The rows of an import preview waiting for their owner's confirmation.

    Uploaded rows (ID numbers and phones among them) stay on the server, never in the
    session or the page: the preview hands out only this row's id, which its owner posts
    back to confirm or cancel. A pending import is deleted when confirmed, cancelled,
    replaced by a newer preview of the same page, or once it has expired.
    """

    # A UUID: the confirmation form carries it, so it must not be guessable.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = belongs_to(_("owner"), related_name="pending_imports")
    # The import page (and what else it belongs to, such as a course) the rows were
    # previewed on; they are confirmed only there.
    page = models.CharField(_("import page"), max_length=100)
    scope = models.CharField(_("page scope"), max_length=100, blank=True)
    headers = models.JSONField(_("headers"), default=list)
    rows = models.JSONField(_("rows"), default=list)
    # What each row was to do in the preview; a confirmation that would do otherwise
    # writes nothing.
    statuses = models.JSONField(_("row results"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), default=pending_import_expiry)

    class Meta:
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")
        indexes = [
            models.Index(fields=["expires_at"], name="pending_import_expiry"),
            models.Index(fields=["owner", "page"], name="pending_import_owner_page"),
        ]

    def __str__(self):
        return f"{self.page} · {self.created_at:%Y-%m-%d %H:%M}"


class ImportPhase(models.TextChoices):
    PREVIEW = "preview", _("Checking the file")
    COMMIT = "commit", _("Importing")


class ImportStatus(models.TextChoices):
    """An export job's statuses, and cancelled: a preview its owner cancelled or replaced
    with a newer one."""

    QUEUED = same_as(ExportStatus.QUEUED)
    RUNNING = same_as(ExportStatus.RUNNING)
    DONE = same_as(ExportStatus.DONE)
    FAILED = same_as(ExportStatus.FAILED)
    CANCELLED = "cancelled", _("Cancelled")


# An import job in one of these still holds a worker's attention (or waits for one); they
# count against the owner's cap on open jobs.
IMPORT_UNFINISHED = (ImportStatus.QUEUED, ImportStatus.RUNNING)


class ImportJob(BackgroundJob):
    """A spreadsheet import run in the background for its owner: first the check and
    preview (``phase`` preview), then, once the owner confirms, the write (``phase`` commit).

    The job names the import page by its ``path``; the worker resolves it again and runs the
    page's own checks (its access rule, its object lookups) and its resource as the owner,
    so a right or a scope lost since the upload refuses the job. The uploaded file waits in
    ``content`` only until the preview has read it; the previewed rows then wait in a
    ``PendingImport`` until confirmed, cancelled or expired. ``report`` holds the counts and
    the first error rows, never the whole file.
    """

    owner = belongs_to(_("owner"), related_name="import_jobs")
    page = models.CharField(_("import page"), max_length=100)
    scope = models.CharField(_("page scope"), max_length=100, blank=True)
    path = models.CharField(_("page address"), max_length=300)
    language = models.CharField(_("language"), max_length=16, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    content = models.BinaryField(_("uploaded file"), blank=True, default=b"")
    phase = models.CharField(
        _("phase"), max_length=16, choices=ImportPhase.choices, default=ImportPhase.PREVIEW
    )
    status = status_field(ImportStatus, default=ImportStatus.QUEUED)
    rows_done = models.PositiveIntegerField(_("rows checked"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    pending = models.ForeignKey(
        PendingImport,
        verbose_name=_("pending import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at"]
        constraints = [
            valid_choice("status", ImportStatus.values, "import_job_status_valid"),
            valid_choice("phase", ImportPhase.values, "import_job_phase_valid"),
            models.CheckConstraint(
                condition=Q(status__in=IMPORT_UNFINISHED) | Q(finished_at__isnull=False),
                name="import_job_finished_when_final",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "page", "-created_at"], name="import_job_owner_page"),
            models.Index(fields=["status", "heartbeat_at"], name="import_job_status_beat"),
            models.Index(fields=["created_at"], name="import_job_created"),
        ]

    unfinished = IMPORT_UNFINISHED
    done = ImportStatus.DONE

    def __str__(self):
        return f"{self.page} · {self.get_status_display()} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def confirmable(self) -> bool:
        """A finished preview without errors whose rows still wait for confirmation."""
        return (
            self.phase == ImportPhase.PREVIEW
            and self.status == ImportStatus.DONE
            and self.pending_id is not None
        )

    @property
    def committed(self) -> bool:
        return self.phase == ImportPhase.COMMIT and bool(self.report.get("committed"))
