"""Two people saving the same school at the same moment, on real PostgreSQL connections."""

import pytest

from apps.organizations import services
from apps.organizations.models import School
from tests.concurrency import at_once
from tests.factories import SchoolFactory


@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_saves_of_one_school_one_wins_and_the_other_is_refused(
    edu_wuhua, edu_kunming
):
    # given a school both opened at version 1
    school = SchoolFactory(name="五华区实验小学", address="旧址")
    seen, changes = school.version, school.history.count()

    def save(actor, address):
        return lambda: services.school_update(
            actor=actor,
            school=School.objects.get(pk=school.pk),
            data={"address": address},
            seen_version=seen,
        )

    # when both save at once
    addresses = ["翠湖南路1号", "人民中路2号"]
    outcomes = at_once([save(edu_wuhua, addresses[0]), save(edu_kunming, addresses[1])])

    # then exactly one saved, over version 1, and the row holds the winner's address
    assert sorted(outcome.code for outcome in outcomes) == ["done", "stale"]
    winner = next(
        address for address, outcome in zip(addresses, outcomes, strict=True) if not outcome.error
    )
    school.refresh_from_db()
    assert (school.address, school.version) == (winner, seen + 1)
    assert school.history.count() == changes + 1
