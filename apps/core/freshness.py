"""Figures cached until the data under them changes, and no longer (PostgreSQL).

Every statement that writes to a table the figures may read fires a trigger noting its
transaction's id in ``core_writelog`` (``WriteLog``; the triggers are put on every area's
tables after each ``migrate``, but for the models an area declares ``untracked_models``:
job rows, logs, heartbeats). A cached value keeps the snapshot of the database taken
before its first query. It is served again only while no transaction logged since is one
that snapshot did not see: a write committed after the snapshot (even halfway through the
computation) makes the next reader compute afresh, and a write still in progress is
invisible to the reader as it was to the figures. So what is served is always what a
computation at that moment would give.

Nothing is cached on another database (the embedded SQLite), inside a transaction (whose
own writes others must not see), or once an entry is older than ``FRESHNESS_SECONDS``.
The worker's housekeeping forgets a write only once every entry that could need it has
expired (``prune_write_log``).

Within one request a snapshot found unchanged is not asked about again, and neither is
one taken after it (a later snapshot saw all an earlier one saw: if nothing the earlier
one missed was written, nothing the later one missed was either). A value built during
the request takes the request's newest snapshot found unchanged, rather than a new one: it
is then checked with the rest, and a page's parts (the permissions, the menu, the total,
the filter form) cost one query between them. The request's own writes end that: after
any statement but a SELECT on the connection, the next kept value is checked afresh, so a
page never shows a figure from before the write its own view just made.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import hashlib
import logging
from collections import deque
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.signals import request_finished, request_started
from django.db import connections
from django.db.backends.signals import connection_created
from django.utils import timezone, translation
from simple_history.models import HistoricalChanges

from apps.core import clock, registry

logger = logging.getLogger(__name__)

TRIGGER = "core_figures_write"
_CHANGED_SINCE = """
    SELECT EXISTS (
        SELECT 1 FROM core_writelog
        WHERE txid >= pg_snapshot_xmin(%s::pg_snapshot)::text::bigint
          AND NOT pg_visible_in_snapshot(txid::text::xid8, %s::pg_snapshot)
    )
