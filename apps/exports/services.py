"""Writes of export jobs: queueing one for a user, and running it in the background."""

from __future__ import annotations

import datetime
import logging
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.core.replica import on_replica
from apps.core.security import SecurityKind, record
from apps.exports import background
from apps.exports.choices import UNFINISHED_STATUSES, ExportStatus
from apps.exports.files import write_export
from apps.exports.models import ExportJob
from apps.exports.registry import ExportDefinition, get_definition

logger = logging.getLogger(__name__)

# Query parameters that choose a page or a format, not rows.
NOT_FILTERS = frozenset({"format", "cursor", "page"})
# Bounds on what a request can make a job store.
_MAX_KEYS = 30
_MAX_VALUES_PER_KEY = 20
_MAX_VALUE_LENGTH = 200
# Where export files live in the storage (see apps.exports.models.export_file_name).
EXPORTS_DIR = "exports"
# Uploads waiting between the admin import's preview and confirmation (import_admin).
ADMIN_IMPORTS_DIR = "admin-imports"


def export_filters(query: Mapping[str, Any]) -> dict[str, list[str]]:
    """The filter parameters of a list request, as a job stores them: every key (but the
    page and format) with its values, bounded in number and length."""
    getlist = query.getlist if isinstance(query, QueryDict) else None
    filters: dict[str, list[str]] = {}
    for key in sorted(query.keys()):
        if key in NOT_FILTERS or len(filters) >= _MAX_KEYS or len(key) > _MAX_VALUE_LENGTH:
            continue
        values = getlist(key) if getlist else query[key]
        if isinstance(values, str):
            values = [values]
        kept = [str(v)[:_MAX_VALUE_LENGTH] for v in list(values)[:_MAX_VALUES_PER_KEY]]
        if any(kept):
            filters[key] = kept
    return filters


