"""Fixtures of the joint-meeting tests: the provincial bodies, a provincial meeting held on
2018-09-21 recorded by ``league_province``, and decisions owned by Kunming's two sides."""

import datetime

import pytest

from apps.documents.choices import BodyKind
from apps.documents.models import IssuingBody
from apps.meetings import services
from apps.meetings.choices import OwnerSide
from tests.factories import division

HELD_ON = datetime.date(2018, 9, 21)


@pytest.fixture
def bodies(divisions):
    province = division("530000")
    return [
        IssuingBody.objects.create(
            name="共青团云南省委员会", kind=BodyKind.LEAGUE, division=province
        ),
        IssuingBody.objects.create(name="云南省教育厅", kind=BodyKind.EDUCATION, division=province),
    ]


@pytest.fixture
def meeting(league_province, bodies):
    return services.meeting_create(
        actor=league_province,
        division=division("530000"),
        title="2018年云南省团教协作工作联席会议第一次会议",
        held_on=HELD_ON,
        place="昆明",
        bodies=bodies,
    )


def decide(meeting, actor, responsible, *, side=OwnerSide.EDUCATION, code="530100", **terms):
    values = {
        "text": "配齐县级少先队总辅导员",
        "owner_division": division(code),
        "owner_side": side,
        "responsible": responsible,
        "due_on": datetime.date(2019, 6, 30),
        **terms,
    }
    return services.decision_create(actor=actor, meeting=meeting, **values)


@pytest.fixture
def kunming_decision(meeting, league_province, edu_kunming):
    return decide(meeting, league_province, edu_kunming)
