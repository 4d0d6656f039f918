"""The to-do page, the menu counts on every page, and the inbox."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core import clock, todos
from apps.core.todos import todos_for_request, waiting_count
from apps.inbox.choices import Step
from apps.inbox.models import Notification
from tests.inbox.conftest import DUE_AFTER_WEEKEND


def notify(user, key="meetings.decision:1", step=Step.REMINDER, link="/meetings/"):
    return Notification.objects.create(
        recipient=user, item_key=key, step=step, text="提醒", link=link, due_on=DUE_AFTER_WEEKEND
    )


def test_every_signed_in_page_counts_what_waits_beside_the_menu(client, due_decision, edu_kunming):
    due_decision()
    due_decision(text="第二项")
    notify(edu_kunming)
    client.force_login(edu_kunming)

    page = client.get(reverse("organizations:school-list")).content.decode()

    assert 'data-nav-count="inbox:todo-list">2<' in page
    assert 'data-nav-count="inbox:notification-list">1<' in page


def test_nothing_waiting_shows_no_count(client, edu_yuxi):
    client.force_login(edu_yuxi)

    page = client.get(reverse("inbox:todo-list")).content.decode()

    assert "data-nav-count" not in page
    assert 'data-todo-total="0"' in page


def test_the_todo_page_lists_each_kind_overdue_first_linking_where_to_act(
    client, due_decision, edu_kunming
):
    due_decision()
    client.force_login(edu_kunming)

    with clock.travel(DUE_AFTER_WEEKEND + datetime.timedelta(days=3)):
        response = client.get(reverse("inbox:todo-list"))

    todos = response.context["todos"]
    assert [(t.count, t.overdue) for t in todos] == [(1, True)]
    assert todos[0].url == "/meetings/decisions/?status=open&mine=true"
    assert 'data-todo-total="1"' in response.content.decode()


def test_the_todos_are_computed_once_a_request_and_cost_the_same_whatever_the_rows(
    client, due_decision, edu_kunming
):
    due_decision()
    client.force_login(edu_kunming)
    url = reverse("reports:dashboard")
    client.get(url)  # warm-up: sessions, caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)

    for number in range(12):
        due_decision(text=f"事项{number}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert len(many) == len(few)
    assert 'data-nav-count="inbox:todo-list">13<' in response.content.decode()


def test_a_request_computes_its_todos_once(
    rf, due_decision, edu_kunming, django_assert_num_queries
):
    due_decision()
    request = rf.get("/")
    request.user = edu_kunming
    first = todos_for_request(request)

    with django_assert_num_queries(0):
        again = todos_for_request(request)

    assert again is first and waiting_count(request) == 1


def test_the_inbox_shows_unread_marks_read_and_opens_the_item(client, edu_kunming):
    first = notify(edu_kunming, link="/meetings/decisions/")
    notify(edu_kunming, key="meetings.decision:2", step=Step.ESCALATION)
    client.force_login(edu_kunming)

    page = client.get(reverse("inbox:notification-list")).content.decode()
    assert 'data-unread="2"' in page
    opened = client.post(reverse("inbox:notification-open", args=[first.pk]))

    assert opened.status_code == 302 and opened.url == "/meetings/decisions/"
    first.refresh_from_db()
    assert first.read_at is not None
    client.post(reverse("inbox:notification-read-all"))
    assert not Notification.objects.unread().exists()
    assert 'data-unread="0"' in client.get(reverse("inbox:notification-list")).content.decode()


def test_nobody_opens_anothers_notification(client, edu_kunming, edu_yuxi):
    theirs = notify(edu_kunming)
    client.force_login(edu_yuxi)

    response = client.post(reverse("inbox:notification-open", args=[theirs.pk]))
    listed = client.get(reverse("inbox:notification-list")).content.decode()

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "data-notification=" not in listed


def test_a_user_turns_reminders_by_email_off(client, edu_kunming):
    client.force_login(edu_kunming)

    response = client.post(reverse("inbox:settings"), {})

    assert response.status_code == 302
    edu_kunming.refresh_from_db()
    assert edu_kunming.email_reminders is False


def test_a_users_todo_query_is_built_once_and_its_counts_read_afresh(
    due_decision, edu_kunming, settings, monkeypatch, django_assert_num_queries
):
    settings.TODO_PLAN_SECONDS = 60
    due_decision()
    assert [t.count for t in todos.todos_for(edu_kunming)] == [1]
    built = []
    plan = todos._plan
    monkeypatch.setattr(todos, "_plan", lambda items: built.append(1) or plan(items))

    due_decision(text="第二项")
    with django_assert_num_queries(1):
        again = todos.todos_for(edu_kunming)
    assert [t.count for t in again] == [2] and built == []

    # Another scope is another query.
    edu_kunming.division_id = "530400"
    assert todos.todos_for(edu_kunming) == [] and built == [1]
    settings.TODO_PLAN_SECONDS = 0
    edu_kunming.division_id = "530100"
    assert [t.count for t in todos.todos_for(edu_kunming)] == [2] and built == [1, 1]
