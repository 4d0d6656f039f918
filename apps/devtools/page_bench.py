"""The page part of ``manage.py bench``: pages under load from the production server.

The portal runs as ``make serve`` runs it (``manage.py serve``: gunicorn with the
production settings over plain HTTP on 127.0.0.1, persistent database connections; no task
workers, which would only add noise) against the bench's database, after collectstatic. The
load comes from wrk, a process of its own (``page_bench.lua``): CONNECTIONS keep-alive
connections on two threads, each page for ``duration`` seconds after a warm-up, the signed-in
pages with a session cookie of a bench user. For each page the bench prints the median and
95th-percentile latency, requests a second, errors (any answer but 200, or a socket error),
the server's CPU time a request (the gunicorn processes' user and system time, read from
/proc around the run: steadier than wall times on a busy machine) and the queries one request
runs (counted in this process with the test client).

Targets (printed, never asserted): each list page p95 <= 100 ms and at least a quarter of the
sign-in page's requests a second in the same run; each dashboard p95 <= 150 ms. Then the
menu's to-do count alone, measured in this process as a page computes it: at most one
query, and under a tenth of the cheapest list page's CPU once its query is kept.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.accounts.services import user_apply_role
from apps.core import freshness, todos
from apps.organizations.models import Division

SCRIPT = Path(__file__).with_name("page_bench.lua")
COUNTY_USERNAME = "bench_county"
CONNECTIONS = 8
WRK_THREADS = 2
TARGET_LIST_P95_MS = 100
TARGET_LIST_SHARE = 0.25
TARGET_DASHBOARD_P95_MS = 150
# The menu's to-do count: one query, and under this share of a list page's CPU.
TARGET_TODO_SHARE = 0.1
TODO_REPEATS = 25
START_SECONDS = 120
# The production settings over plain HTTP, as `make serve` runs them.
SERVER_ENV = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "PORTAL_PLAIN_HTTP": "true"}


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    kind: str  # "sign-in", "list" or "dashboard"
    user: User | None  # None: an anonymous visitor


@dataclass
class Result:
    page: Page
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    errors: int
    cpu_ms: float
    queries: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def county_user(county: Division) -> User:
    """An education officer of ``county``: the dashboard at county scope."""
    user, _created = User.objects.update_or_create(
        username=COUNTY_USERNAME,
        defaults={"role": Role.EDUCATION, "division_id": county.code, "full_name": "基准测试县"},
    )
    user.set_unusable_password()
    user_apply_role(user=user)
    user.save()
    return User.objects.get(pk=user.pk)


def largest_county() -> Division:
    county = (
        Division.objects.filter(level="county")
        .annotate(rows=Count("counselors"))
        .order_by("-rows", "code")
        .first()
    )
    if county is None:
        raise CommandError("No counties: run `make seed-scale` first.")
    return county


# The lists of the areas added since, at province scope: the same targets.
NEWER_LISTS = (
    ("special funds", "funding:program-list"),
    ("fund allocations", "funding:allocation-list"),
    ("commendations", "commendations:nomination-list"),
    ("micro-wishes", "pairing:wish-list"),
    ("pairings", "pairing:pairing-list"),
    ("policy documents", "documents:document-list"),
    ("notices", "documents:notice-list"),
    ("to-do", "inbox:todo-list"),
    ("inbox", "inbox:notification-list"),
)


def pages(province: User, county_officer: User, county: Division) -> list[Page]:
    counselors = reverse("counselors:counselor-list")
    schools = reverse("organizations:school-list")
    dashboard = reverse("reports:dashboard")
    newer = [Page(label, reverse(name), "list", province) for label, name in NEWER_LISTS]
    return [
        Page("sign-in page (anonymous)", reverse("accounts:login"), "sign-in", None),
        Page("county counselor list", f"{counselors}?county={county.code}", "list", province),
        Page("county school list", f"{schools}?county={county.code}", "list", province),
        Page("school list, last page", f"{schools}?cursor=last", "list", province),
        Page("counselor list, last page", f"{counselors}?cursor=last", "list", province),
        *newer,
        Page("dashboard, province scope", dashboard, "dashboard", province),
        Page("dashboard, county scope", dashboard, "dashboard", county_officer),
    ]


def run(command, province: User, *, duration: int, warmup: int) -> list[Result]:
    """Measure every page against a production server; print the table and the targets."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise CommandError("The page benchmark needs wrk (apt-get install wrk).")
    county = largest_county()
    officer = county_user(county)
    clients = {user.pk: _signed_in(user) for user in (province, officer)}
    cookies = {pk: _cookie(client) for pk, client in clients.items()}
    measured = pages(province, officer, county)
    queries = {page: _queries(clients, page) for page in measured}
    load = os.getloadavg()
    try:
        with production_server() as (port, launcher):
            command.stdout.write(
                f"\nPages from the production server (manage.py serve: gunicorn, "
                f"{_server_processes(launcher)} process(es), production settings over plain "
                f"HTTP), loaded by wrk ({CONNECTIONS} connections, {WRK_THREADS} threads, "
                f"{duration} s a page after {warmup} s of warm-up); signed in as "
                f"{province.username} (province) or {officer.username} (county {county.name}, "
                f"{county.code}, the most counselors). Load average at the start: "
                f"{load[0]:.1f} on {os.cpu_count()} cores."
            )
            command.stdout.write(
                f"  {'page':<30}{'median ms':>10}{'p95 ms':>8}{'req/s':>8}{'errors':>8}"
                f"{'CPU ms/req':>11}{'queries':>8}"
            )
            results = []
            for page in measured:
                url = f"http://127.0.0.1:{port}{page.path}"
                cookie = cookies.get(page.user.pk, "") if page.user else ""
                _check(url, cookie)
                _wrk(wrk, url, cookie, seconds=warmup)
                cpu_before = _server_cpu(launcher)
                figures = _wrk(wrk, url, cookie, seconds=duration)
                cpu = _server_cpu(launcher) - cpu_before
                if not figures["requests"]:  # none finished: no latency to speak of
                    figures.update(p50_us=float("nan"), p95_us=float("nan"))
                result = Result(
                    page=page,
                    requests=figures["requests"],
                    seconds=figures["duration_us"] / 1e6,
                    p50_ms=figures["p50_us"] / 1000,
                    p95_ms=figures["p95_us"] / 1000,
                    errors=figures["not_200"] + figures["socket_errors"],
                    cpu_ms=cpu * 1000 / max(figures["requests"], 1),
                    queries=queries[page],
                )
                results.append(result)
                command.stdout.write(
                    f"  {page.label:<30}{result.p50_ms:>10.1f}{result.p95_ms:>8.1f}"
                    f"{result.rate:>8.1f}{result.errors:>8}{result.cpu_ms:>11.1f}"
                    f"{result.queries:>8}"
                )
    finally:
        for client in clients.values():
            client.logout()
    _targets(command, results)
    _todo_cost(command, (province, officer), results)
    return results


