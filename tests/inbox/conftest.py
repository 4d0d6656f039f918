"""Fixtures of the reminder tests: joint-meeting decisions owned by Kunming's education
side (``edu_kunming`` responsible), due on dates chosen around a weekend and National Day."""

import datetime

import pytest

from apps.core import clock
from tests.meetings.conftest import bodies, decide, meeting  # noqa: F401

# Wednesday 18 November 2026: three working days before it is Friday the 13th.
DUE_AFTER_WEEKEND = datetime.date(2026, 11, 18)
# Friday 9 October 2026, after National Day (1–7 October): three working days before it
# is Tuesday 29 September.
DUE_AFTER_HOLIDAY = datetime.date(2026, 10, 9)


@pytest.fixture
def due_decision(meeting, league_province, edu_kunming):  # noqa: F811
    """A decision due on ``DUE_AFTER_WEEKEND``, recorded before it."""

    def make(due_on=DUE_AFTER_WEEKEND, **terms):
        with clock.travel(datetime.date(2026, 9, 1)):
            return decide(meeting, league_province, edu_kunming, due_on=due_on, **terms)

    return make
