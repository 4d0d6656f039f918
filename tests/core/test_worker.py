"""The task worker's heartbeat, the tasks of a worker that died, and the areas' housekeeping."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from apps.core import registry, worker
from apps.core.models import WorkerHeartbeat
from apps.exports.choices import ExportStatus
from apps.exports.models import ExportJob
from apps.exports.services import export_job_fail_stale
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def beat_ago(worker_id, seconds):
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        pid=1,
        started_at=now - datetime.timedelta(hours=1),
        beat_at=now - datetime.timedelta(seconds=seconds),
    )


def running_export(owner, *, claimed_by):
    """An export job its worker ``claimed_by`` has claimed and is running."""
    job = ExportJob.objects.create(owner=owner, kind="counselors", file_format="xlsx")
    result = DBTaskResult.objects.create(
        task_path="apps.exports.tasks.run_export_job",
        args_kwargs={"args": [str(job.pk)], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now(),
        worker_ids=[claimed_by],
    )
    now = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING, started_at=now, heartbeat_at=now, task_result_id=result.pk
    )
    return job, result


def test_the_tasks_of_a_silent_worker_fail_and_their_exports_with_them(divisions, settings):
    settings.WORKER_STALE_SECONDS = 60
    owner = UserFactory()
    beat_ago("dead", 61)
    beat_ago("alive", 5)
    lost_job, lost_task = running_export(owner, claimed_by="dead")
    live_job, live_task = running_export(owner, claimed_by="alive")
    # claimed first by the dead worker, then again by a live one: the live one has it
    retaken_job, retaken_task = running_export(owner, claimed_by="alive")
    DBTaskResult.objects.filter(pk=retaken_task.pk).update(worker_ids=["dead", "alive"])

    assert worker.fail_lost_tasks() == 1

    lost_task.refresh_from_db()
    assert lost_task.status == TaskResultStatus.FAILED
    assert lost_task.exception_class_path == "apps.core.worker.WorkerLost"
    lost_job.refresh_from_db()
    assert lost_job.status == ExportStatus.FAILED
    assert lost_job.error == "The background worker stopped before the file was finished."
    assert lost_job.finished_at is not None
    for job, task in ((live_job, live_task), (retaken_job, retaken_task)):
        task.refresh_from_db()
        job.refresh_from_db()
        assert (task.status, job.status) == (TaskResultStatus.RUNNING, ExportStatus.RUNNING)


def test_a_worker_known_to_be_gone_is_forgotten_at_once(divisions, settings):
    settings.WORKER_STALE_SECONDS = 60
    beat_ago("killed", 1)
    job, task = running_export(UserFactory(), claimed_by="killed")

    worker.forget("killed")

    task.refresh_from_db()
    job.refresh_from_db()
    assert (task.status, job.status) == (TaskResultStatus.FAILED, ExportStatus.FAILED)
    assert not WorkerHeartbeat.objects.filter(worker_id="killed").exists()


def test_a_finished_export_is_not_failed_by_a_late_failure_of_its_task(divisions):
    job, _task = running_export(UserFactory(), claimed_by="gone")
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.DONE, file="exports/done.xlsx", finished_at=timezone.now()
    )
    beat_ago("gone", 3600)

    worker.fail_lost_tasks()

    job.refresh_from_db()
    assert job.status == ExportStatus.DONE


def test_workers_gone_for_a_day_are_forgotten():
    beat_ago("yesterday", 25 * 3600)
    beat_ago("now", 1)

    worker.fail_lost_tasks()

    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["now"]


def test_housekeeping_fails_stalled_exports(divisions, settings):
    settings.EXPORT_STALE_SECONDS = 600
    assert export_job_fail_stale in registry.housekeeping_functions()
    job = ExportJob.objects.create(owner=UserFactory(), kind="counselors", file_format="xlsx")
    long_ago = timezone.now() - datetime.timedelta(minutes=30)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING, started_at=long_ago, heartbeat_at=long_ago
    )

    worker.run_housekeeping()

    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED


# The worker closes its connection between tasks, as a request would: outside a test's
# transaction.
@pytest.mark.django_db(transaction=True)
def test_the_worker_command_beats_before_taking_tasks_and_forgets_itself_on_exit():
    out = io.StringIO()

    call_command("run_worker", "--batch", "--worker-id=batch-1", "--no-startup-delay", stdout=out)

    assert "Worker batch-1 beating" in out.getvalue()
    # It stopped cleanly: no row says it is alive.
    assert not WorkerHeartbeat.objects.filter(worker_id="batch-1").exists()
