"""Background exports stay bounded: parameters a list does not know make no new job, a user
has only so many jobs on their way, and a job whose worker stopped is marked failed and can
be queued again."""

import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from apps.counselors.exports import COUNSELORS
from apps.exports.choices import ExportStatus
from apps.exports.models import ExportJob
from apps.exports.registry import get_definition, registered_kinds
from apps.exports.services import export_job_create, export_job_execute, known_filters

LIST = reverse("exports:job-list")


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _running_job(owner, *, started_minutes_ago: int, heartbeat_minutes_ago: int | None = None):
    now = timezone.now()
    job = ExportJob.objects.create(owner=owner, kind="counselors", file_format="xlsx")
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING,
        started_at=now - datetime.timedelta(minutes=started_minutes_ago),
        heartbeat_at=None
        if heartbeat_minutes_ago is None
        else now - datetime.timedelta(minutes=heartbeat_minutes_ago),
    )
    return job


# Unknown parameters ---------------------------------------------------------------------


def test_unknown_parameters_make_no_new_job(queue_job):
    first = queue_job()
    for n in range(1, 5):
        again = queue_job(junk=str(n))
        assert again["Location"] == first["Location"]

    job = ExportJob.objects.get()
    assert job.parameters["filters"] == {}


def test_known_parameters_are_kept_and_unknown_ones_dropped(queue_job):
    queue_job(county="530102", junk="1", utm_source="mail")

    assert ExportJob.objects.get().parameters["filters"] == {"county": ["530102"]}


def test_a_job_created_directly_also_keeps_only_known_parameters(people, edu_kunming):
    job = export_job_create(
        actor=edu_kunming,
        definition=COUNSELORS,
        filters={"q": ["五华"], "nonsense": ["x" * 50]},
        file_format="csv",
    )

    assert job.parameters["filters"] == {"q": ["五华"]}


# The cap on open jobs -------------------------------------------------------------------


def test_a_user_has_at_most_the_configured_number_of_open_jobs(queue_job, settings):
    settings.EXPORT_MAX_OPEN_JOBS = 2
    queue_job(file_format="xlsx")
    queue_job(file_format="csv")

    refused = queue_job(file_format="xlsx", county="530102")

    assert refused.status_code == 302
    assert refused["Location"] == LIST
    assert ExportJob.objects.count() == 2
    assert _messages(refused)[-1] == "您已有 2 个导出正在准备中，请等其中一个完成后再导出。"
    # The same request as an open job is still answered with that job.
    assert queue_job(file_format="csv")["Location"] != LIST


def test_finished_jobs_do_not_count_toward_the_cap(queue_job, settings, run_worker):
    settings.EXPORT_MAX_OPEN_JOBS = 1
    queue_job(file_format="xlsx")
    run_worker()

    queue_job(file_format="csv")

    assert ExportJob.objects.filter(status=ExportStatus.QUEUED).count() == 1
    assert ExportJob.objects.count() == 2


# Jobs whose worker stopped --------------------------------------------------------------


def test_the_list_marks_a_job_whose_worker_stopped_as_failed(people, edu_kunming, login, settings):
    settings.EXPORT_STALE_SECONDS = 600
    dead = _running_job(edu_kunming, started_minutes_ago=60, heartbeat_minutes_ago=11)
    never_reported = _running_job(edu_kunming, started_minutes_ago=11)
    alive = _running_job(edu_kunming, started_minutes_ago=60, heartbeat_minutes_ago=1)

    response = login(edu_kunming).get(LIST)

    statuses = dict(ExportJob.objects.values_list("pk", "status"))
    assert statuses == {
        dead.pk: ExportStatus.FAILED,
        never_reported.pk: ExportStatus.FAILED,
        alive.pk: ExportStatus.RUNNING,
    }
    page = response.content.decode()
    assert page.count("data-retry-job") == 2
    assert ExportJob.objects.get(pk=dead.pk).finished_at is not None


