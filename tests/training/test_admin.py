"""The training admin writes through the training services: a plan with its prefecture
targets, courses, attendance, and deletions."""

from decimal import Decimal

from apps.training.models import Attendance, Course, PlanTarget, TrainingPlan
from tests.factories.counselors import AttendanceFactory
from tests.training.conftest import course_form

PLANS = "/admin/training/trainingplan/"
COURSES = "/admin/training/course/"
ATTENDANCE = "/admin/training/attendance/"


def test_a_plan_is_added_with_its_prefecture_targets(login, province_admin):
    client = login(province_admin)
    form = client.get(f"{PLANS}add/").context["adminform"].form
    assert "target_530100" in form.fields

    response = client.post(
        f"{PLANS}add/",
        {
            "name": "2023-2027年云南省少先队辅导员培训规划",
            "start_year": 2023,
            "end_year": 2027,
            "issuing_body": "云南省教育厅",
            "target_total": 300,
            "target_530100": 120,
            "target_530400": 60,
        },
    )

    assert response.status_code == 302
    plan = TrainingPlan.objects.get()
    assert plan.created_by == province_admin
    targets = dict(plan.targets.values_list("prefecture_id", "target"))
    assert (targets["530100"], targets["530400"], targets["530300"]) == (120, 60, 0)


def test_targets_adding_up_to_more_than_the_total_are_refused(login, province_admin):
    response = login(province_admin).post(
        f"{PLANS}add/",
        {
            "name": "规划",
            "start_year": 2023,
            "end_year": 2027,
            "issuing_body": "云南省教育厅",
            "target_total": 100,
            "target_530100": 120,
        },
    )

    assert response.status_code == 200
    assert "target_total" in response.context["adminform"].form.errors
    assert not PlanTarget.objects.exists()


def test_a_course_edit_in_the_admin_is_recorded_against_its_editor(login, province_admin, course):
    data = course_form(course, name="改名的培训班")
    del data["version"]  # posted without the version it was loaded at, so none is compared

    response = login(province_admin).post(f"{COURSES}{course.pk}/change/", data)

    assert response.status_code == 302
    course.refresh_from_db()
    assert (course.name, course.updated_by) == ("改名的培训班", province_admin)


def test_the_admin_deletes_courses_and_attendance_through_the_services(
    login, province_admin, course, wuhua_counselor
):
    attendance = AttendanceFactory(course=course, counselor=wuhua_counselor)
    client = login(province_admin)

    client.post(f"{ATTENDANCE}{attendance.pk}/delete/", {"post": "yes"})
    client.post(f"{COURSES}{course.pk}/delete/", {"post": "yes"})

    assert not Attendance.objects.exists()
    assert not Course.objects.exists()
    assert Attendance.history.get(history_type="-").history_user == province_admin
    assert Course.history.get(history_type="-").history_user == province_admin


def test_an_attendance_change_keeps_its_course_and_counselor(
    login, edu_wuhua, course, wuhua_counselor
):
    attendance = AttendanceFactory(course=course, counselor=wuhua_counselor)

    response = login(edu_wuhua).post(
        f"{ATTENDANCE}{attendance.pk}/change/",
        {"hours": "32", "certificate_number": "ZS-2"},
    )

    assert response.status_code == 302
    attendance.refresh_from_db()
    assert (attendance.hours, attendance.certificate_number) == (Decimal("32.0"), "ZS-2")
    assert attendance.updated_by == edu_wuhua


def test_the_attendance_list_names_counselors_with_their_school(
    login, province_admin, course, wuhua_counselor
):
    AttendanceFactory(course=course, counselor=wuhua_counselor)

    response = login(province_admin).get(ATTENDANCE)

    assert response.status_code == 200
    assert "张丽（五华区测试小学）" in response.content.decode()