def todo_cost(user: User, *, repeats: int = TODO_REPEATS) -> tuple[int, float, float]:
    """The menu's to-do count for ``user`` as every signed-in page computes it: inside a
    request whose access rule has already read the user's kept permissions (and so checked
    the write log), its queries once the user's counting query is kept, and the median CPU
    milliseconds of this process when that query is built (a server process's first page
    for the user in each TODO_PLAN_SECONDS) and when it is kept (every other page)."""
    user = User.objects.get(pk=user.pk)
    todos.forget_plans()
    with _page_request(user):
        todos.todos_for(user)
    with _page_request(user), CaptureQueriesContext(connection) as queries:
        todos.todos_for(user)
    built, kept = [], []
    for _ in range(repeats):
        todos.forget_plans()
        with _page_request(user):
            started = time.process_time()
            todos.todos_for(user)
            built.append(time.process_time() - started)
        with _page_request(user):
            started = time.process_time()
            todos.todos_for(user)
            kept.append(time.process_time() - started)
    return len(queries), statistics.median(built) * 1000, statistics.median(kept) * 1000


@contextmanager
def _page_request(user: User):
    """A request as a signed-in page runs it, up to its menu: the access rule has read the
    user's permissions (apps.core.freshness checks the write log once a request)."""
    with freshness.one_request():
        User.objects.get(pk=user.pk).get_all_permissions()
        yield


def _todo_cost(command, users, results: list[Result]) -> None:
    lists = [r for r in results if r.page.kind == "list"]
    cheapest = min((r.cpu_ms for r in lists), default=0.0)
    command.stdout.write(
        "\nThe menu's to-do count, on every signed-in page (this process, median of "
        f"{TODO_REPEATS}; the query built once a minute per user and process, kept between):"
    )
    command.stdout.write(f"  {'user':<30}{'queries':>8}{'built ms':>10}{'kept ms':>9}")
    for user in users:
        count, built, kept = todo_cost(user)
        command.stdout.write(f"  {user.username:<30}{count:>8}{built:>10.1f}{kept:>9.2f}")
        if cheapest:
            command._target(
                f"{user.username}'s to-do count: at most one query and, kept, under "
                f"{TARGET_TODO_SHARE:.0%} of the cheapest list page's CPU ({cheapest:.1f} ms): "
                f"{count} quer{'y' if count == 1 else 'ies'}, {kept:.2f} ms",
                count <= 1 and kept < cheapest * TARGET_TODO_SHARE,
            )


