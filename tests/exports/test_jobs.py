"""Background export jobs: queued past the threshold, built by the worker in the owner's
scope, shown with progress, and visible and downloadable by their owner alone."""

import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from apps.accounts.choices import Role
from apps.accounts.services import user_apply_role
from apps.counselors.exports import COUNSELORS
from apps.exports.choices import ExportStatus
from apps.exports.models import ExportJob
from apps.exports.services import export_job_create, export_job_execute
from apps.exports.tasks import run_export_job

COUNTY, NAME = 1, 3


def _rows(response, file_format="xlsx"):
    data = b"".join(response.streaming_content)
    if file_format == "csv":
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1:]
    return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))[1:]


def test_a_long_list_becomes_a_queued_job(queue_job):
    response = queue_job()

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("exports:job-detail", args=[job.pk])
    assert job.status == ExportStatus.QUEUED
    assert job.kind == "counselors"
    assert job.parameters["filters"] == {}
    assert DBTaskResult.objects.filter(id=job.task_result_id, status="READY").exists()


def test_the_worker_builds_the_file_and_the_owner_downloads_it(queue_job, client, run_worker):
    queue_job()
    job = ExportJob.objects.get()

    assert run_worker() == 1

    job.refresh_from_db()
    assert job.status == ExportStatus.DONE
    assert (job.rows_done, job.rows_total, job.percent) == (7, 7, 100)
    assert job.finished_at is not None
    assert DBTaskResult.objects.get(id=job.task_result_id).status == "SUCCESSFUL"
    status = client.get(reverse("exports:job-status", args=[job.pk])).json()
    assert status["finished"] and status["status"] == "done"
    assert status["download_url"] == reverse("exports:job-download", args=[job.pk])
    page = client.get(reverse("exports:job-detail", args=[job.pk])).content.decode()
    assert "data-job-download>" in page or "data-job-download\n" in page
    download = client.get(status["download_url"])
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    rows = _rows(download)
    assert sorted(row[NAME] for row in rows) == [f"五华{i}" for i in range(5)] + ["盘龙0", "盘龙1"]


def test_it_refuses_the_file_to_an_owner_who_has_since_lost_the_right_to_the_list(
    queue_job, client, run_worker, edu_kunming
):
    queue_job()
    assert run_worker() == 1
    job = ExportJob.objects.get(status=ExportStatus.DONE)
    # Still allowed to export lists (their own), no longer to read counselor records.
    edu_kunming.role = Role.COUNSELOR
    edu_kunming.save()
    user_apply_role(user=edu_kunming)

    response = client.get(reverse("exports:job-download", args=[job.pk]))

    assert response.status_code == 403


def test_the_job_page_shows_progress_before_the_file_is_ready(queue_job, client):
    queue_job()
    job = ExportJob.objects.get()

    page = client.get(reverse("exports:job-detail", args=[job.pk]))
    status = client.get(reverse("exports:job-status", args=[job.pk])).json()
    download = client.get(reverse("exports:job-download", args=[job.pk]))

    html = page.content.decode()
    assert 'data-status="queued"' in html
    assert '<progress id="export-progress" max="100" value="0"' in html
    # Without JavaScript the page refreshes itself until the job is finished.
    assert '<meta http-equiv="refresh"' in html
    assert "data-job-download hidden" in html
    assert status == {
        "id": str(job.pk),
        "status": "queued",
        "status_label": status["status_label"],
        "rows_done": 0,
        "rows_total": None,
        "percent": 0,
        "finished": False,
        "download_url": None,
    }
    assert download.status_code == 404


def test_another_user_gets_404_for_the_job_and_its_file(
    queue_job, run_worker, league_kunming, province_admin, login
):
    queue_job()
    run_worker()
    job = ExportJob.objects.get()

    # The same scope, and a wider one: neither may see someone else's export.
    for other in (league_kunming, province_admin):
        client = login(other)
        for name in ("job-detail", "job-status", "job-download"):
            assert client.get(reverse(f"exports:{name}", args=[job.pk])).status_code == 404
        assert str(job.pk) not in client.get(reverse("exports:job-list")).content.decode()


def test_a_signed_out_visitor_is_sent_to_sign_in(queue_job, client):
    queue_job()
    job = ExportJob.objects.get()
    client.logout()

    response = client.get(reverse("exports:job-download", args=[job.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_job_rebuilds_its_rows_within_the_owners_scope(people, edu_kunming, run_worker):
    # Stored filters naming a Yuxi county (as a forged request would) reach nothing outside.
    with_forged_county = {"county": ["530402"]}
    job = export_job_create(
        actor=edu_kunming, definition=COUNSELORS, filters=with_forged_county, file_format="csv"
    )
    export_job_execute(job_id=job.pk)

    job.refresh_from_db()
    rows = list(csv.reader(io.StringIO(job.file.open("rb").read().decode("utf-8-sig"))))[1:]
    assert job.status == ExportStatus.DONE
    assert len(rows) == 7
    assert {row[COUNTY] for row in rows} == {"五华区", "盘龙区"}


def test_a_csv_job_keeps_the_requests_filters(queue_job, client, run_worker):
    queue_job(file_format="csv", county="530102", q="五华")
    run_worker()
    job = ExportJob.objects.get()

    rows = _rows(client.get(reverse("exports:job-download", args=[job.pk])), "csv")

    assert job.parameters["filters"] == {"county": ["530102"], "q": ["五华"]}
    assert sorted(row[NAME] for row in rows) == [f"五华{i}" for i in range(5)]


def test_progress_is_saved_every_n_rows(queue_job, run_worker, settings):
    settings.EXPORT_PROGRESS_EVERY = 2
    queue_job()

    with CaptureQueriesContext(connection) as queries:
        run_worker()

    progress = [q for q in queries if 'SET "rows_done"' in q["sql"]]
    # 7 rows, saved after rows 2, 4 and 6.
    assert len(progress) == 3


def test_asking_twice_reuses_the_unfinished_job(queue_job):
    first = queue_job()
    second = queue_job()

    assert ExportJob.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_finished_job_is_never_run_twice(queue_job, run_worker):
    queue_job()
    run_worker()
    job = ExportJob.objects.get()
    finished_at, name = job.finished_at, job.file.name

    export_job_execute(job_id=job.pk)

    job.refresh_from_db()
    assert (job.finished_at, job.file.name) == (finished_at, name)


def test_a_failing_job_is_marked_failed(people, edu_kunming, login, run_worker):
    job = ExportJob.objects.create(owner=edu_kunming, kind="no-such-list", file_format="xlsx")
    run_export_job.enqueue(str(job.pk))

    run_worker()

    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert job.finished_at is not None and job.error
    assert not job.file
    assert DBTaskResult.objects.get().status == "FAILED"
    page = login(edu_kunming).get(reverse("exports:job-detail", args=[job.pk])).content.decode()
    assert "data-job-failed>" in page or "data-job-failed\n" in page


def test_the_job_list_shows_only_the_users_own_jobs(queue_job, client, league_kunming):
    queue_job()
    job = ExportJob.objects.get()
    ExportJob.objects.create(owner=league_kunming, kind="counselors", file_format="csv")

    response = client.get(reverse("exports:job-list"))

    assert response.status_code == 200
    assert list(response.context["jobs"]) == [job]
