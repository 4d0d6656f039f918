"""Claiming a queued job, shared by the export and import workers: under real concurrency
on PostgreSQL, of two workers handed the same job exactly one runs it."""

import pytest

from apps.exports import background
from apps.exports.choices import ExportFormat, ExportStatus
from apps.exports.models import ExportJob, ImportJob, ImportStatus
from tests.concurrency import at_once


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

    # when two workers claim it at the same moment
    outcomes = at_once([lambda: background.claim(type(job), job.pk)] * 2)

    # then exactly one has it, and the job is running from that claim
    claims = [outcome.result() for outcome in outcomes]
    assert [seen.pk for _claimed, seen in claims] == [job.pk, job.pk]
    assert sorted(claimed for claimed, _seen in claims) == [False, True]
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
