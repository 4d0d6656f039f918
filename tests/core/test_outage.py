"""A database out of reach is a 503 maintenance page, logged once per outage, and the portal
recovers by itself when the database is back (apps/core/outage.py)."""

import contextlib
import logging
import socket
import urllib.error
import urllib.request
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection, connections
from django.test import Client
from django.urls import reverse

from apps.accounts.choices import Role
from apps.core import outage
from tests.factories import UserFactory, division

MAINTENANCE = "系统维护中，请稍后再试"


@pytest.fixture(autouse=True)
def _no_open_outage():
    outage.state.recovered()
    yield
    outage.state.started, outage.state.refused = None, 0


@pytest.fixture
def outage_log(caplog):
    caplog.set_level(logging.INFO, logger="portal.outage")
    return caplog


def _records(caplog, name, level):
    return [r for r in caplog.records if r.name == name and r.levelno == level]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def database_unreachable():
    """New connections go to a port nothing listens on, as while PostgreSQL restarts."""
    database = connections.settings["default"]
    port = database["PORT"]
    database["PORT"] = str(_closed_port())
    try:
        yield
    finally:
        database["PORT"] = port


def _get(url, session=None):
    request = urllib.request.Request(url)  # noqa: S310 (the live server's http URL)
    if session:
        request.add_header("Cookie", f"sessionid={session}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _signed_in_session(divisions):
    user = UserFactory(username="edu_kunming", role=Role.EDUCATION, division=division("530100"))
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_database_is_a_503_page_logged_once_until_it_is_back(
    live_server, divisions, outage_log
):
    # given a running server and a signed-in user
    session = _signed_in_session(divisions)
    dashboard = live_server.url + reverse("reports:dashboard")
    assert _get(dashboard, session)[0] == 200

    # when the database refuses connections for five requests: signed in (the session
    # lookup in a middleware fails, before any view) and signed out (the view's query fails)
    with database_unreachable():
        answers = [_get(dashboard, session) for _ in range(3)]
        answers += [_get(live_server.url + "/") for _ in range(2)]

    # then each is the portal's maintenance page with a 503 and Retry-After
    for status, headers, body in answers:
        assert status == 503
        assert headers["Retry-After"] == "30"
        assert MAINTENANCE in body
        assert "data-person" not in body  # rendered without the session or the user
    # logged once for the outage, and Django's per-request error log stays silent
    errors = _records(outage_log, "portal.outage", logging.ERROR)
    assert len(errors) == 1
    assert "Database unavailable" in errors[0].getMessage()
    assert _records(outage_log, "django.request", logging.ERROR) == []
    assert _records(outage_log, "portal.outage", logging.INFO) == []

    # when the database is back, the next request is served and the recovery logged once
    status, _, body = _get(dashboard, session)
    assert status == 200
    assert MAINTENANCE not in body
    assert _get(live_server.url + "/")[0] == 200
    recovered = _records(outage_log, "portal.outage", logging.INFO)
    assert len(recovered) == 1
    assert "5 requests" in recovered[0].getMessage()


@pytest.mark.django_db(transaction=True)
def test_a_connection_terminated_under_a_signed_in_user_is_a_503_then_recovers(
    divisions, outage_log
):
    # given a signed-in user whose requests share one persistent connection
    user = UserFactory(username="edu_kunming", role=Role.EDUCATION, division=division("530100"))
    client = Client(raise_request_exception=False)
    client.force_login(user)
    dashboard = reverse("reports:dashboard")
    assert client.get(dashboard).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]

    # when another connection terminates it, as a restart of PostgreSQL does
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone()[0] is True
    finally:
        other.close()
    response = client.get(dashboard)

    # then the session lookup's failure is the maintenance page, logged once
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert MAINTENANCE in response.text
    assert len(_records(outage_log, "portal.outage", logging.ERROR)) == 1

    # and the next request opens a new connection and is served
    assert client.get(dashboard).status_code == 200
    assert len(_records(outage_log, "portal.outage", logging.INFO)) == 1
    assert _records(outage_log, "django.request", logging.ERROR) == []


class _DriverError(Exception):
    """What the driver raises, with the SQLSTATE the server sent (None: no answer)."""

    def __init__(self, sqlstate):
        super().__init__(f"failed ({sqlstate})")
        self.sqlstate = sqlstate


def _fails_with(sqlstate):
    def execute(*args, **kwargs):
        raise OperationalError("statement failed") from _DriverError(sqlstate)

    return execute


@pytest.mark.django_db
def test_a_failed_statement_on_a_reachable_database_stays_a_500(divisions, outage_log):
    # given a deadlock (40P01): the database is there, one statement failed
    client = Client(raise_request_exception=False)
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", _fails_with("40P01")):
        response = client.get("/")

    # then it is Django's 500, not the maintenance page, and no outage is opened
    assert response.status_code == 500
    assert MAINTENANCE not in response.text
    assert "Retry-After" not in response
    assert not outage.state.active
    assert _records(outage_log, "portal.outage", logging.ERROR) == []


@pytest.mark.django_db
def test_a_view_losing_its_connection_is_a_503_answered_by_the_middleware(divisions, outage_log):
    # given the connection lost while the home page's view reads (no SQLSTATE: the server
    # closed it)
    client = Client()  # a view error answered by process_exception is no request exception
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", _fails_with(None)):
        responses = [client.get("/") for _ in range(3)]

    assert [r.status_code for r in responses] == [503, 503, 503]
    assert all(MAINTENANCE in r.text for r in responses)
    assert len(_records(outage_log, "portal.outage", logging.ERROR)) == 1
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    ("error", "sqlstate", "outage_expected"),
    [
        (InterfaceError, None, True),  # the connection is already closed
        (OperationalError, None, True),  # refused, or closed by the server
        (OperationalError, "08006", True),  # connection failure
        (OperationalError, "57P01", True),  # terminated by an administrator (a restart)
        (OperationalError, "57P03", True),  # the server is starting up
        (OperationalError, "53300", True),  # too many connections
        (OperationalError, "57014", False),  # a statement timeout
        (OperationalError, "40P01", False),  # a deadlock
        (OperationalError, "40001", False),  # a serialization failure
        (OperationalError, "55P03", False),  # a lock not available
        (ValueError, None, False),
    ],
)
def test_it_tells_an_outage_from_a_failed_statement(error, sqlstate, outage_expected):
    exc = error("failed")
    exc.__cause__ = _DriverError(sqlstate)
    assert outage.database_unavailable(exc) is outage_expected
