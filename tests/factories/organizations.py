"""Helpers for organization tests: committees with chairs, many schools at once."""

import datetime

from apps.organizations.choices import CommitteeRole, HomeBody, SchoolType
from apps.organizations.models import School, WorkCommittee
from apps.organizations.services import brigades_seed_for
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


def history(row) -> list[tuple[str, object]]:
    """Each history row of ``row``, oldest first: (``+``/``~``/``-``, the user named)."""
    return [
        (record.history_type, record.history_user)
        for record in row.history.order_by("history_date", "history_id")
    ]


def schools_in(code: str, count: int, prefix: str = "学校") -> list[School]:
    """``count`` schools in county ``code``, each with its one brigade, in a few INSERTs
    (for list and paging tests)."""
    county = division(code)
    schools = School.objects.bulk_create(
        School(name=f"{prefix}{i:04d}", county=county, school_type=SchoolType.PRIMARY)
        for i in range(count)
    )
    brigades_seed_for(schools, history=False)
    return schools
