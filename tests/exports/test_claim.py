"""Claiming a queued job, shared by the export and import workers: under real concurrency
on PostgreSQL, of two workers handed the same job exactly one runs it."""

import threading

import pytest
from django.db import connection

from apps.exports import background
from apps.exports.choices import ExportFormat, ExportStatus
from apps.exports.models import ExportJob, ImportJob, ImportStatus


def _export_job(owner) -> ExportJob:
    return ExportJob.objects.create(owner=owner, kind="counselors", file_format=ExportFormat.XLSX)


def _import_job(owner) -> ImportJob:
    return ImportJob.objects.create(
        owner=owner, page="organizations.school_import", path="/organizations/schools/import/"
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("make", "running"),
    [(_export_job, ExportStatus.RUNNING), (_import_job, ImportStatus.RUNNING)],
    ids=["export", "import"],
)
def test_of_two_workers_claiming_one_queued_job_exactly_one_runs_it(make, running, edu_wuhua):
    # given one queued job
    job = make(edu_wuhua)
    barrier = threading.Barrier(2)
    claims: list[bool] = []

    def claim_once():
        try:
            barrier.wait()
            claimed, seen = background.claim(type(job), job.pk)
            assert seen.pk == job.pk
            claims.append(claimed)
        finally:
            connection.close()

    # when two workers claim it at the same moment
    threads = [threading.Thread(target=claim_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then exactly one has it, and the job is running from that claim
    assert sorted(claims) == [False, True]
    job.refresh_from_db()
    assert job.status == running
    assert job.started_at is not None and job.heartbeat_at == job.started_at


@pytest.mark.django_db
def test_a_job_that_is_gone_is_not_claimed(edu_wuhua):
    job = _export_job(edu_wuhua)
    job_id = job.pk
    job.delete()

    assert background.claim(ExportJob, job_id) == (False, None)


@pytest.mark.django_db
def test_a_job_no_longer_queued_is_not_claimed_again(edu_wuhua):
    job = _export_job(edu_wuhua)
    assert background.claim(ExportJob, job.pk)[0] is True

    claimed, seen = background.claim(ExportJob, job.pk)

    assert claimed is False
    assert seen.status == ExportStatus.RUNNING
