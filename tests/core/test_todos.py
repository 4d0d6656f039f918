"""The core's counting of what waits for a user (``apps.core.todos``): every ``Waiting`` of
every area in one query, due dates read as local dates, overdue rules, and a single item
linked straight to its page."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q

from apps.core import clock, registry
from apps.core.todos import Waiting, counted, todo_source
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
User = get_user_model()


@pytest.fixture
def people(divisions):
    # 23:30 on 1 March in UTC is already 2 March in Beijing.
    late = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
    early = datetime.datetime(2026, 3, 5, 9, 0, tzinfo=SHANGHAI)
    return [
        UserFactory(username="todo_a", date_joined=late, email="staff@example.cn"),
        UserFactory(username="todo_b", date_joined=early, email="staff@example.cn"),
        UserFactory(username="todo_c", date_joined=early, email=""),
    ]


def _ours():
    return User.objects.filter(username__startswith="todo_")


def test_every_waiting_is_counted_in_one_query_in_its_order(people, django_assert_num_queries):
    ready = registry.Todo("ready", "/ready/", 4)
    items = [
        Waiting("staff", _ours().filter(email="staff@example.cn"), "/staff/", due="date_joined"),
        ready,
        Waiting("nobody", _ours().filter(username="todo_z"), "/nobody/"),
        Waiting("everyone", _ours(), "/all/", overdue=False),
        Waiting("none at all", User.objects.none(), "/none/"),
        Waiting("empty when compiled", User.objects.filter(pk__in=[]), "/in/"),
    ]

    with django_assert_num_queries(1):
        todos = counted(items)

    assert [(t.label, t.count) for t in todos] == [("staff", 2), ("ready", 4), ("everyone", 3)]
    assert todos[1] is ready
    # The earliest due date, as the local date of a date-time.
    assert todos[0].due == datetime.date(2026, 3, 2)
    assert todos[2].due is None and not todos[2].overdue


def test_rows_that_prove_empty_when_compiled_count_nothing(people):
    assert counted([Waiting("w", _ours().filter(pk__in=[]), "/")]) == []


def test_overdue_is_a_passed_due_date_or_the_rows_a_rule_names(people):
    staff = _ours().filter(email="staff@example.cn")
    with clock.travel(datetime.date(2026, 3, 2)):
        (on_the_day,) = counted([Waiting("w", staff, "/", due="date_joined")])
    with clock.travel(datetime.date(2026, 3, 3)):
        (after,) = counted([Waiting("w", staff, "/", due="date_joined")])
        (never,) = counted([Waiting("w", staff, "/", due="date_joined", overdue=False)])
    (ruled,) = counted([Waiting("w", _ours(), "/", overdue=Q(email=""))])
    (unruled,) = counted([Waiting("w", staff, "/", overdue=Q(email=""))])

    assert not on_the_day.overdue and after.overdue and not never.overdue
    assert ruled.overdue and not unruled.overdue


def test_a_distinct_or_grouped_selector_counts_rows_not_joins(people):
    first, second = Group.objects.create(name="g1"), Group.objects.create(name="g2")
    people[0].groups.add(first, second)
    people[1].groups.add(first)
    in_groups = _ours().filter(groups__name__startswith="g").distinct()

    (todo,) = counted([Waiting("grouped", in_groups, "/", due="date_joined")])

    assert todo.count == 2 and todo.due == datetime.date(2026, 3, 2)


def test_a_single_waiting_item_links_to_its_own_page(people):
    link = {"url_for_one": lambda pk: f"/one/{pk}/"}
    (one,) = counted([Waiting("w", _ours().filter(username="todo_c"), "/list/", **link)])
    (several,) = counted([Waiting("w", _ours(), "/list/", **link)])

    assert one.url == f"/one/{people[2].pk}/" and several.url == "/list/"


def test_a_declared_source_counts_alone_or_with_the_others(people, django_assert_num_queries):
    @todo_source
    def staff_todos(*, actor):
        return [Waiting("staff", _ours().filter(email="staff@example.cn"), "/staff/")]

    with django_assert_num_queries(1):
        (todo,) = staff_todos(actor=people[0])

    (waiting,) = staff_todos.waiting(actor=people[0])
    assert todo.count == 2 and waiting.label == "staff"
    assert staff_todos(actor=None) == []
