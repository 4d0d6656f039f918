"""The page part of bench (apps/devtools/page_bench.py) in pieces: wrk with the bench's
script against a small HTTP server (the cookie sent, anything but 200 counted), the pages
answering for the bench users, the CPU read from /proc, and the targets it prints.

The whole run (``manage.py serve`` against the configured database, loaded for seconds a
page) is ``make bench``; a test's transaction would hide its data from the server."""

import io
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from apps.devtools import page_bench
from apps.devtools.management.commands.bench import Command, _bench_user

COOKIE = "sessionid=abc"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        signed_in = self.headers.get("Cookie") == COOKIE
        body = b"page" if signed_in else b""
        self.send_response(200 if signed_in else 302)
        if not signed_in:
            self.send_header("Location", "/accounts/login/")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """wrk drops its connections when its time is up: no traceback for that."""
        if not isinstance(sys.exception(), ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture
def server():
    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/page"
    httpd.shutdown()
    httpd.server_close()


def test_wrk_sends_the_cookie_and_reports_latency(server):
    figures = page_bench._wrk(shutil.which("wrk"), server, COOKIE, seconds=1)

    assert figures["requests"] > 0
    assert figures["not_200"] == 0
    assert figures["socket_errors"] == 0
    assert 0 < figures["p50_us"] <= figures["p95_us"] <= figures["max_us"]
    assert figures["duration_us"] >= 1_000_000


def test_wrk_counts_every_answer_but_200_as_an_error(server):
    figures = page_bench._wrk(shutil.which("wrk"), server, "", seconds=1)

    assert figures["requests"] > 0
    assert figures["not_200"] == figures["requests"]


@pytest.fixture
def seeded(divisions):
    call_command(
        "seed_scale", "--schools", "6", "--counselors", "160", "--seed", "7", stdout=io.StringIO()
    )
    return _bench_user()


def test_every_page_answers_for_its_bench_user(seeded):
    county = page_bench.largest_county()
    officer = page_bench.county_user(county)
    clients = {user.pk: page_bench._signed_in(user) for user in (seeded, officer)}

    pages = page_bench.pages(seeded, officer, county)

    newer = len(page_bench.NEWER_LISTS)
    assert [page.kind for page in pages] == (
        ["sign-in"] + ["list"] * (4 + newer) + ["dashboard"] * 2
    )
    # the lists of every area added since the first five
    assert {page.path.split("/")[1] for page in pages[5 : 5 + newer]} == {
        "funding",
        "commendations",
        "pairing",
        "documents",
        "inbox",
    }
    assert officer.division_id == county.code
    counts = {page.label: page_bench._queries(clients, page) for page in pages}
    assert counts["sign-in page (anonymous)"] == 0
    assert all(n > 0 for label, n in counts.items() if label != "sign-in page (anonymous)")
    assert page_bench._cookie(clients[seeded.pk]).startswith("sessionid=")


def test_the_cpu_of_a_process_tree_is_read_from_proc():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        found = {pid: cmd for pid, cmd, _cpu in page_bench._descendants(child.pid)}
        assert list(found) == [child.pid]
        assert "time.sleep(30)" in found[child.pid]
        assert all(cpu >= 0 for _pid, _cmd, cpu in page_bench._descendants(child.pid))
    finally:
        child.kill()
        child.wait()


def _result(kind, rate, p95, errors=0):
    page = page_bench.Page(f"{kind} {rate}", "/", kind, None)
    return page_bench.Result(page, int(rate * 10), 10.0, p95 / 2, p95, errors, 5.0, 3)


def test_the_targets_follow_the_sign_in_pages_rate_and_the_latency():
    out = io.StringIO()
    results = [
        _result("sign-in", 400, 20),
        _result("list", 100, 90),  # met: a quarter of 400, p95 under 100 ms
        _result("list", 99, 90),  # too few requests
        _result("list", 200, 101),  # too slow
        _result("list", 200, 50, errors=1),
        _result("dashboard", 10, 150),
        _result("dashboard", 10, 151),
    ]

    page_bench._targets(Command(stdout=out, no_color=True), results)

    lines = out.getvalue().splitlines()
    assert [line.split(":")[0].strip() for line in lines] == [
        "target met",
        "target missed",
        "target missed",
        "target missed",
        "target met",
        "target missed",
    ]
    assert "100 req/s >= 25% of the sign-in page's (100)" in lines[0]


def test_the_to_do_count_is_measured_built_and_kept_with_its_target(seeded):
    county = page_bench.largest_county()
    officer = page_bench.county_user(county)
    count, built, kept = page_bench.todo_cost(officer, repeats=3)
    assert count == 1 and built > kept > 0

    out = io.StringIO()
    results = [_result("sign-in", 400, 20), _result("list", 100, 90)]  # 5 ms of CPU a page
    page_bench._todo_cost(Command(stdout=out, no_color=True), (seeded, officer), results)

    lines = out.getvalue().splitlines()
    assert [line.split()[0] for line in lines[3:]] == [
        seeded.username,
        "target",
        officer.username,
        "target",
    ]
    assert "one query and, kept, under 10% of the cheapest list page's CPU (5.0 ms)" in lines[4]
