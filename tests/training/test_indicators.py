import datetime
import io
import random
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.module_loading import import_string

from apps.accounts.models import User
from apps.counselors.choices import CounselorPost
from apps.counselors.models import Counselor
from apps.organizations.models import School
from apps.reports.indicators import compute
from apps.training.choices import CourseCategory, CourseMode
from apps.training.indicators import training_indicators
from apps.training.models import Attendance, PlanTarget, TrainingPlan
from apps.training.selectors import counselor_training_summary
from tests.factories import division
from tests.factories.counselors import (
    AttendanceFactory,
    CounselorFactory,
    CourseFactory,
    TrainingPlanFactory,
)

END_2017 = datetime.date(2017, 12, 31)
SEEDERS = [
    "apps.organizations.demo.seed",
    "apps.accounts.demo.seed",
    "apps.counselors.demo.seed",
    "apps.training.demo.seed",
]


@pytest.fixture
def plan(divisions):
    plan = TrainingPlanFactory()
    PlanTarget.objects.create(plan=plan, prefecture=division("530100"), target=120)
    PlanTarget.objects.create(plan=plan, prefecture=division("530400"), target=60)
    return plan


def test_it_counts_distinct_brigade_counselors_at_face_to_face_provincial_courses(
    plan, wuhua_counselor, panlong_counselor, yuxi_counselor, wuhua_school
):
    first = CourseFactory(plan=plan, start_date=datetime.date(2015, 5, 1))
    second = CourseFactory(plan=plan, start_date=datetime.date(2016, 5, 1))
    online = CourseFactory(plan=plan, mode=CourseMode.ONLINE)
    prefecture = CourseFactory(plan=plan, category=CourseCategory.PREFECTURE)
    squad = CounselorFactory(school=wuhua_school, squad=True)
    AttendanceFactory(course=first, counselor=wuhua_counselor)
    AttendanceFactory(course=second, counselor=wuhua_counselor)  # counted once
    AttendanceFactory(course=first, counselor=yuxi_counselor)
    AttendanceFactory(course=first, counselor=squad)  # not a brigade counselor
    AttendanceFactory(course=online, counselor=panlong_counselor)  # online
    AttendanceFactory(course=prefecture, counselor=panlong_counselor)  # not 省培

    figures = training_indicators(scope=division("530000"), as_of=END_2017)["training"]

    assert figures["face_to_face_trained"] == 2
    assert figures["by_prefecture"]["530100"] == {"target": 120, "trained": 1}
    assert figures["by_prefecture"]["530400"] == {"target": 60, "trained": 1}
    assert figures["by_prefecture"]["530300"] == {"target": 0, "trained": 0}
    assert figures["plan"]["start_year"] == 2014


def test_only_the_plan_period_covering_the_year_counts(plan, wuhua_counselor):
    AttendanceFactory(
        course=CourseFactory(plan=None, start_date=datetime.date(2018, 4, 1)),
        counselor=wuhua_counselor,
    )

    assert (
        training_indicators(scope=division("530000"), as_of=END_2017)["training"][
            "face_to_face_trained"
        ]
        == 0
    )
    later = training_indicators(scope=division("530000"), as_of=datetime.date(2018, 12, 31))
    assert later["training"]["plan"] is None
    assert later["training"]["face_to_face_trained"] == 0


def test_courses_after_the_as_of_day_do_not_count_yet(plan, wuhua_counselor):
    AttendanceFactory(
        course=CourseFactory(plan=plan, start_date=datetime.date(2017, 9, 1)),
        counselor=wuhua_counselor,
    )

    mid_year = training_indicators(scope=division("530000"), as_of=datetime.date(2017, 6, 30))
    assert mid_year["training"]["face_to_face_trained"] == 0


def test_a_prefecture_scope_sees_its_own_figures(plan, wuhua_counselor, yuxi_counselor):
    course = CourseFactory(plan=plan)
    AttendanceFactory(course=course, counselor=wuhua_counselor)
    AttendanceFactory(course=course, counselor=yuxi_counselor)

    figures = training_indicators(scope=division("530100"), as_of=END_2017)["training"]

    assert figures["face_to_face_trained"] == 1
    assert list(figures["by_prefecture"]) == ["530100"]


def test_training_indicators_take_a_fixed_number_of_queries(
    plan, wuhua_school, django_assert_num_queries
):
    province = division("530000")
    course = CourseFactory(plan=plan)
    AttendanceFactory(course=course, counselor=CounselorFactory(school=wuhua_school))
    with django_assert_num_queries(6):
        training_indicators(scope=province, as_of=END_2017)
    for counselor in CounselorFactory.create_batch(8, school=wuhua_school):
        AttendanceFactory(course=course, counselor=counselor)
    with django_assert_num_queries(6):
        training_indicators(scope=province, as_of=END_2017)


