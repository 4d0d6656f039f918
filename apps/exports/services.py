"""Writes of export jobs: queueing one for a user, and running it in the background."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone, translation

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
_MAX_ERROR_LENGTH = 2000


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


def export_job_create(
    *,
    actor,
    definition: ExportDefinition,
    filters: Mapping[str, list[str]],
    file_format: str,
    language: str | None = None,
) -> ExportJob:
    """Queue a background export of ``definition``'s list for ``actor`` (who must hold
    exports.export_lists; the caller checks). An identical job of theirs still queued or
    running is returned instead of queueing a second one."""
    parameters = {
        "filters": {key: list(values) for key, values in filters.items()},
        "language": language or translation.get_language() or settings.LANGUAGE_CODE,
    }
    with transaction.atomic():
        existing = (
            ExportJob.objects.select_for_update()
            .filter(
                owner=actor,
                kind=definition.kind,
                file_format=file_format,
                status__in=UNFINISHED_STATUSES,
            )
            .order_by("-created_at")
        )
        for job in existing:
            if job.parameters == parameters:
                return job
        job = ExportJob(
            owner=actor, kind=definition.kind, file_format=file_format, parameters=parameters
        )
        job.full_clean()
        job.save()
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id) -> None:
    from apps.exports.tasks import run_export_job

    try:
        result = run_export_job.enqueue(str(job_id))
    except Exception as error:
        logger.exception("Could not queue export job %s", job_id)
        _record_failure(job_id, error)
        return
    # The ImmediateBackend has finished the job by now; only the task id is added.
    ExportJob.objects.filter(pk=job_id).update(task_result_id=str(result.id)[:64])


def _record_failure(job_id, error: BaseException) -> None:
    ExportJob.objects.filter(pk=job_id).exclude(status=ExportStatus.DONE).update(
        status=ExportStatus.FAILED,
        finished_at=timezone.now(),
        error=f"{type(error).__name__}: {error}"[:_MAX_ERROR_LENGTH],
    )


def export_job_execute(*, job_id) -> ExportJob:
    """Run one queued job; only the background task calls this. The rows are rebuilt from the
    job's stored filters and its owner's scope as it is now, never from the request that
    queued it. Progress is saved every EXPORT_PROGRESS_EVERY rows; a failure is recorded on
    the job and re-raised, so the task shows as failed too. A job not queued is left alone."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING, started_at=timezone.now()
    )
    job = ExportJob.objects.select_related("owner").get(pk=job_id)
    if not claimed:
        # Another worker took it, or it has already run: running it twice helps no one.
        return job
    try:
        _build_file(job)
    except Exception as error:
        logger.exception("Export job %s failed", job.pk)
        if job.file:
            job.file.delete(save=False)
        _record_failure(job.pk, error)
        raise
    return job


def _build_file(job: ExportJob) -> None:
    definition = get_definition(job.kind)
    language = job.parameters.get("language") or settings.LANGUAGE_CODE
    with translation.override(language):
        filters = filters_querydict(job.parameters.get("filters") or {})
        queryset = definition.queryset(actor=job.owner, filters=filters)
        total = queryset.count()
        ExportJob.objects.filter(pk=job.pk).update(rows_total=total)

        def progress(done: int) -> None:
            # Rows added since the count may take the file past it; the bar stops at the total.
            ExportJob.objects.filter(pk=job.pk).update(rows_done=min(done, total))

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
        job.save(
            update_fields=[
                "status",
                "rows_done",
                "rows_total",
                "file",
                "download_name",
                "finished_at",
                "error",
            ]
        )
