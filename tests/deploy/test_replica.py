"""Reads that may lag go to the replica; everything else to the primary (config.routers).

The replica here is a second alias on the test database itself (the test settings mirror it),
so both see the same committed rows and each connection's own queries show which alias
served what."""

import threading
from contextlib import ExitStack, contextmanager

import pytest
from django.db import connections, router
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.replica import on_replica, reading_replica
from apps.counselors.models import Counselor
from apps.exports.choices import ExportStatus
from apps.exports.registry import get_definition
from apps.exports.services import export_job_create, export_job_execute
from tests.exports.conftest import make_counselors

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])

COUNSELORS = Counselor._meta.db_table
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def replica_router(settings):
    settings.DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]


@contextmanager
def queries_by_alias():
    """The SQL each alias ran inside the block: {"default": [...], "replica": [...]}."""
    with ExitStack() as stack:
        captured = {
            alias: stack.enter_context(CaptureQueriesContext(connections[alias]))
            for alias in ("default", "replica")
        }
        taken: dict[str, list[str]] = {}
        yield taken
    for alias, context in captured.items():
        taken[alias] = [query["sql"] for query in context.captured_queries]


def touching(queries, table):
    return [sql for sql in queries if table in sql]


def writes(queries):
    return [sql for sql in queries if sql.lstrip().upper().startswith(WRITES)]


@pytest.fixture
def counselors(divisions):
    make_counselors("530102", 4, name="五华")


def test_a_list_export_reads_its_rows_from_the_replica(
    replica_router, counselors, edu_kunming, login
):
    client = login(edu_kunming)

    with queries_by_alias() as taken:
        response = client.get(reverse("counselors:counselor-list"), {"format": "csv"})
        body = b"".join(response.streaming_content).decode("utf-8-sig")

    assert response.status_code == 200
    assert len(body.splitlines()) == 1 + 4
    # The rows (counted, then streamed after the view returned) came from the replica...
    assert len(touching(taken["replica"], COUNSELORS)) >= 2
    assert writes(taken["replica"]) == []
    # ...the session, the user and the export's record from the primary.
    assert touching(taken["default"], COUNSELORS) == []
    assert touching(taken["default"], "django_session")
    assert writes(taken["default"])


def test_the_list_page_itself_reads_the_primary(replica_router, counselors, edu_kunming, login):
    client = login(edu_kunming)

    with queries_by_alias() as taken:
        response = client.get(reverse("counselors:counselor-list"))

    assert response.status_code == 200
    assert "五华" in response.content.decode()
    assert taken["replica"] == []
    assert touching(taken["default"], COUNSELORS)


def test_the_dashboards_figures_come_from_the_replica_and_its_to_dos_do_not(
    replica_router, counselors, edu_kunming, login
):
    client = login(edu_kunming)

    with queries_by_alias() as taken:
        response = client.get(reverse("reports:dashboard"))

    assert response.status_code == 200
    assert touching(taken["replica"], COUNSELORS)
    assert writes(taken["replica"]) == []
    # Who is signed in, and the session saved at the end, on the primary.
    assert touching(taken["default"], "django_session")
    assert touching(taken["default"], "accounts_user")


def test_a_background_export_reads_rows_from_the_replica_and_writes_its_job_to_the_primary(
    replica_router, counselors, edu_kunming, settings
):
    settings.EXPORT_SYNC_MAX_ROWS = 1
    job = export_job_create(
        actor=edu_kunming, definition=get_definition("counselors"), filters={}, file_format="csv"
    )

    with queries_by_alias() as taken:
        export_job_execute(job_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.rows_done) == (ExportStatus.DONE, 4)
    assert touching(taken["replica"], COUNSELORS)
    assert writes(taken["replica"]) == []
    assert touching(taken["default"], COUNSELORS) == []
    job_table = type(job)._meta.db_table
    assert [sql for sql in writes(taken["default"]) if job_table in sql]


def test_without_the_router_the_mark_changes_nothing(counselors, edu_kunming, login):
    client = login(edu_kunming)

    with queries_by_alias() as taken:
        response = client.get(reverse("counselors:counselor-list"), {"format": "csv"})
        b"".join(response.streaming_content)

    assert response.status_code == 200
    assert taken["replica"] == []
    assert touching(taken["default"], COUNSELORS)


def test_writes_inside_the_mark_go_to_the_primary(replica_router):
    with reading_replica():
        assert router.db_for_read(Counselor) == "replica"
        assert router.db_for_write(Counselor) == "default"
        assert on_replica(Counselor.objects.all()).db == "replica"
    assert router.db_for_read(Counselor) == "default"
    assert on_replica(Counselor.objects.all()).db == "replica"


def test_one_threads_mark_does_not_move_another_threads_reads(replica_router):
    inside = threading.Event()
    done = threading.Event()
    seen = {}

    def marked():
        with reading_replica():
            seen["marked"] = router.db_for_read(Counselor)
            inside.set()
            done.wait(timeout=30)

    thread = threading.Thread(target=marked)
    thread.start()
    try:
        assert inside.wait(timeout=30)
        seen["other"] = router.db_for_read(Counselor)
    finally:
        done.set()
        thread.join(timeout=30)

    assert seen == {"marked": "replica", "other": "default"}