def _targets(command, results: list[Result]) -> None:
    signin = next(r for r in results if r.page.kind == "sign-in")
    floor = signin.rate * TARGET_LIST_SHARE
    for r in results:
        if r.page.kind == "list":
            command._target(
                f"{r.page.label}: p95 {r.p95_ms:.0f} ms <= {TARGET_LIST_P95_MS} ms, "
                f"{r.rate:.0f} req/s >= {TARGET_LIST_SHARE:.0%} of the sign-in page's "
                f"({floor:.0f}), no errors",
                r.p95_ms <= TARGET_LIST_P95_MS and r.rate >= floor and not r.errors,
            )
        elif r.page.kind == "dashboard":
            command._target(
                f"{r.page.label}: p95 {r.p95_ms:.0f} ms <= {TARGET_DASHBOARD_P95_MS} ms, no errors",
                r.p95_ms <= TARGET_DASHBOARD_P95_MS and not r.errors,
            )


# -- the server -------------------------------------------------------------------------


@contextmanager
def production_server():
    """``manage.py serve`` on a free port of 127.0.0.1 with the production settings, after
    collectstatic; yields (port, launcher process) once it answers, stops it after."""
    env = {**os.environ, **SERVER_ENV, "DJANGO_SECRET_KEY": settings.SECRET_KEY}
    manage = [sys.executable, "manage.py"]
    done = subprocess.run(  # noqa: S603 - our own interpreter and command
        [*manage, "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise CommandError(f"collectstatic failed:\n{done.stderr[-2000:]}")
    port = _free_port()
    with tempfile.TemporaryFile(mode="w+") as log:
        launcher = subprocess.Popen(  # noqa: S603 - our own interpreter and command
            [*manage, "serve", "--port", str(port), "--task-workers", "0"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,  # gunicorn's access log
            stderr=log,
        )
        try:
            _wait_until_serving(port, launcher, log)
            yield port, launcher
        finally:
            launcher.send_signal(signal.SIGTERM)
            try:
                launcher.wait(timeout=60)
            except subprocess.TimeoutExpired:
                launcher.kill()
                launcher.wait()


def _wait_until_serving(port: int, launcher: subprocess.Popen, log) -> None:
    url = f"http://127.0.0.1:{port}{reverse('accounts:login')}"
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if launcher.poll() is not None:
            log.seek(0)
            raise CommandError(f"manage.py serve exited:\n{log.read()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=START_SECONDS) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise CommandError(f"manage.py serve did not answer within {START_SECONDS} s.")


def _descendants(root: int) -> list[tuple[int, str, float]]:
    """(pid, command line, CPU seconds) of ``root`` and every process under it (Linux)."""
    parents, stats = {}, {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        pid = int(entry.name)
        # After the command's name: state, ppid, ... utime (12th), stime (13th).
        parents[pid] = int(fields[1])
        stats[pid] = (cmdline, (int(fields[11]) + int(fields[12])) / tick)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            found.append((pid, *stats[pid]))
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return found


def _server_cpu(launcher: subprocess.Popen) -> float:
    """CPU seconds used so far by the gunicorn processes under ``launcher``."""
    return sum(cpu for _pid, cmd, cpu in _descendants(launcher.pid) if "gunicorn" in cmd)


def _server_processes(launcher: subprocess.Popen) -> int:
    """gunicorn's worker processes (its master excluded)."""
    return max(sum("gunicorn" in cmd for _pid, cmd, _cpu in _descendants(launcher.pid)) - 1, 1)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- the load ---------------------------------------------------------------------------


def _wrk(wrk: str, url: str, cookie: str, *, seconds: int) -> dict:
    command = [
        wrk,
        f"--threads={WRK_THREADS}",
        f"--connections={CONNECTIONS}",
        f"--duration={seconds}s",
        "--timeout=30s",
        f"--script={SCRIPT}",
        url,
        "--",
        cookie,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        raise CommandError(f"wrk failed on {url}:\n{done.stdout[-1000:]}{done.stderr[-1000:]}")
    return json.loads(lines[-1])


def _check(url: str, cookie: str) -> None:
    """One GET before the load: the page answers 200 itself (a refused cookie would be a
    redirect to the sign-in page, which is fast and proves nothing)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=START_SECONDS) as response:  # noqa: S310
            if response.status == 200 and response.url == url:
                return
            raise CommandError(f"{url} answered {response.status} at {response.url}.")
    except urllib.error.HTTPError as error:
        raise CommandError(f"{url} answered {error.code}.") from error


# -- sessions and queries ---------------------------------------------------------------


def _signed_in(user: User) -> Client:
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(user, backend="apps.accounts.backends.PortalBackend")
    return client


def _cookie(client: Client) -> str:
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def _queries(clients: dict[int, Client], page: Page) -> int:
    """The queries of one request of ``page`` (the second: the first fills per-process
    caches), counted in this process."""
    client = clients[page.user.pk] if page.user else Client(SERVER_NAME="127.0.0.1")
    client.get(page.path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.path)
    if response.status_code != 200:
        raise CommandError(f"{page.path} answered {response.status_code} in this process.")
    return len(captured)
