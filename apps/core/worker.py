"""The background task worker's heartbeat, and what becomes of the tasks of a worker that died.

``manage.py run_worker`` is django-tasks-db's ``db_worker`` with a heartbeat: a thread of the
worker process writes the process's ``WorkerHeartbeat`` row every WORKER_HEARTBEAT_SECONDS,
whether the worker is waiting or in the middle of a long task. ``/healthz`` reads the newest
beat. A task the library marked running keeps that state forever when its process dies (a
crash, a kill, a machine restart): it is failed here once its worker's beat is older than
WORKER_STALE_SECONDS (or at once, by the launcher that saw the process end), and
``task_finished`` is sent for it, so the area that queued it can settle its own record.

The same thread runs each area's ``housekeeping`` functions (``AreaConfig.housekeeping``)
every WORKER_HOUSEKEEPING_SECONDS.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import threading
import time
from collections.abc import Iterable

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import Max
from django.tasks import TaskResultStatus
from django.tasks.signals import task_finished
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from apps.core import registry
from apps.core.models import WorkerHeartbeat

logger = logging.getLogger("portal.worker")

# Rows of workers gone this long are removed.
FORGET_AFTER = datetime.timedelta(days=1)


class WorkerLost(Exception):
    """The worker process running the task stopped before the task finished."""


def beat(worker_id: str, *, started_at: datetime.datetime, now=None) -> WorkerHeartbeat:
    """Write ``worker_id``'s sign of life."""
    now = now or timezone.now()
    row, _created = WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "beat_at": now,
            "pid": os.getpid(),
            "host": socket.gethostname()[:255],
            "started_at": started_at,
        },
    )
    return row


def last_beat() -> datetime.datetime | None:
    """The newest beat of any worker (one query)."""
    return WorkerHeartbeat.objects.aggregate(last=Max("beat_at"))["last"]


def is_fresh(beat_at: datetime.datetime | None, *, now=None) -> bool:
    if beat_at is None:
        return False
    now = now or timezone.now()
    return now - beat_at <= datetime.timedelta(seconds=settings.WORKER_STALE_SECONDS)


def fail_tasks_of(worker_ids: Iterable[str]) -> int:
    """Fail every running task whose last claim is by one of ``worker_ids`` (processes known
    to be gone), sending ``task_finished`` for each. Returns how many."""
    worker_ids = set(worker_ids)
    if not worker_ids:
        return 0
    failed = 0
    for candidate in DBTaskResult.objects.running().only("pk", "worker_ids"):
        if not candidate.worker_ids or candidate.worker_ids[-1] not in worker_ids:
            continue
        with transaction.atomic():
            result = (
                DBTaskResult.objects.select_for_update()
                .filter(pk=candidate.pk, status=TaskResultStatus.RUNNING)
                .first()
            )
            if result is None:
                continue
            result.set_failed(
                WorkerLost(f"Worker {result.worker_ids[-1]} stopped while running this task.")
            )
        failed += 1
        logger.warning("Task %s failed: its worker %s stopped", result.pk, result.worker_ids[-1])
        try:
            task_result = result.task_result
        except ImportError:
            continue  # the task's code is gone: nothing can settle its record
        task_finished.send(sender=type(result.task.get_backend()), task_result=task_result)
    return failed


def fail_lost_tasks(*, now=None) -> int:
    """Fail the running tasks of workers whose beat is older than WORKER_STALE_SECONDS, and
    forget workers gone for a day. Returns how many tasks were failed."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.WORKER_STALE_SECONDS)
    silent = WorkerHeartbeat.objects.filter(beat_at__lt=cutoff).values_list("worker_id", flat=True)
    failed = fail_tasks_of(list(silent))
    WorkerHeartbeat.objects.filter(beat_at__lt=now - FORGET_AFTER).delete()
    return failed


def forget(worker_id: str) -> None:
    """A worker that stopped: its running tasks fail and its row goes."""
    fail_tasks_of([worker_id])
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def run_housekeeping() -> None:
    """Each area's housekeeping functions; one that fails does not stop the others."""
    for function in registry.housekeeping_functions():
        try:
            function()
        except Exception:
            logger.exception("Housekeeping %s failed", getattr(function, "__qualname__", function))


class Heartbeat(threading.Thread):
    """The worker process's beating thread. The first beat is written by ``start_beating``
    before the worker takes any task; a beat that fails (the database away) is logged and
    tried again at the next interval. Lost tasks are looked for only after two beats in a
    row went through, so a database outage that silenced every worker does not make the
    first one back fail the others' tasks."""

    def __init__(self, worker_id: str, *, started_at: datetime.datetime):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.started_at = started_at
        self.stopping = threading.Event()

    def run(self) -> None:
        interval = settings.WORKER_HEARTBEAT_SECONDS
        housekeeping_every = settings.WORKER_HOUSEKEEPING_SECONDS
        next_housekeeping = time.monotonic()
        previous_ok = True
        try:
            while not self.stopping.wait(interval):
                close_old_connections()
                try:
                    beat(self.worker_id, started_at=self.started_at)
                    if previous_ok:
                        fail_lost_tasks()
                    previous_ok = True
                except Exception:
                    logger.exception("Heartbeat of worker %s failed", self.worker_id)
                    previous_ok = False
                    connection.close()
                    continue
                if time.monotonic() >= next_housekeeping:
                    run_housekeeping()
                    next_housekeeping = time.monotonic() + housekeeping_every
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=5)


def start_beating(worker_id: str) -> Heartbeat:
    """Write the first beat now (failing loudly when the database cannot be written), then
    beat from a thread."""
    started_at = timezone.now()
    beat(worker_id, started_at=started_at)
    heartbeat = Heartbeat(worker_id, started_at=started_at)
    heartbeat.start()
    return heartbeat
