"""The training services check the actor's rights themselves, whoever calls them."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.choices import Role
from apps.training.models import Attendance, Course, PlanTarget, TrainingPlan
from apps.training.services import (
    attendance_delete,
    attendance_record,
    attendance_record_many,
    course_delete,
    course_update,
    training_plan_create,
    training_plan_delete,
)
from tests.factories import UserFactory, division
from tests.factories.counselors import AttendanceFactory


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


# Deletions -----------------------------------------------------------------------------------


def test_a_course_with_attendance_cannot_be_deleted(province_admin, course, wuhua_counselor):
    AttendanceFactory(course=course, counselor=wuhua_counselor)

    with pytest.raises(ValidationError) as refused:
        course_delete(actor=province_admin, course=course)

    assert refused.value.code == "has_attendance"
    assert Course.objects.filter(pk=course.pk).exists()


def test_a_course_without_attendance_is_deleted_with_a_history_row(province_admin, course):
    pk = course.pk

    course_delete(actor=province_admin, course=course)

    assert not Course.objects.filter(pk=pk).exists()
    assert Course.history.get(id=pk, history_type="-").history_user == province_admin


def test_education_staff_may_not_delete_courses(edu_wuhua, course):
    with pytest.raises(PermissionDenied):
        course_delete(actor=edu_wuhua, course=course)

    assert Course.objects.filter(pk=course.pk).exists()


def test_a_plan_with_courses_is_kept_and_one_without_goes_with_its_targets(
    province_admin, course, divisions
):
    with pytest.raises(ValidationError):
        training_plan_delete(actor=province_admin, plan=course.plan)

    empty = training_plan_create(
        actor=province_admin,
        name="2023-2027年规划",
        start_year=2023,
        end_year=2027,
        issuing_body="云南省教育厅",
        target_total=10,
        targets={"530100": 10},
    )
    training_plan_delete(actor=province_admin, plan=empty)

    assert list(TrainingPlan.objects.all()) == [course.plan]
    assert not PlanTarget.objects.filter(plan_id=empty.pk).exists()


def test_attendance_is_deleted_only_inside_the_actors_scope(
    province_admin, course, wuhua_counselor, divisions
):
    attendance = AttendanceFactory(course=course, counselor=wuhua_counselor)
    yuxi_admin = UserFactory(role=Role.PROVINCIAL_ADMIN, division=division("530400"))

    with pytest.raises(PermissionDenied):
        attendance_delete(actor=yuxi_admin, attendance=attendance)
    assert Attendance.objects.filter(pk=attendance.pk).exists()

    pk = attendance.pk
    attendance_delete(actor=province_admin, attendance=attendance)
    assert not Attendance.objects.filter(pk=pk).exists()


# Bulk writes ---------------------------------------------------------------------------------


def test_a_bulk_write_refuses_a_counselor_outside_the_scope_and_writes_nothing(
    edu_wuhua, course, wuhua_counselor, panlong_counselor
):
    rows = [
        Attendance(course=course, counselor=c, hours=Decimal("40"), certificate_number=f"C-{n}")
        for n, c in enumerate([wuhua_counselor, panlong_counselor])
    ]

    with pytest.raises(PermissionDenied):
        attendance_record_many(actor=edu_wuhua, created=rows)

    assert not Attendance.objects.exists()


def test_a_bulk_write_keeps_a_history_row_per_record_naming_the_actor(
    edu_wuhua, course, wuhua_counselor
):
    row = Attendance(
        course=course, counselor=wuhua_counselor, hours=Decimal("40"), certificate_number="C-1"
    )
    attendance_record_many(actor=edu_wuhua, created=[row])
    saved = Attendance.objects.get()
    saved.hours = Decimal("36")
    attendance_record_many(actor=edu_wuhua, changed=[saved])

    history = Attendance.history.filter(id=saved.pk).order_by("history_date")
    assert [(h.history_type, h.hours, h.history_user) for h in history] == [
        ("+", Decimal("40.0"), edu_wuhua),
        ("~", Decimal("36.0"), edu_wuhua),
    ]


def test_a_bulk_write_refuses_hours_above_the_courses(edu_wuhua, course, wuhua_counselor):
    row = Attendance(
        course=course, counselor=wuhua_counselor, hours=Decimal("41"), certificate_number="C-1"
    )

    with pytest.raises(ValidationError):
        attendance_record_many(actor=edu_wuhua, created=[row])

    assert not Attendance.objects.exists()
