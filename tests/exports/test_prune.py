"""prune_exports: old export jobs go with their files; recent ones, and files still in use,
stay; files left without a job are swept once they are as old."""

import datetime
import io

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone

from apps.exports.choices import ExportStatus
from apps.exports.import_admin import ImportTempStorage
from apps.exports.models import ExportJob
from apps.exports.services import export_job_execute

STORAGE = ExportJob._meta.get_field("file").storage


def _job(owner, *, status=ExportStatus.DONE, with_file=True) -> ExportJob:
    job = ExportJob(owner=owner, kind="counselors", file_format="csv", status=status)
    if status in (ExportStatus.DONE, ExportStatus.FAILED):
        job.finished_at = timezone.now()
    if with_file:
        job.file.save("export.csv", ContentFile(b"\xef\xbb\xbfa,b\r\n"), save=False)
    job.save()
    return job


def prune(*args) -> str:
    out = io.StringIO()
    call_command("prune_exports", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def days_ago():
    """Run the block as if it were ``n`` days ago (jobs and files get that age)."""

    def _travel(n):
        return time_machine.travel(timezone.now() - datetime.timedelta(days=n), tick=False)

    return _travel


def test_it_deletes_jobs_older_than_a_week_with_their_files(edu_kunming, days_ago):
    with days_ago(8):
        old_done = _job(edu_kunming)
        old_failed = _job(edu_kunming, status=ExportStatus.FAILED, with_file=False)
        # Queued for a week: its worker is gone and it will not finish.
        old_queued = _job(edu_kunming, status=ExportStatus.QUEUED, with_file=False)
    with days_ago(6):
        recent = _job(edu_kunming)
    old_name, recent_name = old_done.file.name, recent.file.name

    output = prune()

    assert list(ExportJob.objects.all()) == [recent]
    assert not ExportJob.objects.filter(pk__in=[old_done.pk, old_failed.pk, old_queued.pk])
    assert not STORAGE.exists(old_name)
    assert STORAGE.exists(recent_name)
    assert "Deleted 3 export jobs and 1 files" in output


def test_days_chooses_how_long_jobs_are_kept(edu_kunming, days_ago):
    with days_ago(3):
        three_days = _job(edu_kunming)
    with days_ago(1):
        yesterday = _job(edu_kunming)

    prune("--days", "2")

    assert list(ExportJob.objects.all()) == [yesterday]
    assert not STORAGE.exists(three_days.file.name)


def test_it_sweeps_old_files_no_job_names_and_keeps_the_rest(edu_kunming, days_ago):
    with days_ago(10):
        # Left behind when its owner, and with them the job row, was deleted.
        orphan = STORAGE.save("exports/2020/01/orphan.xlsx", ContentFile(b"PK"))
    fresh_orphan = STORAGE.save("exports/2020/01/fresh.xlsx", ContentFile(b"PK"))
    kept = _job(edu_kunming)

    output = prune()

    assert not STORAGE.exists(orphan)
    # A file younger than the cutoff may belong to a job being saved right now.
    assert STORAGE.exists(fresh_orphan)
    assert STORAGE.exists(kept.file.name)
    assert "and 1 files" in output
    STORAGE.delete(fresh_orphan)


def test_a_job_pruned_while_it_waited_is_skipped_by_the_worker(edu_kunming, days_ago):
    with days_ago(8):
        job = _job(edu_kunming, status=ExportStatus.QUEUED, with_file=False)
    prune()

    assert export_job_execute(job_id=job.pk) is None


def test_a_negative_number_of_days_is_refused(db):
    with pytest.raises(CommandError):
        prune("--days", "-1")


def test_it_removes_admin_import_uploads_whose_preview_was_never_confirmed(db, days_ago):
    with days_ago(8):
        abandoned = ImportTempStorage()
        abandoned.save(b"PK old")
    waiting = ImportTempStorage()
    waiting.save(b"PK new")

    output = prune()

    assert not default_storage.exists(abandoned.path())
    assert default_storage.exists(waiting.path())
    assert "and 1 files" in output
    waiting.remove()
