"""The training services check the actor's rights themselves, whoever calls them."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from apps.training.models import Attendance, TrainingPlan
from apps.training.services import (
    attendance_record,
    course_update,
    training_plan_create,
)


def test_it_refuses_attendance_from_an_actor_who_may_only_read_it(
    league_kunming, course, wuhua_counselor
):
    with pytest.raises(PermissionDenied):
        attendance_record(
            actor=league_kunming,
            course=course,
            counselor=wuhua_counselor,
            hours=Decimal("8"),
            certificate_number="ZS-1",
        )

    assert not Attendance.objects.exists()


def test_it_refuses_course_changes_from_an_actor_who_may_only_read_courses(inspector, course):
    with pytest.raises(PermissionDenied):
        course_update(actor=inspector, course=course, name="改名")

    course.refresh_from_db()
    assert course.name != "改名"


def test_it_refuses_a_plan_from_a_province_level_actor_without_the_right(league_province):
    with pytest.raises(PermissionDenied):
        training_plan_create(
            actor=league_province,
            name="规划",
            start_year=2018,
            end_year=2022,
            issuing_body="云南省教育厅",
            target_total=100,
        )

    assert not TrainingPlan.objects.filter(name="规划").exists()
