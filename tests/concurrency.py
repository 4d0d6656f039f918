"""Calls made at the same moment, as two requests or two workers make them: the harness of
every test that races calls against each other.

``at_once`` runs each call in a thread of its own, holds them all at a barrier and lets them
go together; each thread has its own database connection (Django's are per thread) and
closes it when its call ends, so the test's database can be flushed afterwards. It gives back
one ``Outcome`` per call, in the order of the calls: what the call returned, or what it
raised. Tests that race on the database need ``django_db(transaction=True)``, so that the
rows made in the test are committed and seen by the other connections.
"""

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection


@dataclass(frozen=True)
class Outcome:
    """How one call ended: its return ``value``, or the ``error`` it raised."""

    value: Any = None
    error: Exception | None = None

    @property
    def code(self) -> str:
        """What the test compares: "done" for a call that returned; else the error's code (a
        ``ValidationError``'s, say "stale"), or the error's class name when it has none."""
        if self.error is None:
            return "done"
        return getattr(self.error, "code", None) or type(self.error).__name__

    def result(self) -> Any:
        """The call's return value; the error it raised, raised again here."""
        if self.error is not None:
            raise self.error
        return self.value


def at_once(calls: Sequence[Callable[[], Any]], *, timeout: float = 30) -> list[Outcome]:
    """Run each of ``calls`` (taking no arguments) in its own thread, all released together,
    each on its own database connection; their outcomes, in the order of ``calls``. Fails
    if any call is still running ``timeout`` seconds after they started."""
    start = threading.Barrier(len(calls))
    outcomes: dict[int, Outcome] = {}

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            start.wait(timeout)
            outcomes[index] = Outcome(value=call())
        except Exception as error:  # the outcome, whatever it is, is what the test compares
            outcomes[index] = Outcome(error=error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, call), daemon=True)
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    running = sum(thread.is_alive() for thread in threads)
    assert not running, f"{running} of {len(calls)} calls still running after {timeout} s"
    return [outcomes[index] for index in range(len(calls))]
