"""Running the portal as in production from a test: the environment a launcher or worker
process is given (the production settings against the test database, collected static
files, a media folder) and its output read as it comes."""

import os
import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

# Generous for a busy machine; the steps take a few seconds each on an idle one.
TIMEOUT = 120


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
