"""The joint-meeting demo: the first 2018 meeting with its bodies, people, minutes and
decisions, one of them overdue on whatever day the demo is seeded."""

import datetime
import io
import random

import pytest
import time_machine

from apps.accounts import demo as accounts_demo
from apps.accounts.models import User
from apps.core import clock
from apps.documents import demo as documents_demo
from apps.meetings import demo
from apps.meetings.models import Decision, Meeting
from apps.meetings.todos import decision_todos
from apps.organizations import demo as organizations_demo
from apps.reports.indicators import compute
from tests.factories import division


def seed():
    rng = random.Random(2018)
    for seeder in (organizations_demo.seed, accounts_demo.seed, documents_demo.seed, demo.seed):
        seeder(rng=rng, stdout=io.StringIO())


@pytest.mark.parametrize("day", [None, datetime.datetime(2029, 3, 1, 10, 0)])
def test_the_first_2018_meeting_leaves_one_decision_overdue(divisions, day):
    if day is None:
        seed()
    else:
        with time_machine.travel(day, tick=True):
            seed()
    with time_machine.travel(day or clock.now(), tick=True):
        meeting = Meeting.objects.get()
        assert (meeting.held_on.year, meeting.minutes.content_type) == (2018, "application/pdf")
        assert meeting.bodies.count() == 3
        assert meeting.attendees.count() == 6
        assert Decision.objects.count() == 4
        overdue = Decision.objects.overdue(clock.today())
        assert [d.responsible.username for d in overdue] == ["edu_kunming"]
        figures = compute(scope=division("530100"), year=clock.today().year)["joint_meeting"]
        assert (figures["decisions_open"], figures["decisions_overdue"]) == (2, 1)
        assert compute(scope=division("530000"), year=2018)["joint_meeting"]["meetings"] == 1
        todos = list(decision_todos(actor=User.objects.get(username="edu_kunming")))
        assert [(t.count, t.overdue) for t in todos] == [(1, True)]
