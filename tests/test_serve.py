"""`make serve`'s launcher (`manage.py serve`) as a real process on a free port, with the
production settings, against the test database: it serves the sign-in page and compressed,
long-cached static files, starts a task worker again when one is killed (failing the task
it was running), and stops the server and the workers on SIGTERM."""

import gzip
import os
import re
import signal
import urllib.request

import pytest
from django.tasks import TaskResultStatus
from django.urls import reverse

from apps.exports.choices import ExportStatus
from tests.core.test_worker import running_export
from tests.factories import UserFactory
from tests.serving import TIMEOUT, launch
from tests.serving import production_environment as production_environment_in

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = 365 * 24 * 60 * 60


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our own server
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
        return response.status, response.headers, response.read()


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def production_environment(tmp_path):
    return production_environment_in(
        tmp_path, "serve-test", SERVE_WEB_PROCESSES="2", SERVE_TASK_WORKERS="2"
    )


def test_the_launcher_serves_restarts_a_dead_worker_and_stops(divisions, production_environment):
    launcher, output = launch(
        "manage.py", "serve", "--port", "0", "--grace", "20", env=production_environment
    )
    try:
        server_pid = int(output.expect(r"Server started \(pid (\d+)\)")[1])
        serving = output.expect(r"Serving on http://127\.0\.0\.1:(\d+)/ .* 2 task worker")
        assert "plain HTTP" in serving.string
        workers = dict(re.findall(r"Task worker (\S+) started \(pid (\d+)\)", "".join(output.seen)))
        assert len(workers) == 2
        base = f"http://127.0.0.1:{serving[1]}"

        # The sign-in page, under the strict content security policy.
        status, headers, body = fetch(base + reverse("accounts:login"))
        assert status == 200
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "Strict-Transport-Security" not in headers  # plain HTTP on 127.0.0.1
        stylesheet = re.search(r"/static/css/portal\.[0-9a-f]{12}\.css", body.decode())[0]

        # Its stylesheet under its content-hashed name: gzip, cached for a year or more.
        status, headers, body = fetch(base + stylesheet, **{"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        max_age = int(re.search(r"max-age=(\d+)", headers["Cache-Control"])[1])
        assert max_age >= YEAR
        collected = production_environment["DJANGO_STATIC_ROOT"] + stylesheet[len("/static") :]
        with open(collected, "rb") as original:
            assert gzip.decompress(body) == original.read()

        # Both workers beat, so the portal is healthy.
        for worker_id in workers:
            output.expect(rf"Worker {worker_id} beating")
        status, _headers, _body = fetch(base + "/healthz")
        assert status == 200

        # A worker dies in the middle of an export: the export fails, a new worker starts.
        dead_id, dead_pid = next(iter(workers.items()))
        job, task = running_export(UserFactory(), claimed_by=dead_id)
        os.kill(int(dead_pid), signal.SIGKILL)
        output.expect(rf"Task worker {dead_id} \(pid {dead_pid}\) exited with -9")
        known = "|".join(re.escape(worker_id) for worker_id in workers)
        _line, new_id, new_pid = output.expect(
            rf"Task worker (?!{known})(\S+) started \(pid (\d+)\)"
        ).group(0, 1, 2)
        assert is_running(int(new_pid))
        output.expect(rf"Worker {new_id} beating \(pid {new_pid}\)")
        task.refresh_from_db()
        job.refresh_from_db()
        assert (task.status, job.status) == (TaskResultStatus.FAILED, ExportStatus.FAILED)

        # SIGTERM stops the server and every worker, then the launcher.
        launcher.send_signal(signal.SIGTERM)
        assert launcher.wait(timeout=TIMEOUT) == 0
        output.expect(r"serve: Stopped\.")
        still_running = [
            pid for pid in (server_pid, new_pid, *workers.values()) if is_running(int(pid))
        ]
        assert still_running == []
    finally:
        if launcher.poll() is None:
            os.killpg(launcher.pid, signal.SIGKILL)
            launcher.wait()
