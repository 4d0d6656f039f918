"""The titles area's due items for reminders: an application waiting at a level falls due
when that level's time limit (TITLES_REVIEW_DAYS) ends, and the education staff of that
level (the school, the county, the prefecture, the province) must act."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from apps.accounts.choices import Role
from apps.titles.choices import ReviewLevel
from apps.titles.todos import review_due_items
from tests.factories import UserFactory, division
from tests.factories.titles import ApplicantFactory, TitleApplicationFactory

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 12, 10)


def waiting(applicant, level, *, due=DUE, days=None):
    """An application of ``applicant`` waiting at ``level`` so that it falls due on ``due``."""
    limit = settings.TITLES_REVIEW_DAYS[level] if days is None else days
    since = datetime.datetime.combine(due - datetime.timedelta(days=limit), datetime.time(10))
    # One open application a counselor and year: each is a colleague's at the same school.
    colleague = ApplicantFactory(school=applicant.school)
    application = TitleApplicationFactory(applicant=colleague, waiting_at=level)
    application.waiting_since = timezone.make_aware(since)
    application.save(update_fields=["waiting_since"])
    return application


def test_an_application_falls_due_when_its_levels_limit_ends(applicant, edu_wuhua):
    application = waiting(applicant, ReviewLevel.COUNTY)
    colleague = UserFactory(role=Role.EDUCATION, division=division("530102"))
    UserFactory(role=Role.LEAGUE, division=division("530102"))  # not who reviews titles

    (item,) = review_due_items(due_from=DUE, due_to=DUE)

    assert item.key == f"titles.review:{application.pk}:county:1"
    assert (item.due, item.division, item.unit) == (DUE, "530102", "五华区")
    assert set(item.actors) == {edu_wuhua, colleague}
    assert item.what == application.applicant.name
    assert item.url == reverse("titles:application-review", args=[application.pk])


def test_only_what_falls_due_inside_the_window_is_listed(applicant):
    waiting(applicant, ReviewLevel.COUNTY, due=DUE - datetime.timedelta(days=1))
    inside = waiting(applicant, ReviewLevel.PREFECTURE, due=DUE + datetime.timedelta(days=2))
    waiting(applicant, ReviewLevel.PROVINCE, due=DUE + datetime.timedelta(days=3))

    items = review_due_items(due_from=DUE, due_to=DUE + datetime.timedelta(days=2))

    assert [item.key for item in items] == [f"titles.review:{inside.pk}:prefecture:1"]
    assert items[0].division == "530100"


def test_each_level_has_its_own_limit(applicant):
    """Waiting the same days, an application at the school level (10 days) is due while
    one at the province (30 days) is not."""
    school = waiting(applicant, ReviewLevel.SCHOOL, days=10)
    waiting(applicant, ReviewLevel.PROVINCE, days=10)

    items = review_due_items(due_from=DUE, due_to=DUE)

    assert [item.key for item in items] == [f"titles.review:{school.pk}:school:1"]


def test_the_school_level_goes_to_the_schools_own_staff(applicant, edu_school, edu_wuhua):
    waiting(applicant, ReviewLevel.SCHOOL)

    (item,) = review_due_items(due_from=DUE, due_to=DUE)

    assert item.actors == (edu_school,)
    assert item.at_school and item.unit == applicant.school.name
