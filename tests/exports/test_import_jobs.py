"""Imports past IMPORT_SYNC_MAX_ROWS run as background jobs (docs/adr/0022): the request
stores the file and returns, a worker checks it and keeps the preview's counts and first
error rows, the owner confirms, a worker writes it through the same resource and services.

The worker is django-tasks-db's own loop run in this process (``run_worker``), as for
exports; the school import page stands for every import page.
"""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.history import IMPORTED
from apps.exports.imports.jobs import (
    import_job_fail_stale,
    import_job_task_failed,
)
from apps.exports.models import ImportJob, ImportPhase, ImportStatus, PendingImport
from apps.organizations.models import School
from tests.concurrency import at_once
from tests.factories import division
from tests.imports.conftest import upload, with_macros, xlsx_bytes
from tests.imports.test_school_import import HEADERS, school_row

IMPORT_URL = reverse("organizations:school-import")


@pytest.fixture(autouse=True)
def _jobs_past_two_rows(settings):
    settings.IMPORT_SYNC_MAX_ROWS = 2
    settings.LANGUAGE_CODE = "en"


def schools_file(count, *, prefix="导入测试学校", bad_every=0):
    rows = []
    for i in range(count):
        county = "不存在县" if bad_every and i % bad_every == 0 else "五华区"
        rows.append(school_row(f"{prefix}{i:05d}", county=county))
    return xlsx_bytes(HEADERS, rows)


def send(client, content, name="学校.xlsx"):
    return client.post(IMPORT_URL, {"sheet": upload(content, name=name)})


@pytest.fixture
def uploaded(login, edu_wuhua, django_capture_on_commit_callbacks):
    """edu_wuhua uploads a file; returns (client, response, job)."""

    def _upload(content):
        client = login(edu_wuhua)
        with django_capture_on_commit_callbacks(execute=True):
            response = send(client, content)
        job = ImportJob.objects.filter(owner=edu_wuhua).order_by("-created_at").first()
        return client, response, job

    return _upload


