"""The demo: every account's to-do counts equal the rows of the pages they link to, and the
first send_reminders reaches county and prefecture staff of both bodies."""

import datetime
import io
import re
from urllib.parse import urljoin

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from apps.core import clock, registry
from apps.core.todos import todos_for
from apps.inbox.choices import Step
from apps.inbox.models import Notification
from tests.demo_accounts import README_ACCOUNTS

pytestmark = pytest.mark.usefixtures("demo_data", "db")

ACCOUNTS = README_ACCOUNTS
TBODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
NEXT = re.compile(r'href="([^"]+)" rel="next"')


def rows_listed(client, url: str) -> int:
    """The rows a list page shows for ``url``, over all its pages. The objection list shows
    every objection and marks the ones still to check."""
    count = 0
    while url:
        html = client.get(url).content.decode()
        if "data-outcome=" in html:
            return html.count('data-outcome="pending"')
        for body in TBODY.findall(html):
            count += len(re.findall(r"<tr\b", body)) - len(re.findall(r"colspan=", body))
        following = NEXT.search(html)
        url = urljoin(url, following.group(1).replace("&amp;", "&")) if following else None
    return count


@pytest.mark.parametrize("username", ACCOUNTS)
def test_each_todo_count_equals_the_rows_of_the_page_it_links_to(client, username):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)

    for todo in todos_for(user):
        if "/edit/" in todo.url:  # the one returned application opens straight in its form
            assert todo.count == 1 and client.get(todo.url).status_code == 200
            continue
        assert rows_listed(client, todo.url) == todo.count, (username, str(todo.label))


def test_the_first_run_reminds_and_escalates_across_both_bodies_and_levels():
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    call_command("send_reminders", stdout=out)

    _first, second = out.getvalue().splitlines()
    assert " 0 reminders and 0 escalations" in second
    received = set(Notification.objects.values_list("recipient__username", "step"))
    # County staff of both bodies are reminded; prefecture staff of both get an escalation.
    assert {("edu_wuhua", Step.REMINDER), ("pair_league_wuhua", Step.REMINDER)} <= received
    assert {("edu_kunming", Step.ESCALATION), ("league_kunming", Step.ESCALATION)} <= received
    assert ("edu_kunming", Step.REMINDER) in received


def test_every_area_with_deadlines_declares_its_open_items_with_who_must_act():
    today = clock.today()
    items = [
        item
        for source in registry.due_sources()
        for item in source(
            due_from=today - datetime.timedelta(days=3650),
            due_to=today + datetime.timedelta(days=365),
        )
    ]

    kinds = {item.key.split(":")[0] for item in items}
    assert kinds >= {
        "inspections.order",
        "documents.countersign",
        "meetings.decision",
        "pairing.wish",
        "titles.review",
        "commendations.objection",
        "commendations.notice",
    }
    assert len({item.key for item in items}) == len(items)
    for kind in kinds:
        assert any(item.actors for item in items if item.key.startswith(kind)), kind
