"""Running the portal as in production from a test: the environment a launcher or worker
process is given (the production settings against the test database, collected static
files, a media folder), its output read as it comes, its users, a browser-like client, and
stopping it."""

import datetime
import http.cookiejar
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import connection
from django.urls import reverse

from tests.factories import UserFactory

# Generous for a busy machine; the steps take a few seconds each on an idle one.
TIMEOUT = 120
# The password of ``user()``'s users, checked by the servers with Argon2 as in production.
PASSWORD = "Serving-Tests-2026"


class Output:
    """The launcher's output (its own lines, the server's and the workers'), read as it
    comes; ``expect`` returns the first line so far or to come that matches."""

    def __init__(self, stream):
        self.lines: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            self.lines.put(line)
        self.lines.put(None)

    def expect(self, pattern: str) -> re.Match:
        regex = re.compile(pattern)
        for line in self.seen:
            if match := regex.search(line):
                return match
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                line = self.lines.get(timeout=max(deadline - time.monotonic(), 0.001))
            except queue.Empty:
                line = None
            if line is None:
                raise AssertionError(
                    f"no line matches {pattern!r}; the output was:\n" + "".join(self.seen)
                )
            self.seen.append(line)
            if match := regex.search(line):
                return match


def database_url() -> str:
    database = connection.settings_dict
    credentials = quote(database["USER"] or "", safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    host = database["HOST"] or "127.0.0.1"
    return f"postgres://{credentials}@{host}:{database['PORT'] or 5432}/{database['NAME']}"


def production_environment(folder: Path, secret: str, **extra: str) -> dict[str, str]:
    """The environment of a production process against the test database, its static files
    collected into ``folder`` and its uploads kept there; ``extra`` settings on top."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(
        PORTAL_ENV_FILE=os.devnull,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        PORTAL_PLAIN_HTTP="true",
        DJANGO_SECRET_KEY=secret + "-" + "k" * 50,
        DATABASE_URL=database_url(),
        DJANGO_STATIC_ROOT=str(folder / "static"),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        PYTHONUNBUFFERED="1",
        **extra,
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=environment,
        check=True,
        capture_output=True,
    )
    return environment


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class Client:
    """A browser: one cookie jar for every server (cookies do not tell ports apart, as
    behind a load balancer), redirects not followed."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), self._NoRedirect
        )

    def request(self, url, data=None, headers=None):
        request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.headers, error.read()

    def get(self, url):
        return self.request(url)

    def csrf_token(self, url) -> str:
        status, _headers, body = self.get(url)
        assert status == 200, (url, status)
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1].decode()

    def post(self, url, fields: dict, *, token: str, files: dict | None = None):
        origin = "/".join(url.split("/")[:3])
        fields = {"csrfmiddlewaretoken": token, **fields}
        if not files:
            data = urllib.parse.urlencode(fields).encode()
            kind = "application/x-www-form-urlencoded"
        else:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in fields.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
            for name, (filename, content, content_type) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                    + content
                    + b"\r\n"
                )
            data = b"".join(parts) + f"--{boundary}--\r\n".encode()
            kind = f"multipart/form-data; boundary={boundary}"
        return self.request(url, data, {"Content-Type": kind, "Origin": origin})

    def sign_in(self, server, user):
        url = server + reverse("accounts:login")
        status, headers, _body = self.post(
            url, {"username": user.username, "password": PASSWORD}, token=self.csrf_token(url)
        )
        assert status == 302, status
        assert headers["Location"] == reverse("reports:dashboard")


def user(**fields):
    """A user whose password the servers (Argon2, as in production) can check."""
    person = UserFactory(**fields)
    hasher = Argon2PasswordHasher()
    person.password = hasher.encode(PASSWORD, hasher.salt())
    person.save(update_fields=["password"])
    return person


def launch(*args: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, Output]:
    """``python *args`` run from the project's folder in a session of its own (``stop``
    ends it), with its output read as it comes."""
    process = subprocess.Popen(  # noqa: S603 - the tests' own interpreter and commands
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    return process, Output(process.stdout)


def provincial_meeting():
    """A provincial League officer (signing in with PASSWORD) and a meeting they recorded:
    what a file upload needs."""
    from apps.accounts.choices import Role
    from apps.meetings import services as meetings
    from tests.factories import division

    league = user(role=Role.LEAGUE, division=division("530000"))
    meeting = meetings.meeting_create(
        actor=league,
        division=division("530000"),
        title="联席会议",
        held_on=datetime.date(2018, 9, 21),
    )
    return league, meeting
