"""What the training area tells a counselor's record: hours, courses and certificates, for
the counselor and those who read attendance."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from apps.training.choices import CourseMode
from apps.training.facts import training_facts
from tests.factories.counselors import AttendanceFactory, CourseFactory, counselor_user


def _by_label(facts) -> dict:
    return {str(fact.label): fact for fact in facts}


def _label(text: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(text)


def test_the_counselor_reads_their_own_hours_courses_and_certificates(me, wuhua_counselor):
    face = CourseFactory(name="面授班", start_date=datetime.date(2016, 7, 11))
    online = CourseFactory(name="网络班", mode=CourseMode.ONLINE, hours=Decimal("12.5"))
    AttendanceFactory(course=face, counselor=wuhua_counselor, certificate_number="C-1")
    AttendanceFactory(
        course=online, counselor=wuhua_counselor, hours=Decimal("12.5"), certificate_number="C-2"
    )

    with translation.override("zh-hans"):
        facts = _by_label(training_facts(counselor=wuhua_counselor, viewer=me))

    assert facts[_label("Courses attended")].value == 2
    hours = str(facts[_label("Training hours")].value)
    assert "52.5" in hours and "40.0" in hours
    assert "C-1" in str(facts["面授班"].value) and "2016-07-11" in str(facts["面授班"].value)
    # A counselor does not read the course pages: no link.
    assert facts["面授班"].url is None


def test_staff_who_read_attendance_get_links_to_the_courses(edu_wuhua, wuhua_counselor):
    attendance = AttendanceFactory(counselor=wuhua_counselor)

    facts = training_facts(counselor=wuhua_counselor, viewer=edu_wuhua)

    course_fact = _by_label(facts)[attendance.course.name]
    assert course_fact.url == reverse("training:course-detail", args=[attendance.course_id])


def test_readers_without_the_attendance_right_learn_nothing(inspector, wuhua_counselor):
    AttendanceFactory(counselor=wuhua_counselor)

    assert training_facts(counselor=wuhua_counselor, viewer=inspector) == []


def test_another_counselor_learns_nothing(wuhua_counselor, panlong_counselor):
    other = counselor_user(panlong_counselor, username="other_counselor")
    AttendanceFactory(counselor=wuhua_counselor)

    assert training_facts(counselor=wuhua_counselor, viewer=other) == []
