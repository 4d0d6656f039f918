"""An open application for a title its counselor already won in an earlier round is flagged
to the applicant and to the reviewers ("已于2017年评为高级教师"), without being refused; and
moving a draft into a round that already has an open application names that round and
links to it."""

import pytest
from django.urls import reverse
from django.utils import translation

from apps.counselors.choices import TeacherTitle
from apps.titles.choices import ReviewLevel, Track
from tests.factories.titles import THIS_YEAR, TitleApplicationFactory
from tests.titles.conftest import create, decide

FLAG = "已于2017年评为高级教师"


@pytest.fixture
def won_2017(applicant):
    """The applicant's 2017 application for 高级教师, approved."""
    return TitleApplicationFactory(
        applicant=applicant, target_title=TeacherTitle.SENIOR, year=2017, approved=True
    )


@pytest.fixture
def again(applicant, won_2017):
    """An open application for the same title, waiting at school level."""
    return TitleApplicationFactory(
        applicant=applicant,
        target_title=TeacherTitle.SENIOR,
        year=THIS_YEAR,
        waiting_at=ReviewLevel.SCHOOL,
    )


def _get(client, login, user, url):
    login(user)
    with translation.override("zh-hans"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    return response.content.decode()


def test_the_applicant_sees_the_title_already_won_on_the_application(
    client, login, applicant, again
):
    detail = _get(
        client, login, applicant.user, reverse("titles:application-detail", args=[again.pk])
    )
    mine = _get(client, login, applicant.user, reverse("titles:application-list"))

    assert 'data-title-won="2017"' in detail and FLAG in detail
    assert "data-title-won-note" in detail
    assert 'data-title-won="2017"' in mine


def test_the_reviewer_sees_a_warning_badge_in_the_queue_and_on_the_review_page(
    client, login, again, edu_school
):
    queue = _get(client, login, edu_school, reverse("titles:review-queue"))
    review_page = _get(
        client, login, edu_school, reverse("titles:application-detail", args=[again.pk])
    )

    row = queue.split(f'data-application="{again.pk}"', 1)[1].split("</tr>", 1)[0]
    assert 'class="badge badge-bad" data-title-won="2017"' in row and FLAG in row
    assert FLAG in review_page and "data-title-won-note" in review_page
    # and it is a warning, not a refusal: the decision form is there
    assert 'name="decision"' in review_page


def test_the_edit_page_flags_a_draft_for_a_title_already_won(client, login, applicant, won_2017):
    draft = TitleApplicationFactory(
        applicant=applicant, target_title=TeacherTitle.SENIOR, year=THIS_YEAR
    )

    page = _get(
        client, login, applicant.user, reverse("titles:application-update", args=[draft.pk])
    )

    assert FLAG in page


@pytest.mark.parametrize(
    "other",
    [
        # another title than the one won
        {"target_title": TeacherTitle.PROFESSOR, "year": THIS_YEAR},
        # the won application itself is not open
        None,
    ],
)
def test_nothing_else_is_flagged(client, login, applicant, won_2017, edu_school, other):
    shown = won_2017
    if other is not None:
        shown = TitleApplicationFactory(applicant=applicant, waiting_at=ReviewLevel.SCHOOL, **other)

    detail = _get(
        client, login, applicant.user, reverse("titles:application-detail", args=[shown.pk])
    )
    queue = _get(client, login, edu_school, reverse("titles:review-queue"))

    assert "data-title-won" not in detail
    assert "data-title-won" not in queue


def test_a_title_won_by_someone_else_is_not_flagged(client, login, applicant, edu_school, school):
    TitleApplicationFactory(target_title=TeacherTitle.SENIOR, year=2017, approved=True)
    mine = TitleApplicationFactory(
        applicant=applicant,
        target_title=TeacherTitle.SENIOR,
        year=THIS_YEAR,
        waiting_at=ReviewLevel.SCHOOL,
    )

    detail = _get(
        client, login, applicant.user, reverse("titles:application-detail", args=[mine.pk])
    )

    assert "data-title-won" not in detail


def test_moving_a_draft_into_a_round_with_an_open_application_names_the_round_and_links_it(
    client, login, applicant, draft
):
    # given a draft in this year's round (``draft``) and another one in next year's
    other = create(applicant.user, target_title=TeacherTitle.FIRST, year=THIS_YEAR + 1)
    login(applicant.user)

    # when the applicant moves the second one into this year's round
    with translation.override("zh-hans"):
        response = client.post(
            reverse("titles:application-update", args=[other.pk]),
            {
                "track": Track.SUBJECT,
                "target_title": TeacherTitle.FIRST,
                "year": THIS_YEAR,
                "statement": "x",
                "version": other.version,
            },
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )

    # then the year's error names that round (not "本年度") and links to the open one
    assert response.status_code == 200
    (error,) = response.context["form"].errors.as_data()["year"]
    assert error.code == "open_application"
    html = response.content.decode()
    assert f"您在{THIS_YEAR}年度已有" in html and "本年度" not in html
    link = reverse("titles:application-detail", args=[draft.pk])
    assert f'href="{link}" data-open-application' in html
    other.refresh_from_db()
    assert other.year == THIS_YEAR + 1


def test_the_handled_list_flags_a_title_already_won_like_the_queue_and_the_overview(
    client, login, again, edu_school, edu_wuhua
):
    # given the school reviewer passed the open application on to the county
    decide(edu_school, again, comment="同意")

    # when the school reviewer reads what they handled, and the county its overview
    handled = _get(client, login, edu_school, reverse("titles:review-handled"))
    overview = _get(client, login, edu_wuhua, reverse("titles:application-overview"))

    # then both rows carry the flag, in the same cells as the queue's
    for page in (handled, overview):
        row = page.split(f'data-application="{again.pk}"', 1)[1].split("</tr>", 1)[0]
        assert 'class="badge badge-bad" data-title-won="2017"' in row and FLAG in row
        assert 'class="title-school"' in row
