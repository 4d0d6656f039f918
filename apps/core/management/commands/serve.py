"""Serve the portal as in production: ``manage.py serve`` (``make serve``).

Starts the WSGI server (gunicorn) and the background task workers (``run_worker``) beside
it, and watches them: a task worker that exits is started again at once (after a pause
when it keeps failing), and the tasks it left running are failed (apps/core/worker.py);
when the server itself stops, the workers are stopped and the command exits non-zero so
whatever supervises it (systemd, a container runtime) starts it again. Ctrl-C or SIGTERM
stops the server and the workers gracefully (SIGKILL after ``--grace`` seconds).

The command binds the listening socket itself and hands it to the server, so the port
answers from the first line it prints (connections wait until a server process takes them)
and ``--port 0`` picks a free port. What it runs depends on the database:

- PostgreSQL: SERVE_WEB_PROCESSES server processes (the cores plus one) of one thread each,
  SERVE_TASK_WORKERS task workers (2);
- SQLite: one server process with SERVE_WEB_THREADS threads (4) and one task worker, which
  WAL mode and a busy timeout let share the file (config/settings/base.py).
"""

from __future__ import annotations

import ctypes
import ipaddress
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.utils.crypto import get_random_string

from apps.core import worker

# A task worker that exits sooner than this after its start is failing; it is started
# again after a pause that doubles each time, up to MAX_PAUSE seconds.
QUICK_EXIT_SECONDS = 5
MAX_PAUSE = 30


class Stop(Exception):
    """SIGINT or SIGTERM reached the launcher."""


@dataclass
class Child:
    role: str
    process: subprocess.Popen
    started: float = field(default_factory=time.monotonic)
    worker_id: str = ""


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM when the launcher dies, however it dies (Linux),
    so a killed launcher leaves no server or worker behind."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _is_sqlite() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


class Command(BaseCommand):
    help = "Serve the portal with gunicorn and the background task workers, restarting them."

    def add_arguments(self, parser):
        sqlite = _is_sqlite()
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--web-processes",
            type=int,
            default=1 if sqlite else int(os.environ.get("SERVE_WEB_PROCESSES", 0)),
            help="server processes (default: 1 on SQLite, the cores plus one otherwise)",
        )
        parser.add_argument(
            "--web-threads",
            type=int,
            default=int(os.environ.get("SERVE_WEB_THREADS", 4 if sqlite else 1)),
        )
        parser.add_argument(
            "--task-workers",
            type=int,
            default=1 if sqlite else int(os.environ.get("SERVE_TASK_WORKERS", 2)),
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=int(os.environ.get("SERVE_TIMEOUT", 120)),
            help="seconds a request may run before its server process is replaced",
        )
        parser.add_argument("--grace", type=int, default=30)

    def handle(self, *args, host, port, web_processes, web_threads, task_workers, **options):
        self.options = options
        self.stopping = False
        if settings.PORTAL_PLAIN_HTTP and not ipaddress.ip_address(host).is_loopback:
            raise CommandError("PORTAL_PLAIN_HTTP=true serves on a loopback address only.")
        if _is_sqlite() and web_processes > 1:
            raise CommandError("On SQLite the portal runs one server process (use threads).")
        web_processes = web_processes or (os.cpu_count() or 1) + 1
        listener = socket.create_server((host, port), backlog=128)
        listener.set_inheritable(True)
        port = listener.getsockname()[1]

        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self._on_signal)
        self.children: dict[int, Child] = {}
        try:
            self._start_server(listener, web_processes, web_threads)
            for _number in range(task_workers):
                self._start_worker()
            database = "SQLite" if _is_sqlite() else connection.vendor
            mode = "plain HTTP (HTTPS redirect, HSTS and secure cookies off)"
            self._say(
                f"Serving on http://{host}:{port}/ with gunicorn ({web_processes} process(es)"
                f" x {web_threads} thread(s), {database}) and {task_workers} task worker(s)"
                + (f"; {mode}" if settings.PORTAL_PLAIN_HTTP else "")
                + ". Ctrl-C stops."
            )
            listener.close()  # the server holds its own copy
            self._watch()
        except Stop:
            pass
        finally:
            self._stop_all(options["grace"])
        self._say("Stopped.")
        if getattr(self, "failed", False):
            sys.exit(1)

    # -- children -----------------------------------------------------------------------

    def _spawn(self, command, **kwargs) -> subprocess.Popen:
        return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=settings.BASE_DIR,
            start_new_session=True,  # Ctrl-C reaches the launcher only; it stops them in turn
            preexec_fn=_die_with_parent,  # the launcher runs no threads
            **kwargs,
        )

    def _start_server(self, listener, processes, threads) -> None:
        fd = listener.fileno()
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            f"--bind=fd://{fd}",
            f"--workers={processes}",
            f"--threads={threads}",
            f"--worker-class={'gthread' if threads > 1 else 'sync'}",
            f"--timeout={self.options['timeout']}",
            f"--graceful-timeout={self.options['grace']}",
            "--preload",
            "--no-control-socket",
            "--access-logfile=-",
        ]
        process = self._spawn(command, pass_fds=(fd,))
        self.children[process.pid] = Child("server", process)
        self._say(f"Server started (pid {process.pid}).")

    def _start_worker(self) -> None:
        worker_id = f"serve-{socket.gethostname()[:24]}-{get_random_string(12)}"
        command = [
            sys.executable,
            str(settings.BASE_DIR / "manage.py"),
            "run_worker",
            "--no-reload",
            "--no-startup-delay",
            f"--worker-id={worker_id}",
        ]
        process = self._spawn(command)
        self.children[process.pid] = Child("worker", process, worker_id=worker_id)
        self._say(f"Task worker {worker_id} started (pid {process.pid}).")

    def _watch(self) -> None:
        pause = 1
        while True:
            pid, status = os.wait()
            child = self.children.pop(pid, None)
            if child is None:
                continue
            child.process.returncode = os.waitstatus_to_exitcode(status)
            code = child.process.returncode
            if child.role == "server":
                self._say(f"The server (pid {pid}) exited with {code}: stopping.")
                self.failed = True
                return
            self._say(f"Task worker {child.worker_id} (pid {pid}) exited with {code}.")
            self._settle(child.worker_id)
            if time.monotonic() - child.started < QUICK_EXIT_SECONDS:
                self._say(f"It exited at once; starting another in {pause} s.")
                time.sleep(pause)
                pause = min(pause * 2, MAX_PAUSE)
            else:
                pause = 1
            self._start_worker()

    def _settle(self, worker_id: str) -> None:
        """The tasks the dead worker was running fail now (their areas settle their records)
        rather than when its heartbeat goes stale."""
        try:
            worker.forget(worker_id)
        except DatabaseError as error:
            self._say(
                f"Could not settle the tasks of {worker_id} now ({error}); its stale "
                "heartbeat will."
            )
        finally:
            connection.close()

    def _stop_all(self, grace: int) -> None:
        self.stopping = True
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)
        children = list(self.children.values())
        for child in children:
            if child.process.poll() is None:
                child.process.terminate()
        deadline = time.monotonic() + grace
        for child in children:
            try:
                child.process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self._say(f"{child.role} (pid {child.process.pid}) did not stop: killed.")
                child.process.kill()
                child.process.wait()
        self.children.clear()

    def _on_signal(self, signum, frame):
        if not self.stopping:
            raise Stop

    def _say(self, message: str) -> None:
        self.stdout.write(f"serve: {message}")
        self.stdout.flush()
