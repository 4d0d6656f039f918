"""Reads that may be served by a read replica: ``reading_replica()``.

With DATABASE_REPLICA_URL set, ``config.routers.ReplicaRouter`` sends the reads made inside
``reading_replica()`` (a context manager, or a decorator: ``@reading_replica()``) to the
replica, and every other query to the primary. Only reads whose figures may be a moment
behind are marked: the dashboard's indicators, the reports and the exports. A page that
shows what its user has just saved reads the primary. Without a replica, or without the
router, the marking changes nothing.

The mark is a context variable: it holds for the thread (or task) that set it, so one
request's reads never switch another's. A queryset evaluated after the block ends (a
streamed response) is pinned with ``on_replica(queryset)`` instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import router
from django.db.models import QuerySet

_reading = ContextVar("reading_replica", default=False)


@contextmanager
def reading_replica() -> Iterator[None]:
    """Reads inside may go to the replica; writes still go to the primary."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def is_reading_replica() -> bool:
    return _reading.get()


def on_replica(queryset: QuerySet) -> QuerySet:
    """``queryset`` bound to the database the router gives replica reads (the primary when
    there is no replica), however late it is evaluated."""
    with reading_replica():
        alias = router.db_for_read(queryset.model)
    return queryset.using(alias)
