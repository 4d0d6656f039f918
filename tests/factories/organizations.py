"""Helpers for organization tests: committees with chairs, many schools at once."""

import datetime

from apps.organizations.choices import CommitteeRole, HomeBody, SchoolType
from apps.organizations.models import School, WorkCommittee
from tests.factories import CommitteeMemberFactory, WorkCommitteeFactory, division

LONG_AGO = datetime.date(2016, 1, 1)


def chair(committee: WorkCommittee, home_body: str, **kwargs):
    """A chair of ``committee`` from ``home_body`` (League or education bureau)."""
    return CommitteeMemberFactory(
        committee=committee, role=CommitteeRole.CHAIR, home_body=home_body, **kwargs
    )


def dual_chair_committee(code: str) -> WorkCommittee:
    """The committee of division ``code`` with one current League and one education chair."""
    committee = WorkCommitteeFactory(division=division(code))
    chair(committee, HomeBody.LEAGUE, start_date=LONG_AGO)
    chair(committee, HomeBody.EDUCATION, start_date=LONG_AGO)
    return committee


def schools_in(code: str, count: int, prefix: str = "学校") -> list[School]:
    """``count`` schools in county ``code`` in one INSERT (for list and paging tests)."""
    county = division(code)
    return School.objects.bulk_create(
        School(name=f"{prefix}{i:04d}", county=county, school_type=SchoolType.PRIMARY)
        for i in range(count)
    )
