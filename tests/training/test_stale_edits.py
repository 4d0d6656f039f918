"""Lost updates on plans and courses: an edit page saved after a colleague saved the same
row is refused with the core's message, the colleague's change kept (tests/stale.py)."""

import pytest

from apps.accounts.choices import Role
from apps.training.services import course_update
from tests.factories import UserFactory, division
from tests.stale import assert_stale_save_refused, form_data, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(divisions):
    return UserFactory(username="edu_province_2", role=Role.EDUCATION, division=division("530000"))


def test_a_stale_course_edit_is_refused(edu_province, colleague, course):
    assert_stale_save_refused(
        first=edu_province,
        second=colleague,
        url=f"/training/courses/{course.pk}/edit/",
        theirs={"organiser": "云南省教育厅"},
        mine={"organiser": "共青团云南省委"},
    )

    course.refresh_from_db()
    assert (course.organiser, course.version) == ("云南省教育厅", 2)


def test_a_stale_training_plan_edit_is_refused(edu_province, colleague, course):
    plan = course.plan

    assert_stale_save_refused(
        first=edu_province,
        second=colleague,
        url=f"/training/plans/{plan.pk}/edit/",
        theirs={"issuing_body": "云南省少工委"},
        mine={"issuing_body": "共青团云南省委"},
    )

    plan.refresh_from_db()
    assert plan.issuing_body == "云南省少工委"


def test_a_stale_save_of_the_admin_change_page_is_refused(edu_province, colleague, course):
    # given the course's admin page was opened
    browser = signed_in(edu_province)
    url = f"/admin/training/course/{course.pk}/change/"
    page = browser.get(url)
    assert page.status_code == 200
    data = form_data(page.context["adminform"].form)
    assert data["version"] == "1"

    # when a colleague changes the course, then the page opened before is saved
    course_update(actor=colleague, course=course, organiser="云南省教育厅")
    response = browser.post(url, {**data, "organiser": "共青团云南省委"})

    # then it is refused above the form and the colleague's change stands
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [error.code for error in form.non_field_errors().as_data()] == ["stale"]
    course.refresh_from_db()
    assert (course.organiser, course.version) == ("云南省教育厅", 2)
