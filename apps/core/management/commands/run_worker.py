"""Run the background task worker with a heartbeat: ``manage.py run_worker``.

The same worker as django-tasks-db's ``db_worker`` (the same options), plus a heartbeat
row in the database that ``/healthz`` reads, the failing of tasks left running by a worker
that died, and the areas' housekeeping (apps/core/worker.py). ``make run`` and ``make
serve`` start it; so should any other way of running the portal.
"""

import os

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from apps.core import worker


class Command(DatabaseWorkerCommand):
    help = "Run the background task worker, with a heartbeat for /healthz."

    def handle(self, *args, **options):
        worker_id = options["worker_id"]
        if options.get("reload"):
            # The reloader runs the worker in a child process that would beat under the
            # same id as its parent; the heartbeat is for the real worker only.
            self.stderr.write("run_worker beats only without --reload; use db_worker to reload.")
            options["reload"] = False
        heartbeat = worker.start_beating(worker_id)
        self.stdout.write(f"Worker {worker_id} beating (pid {os.getpid()})")
        self.stdout.flush()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
            # Stopping between tasks leaves nothing running; a second Ctrl-C in the middle
            # of one leaves it running in the database: it fails now rather than later.
            worker.forget(worker_id)
