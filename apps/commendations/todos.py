"""Work waiting for a user in the commendations area, for the dashboard's to-do list."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Min
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.commendations import selectors
from apps.commendations.models import Objection, PublicNotice
from apps.commendations.rights import STAFF_ROLES, is_round_manager
from apps.core import clock
from apps.core.registry import DueItem, Todo
from apps.core.todos import staff_in


def commendation_todos(*, actor) -> Iterable[Todo]:
    """Nominations waiting for the actor's review; for provincial staff, objections to
    check (the earliest due date, overdue when it has passed)."""
    queue = selectors.review_queue(actor=actor).count()
    if queue:
        yield Todo(
            label=_("Nominations awaiting your review"),
            url=reverse("commendations:nomination-list") + "?waiting=1",
            count=queue,
        )
    if is_round_manager(actor):
        pending = selectors.objection_list(actor=actor).open()
        summary = pending.aggregate(due=Min("due_on"))
        count = pending.count()
        if count:
            yield Todo(
                label=_("Objections to check"),
                url=reverse("commendations:objection-list"),
                count=count,
                due=summary["due"],
                overdue=summary["due"] < clock.today(),
            )


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
