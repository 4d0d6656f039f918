"""Two people saving the same school at the same moment, on real PostgreSQL connections."""

import threading

import pytest
from django.db import connection

from apps.core.versioning import StaleEditError
from apps.organizations import services
from apps.organizations.models import School
from tests.factories import SchoolFactory


@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_saves_of_one_school_one_wins_and_the_other_is_refused(
    edu_wuhua, edu_kunming
):
    # given a school both opened at version 1
    school = SchoolFactory(name="五华区实验小学", address="旧址")
    seen, changes = school.version, school.history.count()
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(actor, address):
        try:
            start.wait()
            services.school_update(
                actor=actor,
                school=School.objects.get(pk=school.pk),
                data={"address": address},
                seen_version=seen,
            )
            outcomes[address] = "won"
        except StaleEditError:
            outcomes[address] = "stale"
        finally:
            connection.close()

    # when both save at once
    threads = [
        threading.Thread(target=save, args=(edu_wuhua, "翠湖南路1号")),
        threading.Thread(target=save, args=(edu_kunming, "人民中路2号")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then exactly one saved, over version 1, and the row holds the winner's address
    assert sorted(outcomes.values()) == ["stale", "won"]
    winner = next(address for address, outcome in outcomes.items() if outcome == "won")
    school.refresh_from_db()
    assert (school.address, school.version) == (winner, seen + 1)
    assert school.history.count() == changes + 1
