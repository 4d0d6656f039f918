"""The dual-chair system (双主任制) is computed from the members, never typed in."""

import datetime

import pytest
from django.utils import timezone

from apps.organizations.choices import CommitteeRole, HomeBody
from apps.organizations.models import WorkCommittee
from tests.factories import CommitteeMemberFactory, WorkCommitteeFactory, division
from tests.factories.organizations import LONG_AGO, chair

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(divisions):
    return WorkCommitteeFactory(division=division("530102"))


def compliant(committee) -> bool:
    return WorkCommittee.objects.with_dual_chair().get(pk=committee.pk).dual_chair


def test_one_current_league_chair_and_one_education_chair_is_compliant(committee):
    chair(committee, HomeBody.LEAGUE, start_date=LONG_AGO)
    chair(committee, HomeBody.EDUCATION, start_date=LONG_AGO)

    assert compliant(committee) is True


def test_a_chair_whose_term_ended_does_not_count(committee):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    chair(committee, HomeBody.LEAGUE, start_date=LONG_AGO)
    chair(committee, HomeBody.EDUCATION, start_date=LONG_AGO, end_date=yesterday)

    assert compliant(committee) is False


def test_two_league_chairs_are_not_compliant(committee):
    chair(committee, HomeBody.LEAGUE, start_date=LONG_AGO)
    chair(committee, HomeBody.LEAGUE, start_date=LONG_AGO)

    assert compliant(committee) is False


def test_a_chair_starting_next_year_does_not_count_yet(committee):
    next_year = datetime.date(timezone.localdate().year + 1, 1, 1)
    chair(committee, HomeBody.LEAGUE, start_date=LONG_AGO)
    chair(committee, HomeBody.EDUCATION, start_date=next_year)

    assert compliant(committee) is False
    # ...and it counts from the day the term starts
    on_start = WorkCommittee.objects.with_dual_chair(next_year).get(pk=committee.pk)
    assert on_start.dual_chair is True


def test_an_education_vice_chair_is_no_chair(committee):
    chair(committee, HomeBody.LEAGUE, start_date=LONG_AGO)
    CommitteeMemberFactory(
        committee=committee,
        role=CommitteeRole.EXECUTIVE_VICE_CHAIR,
        home_body=HomeBody.EDUCATION,
        start_date=LONG_AGO,
    )

    assert compliant(committee) is False


def test_the_division_page_shows_the_computed_badge(committee, login, inspector):
    chair(committee, HomeBody.LEAGUE, start_date=LONG_AGO)
    chair(committee, HomeBody.EDUCATION, start_date=LONG_AGO)
    other = WorkCommitteeFactory(division=division("530103"))
    chair(other, HomeBody.LEAGUE, start_date=LONG_AGO)

    page = login(inspector).get("/organizations/divisions/530102/").content.decode()
    parent = login(inspector).get("/organizations/divisions/530100/").content.decode()

    assert 'data-dual-chair="compliant"' in page
    # In the prefecture's table: Wuhua compliant, Panlong not, the others have no committee
    assert _row(parent, "530102").count('data-dual-chair="compliant"') == 1
    assert _row(parent, "530103").count('data-dual-chair="not-compliant"') == 1
    assert _row(parent, "530111").count('data-dual-chair="none"') == 1


def _row(html: str, code: str) -> str:
    start = html.index(f'<tr data-code="{code}"')
    return html[start : html.index("</tr>", start)]