def confirm(client, job, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(IMPORT_URL, {"confirm_job": str(job.pk)})


# The request ------------------------------------------------------------------------


def test_a_file_past_the_threshold_is_queued_and_the_request_returns(uploaded):
    client, response, job = uploaded(schools_file(3))

    assert response.status_code == 302
    assert response["Location"] == f"{IMPORT_URL}?job={job.pk}"
    assert (job.phase, job.status) == (ImportPhase.PREVIEW, ImportStatus.QUEUED)
    assert job.task_result_id
    assert bytes(job.content).startswith(b"PK")
    # Nothing was read or written yet.
    assert not School.objects.filter(name__startswith="导入测试学校").exists()
    assert not PendingImport.objects.exists()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"data-import-job" in page.content
    assert b'data-status="queued"' in page.content


def test_a_small_file_is_still_previewed_in_the_request(login, edu_wuhua):
    response = send(login(edu_wuhua), schools_file(2))

    assert response.status_code == 200
    assert b"data-import-report" in response.content
    assert not ImportJob.objects.exists()


def test_a_hostile_large_file_is_refused_in_the_request_without_a_job(login, edu_wuhua):
    rows = [school_row(f"宏学校{i}") for i in range(5)]

    response = send(login(edu_wuhua), with_macros(HEADERS, rows))

    assert response.status_code == 200
    assert "macros" in response.context["form"].errors["sheet"][0]
    assert not ImportJob.objects.exists()


def test_the_row_cap_is_applied_by_the_job(uploaded, run_worker, settings):
    settings.IMPORT_MAX_ROWS = 4
    _client, _response, job = uploaded(schools_file(6))

    run_worker()

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert job.report["has_errors"]
    assert "more than 4 rows" in job.report["general_errors"][0]
    assert job.pending is None
    assert bytes(job.content) == b""


def test_the_cap_on_open_jobs_refuses_another_upload(uploaded, settings, login, edu_wuhua):
    settings.IMPORT_MAX_OPEN_JOBS = 1
    uploaded(schools_file(3))

    response = send(login(edu_wuhua), schools_file(3, prefix="另一批"))

    assert response.status_code == 200
    assert "already have 1 imports" in response.context["form"].errors["sheet"][0]
    assert ImportJob.objects.count() == 1


def test_someone_elses_job_is_not_found(uploaded, login, edu_kunming):
    _client, _response, job = uploaded(schools_file(3))
    other = login(edu_kunming)

    assert other.get(IMPORT_URL, {"job": str(job.pk)}).status_code == 404
    assert other.post(IMPORT_URL, {"confirm_job": str(job.pk)}).status_code == 404
    assert other.post(IMPORT_URL, {"cancel_job": str(job.pk)}).status_code == 404
    assert other.get(IMPORT_URL, {"job": "not-a-uuid"}).status_code == 404


# Preview and confirmation -----------------------------------------------------------


def test_the_worker_previews_then_confirmation_writes_through_the_services(
    uploaded, run_worker, edu_wuhua, django_capture_on_commit_callbacks
):
    # given a previewed file
    client, response, job = uploaded(schools_file(3))
    assert run_worker() == 1
    job.refresh_from_db()
    assert (job.phase, job.status) == (ImportPhase.PREVIEW, ImportStatus.DONE)
    assert (job.report["new"], job.report["update"], job.report["errors"]) == (3, 0, 0)
    assert job.rows_done == job.rows_total == 3
    assert job.confirmable
    assert not School.objects.filter(name__startswith="导入测试学校").exists()
    status = client.get(IMPORT_URL, {"job": str(job.pk), "format": "json"}).json()
    assert status["finished"] and status["percent"] == 100
    page = client.get(IMPORT_URL, {"job": str(job.pk)})
    assert b"data-confirm-import-job" in page.content

    # when its owner confirms it
    response = confirm(client, job, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.phase, job.status) == (ImportPhase.COMMIT, ImportStatus.QUEUED)
    assert run_worker() == 1

    # then the rows are written, recorded as imported by their owner, and the page says so
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.committed
    assert job.report["new"] == 3
    schools = School.objects.filter(name__startswith="导入测试学校")
    assert schools.count() == 3
    history = School.history.filter(name__startswith="导入测试学校", history_type="+")
    assert history.count() == 3
    assert {(h.history_user_id, h.history_change_reason) for h in history} == {
        (edu_wuhua.pk, IMPORTED)
    }
    assert not PendingImport.objects.exists()
    page = client.get(IMPORT_URL, {"job": str(job.pk)})
    assert b"data-import-result" in page.content
    # A second confirmation does nothing.
    confirm(client, job, django_capture_on_commit_callbacks)
    assert run_worker() == 0
    assert schools.count() == 3


def test_a_large_file_with_errors_lists_a_page_of_error_rows_not_the_whole_file(
    uploaded, run_worker, settings
):
    settings.IMPORT_REPORT_ERROR_ROWS = 55
    client, _response, job = uploaded(schools_file(120, bad_every=2))

    run_worker()

    job.refresh_from_db()
    assert job.report["errors"] == 60
    assert job.report["rows"] == 120
    assert len(job.report["error_rows"]) == 55
    assert job.report["error_rows"][0]["number"] == 2
    assert job.report["error_rows"][0]["errors"][0]["column"] == "county"
    assert job.pending is None
    page = client.get(IMPORT_URL, {"job": str(job.pk)})
    text = page.content.decode()
    assert text.count("<tr data-row=") == 50
    assert 'data-row="2"' in text
    # Valid rows and error rows past the first page are not in the page.
    assert "导入测试学校00001" not in text
    assert "导入测试学校00110" not in text
    assert 'rel="next"' in text
    assert "The first 55 of 60 rows with errors" in text
    second = client.get(IMPORT_URL, {"job": str(job.pk), "page": 2}).content.decode()
    assert second.count("<tr data-row=") == 5


def test_a_large_valid_file_shows_counts_not_rows(uploaded, run_worker):
    client, _response, job = uploaded(schools_file(40))

    run_worker()

    text = client.get(IMPORT_URL, {"job": str(job.pk)}).content.decode()
    assert 'data-count="new">40<' in text
    assert "<tr data-row=" not in text
    assert "导入测试学校00020" not in text


def test_cancelling_a_preview_deletes_its_rows(
    uploaded, run_worker, django_capture_on_commit_callbacks
):
    client, _response, job = uploaded(schools_file(3))
    run_worker()
    assert PendingImport.objects.count() == 1

    response = client.post(IMPORT_URL, {"cancel_job": str(job.pk)})

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED
    assert not PendingImport.objects.exists()
    confirm(client, job, django_capture_on_commit_callbacks)
    assert run_worker() == 0
    assert not School.objects.filter(name__startswith="导入测试学校").exists()


def test_a_queued_preview_cancelled_before_the_worker_runs_is_not_checked(uploaded, run_worker):
    client, _response, job = uploaded(schools_file(3))

    client.post(IMPORT_URL, {"cancel_job": str(job.pk)})
    run_worker()

    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED
    assert bytes(job.content) == b""
    assert not PendingImport.objects.exists()


def test_a_new_upload_cancels_the_earlier_preview_of_the_page(uploaded, run_worker):
    _client, _response, first = uploaded(schools_file(3))
    run_worker()

    uploaded(schools_file(3, prefix="第二批"))

    first.refresh_from_db()
    assert first.status == ImportStatus.CANCELLED
    assert not PendingImport.objects.filter(pk=first.pending_id or uuid.uuid4()).exists()


def test_an_expired_preview_cannot_be_confirmed(
    uploaded, run_worker, django_capture_on_commit_callbacks
):
    client, _response, job = uploaded(schools_file(3))
    run_worker()
    PendingImport.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    confirm(client, job, django_capture_on_commit_callbacks)

    assert run_worker() == 0
    job.refresh_from_db()
    assert job.phase == ImportPhase.PREVIEW
    assert not School.objects.filter(name__startswith="导入测试学校").exists()


# Rights and scope are checked again in the job ---------------------------------------


def test_scope_lost_before_the_write_is_refused_and_nothing_is_written(
    uploaded, run_worker, edu_wuhua, django_capture_on_commit_callbacks
):
    client, _response, job = uploaded(schools_file(3))
    run_worker()
    # The importer moves to Panlong after the preview: Wuhua is no longer theirs.
    edu_wuhua.division = division("530103")
    edu_wuhua.save()

    confirm(client, job, django_capture_on_commit_callbacks)
    run_worker()

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert not job.committed
    assert job.report["errors"] == 3
    assert not School.objects.filter(name__startswith="导入测试学校").exists()


def test_a_right_lost_before_the_write_fails_the_job(
    uploaded, run_worker, edu_wuhua, django_capture_on_commit_callbacks
):
    client, _response, job = uploaded(schools_file(3))
    run_worker()
    confirm(client, job, django_capture_on_commit_callbacks)
    # The account is switched off before the worker writes.
    edu_wuhua.is_active = False
    edu_wuhua.save()

    run_worker()

    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "no longer import" in job.report["general_errors"][0]
    assert not School.objects.filter(name__startswith="导入测试学校").exists()


def test_a_right_lost_before_the_preview_fails_the_job(uploaded, run_worker, edu_wuhua):
    _client, _response, job = uploaded(schools_file(3))
    # The importer's groups are taken away: the page's rule refuses them now.
    edu_wuhua.groups.clear()
    edu_wuhua.user_permissions.clear()

    run_worker()

    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert job.pending is None
    assert not PendingImport.objects.exists()


# A worker that died -------------------------------------------------------------------


def test_a_running_job_whose_worker_died_is_marked_failed(uploaded, settings):
    client, _response, job = uploaded(schools_file(3))
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.EXPORT_STALE_SECONDS + 1)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, started_at=long_ago, heartbeat_at=long_ago
    )

    page = client.get(IMPORT_URL, {"job": str(job.pk)})

    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert bytes(job.content) == b""
    assert b"data-import-job" in page.content
    assert import_job_fail_stale() == 0


