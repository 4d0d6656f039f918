"""What the titles area tells a counselor's record (applications, titles won) and the work it
waits on a user for (reviews at their level in their scope, returned applications)."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

from apps.core import registry
from apps.titles import services
from apps.titles.choices import ApplicationStatus, ReviewLevel
from apps.titles.facts import title_facts
from apps.titles.todos import resubmit_todos, review_todos
from tests.factories import SchoolFactory, division
from tests.factories.titles import ApplicantFactory, TitleApplicationFactory


def _label(text: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(text)


# Facts -------------------------------------------------------------------------------------


def test_the_applicant_reads_their_applications_and_the_titles_won(applicant, submitted):
    won = TitleApplicationFactory(applicant=applicant, year=2016, approved=True)

    with translation.override("zh-hans"):
        facts = title_facts(counselor=applicant, viewer=applicant.user)

    summary, title_won = facts
    assert summary.label == _label("Title applications")
    assert summary.url == reverse("titles:application-list")
    assert str(ApplicationStatus.SUBMITTED.label) in summary.value
    assert str(ApplicationStatus.APPROVED.label) in summary.value
    assert title_won.label == _label("Title won")
    assert "2016" in title_won.value and "少先队活动" in title_won.value
    assert title_won.url == reverse("titles:application-detail", args=[won.pk])


def test_a_reviewer_in_scope_reads_submitted_applications_not_drafts(applicant, draft, edu_wuhua):
    assert title_facts(counselor=applicant, viewer=edu_wuhua) == []

    services.title_application_submit(actor=applicant.user, application=draft)
    TitleApplicationFactory(applicant=applicant, year=2016, approved=True)

    facts = title_facts(counselor=applicant, viewer=edu_wuhua)
    assert [str(fact.label) for fact in facts] == [
        _label("Title applications"),
        _label("Title won"),
    ]
    # Not their list to open: the applicant's own.
    assert facts[0].url is None


def test_a_reviewer_outside_scope_learns_nothing(applicant, edu_yuxi):
    TitleApplicationFactory(applicant=applicant, approved=True)

    assert title_facts(counselor=applicant, viewer=edu_yuxi) == []


# To-dos ------------------------------------------------------------------------------------


def test_the_titles_area_declares_its_todo_sources():
    assert set(registry.todo_sources()) >= {review_todos, resubmit_todos}


def test_each_reviewer_is_told_what_waits_at_their_level_and_since_when(
    divisions, edu_wuhua, edu_kunming, edu_yuxi, edu_province
):
    # given applications waiting at county and prefecture level in Kunming, one in Yuxi
    wuhua = SchoolFactory(county=division("530102"))
    hongta = SchoolFactory(county=division("530402"))
    oldest = TitleApplicationFactory(
        applicant=ApplicantFactory(school=wuhua), waiting_at=ReviewLevel.COUNTY
    )
    TitleApplicationFactory(applicant=ApplicantFactory(school=wuhua), waiting_at=ReviewLevel.COUNTY)
    TitleApplicationFactory(
        applicant=ApplicantFactory(school=hongta), waiting_at=ReviewLevel.PREFECTURE
    )
    waiting_since = timezone.make_aware(datetime.datetime(2026, 3, 2, 10))
    type(oldest).objects.filter(pk=oldest.pk).update(waiting_since=waiting_since)

    # then each reviewer's to-do counts only their level inside their scope
    (county,) = review_todos(actor=edu_wuhua)
    assert (county.count, county.due) == (2, datetime.date(2026, 3, 2))
    assert county.url == reverse("titles:review-queue")
    assert review_todos(actor=edu_kunming) == []
    assert review_todos(actor=edu_province) == []
    (yuxi,) = review_todos(actor=edu_yuxi)
    assert yuxi.count == 1


def test_non_reviewers_have_no_reviews_to_do(applicant, submitted, league_kunming):
    assert review_todos(actor=applicant.user) == []
    assert review_todos(actor=league_kunming) == []


def test_the_applicant_is_told_to_resubmit_a_returned_application(
    applicant, submitted, review, school
):
    assert resubmit_todos(actor=applicant.user) == []

    review(submitted, ReviewLevel.SCHOOL, "return", "请补充材料。")

    (todo,) = resubmit_todos(actor=applicant.user)
    assert todo.count == 1
    assert todo.url == reverse("titles:application-update", args=[submitted.pk])
    # Another counselor of the school has nothing to resubmit.
    assert resubmit_todos(actor=ApplicantFactory(school=school).user) == []


def test_several_returned_applications_lead_to_the_list(applicant):
    for year in (2016, 2017):
        TitleApplicationFactory(
            applicant=applicant,
            year=year,
            status=ApplicationStatus.RETURNED,
            submission_count=1,
            submitted_at=timezone.now(),
        )

    (todo,) = resubmit_todos(actor=applicant.user)

    assert (todo.count, todo.url) == (2, reverse("titles:application-list"))
