"""Imports as background jobs (docs/adr/0022): queueing, confirming, cancelling, running.

A file past IMPORT_SYNC_MAX_ROWS is stored on an ``ImportJob`` and checked by a worker: the
preview keeps its counts and first error rows on the job and its rows in a
``PendingImport``; the owner's confirmation queues the same job again to write them. The
worker runs the import page itself (``apps.exports.import_views.run_on_page``) as the owner,
so the page's access rule, its object lookups and the resource's scope are checked again
at each step, and the rows are written by the same services as a small file's.
"""

from __future__ import annotations

import datetime
import io
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.core.security import SecurityKind, SecurityOutcome, record
from apps.exports import background
from apps.exports.imports.progress import OwnConnection, reporting
from apps.exports.imports.reading import read_upload
from apps.exports.imports.report import ImportReport
from apps.exports.models import (
    IMPORT_UNFINISHED,
    ImportJob,
    ImportPhase,
    ImportStatus,
    PendingImport,
)
from apps.exports.pending import (
    pending_import_create,
    pending_import_dataset,
    pending_import_take,
)

logger = logging.getLogger(__name__)

WORKER_STOPPED = "The background worker stopped before the import was finished."
# A failed job keeps no uploaded file.
_NO_FILE = {"content": b""}


# Queueing and the owner's actions ---------------------------------------------------


