"""A history panel names the rows its changes point at (a counselor's school) as everywhere
else, and reads them in one query a model however many changes it shows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.history import history_of
from tests.factories import SchoolFactory, division
from tests.factories.counselors import CounselorFactory

pytestmark = pytest.mark.django_db


def moved(counselor, schools):
    for school in schools:
        counselor.school = school
        counselor.save()
    return counselor


def queries_of_history(counselor) -> tuple[list, int]:
    with CaptureQueriesContext(connection) as captured:
        entries = history_of(counselor)
    return entries, len(captured)


def test_each_school_a_counselor_moved_between_is_named(divisions):
    county = division("530102")
    first, second = SchoolFactory(county=county), SchoolFactory(county=county)
    counselor = moved(CounselorFactory(school=first), [second])

    entries, _count = queries_of_history(counselor)

    (change,) = [c for entry in entries for c in entry.changes if c.name == "school"]
    assert (change.old, change.new) == (first.name, second.name)


def test_the_schools_are_read_once_however_many_moves(divisions):
    county = division("530102")
    schools = [SchoolFactory(county=county) for _ in range(8)]
    short = moved(CounselorFactory(school=schools[0]), schools[1:3])
    long = moved(CounselorFactory(school=schools[0]), schools[1:8])

    short_entries, short_queries = queries_of_history(short)
    long_entries, long_queries = queries_of_history(long)

    assert len(long_entries) > len(short_entries)
    assert long_queries == short_queries
    named = {c.new for entry in long_entries for c in entry.changes if c.name == "school"}
    assert named == {school.name for school in schools[1:8]}