def test_the_summary_totals_a_counselors_hours(wuhua_counselor, plan):
    AttendanceFactory(
        counselor=wuhua_counselor,
        course=CourseFactory(plan=plan, name="面授班", start_date=datetime.date(2016, 3, 1)),
        hours=Decimal("36.0"),
        certificate_number="C-1",
    )
    AttendanceFactory(
        counselor=wuhua_counselor,
        course=CourseFactory(plan=plan, name="网络班", mode=CourseMode.ONLINE),
        hours=Decimal("12.5"),
    )

    summary = counselor_training_summary(counselor=wuhua_counselor)

    assert summary["hours_total"] == Decimal("48.5")
    assert summary["face_to_face_hours"] == Decimal("36.0")
    assert summary["courses"] == 2
    assert {row["course_name"] for row in summary["attendances"]} == {"面授班", "网络班"}
    assert {row["certificate_number"] for row in summary["attendances"]} >= {"C-1"}


def test_after_seeding_more_than_1000_brigade_counselors_were_trained_in_2014_2017(divisions):
    # The seeders this area builds on, then its own, as seed_demo runs them.
    rng = random.Random(2018)
    for path in SEEDERS:
        import_string(path)(rng=rng, stdout=io.StringIO())

    figures = compute(scope=division("530000"), year=2017)

    training = figures["training"]
    assert training["face_to_face_trained"] > 1000
    assert sum(row["target"] for row in training["by_prefecture"].values()) == 1000
    assert all(row["trained"] >= row["target"] for row in training["by_prefecture"].values())
    assert set(TrainingPlan.objects.values_list("start_year", "end_year")) >= {
        (2014, 2017),
        (2018, 2022),
    }
    # The demo counselor is the brigade counselor of their school and has training to show.
    demo = Counselor.objects.get(user__username="counselor")
    assert demo.post == CounselorPost.BRIGADE
    assert counselor_training_summary(counselor=demo)["courses"] >= 1
    # Every county's chief counselor, a brigade counselor at most schools, valid ID numbers.
    assert Counselor.objects.filter(post=CounselorPost.COUNTY_CHIEF).count() == 129
    posts = figures["counselors"]["brigade_posts"]
    assert posts["ranked_middle_management"] < posts["filled"] < posts["schools"]
    assert posts["filled"] > posts["schools"] * 0.8
    for counselor in Counselor.objects.order_by("?")[:50]:
        counselor.full_clean()
    assert Attendance.objects.filter(hours__gt=40).count() == 0
    assert School.objects.exists()
    # Written through the services in the past: each record dated the course's last day, and
    # its history naming the provincial administrator.
    recorded = Attendance.objects.select_related("course").order_by("?")[:50]
    assert all(timezone.localdate(a.created_at) == a.course.end_date for a in recorded)
    admin = User.objects.get(username="admin")
    assert set(Attendance.history.values_list("history_user", flat=True).distinct()) == {admin.pk}
    assert TrainingPlan.objects.get(start_year=2014).created_at.year == 2014


def test_the_summary_section_counts_trained_counselors_by_row_against_prefecture_targets(
    plan, wuhua_counselor, yuxi_counselor, wuhua_school
):
    course = CourseFactory(plan=plan, start_date=datetime.date(2015, 5, 1))
    AttendanceFactory(course=course, counselor=wuhua_counselor)
    AttendanceFactory(course=course, counselor=yuxi_counselor)

    province = training_indicators(scope=division("530000"), as_of=END_2017)
    kunming = training_indicators(scope=division("530100"), as_of=END_2017)
    wuhua = training_indicators(scope=division("530102"), as_of=END_2017)

    summary = province["training_summary"]
    assert summary["trained"] == province["training"]["face_to_face_trained"] == 2
    # Targets are set per prefecture: the plan's total for the province, none below.
    assert summary["target"] == plan.target_total
    assert summary["by_prefecture"]["530100"] | {"name": ""} == {
        "name": "",
        "trained": 1,
        "target": 120,
    }
    assert kunming["training_summary"]["target"] == 120
    assert kunming["training_summary"]["by_county"]["530102"]["trained"] == 1
    assert kunming["training_summary"]["by_county"]["530102"]["target"] is None
    school = wuhua["training_summary"]["by_school"][str(wuhua_school.pk)]
    assert (school["trained"], school["target"]) == (1, None)
    assert wuhua["training_summary"]["target"] is None
