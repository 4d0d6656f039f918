"""What every signed-in page keeps until a write (apps.core.freshness): the viewer's
permissions, the menu, a list's total; and one check of the write log a request, made
again after the request's own writes. On PostgreSQL connections of their own."""

from contextlib import contextmanager

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.signals import request_finished, request_started
from django.urls import reverse

from apps.accounts.models import User
from apps.core import freshness
from apps.organizations.models import School
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def a_request():
    request_started.send(sender=None)
    try:
        yield
    finally:
        request_finished.send(sender=None)


@pytest.fixture
def in_request():
    """The code under test runs as a view does, between a request's start and end."""
    with a_request():
        yield


def count(key="schools"):
    return freshness.cached(key, lambda: School.objects.count())


def test_a_request_checks_the_write_log_once_for_its_kept_values(
    divisions, django_assert_num_queries
):
    SchoolFactory(name="甲小学")
    with a_request():
        count("a"), count("b")  # built: their snapshot is the same, nothing written between
        with django_assert_num_queries(0):  # taken in this request: current
            assert [count("a"), count("b")] == [1, 1]

    with a_request(), django_assert_num_queries(1):
        assert [count("a"), count("b"), count("a")] == [1, 1, 1]


def test_outside_a_request_every_read_checks_the_write_log(divisions, django_assert_num_queries):
    SchoolFactory(name="甲小学")
    count("a"), count("b")

    with django_assert_num_queries(2):
        assert [count("a"), count("b")] == [1, 1]


def test_the_requests_own_write_makes_the_next_read_fresh(divisions, in_request):
    SchoolFactory(name="甲小学")
    assert count() == 1

    SchoolFactory(name="乙小学")  # the view's own write, committed

    assert count() == 2


def test_a_write_on_another_connection_during_the_request_is_seen_next_request(divisions):
    import threading

    from django.db import connection

    SchoolFactory(name="甲小学")
    assert count() == 1  # built, before the request

    def write():
        SchoolFactory(name="乙小学")
        connection.close()

    request_started.send(sender=None)
    assert count() == 1  # found current: not asked again in this request
    writer = threading.Thread(target=write)
    writer.start()
    writer.join()
    # this request already found the figure current: it shows one moment's state
    assert count() == 1
    request_finished.send(sender=None)

    request_started.send(sender=None)
    assert count() == 2
    request_finished.send(sender=None)


def test_a_users_permissions_are_kept_until_a_permission_table_is_written(
    divisions, edu_wuhua, django_assert_num_queries
):
    group = Group.objects.create(name="审读组")
    edu_wuhua.groups.add(group)
    perm = Permission.objects.get(codename="view_school", content_type__app_label="organizations")
    user = User.objects.get(pk=edu_wuhua.pk)
    before = user.get_all_permissions()

    again = User.objects.get(pk=edu_wuhua.pk)
    with django_assert_num_queries(1):  # whether anything was written since
        assert again.get_all_permissions() == before
        assert again.has_perm("organizations.view_school") == (
            "organizations.view_school" in before
        )

    group.permissions.add(perm)  # auth's own table: tracked too

    fresh = User.objects.get(pk=edu_wuhua.pk)
    assert fresh.has_perm("organizations.view_school")
    assert fresh.has_module_perms("organizations")
    group.permissions.remove(perm)
    edu_wuhua.user_permissions.clear()
    edu_wuhua.groups.clear()
    stripped = User.objects.get(pk=edu_wuhua.pk)
    assert stripped.get_all_permissions() == set()
    assert not stripped.has_module_perms("organizations")


def test_an_inactive_user_holds_no_permission_a_superuser_every_one(divisions, edu_wuhua):
    assert User.objects.get(pk=edu_wuhua.pk).get_all_permissions()
    User.objects.filter(pk=edu_wuhua.pk).update(is_active=False)
    inactive = User.objects.get(pk=edu_wuhua.pk)
    assert not inactive.has_perm("organizations.view_school")
    assert inactive.get_all_permissions() == set()

    User.objects.filter(pk=edu_wuhua.pk).update(is_active=True, is_superuser=True)
    superuser = User.objects.get(pk=edu_wuhua.pk)
    assert superuser.has_perm("anything.at_all")
    assert "organizations.delete_school" in superuser.get_all_permissions()


def test_auths_permission_tables_are_tracked(divisions):
    tables = set(freshness.tracked_tables())

    assert {"auth_group_permissions", "auth_permission", "auth_group"} <= tables


def _menu(response) -> str:
    return response.content.decode().split('<ul class="nav-links">', 1)[1].split("</ul>", 1)[0]


