"""Work the titles area waits on a user for (declared as ``todo_sources`` in apps.py)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.core.registry import DueItem
from apps.core.todos import Waiting, staff_in, todo_source
from apps.titles.choices import ApplicationStatus, ReviewLevel
from apps.titles.models import TitleApplication
from apps.titles.selectors import reviewer_level, title_application_list_own


@todo_source
def review_todos(*, actor) -> list[Waiting]:
    """Applications waiting for ``actor``'s decision at their level inside their scope, with
    the day the oldest of them started waiting; nothing for those who do not review."""
    level = reviewer_level(actor)
    if level is None:
        return []
    return [
        Waiting(
            _("Title applications awaiting your review"),
            TitleApplication.objects.for_actor(actor).awaiting(level),
            reverse("titles:review-queue"),
            due="waiting_since",
            overdue=False,
        )
    ]


@todo_source
def resubmit_todos(*, actor) -> list[Waiting]:
    """The applicant's applications returned for changes, to edit and resubmit: one goes
    straight to its edit page, several to the list."""
    return [
        Waiting(
            _("Returned title applications to resubmit"),
            title_application_list_own(actor=actor).filter(status=ApplicationStatus.RETURNED),
            reverse("titles:application-list"),
            overdue=False,
            url_for_one=lambda pk: reverse("titles:application-update", args=[pk]),
        )
    ]


def _review_days(level: str) -> int:
    return settings.TITLES_REVIEW_DAYS[level]


def review_due_items(*, due_from, due_to) -> list[DueItem]:
    """Applications waiting at a review level, whose time limit there (calendar days a
    level, ``settings.TITLES_REVIEW_DAYS``) ends between the two dates: the education staff
    of that level (the applicant's school, county, prefecture or the province) must decide.
    """
    # Due on a day of the window: waiting since that day less the level's limit, read in
    # the database for every level at once (not application by application).
    window = Q()
    for level in ReviewLevel:
        limit = datetime.timedelta(days=_review_days(level))
        window |= Q(
            current_level=level,
            waiting_since__date__gte=due_from - limit,
            waiting_since__date__lte=due_to - limit,
        )
    applications = []
    for application in (
        TitleApplication.objects.filter(window, status=ApplicationStatus.SUBMITTED)
        .select_related("applicant__school", "applicant__county__parent__parent")
        .order_by("pk")
    ):
        level = application.current_level
        start = timezone.localtime(application.waiting_since).date()
        applications.append((application, level, start + datetime.timedelta(_review_days(level))))

    def unit_of(applicant, level):
        """(division code, school id or None, unit name) of the level's reviewers."""
        county = applicant.county
        if level == ReviewLevel.SCHOOL and applicant.school_id:
            return county.code, applicant.school_id, applicant.school.name
        if level == ReviewLevel.COUNTY:
            return county.code, None, county.name
        if level == ReviewLevel.PREFECTURE:
            return county.parent_id, None, county.parent.name
        province = county.parent.parent
        return province.code, None, province.name

    units = {a.pk: unit_of(a.applicant, level) for a, level, _due in applications}
    staff = staff_in(
        divisions=[code for code, school, _name in units.values() if school is None],
        schools=[school for _code, school, _name in units.values() if school],
        roles=(Role.EDUCATION,),
    )
    items = []
    for application, level, due in applications:
        code, school, name = units[application.pk]
        where = ("school", school) if school else ("division", code)
        items.append(
            DueItem(
                key=f"titles.review:{application.pk}:{level}:{application.submission_count}",
                kind=_("title application review"),
                what=application.applicant.name,
                unit=name,
                due=due,
                url=reverse("titles:application-review", args=[application.pk]),
                action=_("decide on the application"),
                actors=tuple(staff.get(where, ())),
                division=code,
                roles=(Role.EDUCATION,),
                at_school=school is not None,
            )
        )
    return items
