"""Several app servers and workers on one PostgreSQL database and one media folder.

Two `manage.py serve` launchers (the production settings, the same secret key) listen on two
free ports; two task workers (`manage.py run_worker`) run beside them; the cookies of one
client go to both, as behind a load balancer. Nothing the portal keeps lives in one
process: sessions and job claims are rows, uploads are files in the shared folder, the
reminders' "sent once" is a constraint in the database."""

import datetime
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from apps.accounts.choices import Role
from apps.core import clock
from apps.documents.demo import pdf_bytes
from apps.exports.choices import ExportStatus
from apps.exports.models import ExportJob
from apps.inbox.models import Notification
from apps.meetings import services as meetings
from apps.meetings.choices import OwnerSide
from apps.organizations.models import School
from tests.concurrency import at_once
from tests.exports.conftest import make_counselors
from tests.factories import UserFactory, division
from tests.imports.conftest import xlsx_bytes
from tests.imports.test_admin import SCHOOL_HEADERS, school_row
from tests.inbox.conftest import DUE_AFTER_WEEKEND
from tests.serving import Client, launch, production_environment, provincial_meeting, stop, user

pytestmark = pytest.mark.django_db(transaction=True)

TIMEOUT = 120
# What each server allows one user at once (the test of the cap asks for more).
OPEN_JOBS = 25


