"""The commendations demo: the source's 2017 figures come out of the indicators, each round
went through a 公示 with objections, and this year's 公示 is open with work waiting."""

import io
import json
import random

import pytest
from django.core.management import call_command

from apps.accounts import demo as accounts_demo
from apps.accounts.models import User
from apps.commendations import demo
from apps.commendations.models import Objection, PublicNotice, Round
from apps.commendations.selectors import review_queue
from apps.commendations.todos import commendation_todos
from apps.core import clock
from apps.counselors import demo as counselors_demo
from apps.organizations import demo as organizations_demo


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        outer = transaction.atomic()
        outer.__enter__()
        call_command("load_divisions", province="53", stdout=io.StringIO())
        rng = random.Random(2018)
        for seeder in (organizations_demo, accounts_demo, counselors_demo, demo):
            seeder.seed(rng=rng, stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def data(seeded, db):
    return None


def indicators(year="2017", scope="530000") -> dict:
    out = io.StringIO()
    call_command("indicators", "--year", year, "--scope", scope, "--json", stdout=out)
    return json.loads(out.getvalue())["commendations"]


def test_2017_shows_over_300_awards_and_the_two_50_award_categories(data):
    figures = indicators()
    assert figures["awarded"] >= 400
    yearly = Round.objects.get(year=2017, title__startswith="2017年度")
    assert yearly.nominations.filter(status="awarded").count() >= 300
    assert figures["by_category"]["directors"]["awarded"] == 50
    assert figures["by_category"]["principals"]["awarded"] == 50
    assert figures["by_category"]["directors"]["quota"] == 50
    assert len([p for p in figures["by_prefecture"].values() if p["awarded"]]) == 16
    assert figures["objections"] == 5 and figures["objections_open"] == 0


def test_each_2017_round_had_a_notice_with_objections_of_each_outcome(data):
    for round_ in Round.objects.filter(year=2017):
        assert PublicNotice.objects.filter(round=round_, closed_at__isnull=False).exists()
    outcomes = set(
        Objection.objects.filter(nomination__round__year=2017).values_list("outcome", flat=True)
    )
    assert outcomes == {"dismissed", "withdrawn", "replaced"}


def test_this_years_notice_is_open_and_work_waits_at_every_level(data):
    today = clock.today()
    notice = PublicNotice.objects.get(round__year=today.year, replacement__isnull=True)
    assert notice.is_open_on(today)
    prov = User.objects.get(username="award_prov")
    assert [t.count for t in commendation_todos(actor=prov)] == [1, 1]
    for username in ("edu_wuhua", "award_pref"):
        assert review_queue(actor=User.objects.get(username=username)).count() == 1


def test_the_dashboard_panel_shows_the_indicators(data, client):
    from django.urls import reverse

    from tests.reports.test_dashboard import _as_shown, _lookup, _shown

    client.force_login(User.objects.get(username="official"))
    shown = _shown(client.get(reverse("reports:dashboard"), {"year": 2017}))
    figures = {"commendations": indicators()}
    marked = {key: value for key, value in shown.items() if key.startswith("commendations.")}
    assert "commendations.by_category.directors.awarded" in marked
    assert "commendations.by_prefecture.530400.awarded" in marked
    for key, value in marked.items():
        assert value == _as_shown(_lookup(figures, key)), key


def test_a_counselors_award_shows_on_their_record(data):
    from apps.commendations.facts import commendation_facts
    from apps.counselors.models import Counselor

    counselor = Counselor.objects.get(user__username="counselor")
    facts = commendation_facts(counselor=counselor, viewer=counselor.user)
    assert len(facts) == 1
    assert "优秀少先队辅导员" in str(facts[0].value)
