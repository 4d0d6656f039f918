"""The transition services: each re-checks the actor's right and scope, refuses bad terms next
to the field, and records the actor in the history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.choices import Role
from apps.core import clock
from apps.transition import services
from apps.transition.choices import MilestoneStatus
from apps.transition.models import HandOff, Pilot
from tests.concurrency import at_once
from tests.factories import UserFactory, division

D = datetime.date


def history_users(row):
    return [(r.history_type, r.history_user) for r in row.history.order_by("history_id")]


def test_staff_covering_the_school_start_its_pilot(kunming10, league_kunming):
    pilot = services.pilot_create(
        actor=league_kunming, school=kunming10, started_on=D(2017, 9, 1), summary=" 试点 "
    )

    assert (pilot.school, pilot.summary) == (kunming10, "试点")
    assert history_users(pilot) == [("+", league_kunming)]


@pytest.mark.parametrize("who", ["edu_yuxi", "official_kunming", "edu_wuhua"])
def test_staff_outside_the_school_or_without_the_role_are_refused(request, kunming10, who):
    # Yuxi is another prefecture, an official only reads, Wuhua is another county.
    actor = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        services.pilot_create(actor=actor, school=kunming10, started_on=D(2017, 9, 1))
    assert not Pilot.objects.exists()


def test_a_school_not_flagged_as_a_pilot_gets_no_record(ordinary, edu_kunming):
    with pytest.raises(ValidationError) as refused:
        services.pilot_create(actor=edu_kunming, school=ordinary, started_on=D(2017, 9, 1))

    assert "school" in refused.value.error_dict


def test_a_school_has_one_pilot_record(pilot, league_kunming):
    with pytest.raises(ValidationError) as refused:
        services.pilot_create(actor=league_kunming, school=pilot.school, started_on=D(2018, 1, 1))

    assert refused.value.error_dict["school"][0].code == "exists"


def test_a_pilot_cannot_start_in_the_future_nor_follow_a_draft(kunming10, league_kunming):
    tomorrow = clock.today() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        services.pilot_create(actor=league_kunming, school=kunming10, started_on=tomorrow)

    assert "started_on" in refused.value.error_dict


def test_milestones_done_get_a_date_and_lose_it_when_reopened(pilot, school_league):
    milestone = services.milestone_create(
        actor=school_league, pilot=pilot, title="制定工作方案", due_on=D(2017, 10, 31)
    )
    done = services.milestone_update(
        actor=school_league,
        milestone=milestone,
        title="制定工作方案",
        due_on=D(2017, 10, 31),
        status=MilestoneStatus.DONE,
    )
    assert done.done_on == clock.today()

    reopened = services.milestone_update(
        actor=school_league,
        milestone=milestone,
        title="制定工作方案",
        due_on=D(2017, 10, 31),
        status=MilestoneStatus.IN_PROGRESS,
        done_on=D(2017, 10, 1),
    )
    assert reopened.done_on is None
    assert [u for _t, u in history_users(reopened)] == [school_league] * 3


def test_a_milestone_cannot_be_done_in_the_future(pilot, league_kunming):
    with pytest.raises(ValidationError) as refused:
        services.milestone_create(
            actor=league_kunming,
            pilot=pilot,
            title="x",
            due_on=D(2017, 10, 31),
            status=MilestoneStatus.DONE,
            done_on=clock.today() + datetime.timedelta(days=3),
        )

    assert "done_on" in refused.value.error_dict


def test_staff_of_another_school_cannot_touch_the_pilot(pilot, chuxiong1):
    other = UserFactory(role=Role.LEAGUE, division=None, school=chuxiong1)

    with pytest.raises(PermissionDenied):
        services.milestone_create(actor=other, pilot=pilot, title="x", due_on=D(2018, 1, 1))
    with pytest.raises(PermissionDenied):
        services.handoff_record(actor=other, pilot=pilot, year=2018, joined=3)


def test_a_year_has_one_count_which_a_second_record_replaces(pilot, school_league):
    services.handoff_record(actor=school_league, pilot=pilot, year=2018, joined=40)
    services.handoff_record(actor=school_league, pilot=pilot, year=2018, joined=44)

    assert list(HandOff.objects.values_list("year", "joined")) == [(2018, 44)]


@pytest.mark.parametrize(
    "year, joined, field",
    [(2016, 10, "year"), (2100, 10, "year"), (2018, -1, "joined")],
)
def test_counts_outside_the_pilot_years_or_negative_are_refused(
    pilot, school_league, year, joined, field
):
    with pytest.raises(ValidationError) as refused:
        services.handoff_record(actor=school_league, pilot=pilot, year=year, joined=joined)

    assert field in refused.value.error_dict
    assert not HandOff.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_people_recording_the_same_year_at_once_make_one_row(divisions):
    from tests.factories import SchoolFactory

    school = SchoolFactory(county=division("530103"), is_transition_pilot=True)
    league = UserFactory(role=Role.LEAGUE, division=division("530100"))
    education = UserFactory(role=Role.EDUCATION, division=division("530103"))
    pilot = services.pilot_create(actor=league, school=school, started_on=D(2017, 9, 1))

    def record(actor, joined):
        return lambda: services.handoff_record(actor=actor, pilot=pilot, year=2018, joined=joined)

    outcomes = at_once([record(league, 30), record(education, 31)])

    assert [outcome.code for outcome in outcomes] == ["done", "done"], outcomes
    assert HandOff.objects.filter(pilot=pilot, year=2018).count() == 1