def deadline_poll(condition, what: str, timeout: float = TIMEOUT):
    """``condition()``'s first true value, asked again as soon as it answers; fails after
    ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")


@pytest.fixture(scope="module")
def environment(django_db_setup, tmp_path_factory):
    """What every server and worker process is given: one database, one media folder."""
    return production_environment(
        tmp_path_factory.mktemp("several-servers"),
        "several-servers",
        SERVE_WEB_PROCESSES="2",
        EXPORT_SYNC_MAX_ROWS="0",
        EXPORT_MAX_OPEN_JOBS=str(OPEN_JOBS),
    )


@pytest.fixture(scope="module")
def servers(environment, tmp_path_factory):
    """The addresses of two servers (no task worker of their own: see ``workers``), each
    with a temporary folder of its own, as on two hosts."""
    launchers = []
    try:
        for host in ("a", "b"):
            launchers.append(
                launch(
                    *("manage.py", "serve", "--port", "0", "--task-workers", "0"),
                    env={**environment, "TMPDIR": str(tmp_path_factory.mktemp(f"tmp-{host}"))},
                )
            )
        addresses = [
            "http://127.0.0.1:" + output.expect(r"Serving on .*:(\d+)/")[1]
            for _launcher, output in launchers
        ]
        assert addresses[0] != addresses[1]
        yield addresses
    finally:
        for launcher, _output in launchers:
            stop(launcher)


@pytest.fixture(scope="module")
def workers(environment):
    """Two task workers beside the servers; their ids."""
    ids = [f"several-{number}-{uuid.uuid4().hex[:8]}" for number in range(2)]
    processes = []
    try:
        for worker_id in ids:
            process, output = launch(
                *("manage.py", "run_worker", "--no-reload", "--no-startup-delay"),
                *("--interval=0.2", f"--worker-id={worker_id}"),
                env=environment,
            )
            processes.append(process)
            output.expect(rf"Worker {worker_id} beating")
        yield ids
    finally:
        for process in processes:
            stop(process)


def test_a_session_and_an_upload_made_on_one_server_serve_on_the_other(servers, divisions):
    server_a, server_b = servers
    league, meeting = provincial_meeting()
    browser = Client()

    # Signed in on A, the dashboard answers on B.
    browser.sign_in(server_a, league)
    status, _headers, body = browser.get(server_b + reverse("reports:dashboard"))
    assert status == 200
    assert league.full_name in body.decode()

    # The form comes from B, the upload goes to A, the file comes back from B.
    upload_path = reverse("meetings:minutes-upload", args=[meeting.pk])
    token = browser.csrf_token(server_b + upload_path)
    content = pdf_bytes("minutes")
    status, _headers, _body = browser.post(
        server_a + upload_path,
        {},
        token=token,
        files={"minutes": ("纪要.pdf", content, "application/pdf")},
    )
    assert status == 302
    status, headers, body = browser.get(
        server_b + reverse("meetings:minutes-download", args=[meeting.pk])
    )
    assert status == 200
    assert headers["Content-Type"] == "application/pdf"
    assert body == content

    # Signed out on B, the session is gone on A too.
    token = browser.csrf_token(server_b + reverse("reports:dashboard"))
    status, _headers, _body = browser.post(server_b + reverse("accounts:logout"), {}, token=token)
    assert status == 302
    status, headers, _body = browser.get(server_a + reverse("reports:dashboard"))
    assert status == 302
    assert headers["Location"].startswith(reverse("accounts:login"))


def test_an_admin_import_previewed_on_one_server_is_confirmed_on_the_other(servers, divisions):
    server_a, server_b = servers
    staff = user(role=Role.EDUCATION, division=division("530102"))
    browser = Client()
    browser.sign_in(server_a, staff)
    content = xlsx_bytes(SCHOOL_HEADERS, [school_row("两台服务器小学", "530102")])
    url = "/admin/organizations/school/"

    status, _headers, body = browser.post(
        server_a + url + "import/",
        {"format": "0"},
        token=browser.csrf_token(server_a + url + "import/"),
        files={"import_file": ("学校.xlsx", content, "application/octet-stream")},
    )
    assert status == 200
    fields = dict(re.findall(rb'<input type="hidden" name="(\w+)" value="([^"]*)"', body))
    assert fields.get(b"import_file_name"), body[:2000]

    status, _headers, _body = browser.post(
        server_b + url + "process_import/",
        {
            name.decode(): value.decode()
            for name, value in fields.items()
            if name != b"csrfmiddlewaretoken"
        },
        token=fields[b"csrfmiddlewaretoken"].decode(),
    )

    assert status == 302
    assert School.objects.filter(name="两台服务器小学", county_id="530102").exists()


def queue_export(browser, server, name) -> tuple[int, str]:
    """Ask ``server`` for the counselor list filtered by ``name`` as a file: a job (every
    export is one here); returns the status and where it redirects."""
    url = (
        server
        + reverse("counselors:counselor-list")
        + "?"
        + urllib.parse.urlencode({"format": "csv", "q": name})
    )
    status, headers, _body = browser.get(url)
    return status, headers.get("Location", "")


def test_the_cap_on_a_users_open_exports_holds_across_servers(servers, divisions):
    make_counselors("530102", OPEN_JOBS + 10, name="辅导员")
    person = user(role=Role.EDUCATION, division=division("530100"))
    browser = Client()
    browser.sign_in(servers[0], person)
    asked = OPEN_JOBS + 10

    # Each request names another filter, so none is the same job as another; half go to A,
    # half to B, four at a time.
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(
            pool.map(
                lambda number: queue_export(browser, servers[number % 2], f"辅导员{number}"),
                range(asked),
            )
        )

    assert ExportJob.objects.filter(owner=person).count() == OPEN_JOBS, answers
    queued = [url for status, url in answers if re.fullmatch(r"/exports/jobs/[0-9a-f-]+/", url)]
    refused = [url for status, url in answers if url == reverse("exports:job-list")]
    assert {status for status, _url in answers} == {302}
    assert (len(queued), len(refused)) == (OPEN_JOBS, asked - OPEN_JOBS)


def test_export_jobs_queued_on_both_servers_each_run_once(servers, workers, divisions):
    make_counselors("530102", 50, name="辅导员")
    people = [user(role=Role.EDUCATION, division=division("530100")) for _ in range(2)]
    browsers = [Client(), Client()]
    for number, browser in enumerate(browsers):
        browser.sign_in(servers[number], people[number])

    def queue(number):
        status, location = queue_export(
            browsers[number % 2], servers[(number // 2) % 2], f"辅导员{number}"
        )
        assert status == 302 and "/exports/jobs/" in location, (status, location)

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(queue, range(2 * OPEN_JOBS)))

    deadline_poll(
        lambda: DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2 * OPEN_JOBS,
        "50 export tasks done",
    )
    assert ExportJob.objects.filter(status=ExportStatus.DONE).count() == 2 * OPEN_JOBS
    jobs = list(ExportJob.objects.all())
    assert len(jobs) == 2 * OPEN_JOBS
    tasks = DBTaskResult.objects.filter(id__in=[job.task_result_id for job in jobs])
    assert tasks.count() == len(jobs)
    # Each task was claimed once, by one of the two workers, and succeeded.
    assert {(task.status, len(task.worker_ids)) for task in tasks} == {("SUCCESSFUL", 1)}
    assert {task.worker_ids[0] for task in tasks} <= set(workers)

    # A file a worker wrote downloads from either server.
    job = jobs[0]
    browser = browsers[people.index(job.owner)]
    for server in servers:
        status, _headers, body = browser.get(
            server + reverse("exports:job-download", args=[job.pk])
        )
        assert status == 200
        assert len(body.decode("utf-8-sig").splitlines()) == 1 + job.rows_done


def test_send_reminders_on_two_hosts_at_once_sends_each_reminder_once(environment, divisions):
    league = UserFactory(role=Role.LEAGUE, division=division("530000"))
    education = UserFactory(role=Role.EDUCATION, division=division("530100"))
    UserFactory.create_batch(3, role=Role.EDUCATION, division=division("530100"))
    meeting = meetings.meeting_create(
        actor=league,
        division=division("530000"),
        title="联席会议",
        held_on=datetime.date(2018, 9, 21),
    )
    with clock.travel(datetime.date(2026, 9, 1)):
        for number in range(5):
            meetings.decision_create(
                actor=league,
                meeting=meeting,
                text=f"事项{number}",
                owner_division=division("530100"),
                owner_side=OwnerSide.EDUCATION,
                responsible=education,
                due_on=DUE_AFTER_WEEKEND,
            )
    command = [sys.executable, "manage.py", "send_reminders", "--today", "2026-11-13"]
    environment = {
        **environment,
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }

    # Both start together: each waits on the same line before running the command.
    def run():
        return subprocess.run(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=True,
        ).stdout

    outputs = [outcome.result() for outcome in at_once([run] * 2, timeout=TIMEOUT)]

    assert len(outputs) == 2
    sent = [int(re.search(r"(\d+) reminders and", output)[1]) for output in outputs]
    assert sum(sent) == 20 == Notification.objects.count()