class _ReadRecorder(QueryDict):
    """A QueryDict that notes which keys are read (copies share the notes), so the
    parameters a list's selector actually uses can be told from the rest."""

    def __init__(self, *args, read: set[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.read = set() if read is None else read

    @classmethod
    def of(cls, query: QueryDict) -> _ReadRecorder:
        recorder = cls(mutable=True)
        for key, values in dict.items(query):
            recorder.setlist(key, list(values))
        recorder._mutable = False
        return recorder

    def _copy(self) -> _ReadRecorder:
        copied = type(self)(mutable=True, read=self.read)
        for key, values in dict.items(self):
            copied.setlist(key, list(values))
        return copied

    __copy__ = copy = _copy

    def __deepcopy__(self, memo):
        return self._copy()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)

    def _read_all(self):
        self.read.update(dict.keys(self))

    def keys(self):
        self._read_all()
        return super().keys()

    def __iter__(self):
        self._read_all()
        return super().__iter__()

    def items(self):
        self._read_all()
        return super().items()

    def lists(self):
        self._read_all()
        return super().lists()

    def values(self):
        self._read_all()
        return super().values()

    def dict(self):
        self._read_all()
        return super().dict()


def known_filters(
    *, actor, definition: ExportDefinition, filters: Mapping[str, list[str]]
) -> dict[str, list[str]]:
    """``filters`` without what ``definition``'s selector never reads (``?junk=1``): a
    parameter the list's FilterSet (or selector) does not know cannot change the rows, so it
    must not make a job differ from an identical one. Building the queryset reads the
    parameters without running it."""
    recorder = _ReadRecorder.of(filters_querydict(filters))
    definition.queryset(actor=actor, filters=recorder)
    return {key: list(values) for key, values in filters.items() if key in recorder.read}


def filters_querydict(filters: Mapping[str, list[str]]) -> QueryDict:
    """Stored filter parameters back as the QueryDict a FilterSet expects."""
    query = QueryDict(mutable=True)
    for key, values in filters.items():
        query.setlist(key, [str(v) for v in values])
    query._mutable = False
    return query


def download_name(definition: ExportDefinition, file_format: str) -> str:
    """The file name offered to the browser: the list and today's date."""
    return f"{definition.filename}-{timezone.localdate():%Y%m%d}.{file_format}"


def export_recorded(
    *,
    actor,
    definition: ExportDefinition,
    file_format: str,
    filters: Mapping[str, list[str]],
    rows: int,
    request=None,
    job: ExportJob | None = None,
) -> None:
    """Put an export in the security log: who, which list, its parameters, how many rows,
    and whether personal data went out in full (columns marked ``unmasked``), which is
    then also logged as personal data shown (the list and parameters name the records)."""
    unmasked = [column.accessor for column in definition.columns(actor) if column.unmasked]
    export = {
        "list": definition.kind,
        "format": file_format,
        "parameters": dict(filters),
        "job": str(job.pk) if job is not None else None,
    }
    record(
        SecurityKind.EXPORT, request=request, user=actor, rows=rows, masked=not unmasked, **export
    )
    if unmasked:
        record(
            SecurityKind.PERSONAL_DATA,
            request=request,
            user=actor,
            count=rows,
            fields=unmasked,
            export=export,
        )


def export_job_create(
    *,
    actor,
    definition: ExportDefinition,
    filters: Mapping[str, list[str]],
    file_format: str,
    language: str | None = None,
) -> ExportJob:
    """Queue a background export of ``definition``'s list for ``actor`` (who must hold
    exports.export_lists; the caller checks). Only the parameters the list reads are kept,
    and an identical job of theirs still queued or running is returned instead of queueing
    a second one. ValidationError when the actor already has EXPORT_MAX_OPEN_JOBS jobs
    queued or running."""
    parameters = {
        "filters": known_filters(actor=actor, definition=definition, filters=filters),
        "language": language or translation.get_language() or settings.LANGUAGE_CODE,
    }
    with transaction.atomic():
        # One request at a time per user, so two at once cannot both pass the cap.
        get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
        open_jobs = list(
            ExportJob.objects.filter(owner=actor, status__in=UNFINISHED_STATUSES).order_by(
                "-created_at"
            )
        )
        for job in open_jobs:
            if (
                job.kind == definition.kind
                and job.file_format == file_format
                and job.parameters == parameters
            ):
                return job
        limit = settings.EXPORT_MAX_OPEN_JOBS
        if len(open_jobs) >= limit:
            raise ValidationError(
                _(
                    "You already have %(count)d exports being prepared. Wait until one of them"
                    " is finished, then export again."
                )
                % {"count": limit},
                code="too_many_jobs",
            )
        job = ExportJob(
            owner=actor, kind=definition.kind, file_format=file_format, parameters=parameters
        )
        job.full_clean()
        job.save()
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def export_job_retry(*, actor, job: ExportJob) -> ExportJob:
    """Queue a failed job of ``actor``'s again, as a new job with the same list, format and
    parameters (the failed one is removed). The owner alone may (callers fetch ``job``
    through ``export_job_get``); ValidationError for a job that has not failed, or when
    the cap on open jobs is reached."""
    if job.owner_id != actor.pk:
        raise PermissionDenied
    if job.status != ExportStatus.FAILED:
        raise ValidationError(_("Only a failed export can be tried again."), code="not_failed")
    definition = get_definition(job.kind)
    if not definition.allows(actor):
        raise PermissionDenied
    with transaction.atomic():
        retried = export_job_create(
            actor=actor,
            definition=definition,
            filters=job.parameters.get("filters") or {},
            file_format=job.file_format,
            language=job.parameters.get("language"),
        )
        ExportJob.objects.filter(pk=job.pk, status=ExportStatus.FAILED).delete()
    return retried


EXPORT_WORKER_STOPPED = "The background worker stopped before the file was finished."


def export_job_fail_stale(*, actor=None, now: datetime.datetime | None = None) -> int:
    """Mark as failed every running job whose worker has given no sign of life for
    EXPORT_STALE_SECONDS (``background.fail_stale``). Only ``actor``'s jobs when given (the
    list page), all of them otherwise (the fail_stale_exports command). Returns how many."""
    return background.fail_stale(ExportJob, reason=EXPORT_WORKER_STOPPED, actor=actor, now=now)


def export_job_task_failed(*, job_id) -> int:
    """The background task of job ``job_id`` failed without the job recording why: its
    worker stopped. A job still queued or running is marked failed; returns 1 if it was."""
    return background.fail_task(ExportJob, job_id, reason=EXPORT_WORKER_STOPPED)


def _enqueue(job_id) -> None:
    from apps.exports.tasks import run_export_job

    background.enqueue(ExportJob, run_export_job, job_id)


def export_job_execute(*, job_id) -> ExportJob | None:
    """Run one queued job; only the background task calls this. The rows are rebuilt from the
    job's stored filters and its owner's scope as it is now, never from the request that
    queued it. Progress is saved every EXPORT_PROGRESS_EVERY rows; a failure is recorded on
    the job and re-raised, so the task shows as failed too. A job not queued is left alone;
    a job that no longer exists gives None."""
    claimed, job = background.claim(ExportJob, job_id)
    if not claimed or job is None:
        # Another worker took it, it has already run, or it was pruned while it waited:
        # running it (again) helps no one.
        return job
    try:
        _build_file(job)
    except JobAbandoned:
        # Marked failed while it ran: the owner has been told, and may have retried it.
        logger.warning("Export job %s was given up while it ran; its file is dropped", job.pk)
        if job.file:
            job.file.delete(save=False)
        return job
    except Exception as error:
        logger.exception("Export job %s failed", job.pk)
        if job.file:
            job.file.delete(save=False)
        background.record_failure(ExportJob, job.pk, error)
        raise
    export_recorded(
        actor=job.owner,
        definition=get_definition(job.kind),
        file_format=job.file_format,
        filters=job.parameters.get("filters") or {},
        rows=job.rows_done,
        job=job,
    )
    return job


def _build_file(job: ExportJob) -> None:
    definition = get_definition(job.kind)
    # The owner may have lost the right to this list since the job was queued.
    if not definition.allows(job.owner):
        raise PermissionDenied(f"{job.owner} may no longer export {job.kind}.")
    language = job.parameters.get("language") or settings.LANGUAGE_CODE
    with translation.override(language):
        filters = filters_querydict(job.parameters.get("filters") or {})
        # The rows may come from a read replica (apps.core.replica); the job's own row is
        # read and written on the primary.
        queryset = on_replica(definition.queryset(actor=job.owner, filters=filters))
        total = queryset.count()
        _running(job).update(rows_total=total, heartbeat_at=timezone.now())

        def progress(done: int) -> None:
            # Rows added since the count may take the file past it; the bar stops at the total.
            # Each update is the worker's sign of life; a job marked failed meanwhile (its
            # worker was taken for dead) is not built on.
            if not _running(job).update(rows_done=min(done, total), heartbeat_at=timezone.now()):
                raise JobAbandoned(f"Export job {job.pk} is no longer running here.")

        with tempfile.TemporaryFile() as target:
            rows = write_export(
                queryset=queryset,
                columns=definition.columns(job.owner),
                file_format=job.file_format,
                target=target,
                title=str(definition.label),
                on_progress=progress,
                progress_every=settings.EXPORT_PROGRESS_EVERY,
            )
            target.seek(0)
            job.file.save(f"export.{job.file_format}", File(target), save=False)
        job.download_name = download_name(definition, job.file_format)
    job.status = ExportStatus.DONE
    job.rows_done = job.rows_total = rows
    job.finished_at = timezone.now()
    job.error = ""
    job.full_clean()
    with transaction.atomic():
        finished = _running(job).update(
            status=job.status,
            rows_done=rows,
            rows_total=rows,
            file=job.file.name,
            download_name=job.download_name,
            finished_at=job.finished_at,
            error="",
            heartbeat_at=job.finished_at,
        )
    if not finished:
        raise JobAbandoned(f"Export job {job.pk} was marked failed while it ran.")


def _running(job: ExportJob):
    """The job's row while this worker still runs it (the claim's start time is its own)."""
    return ExportJob.objects.filter(
        pk=job.pk, status=ExportStatus.RUNNING, started_at=job.started_at
    )


class JobAbandoned(Exception):
    """The job was marked failed (or retried) while this worker was building it."""


@dataclass(frozen=True)
class PruneResult:
    jobs: int
    files: int


def export_job_prune(
    *, actor=None, older_than: datetime.timedelta, now: datetime.datetime | None = None
) -> PruneResult:
    """Delete every export job requested more than ``older_than`` ago, with its file, and
    any file under exports/ that no job names and that is as old (left behind when a user,
    and with them their jobs, was deleted), and the admin imports' uploads as old whose
    preview was never confirmed. For the prune_exports command; ``actor`` is
    whoever ran it (None for the system), recorded in the log. A job still queued or running
    after that long will not finish: its worker is gone."""
    cutoff = (now or timezone.now()) - older_than
    storage = ExportJob._meta.get_field("file").storage
    old = ExportJob.objects.filter(created_at__lt=cutoff)
    names = list(old.exclude(file="").values_list("file", flat=True))
    # The rows go first: a file without a row is swept below (now or next time), a row
    # without its file would offer a broken download.
    with transaction.atomic():
        _, deleted = old.delete()
    jobs = deleted.get(ExportJob._meta.label, 0)
    files = sum(1 for name in names if _delete_file(storage, name))
    files += _sweep_orphans(storage, cutoff)
    files += _sweep_orphans(default_storage, cutoff, folder=ADMIN_IMPORTS_DIR, known=set())
    logger.info(
        "Pruned %s export jobs and %s files older than %s (by %s)",
        jobs,
        files,
        cutoff.isoformat(),
        actor or "the system",
    )
    return PruneResult(jobs=jobs, files=files)


def _delete_file(storage, name: str) -> bool:
    try:
        if not storage.exists(name):
            return False
        storage.delete(name)
    except OSError:
        logger.exception("Could not delete export file %s", name)
        return False
    return True


def _sweep_orphans(
    storage, cutoff: datetime.datetime, *, folder: str = EXPORTS_DIR, known: set | None = None
) -> int:
    """Delete files under ``folder`` older than ``cutoff`` that no job refers to (``known``:
    by default the export jobs' files)."""
    try:
        names = list(_walk(storage, folder))
    except (FileNotFoundError, NotImplementedError):
        return 0
    if not names:
        return 0
    if known is None:
        # Only the last few days' jobs remain, so their names fit in memory.
        known = set(ExportJob.objects.exclude(file="").values_list("file", flat=True).order_by())
    swept = 0
    for name in names:
        if name in known:
            continue
        try:
            modified = storage.get_modified_time(name)
        except (OSError, NotImplementedError):
            continue
        if modified < cutoff and _delete_file(storage, name):
            swept += 1
    return swept


def _walk(storage, path: str):
    directories, files = storage.listdir(path)
    for name in files:
        yield f"{path}/{name}"
    for directory in directories:
        yield from _walk(storage, f"{path}/{directory}")
