"""Work waiting for a user in the commendations area, for the dashboard's to-do list."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.commendations import selectors
from apps.commendations.models import Objection, PublicNotice
from apps.commendations.rights import STAFF_ROLES, is_round_manager
from apps.core.registry import DueItem
from apps.core.todos import Waiting, staff_in, todo_source


@todo_source
def commendation_todos(*, actor) -> list[Waiting]:
    """Nominations waiting for the actor's review; for provincial staff, objections to
    check (the earliest due date, overdue when it has passed)."""
    todos = [
        Waiting(
            _("Nominations awaiting your review"),
            selectors.review_queue(actor=actor),
            reverse("commendations:nomination-list") + "?waiting=1",
        )
    ]
    if is_round_manager(actor):
        todos.append(
            Waiting(
                _("Objections to check"),
                selectors.objection_list(actor=actor).open(),
                reverse("commendations:objection-list"),
                due="due_on",
            )
        )
    return todos


def _province_code() -> str:
    return f"{settings.PORTAL_PROVINCE_CODE}0000"


def commendation_due_items(*, due_from, due_to) -> list[DueItem]:
    """Open objections to check by a date, and published 公示 ending, between the two
    dates: the provincial staff who run rounds must act (their escalation goes to the
    provincial administrators)."""
    province = _province_code()
    managers = tuple(
        staff_in(divisions=[province], roles=STAFF_ROLES).get(("division", province), ())
    )
    common = {"actors": managers, "division": province, "roles": tuple(STAFF_ROLES)}
    items = [
        DueItem(
            key=f"commendations.objection:{objection.pk}",
            kind=_("objection"),
            what=str(objection.nomination),
            unit=objection.notice.title,
            due=objection.due_on,
            url=reverse("commendations:objection-list"),
            action=_("check the objection and record the finding"),
            **common,
        )
        for objection in Objection.objects.open()
        .filter(due_on__range=(due_from, due_to))
        .select_related("notice", "nomination")
    ]
    notices = PublicNotice.objects.filter(
        published_at__isnull=False, closed_at__isnull=True, ends_on__range=(due_from, due_to)
    )
    items += [
        DueItem(
            key=f"commendations.notice:{notice.pk}",
            kind=_("public notice (公示)"),
            what=notice.title,
            unit=notice.title,
            due=notice.ends_on,
            url=reverse("commendations:round-detail", args=[notice.round_id]),
            action=_("close the notice and settle its objections"),
            **common,
        )
        for notice in notices
    ]
    return items
