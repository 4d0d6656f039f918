"""TASK_BACKEND=rq: an export queued by the portal runs in a separate rq worker process
(`manage.py rqworker`, django-rq) through Redis, and its file is the same.

Redis must answer on REDIS_URL's host (CI starts it in .ci/run): a missing Redis fails this
test rather than skipping it. The test uses a Redis database of its own, emptied first."""

import os
import subprocess
import sys

import pytest
import redis
from django.conf import settings
from django.tasks import TaskResultStatus, task_backends

from apps.exports.choices import ExportStatus
from apps.exports.models import ExportJob
from apps.exports.registry import get_definition
from apps.exports.services import export_job_create
from tests.exports.conftest import make_counselors
from tests.serving import database_url

pytestmark = pytest.mark.django_db(transaction=True)

# A Redis database number nothing else on the machine uses.
TEST_REDIS_DB = 13
TIMEOUT = 120


@pytest.fixture
def redis_url():
    url = settings.REDIS_URL.rsplit("/", 1)[0] + f"/{TEST_REDIS_DB}"
    client = redis.Redis.from_url(url)
    assert client.ping(), f"Redis does not answer on {url}"
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


@pytest.fixture
def rq_backend(settings, redis_url, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": redis_url, "DEFAULT_TIMEOUT": TIMEOUT}}
    # The worker is another process: the file it writes must be where this one reads.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
        "PORTAL_ENV_FILE": os.devnull,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "TASK_BACKEND": "rq",
        "REDIS_URL": redis_url,
        "DATABASE_URL": database_url(),
        "DJANGO_MEDIA_ROOT": str(tmp_path),
    }


def test_an_export_runs_through_redis_in_an_rq_worker(rq_backend, divisions, edu_kunming):
    import django_rq

    make_counselors("530102", 4, name="五华")
    settings.EXPORT_SYNC_MAX_ROWS = 1
    job = export_job_create(
        actor=edu_kunming, definition=get_definition("counselors"), filters={}, file_format="csv"
    )
    job.refresh_from_db()
    queue = django_rq.get_queue("default")
    assert queue.job_ids == [job.task_result_id]
    assert job.status == ExportStatus.QUEUED

    worker = subprocess.run(
        [sys.executable, "manage.py", "rqworker", "default", "--burst"],
        cwd=settings.BASE_DIR,
        env=rq_backend,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )

    assert worker.returncode == 0, worker.stdout + worker.stderr
    job = ExportJob.objects.get(pk=job.pk)
    assert (job.status, job.rows_done, job.error) == (ExportStatus.DONE, 4, ""), worker.stderr
    with job.file.open("rb") as file:
        assert len(file.read().decode("utf-8-sig").splitlines()) == 1 + 4
    result = task_backends["default"].get_result(job.task_result_id)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"job": str(job.pk), "status": "done", "rows": 4}
    assert queue.count == 0


def test_an_export_whose_rq_work_horse_died_is_failed_by_rqs_clean_up(
    rq_backend, divisions, edu_kunming
):
    import django_rq
    from django_tasks_rq.backend import Job, failed_callback
    from rq.exceptions import AbandonedJobError

    make_counselors("530102", 2, name="五华")
    settings.EXPORT_SYNC_MAX_ROWS = 1
    job = export_job_create(
        actor=edu_kunming, definition=get_definition("counselors"), filters={}, file_format="csv"
    )
    job.refresh_from_db()
    rq_job = Job.fetch(job.task_result_id, connection=django_rq.get_connection("default"))

    # What rq's registry clean-up calls for a started job whose work horse is gone.
    failed_callback(rq_job, rq_job.connection, AbandonedJobError, AbandonedJobError(), None)

    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert "worker stopped" in job.error
