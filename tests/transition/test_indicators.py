"""Transition indicators: pilots and hand-off counts by scope and year, and the dashboard
panel showing them."""

import datetime
import re

from django.urls import reverse

from apps.reports.indicators import compute
from apps.transition import services
from apps.transition.choices import MilestoneStatus
from tests.factories import division

D = datetime.date


def test_counts_add_up_by_scope_and_year(pilot, chuxiong1, league_province, school_league):
    other = services.pilot_create(actor=league_province, school=chuxiong1, started_on=D(2017, 9, 1))
    services.handoff_record(actor=school_league, pilot=pilot, year=2017, joined=46)
    services.handoff_record(actor=school_league, pilot=pilot, year=2018, joined=58)
    services.handoff_record(actor=league_province, pilot=other, year=2018, joined=44)
    services.milestone_create(
        actor=school_league,
        pilot=pilot,
        title="方案",
        due_on=D(2017, 10, 31),
        status=MilestoneStatus.DONE,
        done_on=D(2017, 10, 30),
    )

    province = compute(scope=division("530000"), year=2018)["transition"]
    assert (province["pilots"], province["handed_off"]) == (2, 102)
    assert province["by_year"] == {"2017": 46, "2018": 102}
    assert province["by_school"][str(pilot.pk)]["milestones_done"] == 1
    assert province["by_school"][str(other.pk)]["handed_off"] == 44

    kunming = compute(scope=division("530100"), year=2017)["transition"]
    assert (kunming["pilots"], kunming["handed_off"], kunming["by_year"]) == (1, 46, {"2017": 46})
    assert compute(scope=division("530400"), year=2018)["transition"]["pilots"] == 0


def test_the_dashboard_shows_the_pilots(login, pilot, school_league, league_kunming):
    services.handoff_record(actor=school_league, pilot=pilot, year=2018, joined=58)

    page = login(league_kunming).get(reverse("reports:dashboard") + "?year=2018").content.decode()

    assert 'data-panel="transition"' in page
    assert 'data-indicator="transition.handed_off" data-value="58"' in page
    assert "昆明市第十中学" in page


def test_the_dashboard_chart_is_the_yearly_counts(login, pilot, school_league, league_kunming):
    services.handoff_record(actor=school_league, pilot=pilot, year=2017, joined=46)
    services.handoff_record(actor=school_league, pilot=pilot, year=2018, joined=58)

    page = login(league_kunming).get(reverse("reports:dashboard") + "?year=2018").content.decode()

    figure = page[page.index('id="chart-transition-handed-off') - 200 :]
    rows = re.findall(r'data-category="(\d{4})".*?data-value="(\d+)"', figure, flags=re.S)
    assert rows[:2] == [("2017", "46"), ("2018", "58")]
    assert "少先队员" in figure[:2000]
