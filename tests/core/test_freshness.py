"""Cached figures (apps.core.freshness): kept while nothing they read is written, computed
again after any committed write, on PostgreSQL connections of their own; never cached
inside a transaction."""

import datetime
import threading
import warnings

import pytest
from django.core.cache import CacheKeyWarning
from django.db import connection, transaction
from django.utils import timezone

from apps.core import freshness
from apps.core.models import WriteLog
from apps.exports.models import ExportJob
from apps.organizations.models import School
from apps.reports.indicators import compute, province_division
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db(transaction=True)


class Counted:
    """A figure (the number of schools) and how often it was computed."""

    def __init__(self):
        self.builds = 0

    def __call__(self):
        self.builds += 1
        return School.objects.count()


def figure(build, key="schools"):
    return freshness.cached(key, build)


def test_a_figure_is_kept_until_a_write_to_its_tables_and_computed_again_after(divisions):
    build = Counted()
    SchoolFactory(name="甲小学")

    assert [figure(build), figure(build)] == [1, 1]
    assert build.builds == 1

    SchoolFactory(name="乙小学")

    assert figure(build) == 2
    assert build.builds == 2


def test_writes_to_untracked_tables_keep_the_figure(divisions, edu_wuhua):
    build = Counted()
    figure(build)

    ExportJob.objects.create(owner=edu_wuhua, kind="schools", file_format="csv")

    assert figure(build) == 0
    assert build.builds == 1


def test_a_write_committed_while_the_figure_was_computed_ends_it(divisions):
    # given a computation during which another connection commits a new school
    build = Counted()

    def build_while_another_writes():
        value = build()

        def write():
            SchoolFactory(name="丙小学")
            connection.close()

        writer = threading.Thread(target=write)
        writer.start()
        writer.join()
        return value

    assert freshness.cached("schools", build_while_another_writes) == 0

    # then the next reader does not get the figure that missed it
    assert figure(build) == 1


def test_a_write_in_progress_is_invisible_until_it_commits_then_ends_the_figure(divisions):
    # given a writer that has added a school but not committed
    written, release = threading.Event(), threading.Event()

    def write():
        with transaction.atomic():
            SchoolFactory(name="丁小学")
            written.set()
            release.wait(timeout=30)
        connection.close()

    writer = threading.Thread(target=write)
    writer.start()
    assert written.wait(timeout=30)
    build = Counted()

    # when the figure is computed meanwhile, it does not count it, and is kept
    assert [figure(build), figure(build)] == [0, 0]
    assert build.builds == 1

    # and once the writer commits, the figure counts it
    release.set()
    writer.join()
    assert figure(build) == 1
    assert build.builds == 2


def test_nothing_is_cached_inside_a_transaction(divisions):
    build = Counted()

    with transaction.atomic():
        figure(build)
        figure(build)

    assert build.builds == 2


def test_a_cache_out_of_reach_means_computing_not_failing(divisions, settings):
    # given a shared cache that cannot be reached (nothing listens on the port)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    build = Counted()
    SchoolFactory(name="己小学")

    # then every read computes the figure and answers
    assert [figure(build), figure(build)] == [1, 1]
    assert build.builds == 2


def test_the_dashboards_figures_are_kept_and_follow_a_new_school(divisions):
    province = province_division()
    year = timezone.localdate().year
    before = compute(scope=province, year=year)

    SchoolFactory(name="戊小学", squad_count=6)

    after = compute(scope=province, year=year)
    assert after != before
    assert compute(scope=province, year=year) == after


def test_every_area_table_is_tracked_but_history_jobs_and_logs(divisions):
    tables = freshness.tracked_tables()

    assert {"organizations_school", "organizations_squad", "counselors_counselor"} <= set(tables)
    # The many-to-many tables too: naming an inspector changes what waits for them.
    assert {"inspections_inspection_inspectors", "accounts_user_groups"} <= set(tables)
    assert not {"exports_exportjob", "securitylog_securityevent", "core_writelog"} & set(tables)
    assert not [table for table in tables if "historical" in table]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [freshness.TRIGGER],
        )
        triggered = {row[0] for row in cursor.fetchall()}
    assert triggered == set(tables)


def test_the_write_log_forgets_a_write_only_once_no_cached_figure_can_need_it(divisions, settings):
    settings.FRESHNESS_SECONDS = 60
    freshness._marks.clear()
    now = timezone.now()
    # given a long transaction's write, logged as first written an hour ago
    SchoolFactory(name="庚小学")
    WriteLog.objects.update(written_at=now - datetime.timedelta(hours=1))
    old = set(WriteLog.objects.values_list("txid", flat=True))

    # then a first prune forgets nothing: an entry cached a moment ago may not have seen it
    assert freshness.prune_write_log(now=now) == 0
    SchoolFactory(name="辛小学")
    newer = set(WriteLog.objects.values_list("txid", flat=True)) - old

    # and two cache lives later, only the writes finished by that first prune are forgotten
    # (those below the oldest transaction then running anywhere on the server)
    ((_when, horizon),) = freshness._marks
    finished = {txid for txid in old if txid < horizon}
    later = now + datetime.timedelta(seconds=121)
    assert freshness.prune_write_log(now=later) == len(finished)
    assert set(WriteLog.objects.values_list("txid", flat=True)) == (old - finished) | newer
    assert newer and all(txid >= horizon for txid in newer)
    freshness._marks.clear()


def test_to_do_counts_are_kept_until_a_write_and_counted_again_after(
    divisions, django_assert_num_queries
):
    from apps.core.todos import Waiting, counted

    def items():
        return [Waiting("schools", School.objects.filter(name__endswith="小学"), "/schools/")]

    SchoolFactory(name="丁小学")
    assert [todo.count for todo in counted(items())] == [1]

    # kept: one query checks that nothing was written since
    with django_assert_num_queries(1):
        assert [todo.count for todo in counted(items())] == [1]

    SchoolFactory(name="戊小学")

    assert [todo.count for todo in counted(items())] == [2]


def test_a_lists_total_is_kept_until_a_write(divisions, django_assert_num_queries):
    SchoolFactory(name="己小学")
    schools = School.objects.filter(name__endswith="小学")
    assert freshness.cached_count(schools) == 1

    with django_assert_num_queries(1):  # whether anything was written since
        assert freshness.cached_count(schools) == 1
    # another filter is another total
    assert freshness.cached_count(schools.filter(name="无")) == 0

    SchoolFactory(name="庚小学")

    assert freshness.cached_count(schools) == 2
    assert freshness.cached_count(School.objects.none()) == 0


def test_a_kept_part_of_a_page_is_rendered_once_until_a_write(divisions):
    from django.template import Context, Template

    page = Template("{% load portal %}[{% kept key name %}{{ schools.count }}{% endkept %}]")
    build = Counted()

    class Schools:
        def count(self):
            return build()

    def render(key="k1", name="甲 乙"):
        # A key any cache takes (no spaces, short): a warning would be an error here.
        with warnings.catch_warnings():
            warnings.simplefilter("error", CacheKeyWarning)
            return page.render(Context({"key": key, "name": name, "schools": Schools()}))

    assert [render(), render()] == ["[0]", "[0]"]
    assert build.builds == 1
    # another key (another viewer, day or language) is rendered for itself
    assert render("k2") == "[0]" and build.builds == 2
    assert render("k1", name="丙") == "[0]" and build.builds == 3

    SchoolFactory(name="辛小学")

    assert render() == "[1]"
    assert build.builds == 4
    # an empty key keeps nothing
    render("")
    render("")
    assert build.builds == 6