def test_a_running_job_that_shows_life_is_left_alone(uploaded):
    _client, _response, job = uploaded(schools_file(3))
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, started_at=now, heartbeat_at=now
    )

    assert import_job_fail_stale() == 0


def test_a_failed_task_settles_its_job(uploaded):
    _client, _response, job = uploaded(schools_file(3))

    assert import_job_task_failed(job_id=job.pk) == 1

    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert import_job_task_failed(job_id=job.pk) == 0


# Two confirmations at once --------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_once_queue_one_write(divisions, edu_wuhua):
    from django_tasks_db.models import DBTaskResult

    from apps.exports.imports.jobs import import_job_confirm

    # given a preview waiting for confirmation
    pending = PendingImport.objects.create(
        owner=edu_wuhua, page="organizations.school_import", headers=["a"], rows=[["1"]]
    )
    job = ImportJob.objects.create(
        owner=edu_wuhua,
        page="organizations.school_import",
        path=IMPORT_URL,
        status=ImportStatus.DONE,
        finished_at=timezone.now(),
        pending=pending,
    )

    # when two requests confirm it at the same moment
    outcomes = at_once([lambda: import_job_confirm(actor=edu_wuhua, job=job)] * 2)

    # then one of them queues the write, once
    assert sorted(outcome.result() for outcome in outcomes) == [False, True]
    job.refresh_from_db()
    assert (job.phase, job.status) == (ImportPhase.COMMIT, ImportStatus.QUEUED)
    assert DBTaskResult.objects.filter(args_kwargs__args=[str(job.pk)]).count() == 1


def test_rows_are_counted_every_so_many():
    from apps.exports.imports.progress import reporting, row_done

    saved = []
    row_done()  # outside a job: nothing to count
    with reporting(saved.append, every=2):
        for _ in range(5):
            row_done()

    assert saved == [2, 4]


@pytest.mark.django_db(transaction=True)
def test_progress_is_saved_while_the_imports_transaction_is_open(divisions, edu_wuhua):
    from django.db import transaction

    from apps.exports.imports.progress import OwnConnection

    job = ImportJob.objects.create(owner=edu_wuhua, page="p", path=IMPORT_URL)
    own = OwnConnection()
    with transaction.atomic():
        # The import's own transaction, still open: others see the progress all the same.
        ImportJob.objects.filter(pk=job.pk).exists()
        own.submit(lambda: ImportJob.objects.filter(pk=job.pk).update(rows_done=7))
        own.close()
        assert ImportJob.objects.get(pk=job.pk).rows_done == 7
        transaction.set_rollback(True)


def test_the_import_page_leads_back_to_an_unfinished_job(uploaded, run_worker):
    client, _response, job = uploaded(schools_file(3))

    page = client.get(IMPORT_URL).content.decode()
    assert f"?job={job.pk}" in page
    run_worker()
    # Waiting for confirmation: still offered.
    assert f"?job={job.pk}" in client.get(IMPORT_URL).content.decode()

    client.post(IMPORT_URL, {"cancel_job": str(job.pk)})

    assert "data-open-import-job" not in client.get(IMPORT_URL).content.decode()
