"""Export fixtures: counselors in bulk, a list view using ListExportMixin, an in-process worker.

Background jobs go through the real DatabaseBackend (as in production): a request queues a
task row, and ``run_worker`` runs django_tasks_db's own worker loop in this process until the
queue is empty. The loop's connection housekeeping (close_old_connections) is switched off,
because inside a test's transaction it would close the connection the test is using.
"""

import datetime
import itertools

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.views import View
from django_tasks_db.management.commands import db_worker

from apps.core.access import has_perm
from apps.counselors.choices import CounselorPost, Gender
from apps.counselors.models import Counselor
from apps.counselors.permissions import Perm as CounselorPerm
from apps.counselors.validators import build_id_number
from apps.exports.mixins import ListExportMixin
from tests.factories import SchoolFactory, division

_serials = itertools.count()


def make_counselors(code: str, count: int, *, school=None, name="辅导员", **fields):
    """``count`` squad counselors at a school of county ``code`` in one INSERT, each with a
    valid and unique ID number; ``fields`` override the defaults."""
    county = division(code)
    school = school or SchoolFactory(county=county)
    rows = []
    for i in range(count):
        n = next(_serials)
        birth = datetime.date(1975, 1, 1) + datetime.timedelta(days=n)
        values = {
            "name": f"{name}{i}",
            "gender": Gender.FEMALE,
            "birth_date": birth,
            "id_number": build_id_number(region=code, birth=birth, sequence=2),
            "phone": f"139{n:08d}",
            "county": county,
            "school": school,
            "post": CounselorPost.SQUAD,
            **fields,
        }
        rows.append(Counselor(**values))
    return Counselor.objects.bulk_create(rows)


def export_queries(client, url, file_format) -> int:
    """How many queries the export of ``url`` as ``file_format`` takes, file and all."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"format": file_format})
        b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


class _ListPage(View):
    def get(self, request):
        return HttpResponse("the list page")


class CounselorListExportView(ListExportMixin, _ListPage):
    """A list view as an area would write it: the mixin plus its own page."""

    export_kind = "counselors"


urlpatterns = [
    path(
        "test-exports/counselors/",
        CounselorListExportView.as_view(),
        name="test-counselor-list",
    ),
    path("", include("config.urls")),
]

LIST_URL = "/test-exports/counselors/"


@pytest.fixture
def export_list(settings, monkeypatch):
    """Route LIST_URL to CounselorListExportView, with the counselor list's access rule."""
    from apps.core.registry import url_rules

    settings.ROOT_URLCONF = __name__
    monkeypatch.setitem(url_rules(), "test-counselor-list", has_perm(CounselorPerm.VIEW_COUNSELOR))
    return LIST_URL


@pytest.fixture
def run_worker(monkeypatch):
    """Run the database task worker here until no task is ready; returns how many ran."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def _run() -> int:
        worker = db_worker.Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        )
        worker.run()
        return worker._run_tasks

    return _run


@pytest.fixture
def people(divisions, settings):
    """Seven Kunming counselors (Wuhua, Panlong) and four in Yuxi; jobs past 3 rows."""
    settings.EXPORT_SYNC_MAX_ROWS = 3
    return {
        "wuhua": make_counselors("530102", 5, name="五华"),
        "panlong": make_counselors("530103", 2, name="盘龙"),
        "yuxi": make_counselors("530402", 4, name="红塔"),
    }


@pytest.fixture
def queue_job(people, edu_kunming, login, export_list, django_capture_on_commit_callbacks):
    """edu_kunming asks for the whole counselor list; returns the response."""

    def _queue(file_format="xlsx", **filters):
        client = login(edu_kunming)
        with django_capture_on_commit_callbacks(execute=True):
            return client.get(export_list, {"format": file_format, **filters})

    return _queue
