"""seed_scale at a tiny scale: valid, consistent rows; never in production or over data."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F
from django.utils import timezone

from apps.commendations.models import Nomination
from apps.core import clock
from apps.counselors.choices import CounselorPost, Gender
from apps.counselors.models import Counselor
from apps.counselors.validators import id_birth_date, validate_id_number
from apps.documents.models import Document, Notice
from apps.funding.models import Allocation, Program
from apps.organizations.models import Division, School
from apps.pairing.models import Pairing, Wish
from apps.titles.models import ReviewStep, TitleApplication
from apps.training.models import Attendance
from tests.factories import SchoolFactory


def seed(*args):
    out = io.StringIO()
    call_command("seed_scale", *args, stdout=out)
    return out.getvalue()


def test_it_seeds_a_small_province_with_valid_rows(divisions):
    output = seed("--schools", "40", "--counselors", "900", "--batch-size", "100")

    assert "Seeded 40 schools, 900 counselors" in output
    assert School.objects.count() == 40
    assert Counselor.objects.count() == 900
    # One chief counselor per county, belonging to the county and no school.
    chiefs = Counselor.objects.filter(post=CounselorPost.COUNTY_CHIEF)
    assert chiefs.count() == Division.objects.filter(level="county").count() == 129
    assert not chiefs.filter(school__isnull=False).exists()
    assert (
        not Counselor.objects.filter(school__isnull=False)
        .exclude(school__county=F("county"))
        .exists()
    )
    assert Counselor.objects.filter(post=CounselorPost.BRIGADE).count() == 40
    for counselor in Counselor.objects.all():
        validate_id_number(counselor.id_number)
        assert id_birth_date(counselor.id_number) == counselor.birth_date
        # Registered at birth in the county, or in its prefecture when the county's code
        # is younger than the counselor (GB 11643 carries the region of first registration).
        assert counselor.id_number.startswith(counselor.county_id[:2])
        assert int(counselor.id_number[16]) % 2 == (counselor.gender == Gender.MALE)
    assert Attendance.objects.exists()
    assert not Attendance.objects.filter(hours__gt=F("course__hours")).exists()
    assert TitleApplication.objects.exists()
    assert ReviewStep.objects.exists()


def test_a_sample_of_seeded_rows_passes_full_validation(divisions):
    seed("--schools", "10", "--counselors", "200")

    for counselor in Counselor.objects.order_by("?")[:20]:
        counselor.full_clean()
    for school in School.objects.all():
        school.full_clean()


def test_it_loads_the_divisions_first_when_they_are_missing(db):
    seed("--schools", "5", "--counselors", "140")

    assert Division.objects.filter(level="prefecture").count() == 16
    assert Division.objects.filter(level="county").count() == 129


def test_it_refuses_to_run_in_production(divisions, settings):
    settings.PORTAL_PRODUCTION = True

    with pytest.raises(CommandError):
        seed("--schools", "5", "--counselors", "10")
    assert not School.objects.exists()


def test_it_refuses_a_database_with_data_unless_forced(divisions):
    SchoolFactory(name="五华区第1小学")

    with pytest.raises(CommandError):
        seed("--schools", "5", "--counselors", "10")
    assert School.objects.count() == 1

    seed("--schools", "5", "--counselors", "140", "--force")
    assert School.objects.count() == 6


def test_it_can_be_forced_twice_without_clashing_names_or_id_numbers(divisions):
    seed("--schools", "150", "--counselors", "400")

    seed("--schools", "150", "--counselors", "400", "--force")

    assert School.objects.count() == 300
    assert Counselor.objects.count() == 800


def test_it_gives_the_query_planner_statistics_for_what_it_seeded(divisions):
    seed("--schools", "10", "--counselors", "300")

    # Without ANALYZE the planner would still believe the table empty (or guess ~200 rows
    # of any size), and pick plans for lists that no real database would use.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = 'counselors_counselor'::regclass"
        )
        (estimated,) = cursor.fetchone()
    assert estimated == Counselor.objects.count() == 300


def test_applications_are_dated_by_the_portals_clock(divisions):
    day = datetime.date(2018, 6, 1)

    with clock.travel(day):
        seed("--schools", "20", "--counselors", "900")

    submitted = TitleApplication.objects.exclude(submitted_at=None)
    assert submitted.exists()
    assert {timezone.localtime(a.submitted_at).date() for a in submitted} == {day}


def test_it_fills_every_benchmarked_list_over_several_counties(divisions):
    output = seed("--schools", "200", "--counselors", "1000")

    assert "Areas: " in output
    lists = {
        Program: "division_id",
        Allocation: "recipient_code",
        Nomination: "division_id",
        Wish: "county_id",
        Pairing: "county_id",
        Document: "division_id",
    }
    for model, county_field in lists.items():
        counties = set(model.objects.values_list(county_field, flat=True))
        assert len(counties) >= 10, model.__name__
    assert Notice.objects.count() >= 50
    for model in (*lists, Notice):
        for row in model.objects.order_by("?")[:10]:
            row.full_clean()
    # Forced again, the areas that already hold rows are left alone.
    before = Allocation.objects.count()
    assert "already hold rows" in seed("--schools", "20", "--counselors", "100", "--force")
    assert Allocation.objects.count() == before
