"""The transition demo: the source's three pilot schools with their records, milestones and
counts, and an open milestone for the documented accounts to take up."""

import io
import random

import pytest

from apps.accounts import demo as accounts_demo
from apps.accounts.models import User
from apps.core import clock
from apps.documents import demo as documents_demo
from apps.organizations import demo as organizations_demo
from apps.reports.indicators import compute
from apps.transition import demo, rights
from apps.transition.choices import MilestoneStatus
from apps.transition.models import Milestone, Pilot
from tests.factories import division


@pytest.fixture
def seeded(divisions):
    rng = random.Random(2018)
    for seeder in (organizations_demo.seed, accounts_demo.seed, documents_demo.seed, demo.seed):
        seeder(rng=rng, stdout=io.StringIO())


def test_the_three_pilots_of_the_source_with_their_counts_and_open_work(seeded):
    pilots = Pilot.objects.select_related("school", "plan_document").order_by("school__name")

    assert sorted(p.school.name for p in pilots) == [
        "开远市第一中学",
        "昆明市第十中学",
        "楚雄市第一中学",
    ]
    assert {p.plan_document.title for p in pilots} == {"云南省少先队改革实施方案"}
    figures = compute(scope=division("530000"), year=2018)["transition"]
    assert (figures["pilots"], figures["handed_off"]) == (3, 58 + 44 + 35)
    assert figures["by_year"] == {"2017": 46 + 38 + 27, "2018": 58 + 44 + 35}
    assert compute(scope=division("530000"), year=2018)["schools"]["transition_pilots"] == 3
    # Open work after the day of seeding, which the school's own League staff may act on
    pilot_school = User.objects.get(username="pilot_school")
    open_work = Milestone.objects.exclude(status=MilestoneStatus.DONE)
    assert open_work.count() == 3
    assert all(m.due_on > clock.today() for m in open_work)
    kunming = open_work.get(pilot__school=pilot_school.school)
    assert rights.may_manage(pilot_school, kunming.pilot.school)
