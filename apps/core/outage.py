"""The database out of reach: a 503 maintenance page, logged once per outage.

When PostgreSQL restarts (or the network to it drops), requests fail with an
``OperationalError`` or ``InterfaceError``, wherever they first touch the database: a view,
or earlier, the session lookup behind ``request.user`` in a middleware. Each such request is
answered with ``templates/errors/503.html`` and a ``Retry-After`` header, rendered without
the database (no context processors, no session, no user), and Django's own per-request
error log is skipped: the outage is logged once as an ERROR when it starts and once as an
INFO when a request finds the database again. The state is per process: each server process
logs its own outage once.

A fault of one statement that leaves the database reachable (a deadlock, a serialization
failure, a lock or statement timeout) is not an outage: it stays a 500, logged per request.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger("portal.outage")

# SQLSTATE classes that mean the server cannot serve us: 08 connection exception, 53
# insufficient resources (too many connections), 57 operator intervention (shutdown, crash
# recovery, "cannot connect now"), except 57014, a cancelled statement.
_UNAVAILABLE_CLASSES = ("08", "53", "57")
_NOT_AN_OUTAGE = ("57014",)


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether ``exc`` says the database cannot be reached (or the connection was lost),
    rather than that one statement failed."""
    if isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    # Django wraps the driver's error; a failed connection attempt carries no SQLSTATE.
    sqlstate = getattr(exc.__cause__, "sqlstate", None)
    if sqlstate is None:
        return True
    return sqlstate.startswith(_UNAVAILABLE_CLASSES) and sqlstate not in _NOT_AN_OUTAGE


class _OutageState:
    """Whether this process is inside an outage, since when, and how many requests it has
    answered with the maintenance page."""

    def __init__(self):
        self._lock = threading.Lock()
        self.started: float | None = None
        self.refused = 0

    @property
    def active(self) -> bool:
        return self.started is not None

    def failed(self, exc: BaseException, request) -> None:
        # A request may meet the lost database twice (a middleware reading the user again
        # on the way out): it is counted once.
        counted = getattr(request, "database_outage", False)
        request.database_outage = True
        with self._lock:
            self.refused += 0 if counted else 1
            if self.started is not None:
                return
            self.started = time.monotonic()
        logger.error(
            "Database unavailable (%s: %s) at %s %s; answering 503 until it is back",
            type(exc).__name__,
            str(exc).strip().splitlines()[0] if str(exc).strip() else "",
            request.method,
            request.path,
        )

    def recovered(self) -> None:
        with self._lock:
            if self.started is None:
                return
            seconds, refused = time.monotonic() - self.started, self.refused
            self.started, self.refused = None, 0
        logger.info(
            "Database available again after %.1f s; %d requests were answered 503",
            seconds,
            refused,
        )


state = _OutageState()


def _close_broken_connections() -> None:
    """Drop connections the outage broke, so the next request opens a fresh one (Django
    does this at the end of a request too; this also covers callers that skip its signals)."""
    for conn in connections.all(initialized_only=True):
        if conn.connection is not None and not conn.is_usable():
            conn.close()


def outage_response(request, exc: BaseException) -> HttpResponse:
    """The maintenance page for a request the database could not serve."""
    state.failed(exc, request)
    _close_broken_connections()
    # No request is given to the template: context processors (navigation, user, messages)
    # would read the session and so the database.
    html = loader.render_to_string("errors/503.html")
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Django logs every 5xx response as an error (django.utils.log.log_response) unless it
    # is marked as logged: the outage is logged once above, not once per request.
    response._has_been_logged = True
    response.database_outage = True
    return response


def database_reachable() -> bool:
    """Whether the default database answers now (used only while an outage is open)."""
    try:
        connection = connections["default"]
        connection.ensure_connection()
        return connection.is_usable()
    except (OperationalError, InterfaceError):
        return False


class DatabaseOutageMiddleware:
    """Turns a view's lost database into the maintenance page (``process_exception``), and
    closes the outage when a later request finds the database again. Errors raised in other
    middleware (the session behind ``request.user``) reach ``handler500`` instead
    (``apps.core.errors.server_error``), which answers them the same way. First in
    MIDDLEWARE, so it sees every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        outage_answer = getattr(response, "database_outage", False)
        if state.active and not outage_answer and database_reachable():
            state.recovered()
        return response

    def process_exception(self, request, exception):
        if database_unavailable(exception):
            return outage_response(request, exception)
        return None
