"""Row-by-row progress of an import run in the background.

An import runs in one transaction, so the job's own progress cannot be saved through the
connection that runs it: nobody would see it before the commit. ``reporting`` counts the
rows a resource imports (``row_done``, called by ``ScopedResource``) and hands every
``every``-th count to ``save``, which the background job runs on a connection of its own
(``OwnConnection``), so its page and the stale-job rule see the job moving.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar

from django.db import connection

logger = logging.getLogger(__name__)

_counter: ContextVar[_Counter | None] = ContextVar("import_progress", default=None)


class _Counter:
    def __init__(self, save: Callable[[int], None], every: int):
        self.save = save
        self.every = max(1, every)
        self.done = 0

    def tick(self) -> None:
        self.done += 1
        if self.done % self.every == 0:
            self.save(self.done)


def row_done() -> None:
    """One more row imported (checked, in a dry run); a no-op outside ``reporting``."""
    counter = _counter.get()
    if counter is not None:
        counter.tick()


@contextlib.contextmanager
def reporting(save: Callable[[int], None], *, every: int) -> Iterator[None]:
    """Call ``save(rows)`` every ``every`` rows imported inside the block."""
    token = _counter.set(_Counter(save, every))
    try:
        yield
    finally:
        _counter.reset(token)


class OwnConnection:
    """Runs small writes (progress, heartbeats) on a database connection of their own, in
    one helper thread, without waiting for them: they land while the import's transaction
    is still open. On SQLite, whose one writer is the import itself, nothing is written."""

    def __init__(self):
        self._executor = None if connection.vendor == "sqlite" else ThreadPoolExecutor(1)

    def submit(self, write: Callable[[], object]) -> None:
        if self._executor is not None:
            self._executor.submit(self._run, write)

    @staticmethod
    def _run(write: Callable[[], object]) -> None:
        try:
            write()
        except Exception:
            # Progress is a courtesy; the job's outcome is recorded on its own connection.
            logger.exception("Could not save an import job's progress")

    def close(self) -> None:
        if self._executor is None:
            return
        from django.db import connections

        self._executor.submit(connections.close_all)
        self._executor.shutdown(wait=True)
        self._executor = None