"""


# The snapshots found unchanged during the current request, by database; None outside one.
_unchanged: contextvars.ContextVar[dict[str, set[str]] | None] = contextvars.ContextVar(
    "freshness_unchanged", default=None
)

# Those Django's auth keeps permissions in (a group's permissions, the permissions' names):
# the kept permission sets read them (apps.accounts.models).
AUTH_APPS = ("auth", "contenttypes")


def _tracking(using: str) -> bool:
    connection = connections[using]
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def cached[T](key: str, build: Callable[[], T], *, using: str = "default") -> T:
    """``build()``, or its value cached under ``key`` while no write committed since it was
    built (see the module). ``using`` is the database ``build`` reads."""
    if not _tracking(using):
        return build()
    entry = _cache_get(key)
    if entry is not None and _still_true(entry[0], using):
        return entry[1]
    snapshot = _newest_unchanged(using)
    if snapshot is None:
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT pg_current_snapshot()::text")
            snapshot = cursor.fetchone()[0]
        _note_unchanged(snapshot, using)  # current as it is taken
    value = build()
    try:
        cache.set(key, (snapshot, value), settings.FRESHNESS_SECONDS)
    except Exception:
        logger.warning("Could not keep figures %s: the cache is out of reach", key, exc_info=True)
    return value


def _still_true(snapshot: str, using: str) -> bool:
    """Whether no write that ``snapshot`` did not see has been logged (asked once a request,
    and not for a snapshot taken after one found unchanged)."""
    seen = _unchanged.get()
    if seen is not None and any(_not_before(snapshot, earlier) for earlier in seen.get(using, ())):
        return True
    with connections[using].cursor() as cursor:
        cursor.execute(_CHANGED_SINCE, [snapshot, snapshot])
        changed = cursor.fetchone()[0]
    if not changed:
        _note_unchanged(snapshot, using)
    return not changed


def _note_unchanged(snapshot: str, using: str) -> None:
    seen = _unchanged.get()
    if seen is not None:
        seen.setdefault(using, set()).add(snapshot)


def _newest_unchanged(using: str) -> str | None:
    """The newest snapshot this request found unchanged on ``using``, if any."""
    seen = _unchanged.get()
    newest = None
    for snapshot in seen.get(using, ()) if seen is not None else ():
        if newest is None or _not_before(snapshot, newest):
            newest = snapshot
    return newest


def _not_before(snapshot: str, other: str) -> bool:
    """Whether ``snapshot`` (PostgreSQL's ``xmin:xmax:xip,…`` text) was taken no earlier
    than ``other``, so that it saw every transaction ``other`` saw. ``xmax``, the first
    transaction id not yet given out, only grows; while it stands still, the transactions
    in progress (``xip``) only end."""
    _xmin, xmax, running = snapshot.split(":")
    _other_xmin, other_xmax, other_running = other.split(":")
    if xmax != other_xmax:
        return int(xmax) > int(other_xmax)
    return set(filter(None, running.split(","))) <= set(filter(None, other_running.split(",")))


def _forget_on_write(execute, sql, params, many, context):
    """An execute wrapper for a request's connections: any statement but a SELECT may be a
    write, after which every snapshot is checked again."""
    if sql.lstrip()[:6].upper() != "SELECT":
        seen = _unchanged.get()
        if seen is not None:
            seen.pop(context["connection"].alias, None)
    return execute(sql, params, many, context)


@contextlib.contextmanager
def one_request():
    """Reads inside the block count as one request's (what ``request_started`` and
    ``request_finished`` mark for a page served): for code that measures or replays a
    page outside the request cycle."""
    token = _unchanged.set({})
    try:
        yield
    finally:
        _unchanged.reset(token)


def _request_started(**kwargs: Any) -> None:
    _unchanged.set({})


def _request_finished(**kwargs: Any) -> None:
    _unchanged.set(None)


def _watch_connection(sender, connection, **kwargs: Any) -> None:
    # First in the list: ``connection.execute_wrapper()`` pops the last one at its end.
    if _forget_on_write not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _forget_on_write)


request_started.connect(_request_started, dispatch_uid="core.freshness.request_started")
request_finished.connect(_request_finished, dispatch_uid="core.freshness.request_finished")
connection_created.connect(_watch_connection, dispatch_uid="core.freshness.connection_created")


def key(prefix: str, *parts: Any) -> str:
    """A cache key any cache takes (short, no spaces) for what ``parts`` name."""
    return f"{prefix}:{hashlib.sha256(repr(parts).encode()).hexdigest()}"


def viewer_parts(user) -> tuple:
    """What a page's part may depend on besides the database, for one viewer: who they are,
    their scope and permissions, the language and the day."""
    return (
        user.pk,
        user.role,
        user.division_id,
        user.school_id,
        sorted(user.get_all_permissions()),
        translation.get_language(),
        clock.today(),
    )


def cached_count(queryset, *, name: str | None = None) -> int:
    """``queryset.count()``, kept as ``cached`` keeps a figure: a list's total over a whole
    province is a scan of every row, the same for every page until something is written.
    The key is the count's SQL, or ``name`` when the caller can name the rows (a list's
    viewer and parameters): compiling the SQL only to name it costs a millisecond."""
    if name is None:
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:
            return 0
        name = key("sql", sql, params)
    return cached(key("count", queryset.db, name), queryset.count, using=queryset.db)


def _cache_get(key: str):
    """The cached entry, or None when there is none or the cache (a shared one named in
    CACHES) is out of reach: the figures are then computed, never refused."""
    try:
        return cache.get(key)
    except Exception:
        logger.warning("Could not read figures %s: the cache is out of reach", key, exc_info=True)
        return None


# (when, xmin): the oldest transaction still running at each prune of this process.
_marks: deque[tuple[datetime.datetime, int]] = deque()


def prune_write_log(now: datetime.datetime | None = None) -> int:
    """Forget the writes no cached figure can still need: those of transactions that had
    all finished by a prune at least twice FRESHNESS_SECONDS ago (every entry still served
    took its snapshot after that, and saw them). A transaction's age is not its first
    write's: a long one that committed a moment ago may have written an hour ago.
    Returns how many were forgotten."""
    from apps.core.models import WriteLog

    if connections["default"].vendor != "postgresql":
        return 0
    now = now or timezone.now()
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        _marks.append((now, cursor.fetchone()[0]))
    cutoff = now - datetime.timedelta(seconds=2 * settings.FRESHNESS_SECONDS)
    horizon = None
    while _marks and _marks[0][0] <= cutoff:
        horizon = _marks.popleft()[1]
    if horizon is None:
        return 0
    deleted, _rows = WriteLog.objects.filter(txid__lt=horizon).delete()
    return deleted


def tracked_tables() -> list[str]:
    """The tables whose writes end cached figures: every area model's and its many-to-many
    tables, but the history tables and the models areas declare ``untracked_models``."""
    untracked = {
        (area.label, name.lower()) for area in registry.areas() for name in area.untracked_models
    }
    labels = [area.label for area in registry.areas()]
    labels += [label for label in AUTH_APPS if apps.is_installed(f"django.contrib.{label}")]
    tables = []
    for label in labels:
        # With the many-to-many tables Django makes (inspectors of an inspection...).
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            meta = model._meta
            if not meta.managed or meta.proxy or issubclass(model, HistoricalChanges):
                continue
            if (meta.app_label, meta.model_name) in untracked:
                continue
            tables.append(meta.db_table)
    return sorted(set(tables))


def install_triggers(*, using: str = "default", **kwargs: Any) -> None:
    """Put the write trigger on every tracked table (after ``migrate``; PostgreSQL only)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    existing = set(connection.introspection.table_names())
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE OR REPLACE FUNCTION core_note_write() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO core_writelog (txid, written_at)
                VALUES (pg_current_xact_id()::text::bigint, now())
                ON CONFLICT (txid) DO NOTHING;
                RETURN NULL;
            END $$
            """
        )
        tracked = set(tracked_tables()) & existing
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s AND pg_table_is_visible(c.oid)",
            [TRIGGER],
        )
        for (table,) in cursor.fetchall():
            if table not in tracked:
                # A model declared untracked since: its writes no longer end figures.
                cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quote(table)}")
        for table in sorted(tracked):
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE "
                f"ON {quote(table)} FOR EACH STATEMENT EXECUTE FUNCTION core_note_write()"
            )