def test_the_command_marks_every_users_stalled_jobs(people, edu_kunming, edu_yuxi, settings):
    settings.EXPORT_STALE_SECONDS = 600
    mine = _running_job(edu_kunming, started_minutes_ago=30)
    theirs = _running_job(edu_yuxi, started_minutes_ago=30, heartbeat_minutes_ago=20)
    out = io.StringIO()

    call_command("fail_stale_exports", stdout=out)

    assert "Marked 2 " in out.getvalue()
    assert set(ExportJob.objects.values_list("status", flat=True)) == {ExportStatus.FAILED}
    assert {mine.pk, theirs.pk} == set(ExportJob.objects.values_list("pk", flat=True))


def test_a_worker_back_from_the_dead_does_not_overwrite_the_failure(people, edu_kunming, settings):
    # given a job claimed by a worker, then taken for dead while it builds the file
    settings.EXPORT_PROGRESS_EVERY = 2
    job = export_job_create(actor=edu_kunming, definition=COUNSELORS, filters={}, file_format="csv")
    from apps.exports import services

    original = services.write_export

    def write_then_die(**kwargs):
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.FAILED, finished_at=timezone.now()
        )
        return original(**kwargs)

    services.write_export = write_then_die
    try:
        # when the worker carries on
        export_job_execute(job_id=job.pk)
    finally:
        services.write_export = original

    # then the job stays failed, with no file
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert not job.file


# Retrying -------------------------------------------------------------------------------


def test_retry_queues_a_failed_job_again_and_it_finishes(
    people, edu_kunming, login, settings, run_worker, django_capture_on_commit_callbacks
):
    settings.EXPORT_STALE_SECONDS = 600
    failed = export_job_create(
        actor=edu_kunming, definition=COUNSELORS, filters={"q": ["五华"]}, file_format="csv"
    )
    ExportJob.objects.filter(pk=failed.pk).update(
        status=ExportStatus.RUNNING, started_at=timezone.now() - datetime.timedelta(hours=1)
    )
    client = login(edu_kunming)
    assert "data-retry-job" in client.get(LIST).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exports:job-retry", args=[failed.pk]))

    retried = ExportJob.objects.get()
    assert retried.pk != failed.pk
    assert response["Location"] == reverse("exports:job-detail", args=[retried.pk])
    assert retried.status == ExportStatus.QUEUED
    assert retried.parameters == failed.parameters
    run_worker()
    retried.refresh_from_db()
    assert retried.status == ExportStatus.DONE
    assert retried.rows_done == 5


def test_only_a_failed_job_of_ones_own_can_be_retried(people, edu_kunming, edu_yuxi, login):
    job = export_job_create(actor=edu_kunming, definition=COUNSELORS, filters={}, file_format="csv")
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.FAILED, finished_at=timezone.now()
    )
    url = reverse("exports:job-retry", args=[job.pk])

    assert login(edu_yuxi).post(url).status_code == 404
    assert login(edu_kunming).get(url).status_code == 405
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.QUEUED, finished_at=None)
    refused = login(edu_kunming).post(url)
    assert refused["Location"] == LIST
    assert ExportJob.objects.get().pk == job.pk


@pytest.mark.parametrize("status", [ExportStatus.QUEUED, ExportStatus.RUNNING])
def test_a_fresh_unfinished_job_is_left_alone(people, edu_kunming, login, status):
    job = export_job_create(actor=edu_kunming, definition=COUNSELORS, filters={}, file_format="csv")
    ExportJob.objects.filter(pk=job.pk).update(status=status, started_at=timezone.now())

    login(edu_kunming).get(LIST)

    assert ExportJob.objects.get().status == status


@pytest.mark.parametrize("kind", registered_kinds())
def test_every_exported_list_drops_parameters_it_does_not_read(province_admin, kind):
    definition = get_definition(kind)

    kept = known_filters(
        actor=province_admin, definition=definition, filters={"junk": ["1"], "utm": ["x"]}
    )

    assert kept == {}