def import_job_create(
    *, actor, page: str, scope: str, path: str, file_name: str, content: bytes
) -> ImportJob:
    """Queue the check and preview of an uploaded file (already refused by ``check_upload``
    when hostile) for ``actor`` on the import page at ``path``; the page's view checked
    their right to it. Their earlier previews of the page are cancelled: a newer upload is
    what they now mean to import. ValidationError when they already have
    IMPORT_MAX_OPEN_JOBS import jobs queued or running."""
    with transaction.atomic():
        # One request at a time per user, so two at once cannot both pass the cap.
        get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
        open_jobs = ImportJob.objects.filter(owner=actor, status__in=IMPORT_UNFINISHED).count()
        limit = settings.IMPORT_MAX_OPEN_JOBS
        if open_jobs >= limit:
            raise ValidationError(
                _(
                    "You already have %(count)d imports being checked or written. Wait until"
                    " one of them is finished, then upload again."
                )
                % {"count": limit},
                code="too_many_jobs",
            )
        _cancel_previews(ImportJob.objects.filter(owner=actor, page=page))
        job = ImportJob(
            owner=actor,
            page=page,
            scope=scope,
            path=path,
            file_name=file_name[:200],
            content=content,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        job.full_clean()
        job.save()
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def import_job_get(*, actor, pk, page: str) -> ImportJob:
    """``actor``'s own import job ``pk`` of ``page``; Http404 for anyone else's, another
    page's or none. A running job whose worker died is marked failed first."""
    import_job_fail_stale(actor=actor)
    # The stored file (up to IMPORT_MAX_BYTES) is not loaded for a page or its polling.
    job = ImportJob.objects.defer("content").filter(pk=pk, owner=actor, page=page).first()
    if job is None or actor is None or not actor.is_authenticated:
        raise Http404
    return job


def import_job_open(*, actor, page: str) -> ImportJob | None:
    """``actor``'s latest import job of ``page`` still queued, running, or waiting for
    confirmation; None when there is none."""
    if actor is None or not actor.is_authenticated:
        return None
    return (
        ImportJob.objects.defer("content")
        .filter(owner=actor, page=page)
        .filter(
            Q(status__in=IMPORT_UNFINISHED)
            | Q(phase=ImportPhase.PREVIEW, status=ImportStatus.DONE, pending__isnull=False)
        )
        .order_by("-created_at")
        .first()
    )


def import_job_confirm(*, actor, job: ImportJob) -> bool:
    """Queue the write of ``actor``'s confirmable preview ``job``. False when it is no
    longer confirmable (confirmed already, cancelled, expired, or someone else's): a
    confirmation takes effect once, however many arrive at once."""
    if job.owner_id != actor.pk:
        return False
    with transaction.atomic():
        # The row is locked first: two confirmations at once queue one write.
        locked = (
            ImportJob.objects.select_for_update()
            .defer("content")
            .filter(pk=job.pk, owner=actor)
            .first()
        )
        if locked is None or not locked.confirmable:
            return False
        if not PendingImport.objects.filter(
            pk=locked.pending_id, expires_at__gt=timezone.now()
        ).exists():
            return False
        ImportJob.objects.filter(pk=job.pk).update(
            phase=ImportPhase.COMMIT,
            status=ImportStatus.QUEUED,
            rows_done=0,
            started_at=None,
            heartbeat_at=None,
            finished_at=None,
            error="",
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return True


def import_job_cancel(*, actor, job: ImportJob) -> bool:
    """Cancel ``actor``'s preview ``job`` (queued, being checked, or waiting for
    confirmation) and delete its pending rows. A write once queued is not cancelled: it is
    all or nothing already. False when there was nothing to cancel."""
    if job.owner_id != actor.pk:
        return False
    return bool(_cancel_previews(ImportJob.objects.filter(pk=job.pk, owner=actor)))


def _cancel_previews(jobs) -> int:
    previews = jobs.filter(phase=ImportPhase.PREVIEW).exclude(
        status__in=(ImportStatus.FAILED, ImportStatus.CANCELLED)
    )
    with transaction.atomic():
        pending = [pk for pk in previews.values_list("pending_id", flat=True) if pk]
        cancelled = previews.update(
            status=ImportStatus.CANCELLED,
            finished_at=timezone.now(),
            content=b"",
            pending=None,
        )
        if pending:
            PendingImport.objects.filter(pk__in=pending).delete()
    return cancelled


def import_job_fail_stale(*, actor=None, now: datetime.datetime | None = None) -> int:
    """Mark failed every running import job silent for EXPORT_STALE_SECONDS (the exports'
    rule): its worker died. Only ``actor``'s when given. Returns how many."""
    return background.fail_stale(
        ImportJob, reason=WORKER_STOPPED, actor=actor, now=now, cleared=_NO_FILE
    )


def import_job_task_failed(*, job_id) -> int:
    """The task of import job ``job_id`` failed without the job recording why (its worker
    died): a job still queued or running is marked failed. Returns 1 if it was."""
    return background.fail_task(ImportJob, job_id, reason=WORKER_STOPPED)


def _enqueue(job_id) -> None:
    from apps.exports.tasks import run_import_job

    background.enqueue(ImportJob, run_import_job, job_id, cleared=_NO_FILE)


# The report a job keeps ------------------------------------------------------------


def summarize(report: ImportReport, *, limit: int | None = None) -> dict:
    """What a job keeps of a report: the counts, the general errors and the first ``limit``
    rows with errors (IMPORT_REPORT_ERROR_ROWS), their cells as the preview shows them."""
    limit = settings.IMPORT_REPORT_ERROR_ROWS if limit is None else limit
    error_rows = [row for row in report.rows if row.errors]
    return {
        "rows": len(report.rows),
        "new": report.new_count,
        "update": report.update_count,
        "skip": report.skip_count,
        "errors": len(error_rows),
        "general_errors": list(report.general_errors),
        "has_errors": report.has_errors,
        "changed": report.changed,
        "committed": report.committed,
        "headers": list(report.headers),
        "error_rows": [
            {
                "number": row.number,
                "cells": list(row.cells),
                "errors": [
                    {"column": e.column, "label": e.label, "message": e.message} for e in row.errors
                ],
            }
            for row in error_rows[:limit]
        ],
    }


def _refused(message: str) -> dict:
    return {
        "rows": 0,
        "new": 0,
        "update": 0,
        "skip": 0,
        "errors": 0,
        "general_errors": [message],
        "has_errors": True,
        "changed": False,
        "committed": False,
        "headers": [],
        "error_rows": [],
    }


# The worker ------------------------------------------------------------------------


def import_job_execute(*, job_id) -> ImportJob | None:
    """Run one queued import job (the background task alone calls this): the preview or
    the write, as its phase says. A job not queued is left alone (another worker took it,
    or it was cancelled); a job that no longer exists gives None. A failure is recorded on
    the job and re-raised, so the task shows as failed too."""
    claimed, job = background.claim(ImportJob, job_id)
    if not claimed or job is None:
        return job
    own = OwnConnection()
    try:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            _run(job, own)
    except Exception as error:
        logger.exception("Import job %s failed", job.pk)
        background.record_failure(ImportJob, job.pk, error, cleared=_NO_FILE)
        raise
    finally:
        own.close()
    job.refresh_from_db()
    return job


def _run(job: ImportJob, own: OwnConnection) -> None:
    from apps.exports.import_views import run_on_page

    work = _preview if job.phase == ImportPhase.PREVIEW else _commit
    try:
        run_on_page(job, lambda view: work(job, view, own))
    except (PermissionDenied, Http404):
        # The owner lost the page, its object (a course, a program) or their account.
        _finish(
            job,
            status=ImportStatus.FAILED,
            report=_refused(_("You may no longer import on this page.")),
            error="Refused: the owner may no longer use this import page.",
        )


def _running(job: ImportJob):
    """The job's row while this worker still runs it (the claim's start time is its own)."""
    return ImportJob.objects.filter(
        pk=job.pk, status=ImportStatus.RUNNING, started_at=job.started_at
    )


def _progress(job: ImportJob, own: OwnConnection):
    def save(done: int) -> None:
        now = timezone.now()
        own.submit(lambda: _running(job).update(rows_done=done, heartbeat_at=now))

    return reporting(save, every=settings.IMPORT_PROGRESS_EVERY)


def _finish(job: ImportJob, *, status: str, report: dict, error: str = "", **fields) -> bool:
    """Settle the job as this worker's run left it; False when it was cancelled (or taken
    for dead) meanwhile."""
    return bool(
        _running(job).update(
            status=status,
            report=report,
            error=error[: background.MAX_ERROR_LENGTH],
            finished_at=timezone.now(),
            heartbeat_at=timezone.now(),
            content=b"",
            **fields,
        )
    )


def _preview(job: ImportJob, view, own: OwnConnection) -> None:
    resource = view.get_resource()
    try:
        # The full checks, the row cap among them (the request counted only so far).
        dataset = read_upload(io.BytesIO(bytes(job.content)), resource)
    except ValidationError as error:
        _finish(job, status=ImportStatus.DONE, report=_refused(" ".join(error.messages)))
        _record(SecurityKind.IMPORT_PREVIEW, job, outcome=SecurityOutcome.FAILURE, rows=0)
        return
    total = len(dataset)
    _running(job).update(rows_total=total, rows_done=0, heartbeat_at=timezone.now())
    with _progress(job, own):
        report = view.run(dataset, dry_run=True)
    _settle_preview(job, report, dataset)
    _record(
        SecurityKind.IMPORT_PREVIEW,
        job,
        outcome=SecurityOutcome.FAILURE if report.has_errors else SecurityOutcome.SUCCESS,
        rows=total,
    )


def _settle_preview(job: ImportJob, report: ImportReport, dataset) -> None:
    """Keep a preview's rows for confirmation (when it has no errors) and its summary."""
    with transaction.atomic():
        if _running(job).select_for_update().first() is None:
            # Cancelled while it was checked: nothing is kept.
            return
        pending = None
        if not report.has_errors:
            pending = pending_import_create(
                actor=job.owner,
                page=job.page,
                scope=job.scope,
                dataset=dataset,
                statuses=report.statuses,
            )
        _finish(
            job,
            status=ImportStatus.DONE,
            report=summarize(report),
            phase=ImportPhase.PREVIEW,
            pending=pending,
            rows_total=len(dataset),
            rows_done=len(dataset),
        )


def _commit(job: ImportJob, view, own: OwnConnection) -> None:
    token = job.pending_id
    pending = pending_import_take(actor=job.owner, page=job.page, scope=job.scope, token=token)
    if pending is None:
        _finish(
            job,
            status=ImportStatus.FAILED,
            report=_refused(_("That preview has expired; please upload the file again.")),
            error="The preview expired before it was confirmed.",
        )
        return
    dataset = pending_import_dataset(pending)
    total = len(dataset)
    _running(job).update(rows_total=total, rows_done=0, heartbeat_at=timezone.now())
    with _progress(job, own):
        report = view.run(dataset, dry_run=False, expected=pending.statuses)
    _record(
        SecurityKind.IMPORT_CONFIRM,
        job,
        outcome=SecurityOutcome.SUCCESS if report.committed else SecurityOutcome.FAILURE,
        preview=str(token),
        rows=total,
        new=report.new_count,
        updated=report.update_count,
        unchanged=report.skip_count,
    )
    if not report.committed and not report.has_errors:
        # The data changed since the preview and nothing was written: the new preview may
        # be confirmed in its turn, as on the page of a small file.
        _settle_preview(job, report, dataset)
        return
    _finish(job, status=ImportStatus.DONE, report=summarize(report), rows_done=total)


def _record(kind: str, job: ImportJob, *, outcome: str, **details) -> None:
    record(
        kind,
        user=job.owner,
        outcome=outcome,
        page=job.page,
        file=job.file_name,
        job=str(job.pk),
        **details,
    )
