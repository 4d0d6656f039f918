"""Courses are shared reference data: everyone reads them, only staff holding the division
that owns a course change it, in the portal, the admin and the services alike."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.training.choices import CourseCategory
from apps.training.models import Course
from apps.training.services import course_create, course_delete, course_update
from tests.factories import SchoolFactory, UserFactory
from tests.factories.counselors import CourseFactory
from tests.training.conftest import course_form

COURSES = "/admin/training/course/"


def _fields(**changes):
    return {
        "plan": None,
        "name": "五华区少先队辅导员培训班",
        "category": CourseCategory.COUNTY,
        "organiser": "五华区教育体育局",
        "start_date": datetime.date(2018, 5, 7),
        "end_date": datetime.date(2018, 5, 8),
        "hours": Decimal("16.0"),
        "capacity": 60,
        "mode": "face_to_face",
        **changes,
    }


def test_county_staff_cannot_change_a_provincial_course_in_the_service(edu_wuhua, course):
    with pytest.raises(PermissionDenied):
        course_update(actor=edu_wuhua, course=course, category=CourseCategory.COUNTY)
    with pytest.raises(PermissionDenied):
        course_delete(actor=edu_wuhua, course=course)

    course.refresh_from_db()
    assert course.category == CourseCategory.PROVINCIAL


def test_county_staff_cannot_post_the_portal_edit_of_a_provincial_course(login, edu_wuhua, course):
    client = login(edu_wuhua)
    url = f"/training/courses/{course.pk}/edit/"

    assert client.get(url).status_code == 403
    response = client.post(url, course_form(course, name="改名", category=CourseCategory.OTHER))

    assert response.status_code == 403
    course.refresh_from_db()
    assert (course.name, course.category) != ("改名", CourseCategory.OTHER)
    # and the course's page offers no 编辑 link
    page = client.get(f"/training/courses/{course.pk}/")
    assert page.status_code == 200
    assert url.encode() not in page.content


def test_county_staff_cannot_change_a_provincial_course_in_the_admin(login, edu_wuhua, course):
    client = login(edu_wuhua)

    response = client.post(
        f"{COURSES}{course.pk}/change/", course_form(course, category=CourseCategory.OTHER)
    )

    assert response.status_code == 403
    course.refresh_from_db()
    assert course.category == CourseCategory.PROVINCIAL
    assert client.post(f"{COURSES}{course.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Course.objects.filter(pk=course.pk).exists()


def test_province_staff_change_the_provincial_course_and_see_the_edit_link(
    login, edu_province, course
):
    client = login(edu_province)
    url = f"/training/courses/{course.pk}/edit/"

    assert url.encode() in client.get(f"/training/courses/{course.pk}/").content
    response = client.post(url, course_form(course, name="改名的省培班"))

    assert response.status_code == 302
    course.refresh_from_db()
    assert course.name == "改名的省培班"


def test_county_staff_own_and_change_their_own_course_and_kunming_staff_too(
    edu_wuhua, edu_kunming, edu_yuxi
):
    course = course_create(actor=edu_wuhua, **_fields())
    assert course.owner_id == "530102"

    course_update(actor=edu_wuhua, course=course, capacity=80)
    course_update(actor=edu_kunming, course=course, capacity=90)
    with pytest.raises(PermissionDenied):
        course_update(actor=edu_yuxi, course=course, capacity=10)

    course.refresh_from_db()
    assert course.capacity == 90


def test_county_staff_cannot_put_their_course_in_the_provincial_project(edu_wuhua, edu_kunming):
    with pytest.raises(ValidationError) as raised:
        course_create(actor=edu_wuhua, **_fields(category=CourseCategory.PROVINCIAL))
    assert "category" in raised.value.message_dict

    course = course_create(actor=edu_kunming, **_fields(category=CourseCategory.PREFECTURE))
    with pytest.raises(ValidationError) as raised:
        course_update(actor=edu_kunming, course=course, category=CourseCategory.PROVINCIAL)
    assert raised.value.message_dict["category"] == ["只有省级工作人员可以将课程列入省培项目。"]


def test_a_school_account_adds_no_course(login, divisions):
    school_user = UserFactory(role="education", school=SchoolFactory(), division=None)

    with pytest.raises(PermissionDenied):
        course_create(actor=school_user, **_fields())
    assert login(school_user).get("/training/courses/new/").status_code == 403


def test_a_course_created_before_owners_were_kept_is_the_provinces(edu_kunming, divisions):
    course = CourseFactory()

    assert course.owner_id is None
    assert course.owner_code == "530000"
    with pytest.raises(PermissionDenied):
        course_update(actor=edu_kunming, course=course, capacity=1)
