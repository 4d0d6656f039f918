"""Work waiting for a user in the joint-meeting area, for the dashboard's to-do list."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from apps.core.registry import DueItem
from apps.core.todos import Waiting, staff_in, todo_source
from apps.meetings import selectors
from apps.meetings.choices import SIDE_ROLE
from apps.meetings.models import Decision


@todo_source
def decision_todos(*, actor) -> list[Waiting]:
    """Open joint-meeting decisions the actor is responsible for or whose owner body they
    act for, the earliest due date first; links to the decision list filtered to them."""
    return [
        Waiting(
            _("Joint-meeting decisions for you or your body"),
            selectors.decisions_waiting_for(actor=actor),
            reverse("meetings:decision-list") + "?status=open&mine=true",
            due="due_on",
        )
    ]


def decision_due_items(*, due_from, due_to) -> list[DueItem]:
    """Open decisions due between the two dates: the responsible person and the owner
    body's staff (its League or education side) must carry them out."""
    decisions = list(
        Decision.objects.open()
        .filter(due_on__range=(due_from, due_to))
        .select_related("owner_division", "responsible", "meeting")
    )
    staff = staff_in(
        divisions=[d.owner_division_id for d in decisions],
        roles={SIDE_ROLE[d.owner_side] for d in decisions},
    )
    items = []
    for decision in decisions:
        role = SIDE_ROLE[decision.owner_side]
        actors = [decision.responsible] + [
            user
            for user in staff.get(("division", decision.owner_division_id), ())
            if user.role == role and user.pk != decision.responsible_id
        ]
        items.append(
            DueItem(
                key=f"meetings.decision:{decision.pk}",
                kind=_("joint-meeting decision"),
                what=Truncator(decision.text).chars(40),
                unit=f"{decision.owner_division.name}{decision.get_owner_side_display()}",
                due=decision.due_on,
                url=reverse("meetings:meeting-detail", args=[decision.meeting_id]),
                action=_("carry it out and report it done"),
                actors=tuple(actors),
                division=decision.owner_division_id,
                roles=(role,),
            )
        )
    return items
