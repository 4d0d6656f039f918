"""Lost updates on pilots and their milestones: a form saved after someone else saved the
same record is refused with the core's message, the other change kept (tests/stale.py)."""

import datetime

import pytest

from apps.transition import services
from tests.stale import assert_stale_save_refused

pytestmark = pytest.mark.django_db


def test_a_stale_pilot_edit_is_refused(pilot, league_kunming, school_league):
    assert_stale_save_refused(
        first=league_kunming,
        second=school_league,
        url=f"/transition/{pilot.pk}/edit/",
        theirs={"summary": "初中部与团委共建中队"},
        mine={"summary": "高一新生入团仪式"},
        row=pilot,
    )


def test_a_stale_milestone_edit_is_refused(pilot, league_kunming, school_league):
    milestone = services.milestone_create(
        actor=school_league, pilot=pilot, title="方案", due_on=datetime.date(2017, 10, 31)
    )

    assert_stale_save_refused(
        first=school_league,
        second=league_kunming,
        url=f"/transition/milestones/{milestone.pk}/edit/",
        theirs={"note": "已报区团委"},
        mine={"note": "待校长签字"},
        row=milestone,
    )
