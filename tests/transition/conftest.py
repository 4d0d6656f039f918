"""Fixtures of the transition tests: the three pilot schools of the source (flagged), an
ordinary school, a pilot record and the staff who act on them.

Schools: ``kunming10`` (Panlong 530103), ``chuxiong1`` (Chuxiong 532301), ``ordinary``
(Wuhua 530102, no pilot flag). ``pilot`` is the record of ``kunming10``, started 2017-09-01.
"""

import datetime

import pytest

from apps.accounts.choices import Role
from apps.core import clock
from apps.organizations.choices import SchoolType
from apps.transition import services
from tests.factories import SchoolFactory, UserFactory, division


@pytest.fixture
def kunming10(divisions):
    return SchoolFactory(
        name="昆明市第十中学",
        county=division("530103"),
        school_type=SchoolType.COMPLETE,
        is_transition_pilot=True,
    )


@pytest.fixture
def chuxiong1(divisions):
    return SchoolFactory(
        name="楚雄市第一中学",
        county=division("532301"),
        school_type=SchoolType.COMPLETE,
        is_transition_pilot=True,
    )


@pytest.fixture
def ordinary(divisions):
    return SchoolFactory(name="五华区红旗小学", county=division("530102"))


@pytest.fixture
def school_league(kunming10):
    return UserFactory(username="pilot_school", role=Role.LEAGUE, division=None, school=kunming10)


@pytest.fixture
def pilot(kunming10, league_kunming):
    with clock.travel(datetime.date(2017, 9, 1)):
        return services.pilot_create(
            actor=league_kunming, school=kunming10, started_on=datetime.date(2017, 9, 1)
        )
