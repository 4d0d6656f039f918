"""What export and import jobs share once queued: handing a job to its task, and failing
a job whose task could not be queued, whose task failed without settling it, or whose
worker went silent.

A job model here is a ``BackgroundJob`` (``apps.exports.models``): statuses queued,
running, done and failed, its ``unfinished`` statuses, and the time fields those rules
read. ``cleared`` names fields a failed job empties (an import's stored file).
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger(__name__)

QUEUED = "queued"
FAILED = "failed"
RUNNING = "running"
MAX_ERROR_LENGTH = 2000


def enqueue(model, task, job_id, *, cleared: dict[str, Any] | None = None) -> None:
    """Queue ``task`` for job ``job_id`` and keep the task's id on the job; a job whose task
    cannot be queued (the queue is down) fails with the reason."""
    try:
        result = task.enqueue(str(job_id))
    except Exception as error:
        logger.exception("Could not queue %s %s", model._meta.model_name, job_id)
        record_failure(model, job_id, error, cleared=cleared)
        return
    # The ImmediateBackend has finished the job by now; only the task id is added.
    model.objects.filter(pk=job_id).update(task_result_id=str(result.id)[:64])


def claim(model, job_id) -> tuple[bool, Any]:
    """Take queued job ``job_id`` for this worker: one UPDATE marks it running, started and
    heard of now, so two workers never both run it. Returns whether this worker took it,
    and the job as it now is (None when it no longer exists)."""
    started = timezone.now()
    claimed = model.objects.filter(pk=job_id, status=QUEUED).update(
        status=RUNNING, started_at=started, heartbeat_at=started
    )
    return bool(claimed), model.objects.select_related("owner").filter(pk=job_id).first()


def record_failure(model, job_id, error: BaseException, *, cleared=None) -> None:
    """Job ``job_id`` failed with ``error`` (unless it was done already)."""
    model.objects.filter(pk=job_id).exclude(status=model.done).update(
        status=FAILED,
        finished_at=timezone.now(),
        error=f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH],
        **(cleared or {}),
    )


def fail_stale(
    model, *, reason: str, actor=None, now: datetime.datetime | None = None, cleared=None
) -> int:
    """Mark failed, with ``reason``, every running job whose worker has given no sign of
    life (its last progress, or its start) for EXPORT_STALE_SECONDS: the worker died and
    will not finish it. Only ``actor``'s jobs when given. Returns how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.EXPORT_STALE_SECONDS)
    stale = model.objects.filter(status=RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    )
    if actor is not None:
        if not actor.is_authenticated:
            return 0
        stale = stale.filter(owner=actor)
    marked = stale.update(status=FAILED, finished_at=now, error=reason, **(cleared or {}))
    if marked:
        logger.warning("Marked %s %s failed: their worker stopped", marked, model._meta.model_name)
    return marked


def fail_task(model, job_id, *, reason: str) -> int:
    """The task of job ``job_id`` failed without the job recording why (its worker died):
    a job still queued or running is marked failed with ``reason``. Returns 1 if it was."""
    marked = model.objects.filter(pk=job_id, status__in=model.unfinished).update(
        status=FAILED, finished_at=timezone.now(), error=reason
    )
    if marked:
        logger.warning("%s %s failed: its worker stopped", model._meta.model_name, job_id)
    return marked