def test_the_menu_is_kept_per_view_and_follows_a_permission_change(divisions, login, edu_wuhua):
    client = login(edu_wuhua)
    counselors_url = reverse("counselors:counselor-list")
    schools_url = reverse("organizations:school-list")
    counselors = _menu(client.get(counselors_url))
    schools = _menu(client.get(schools_url))
    current = 'aria-current="page"'
    # each page marks its own entry, kept or not
    assert f'href="{counselors_url}" {current}' in counselors
    assert f'href="{schools_url}" {current}' in schools
    assert f'href="{counselors_url}" {current}' not in schools
    assert _menu(client.get(counselors_url)) == counselors

    edu_wuhua.user_permissions.clear()
    edu_wuhua.groups.clear()

    assert f'href="{counselors_url}"' not in _menu(client.get(reverse("core:home")))


def test_a_lists_total_follows_a_write(divisions, login, edu_wuhua):
    client = login(edu_wuhua)
    url = reverse("organizations:school-list")
    SchoolFactory(name="甲小学")
    assert client.get(url).context["page"].count == 1
    assert client.get(url).context["page"].count == 1

    SchoolFactory(name="乙小学")

    assert client.get(url).context["page"].count == 2
    # another filter is another total
    assert client.get(url, {"name": "甲"}).context["page"].count == 1


def _new_transaction_id() -> None:
    """Gives out a transaction id and writes nothing: later snapshots are newer."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_xact_id()")


def test_a_snapshot_newer_than_one_found_unchanged_is_not_checked(
    divisions, django_assert_num_queries
):
    SchoolFactory(name="甲小学")
    count("older")
    _new_transaction_id()
    count("newer")  # built after: its snapshot is a later one

    with a_request(), django_assert_num_queries(1):
        assert [count("older"), count("newer")] == [1, 1]
    # the other way round, the older one must be asked about too
    with a_request(), django_assert_num_queries(2):
        assert [count("newer"), count("older")] == [1, 1]


def test_a_value_built_in_a_request_takes_the_snapshot_it_found_unchanged(
    divisions, django_assert_num_queries
):
    SchoolFactory(name="甲小学")
    count("kept")
    _new_transaction_id()

    with a_request(), django_assert_num_queries(2):  # the check, the count: no new snapshot
        assert [count("kept"), count("built")] == [1, 1]
    with a_request(), django_assert_num_queries(1):
        assert [count("built"), count("kept")] == [1, 1]
    # and a write since is seen by both
    SchoolFactory(name="乙小学")
    with a_request():
        assert [count("built"), count("kept")] == [2, 2]


@pytest.mark.parametrize(
    ("snapshot", "other", "expected"),
    [
        ("100:105:100,102", "100:105:100,102", True),  # the same moment
        ("100:106:100", "100:105:100,102", True),  # an id given out since
        ("100:105:100", "100:105:100,102", True),  # 102 ended since
        ("100:105:100,102", "100:105:100", False),  # 102 was still running: earlier
        ("100:104:", "100:105:100,102", False),
        ("105:105:", "100:105:100,102", True),
    ],
)
def test_snapshots_are_ordered_by_what_they_saw(snapshot, other, expected):
    assert freshness._not_before(snapshot, other) is expected


def test_the_signed_in_user_is_kept_until_the_users_table_is_written(
    divisions, edu_wuhua, in_request, django_assert_num_queries
):
    from apps.accounts.backends import PortalBackend

    backend = PortalBackend()
    first = backend.get_user(edu_wuhua.pk)
    assert first == edu_wuhua
    first.full_name = "改过的名字"  # each read is a copy of its own

    with django_assert_num_queries(0):  # this request already found the log unchanged
        again = backend.get_user(edu_wuhua.pk)
    assert again.full_name == edu_wuhua.full_name

    User.objects.filter(pk=edu_wuhua.pk).update(is_active=False)
    assert backend.get_user(edu_wuhua.pk) is None
    User.objects.filter(pk=edu_wuhua.pk).update(is_active=True, full_name="新名字")
    assert backend.get_user(edu_wuhua.pk).full_name == "新名字"


def test_a_signed_in_page_reads_no_user_row_once_kept(divisions, login, edu_wuhua):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(edu_wuhua)
    url = reverse("core:home")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert not [q for q in queries if 'FROM "accounts_user"' in q["sql"]]

    edu_wuhua.set_password("另一个足够长的新密码2026")
    edu_wuhua.save()  # the session's password hash no longer matches the row

    assert client.get(url).wsgi_request.user.is_anonymous


def test_one_request_scopes_reads_as_a_served_page_does(divisions, django_assert_num_queries):
    SchoolFactory(name="甲小学")
    count("a"), count("b")

    with freshness.one_request(), django_assert_num_queries(1):
        assert [count("a"), count("b")] == [1, 1]
    with django_assert_num_queries(2):  # outside it again: every read asks
        assert [count("a"), count("b")] == [1, 1]
