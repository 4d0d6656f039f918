"""Lost updates on plans and courses: an edit page saved after a colleague saved the same
row is refused with the core's message, the colleague's change kept (tests/stale.py)."""

import pytest

from apps.training.services import course_update
from tests.stale import assert_stale_save_refused, colleague_of, form_data, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(edu_province):
    return colleague_of(edu_province)


# the course's own page and its plan's: the row, its page, the field, what the colleague saved
# (and the row keeps), what was typed on the page opened before
@pytest.mark.parametrize(
    ("row_of", "page", "field", "theirs", "mine"),
    [
        (lambda course: course, "courses", "organiser", "云南省教育厅", "共青团云南省委"),
        (lambda course: course.plan, "plans", "issuing_body", "云南省少工委", "共青团云南省委"),
    ],
    ids=["course", "plan"],
)
def test_a_stale_edit_is_refused(
    edu_province, colleague, course, row_of, page, field, theirs, mine
):
    row = row_of(course)

    assert_stale_save_refused(
        first=edu_province,
        second=colleague,
        url=f"/training/{page}/{row.pk}/edit/",
        theirs={field: theirs},
        mine={field: mine},
        row=row,
    )


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
