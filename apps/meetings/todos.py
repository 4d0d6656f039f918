"""Work waiting for a user in the joint-meeting area, for the dashboard's to-do list."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Min
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import clock
from apps.core.registry import Todo
from apps.meetings import selectors


def decision_todos(*, actor) -> Iterable[Todo]:
    """Open joint-meeting decisions the actor is responsible for or whose owner body they
    act for, the earliest due date first; links to the decision list filtered to them."""
    if not actor.is_authenticated:
        return
    waiting = selectors.decisions_waiting_for(actor=actor)
    count = waiting.count()
    if count:
        due = waiting.aggregate(due=Min("due_on"))["due"]
        yield Todo(
            label=_("Joint-meeting decisions for you or your body"),
            url=reverse("meetings:decision-list") + "?status=open&mine=true",
            count=count,
            due=due,
            overdue=due is not None and due < clock.today(),
        )
