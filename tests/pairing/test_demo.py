"""The pairing demo reproduces the source's 2017 figures and leaves work dated from the day it
is seeded for the documented accounts. The whole demo is seeded once for the module."""

import datetime
import io
import json
import time

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from apps.accounts.models import User
from apps.core import clock
from apps.pairing import demo, selectors
from apps.pairing.choices import WishStatus
from apps.pairing.models import Wish
from apps.pairing.todos import pairing_todos


@pytest.fixture
def seeded(demo_data, db):
    return None


def user(username: str) -> User:
    return User.objects.get(username=username)


def indicators(year="2017", scope="530000") -> dict:
    out = io.StringIO()
    call_command("indicators", "--year", year, "--scope", scope, "--json", stdout=out)
    return json.loads(out.getvalue())["pairing"]


def test_the_2017_figures_come_out_of_the_indicators(seeded):
    figures = indicators()
    assert figures["universities"] == 97
    assert figures["institutions"] > 97
    assert figures["organizations_covered"] == 1234
    assert figures["wishes_fulfilled"] >= 4500
    assert figures["children_helped"] == 11230
    assert figures["children_helped"] == figures["children_reached"] + figures["wishes_fulfilled"]
    assert sum(figures["wishes_by_status"].values()) == figures["wishes_posted"]
    by_prefecture = figures["by_prefecture"]
    assert sum(row["organizations_covered"] for row in by_prefecture.values()) == 1234
    assert sum(row["children_helped"] for row in by_prefecture.values()) == 11230
    kunming = indicators(scope="530100")
    assert kunming["children_helped"] == by_prefecture["530100"]["children_helped"]


def test_the_2017_wish_texts_were_cleared_and_their_counts_kept(seeded):
    confirmed = Wish.objects.filter(posted_on__year=2017, status=WishStatus.CONFIRMED)
    assert confirmed.count() >= 4500
    assert not confirmed.exclude(text="").exists()
    assert not confirmed.filter(text_purged_on__isnull=True).exists()
    assert (
        not Wish.history.filter(posted_on__year=2017, status="confirmed").exclude(text="").exists()
    )


def test_work_dated_from_today_waits_for_each_account(seeded):
    today = clock.today()
    league, school, counselor = user("pair_league_wuhua"), user("pair_school"), user("counselor")
    wishes = Wish.objects.filter(school=counselor.school, posted_on__gt=today.replace(year=2017))
    statuses = {wish.status for wish in wishes}
    assert statuses >= {WishStatus.OPEN, WishStatus.CLAIMED, WishStatus.FULFILLED}
    assert selectors.overdue(wishes).count() == 1
    assert wishes.filter(status=WishStatus.CLAIMED, claimed_on__gte=today - datetime.timedelta(30))
    todos = {str(todo.label): todo for todo in pairing_todos(actor=league)}
    assert any(todo.overdue for todo in todos.values())
    assert [todo.count for todo in pairing_todos(actor=school)] == [2]
    assert [todo.count for todo in pairing_todos(actor=counselor)] == [2]


def test_the_dashboard_panel_and_the_summary_show_the_indicators(client, seeded):
    client.force_login(user("league_province"))
    page = client.get(reverse("reports:dashboard"), {"year": 2017}).content.decode()
    assert 'data-indicator="pairing.organizations_covered" data-value="1234"' in page
    assert 'data-indicator="pairing.children_helped" data-value="11230"' in page


def test_the_summary_columns_read_the_indicators(seeded):
    # The sheet of the summary workbook is laid out from the indicators alone.
    area = apps.get_app_config("pairing")
    figures = indicators()
    for column in area.summary_columns:
        assert isinstance(figures[column.key], int)
        for row in [*figures["by_prefecture"].values(), *figures["by_county"].values()]:
            assert isinstance(row[column.key], int)
    assert figures["by_prefecture"]["530100"]["organizations_covered"] == sum(
        row["organizations_covered"]
        for code, row in figures["by_county"].items()
        if code.startswith("5301")
    )


def test_the_public_home_shows_the_2017_counts(client, seeded):
    page = client.get(reverse("core:home")).content.decode()
    assert 'data-section="pairing"' in page
    assert 'data-public="pairing.children_helped">11230<' in page
    assert 'data-public="pairing.organizations_covered">1234<' in page


def test_the_seeder_alone_is_fast(seeded):
    # Re-run on top of the seeded demo inside a savepoint: the 2017 rows in bulk.
    with transaction.atomic():
        Wish.objects.all().delete()
        from apps.pairing.models import Activity, Institution, Pairing

        Activity.objects.all().delete()
        Pairing.objects.all().delete()
        Institution.objects.all().delete()
        User.objects.filter(username__startswith="pair_").delete()
        started = time.monotonic()
        demo.seed(rng=__import__("random").Random(1), stdout=io.StringIO())
        elapsed = time.monotonic() - started
        transaction.set_rollback(True)
    assert elapsed < 15
