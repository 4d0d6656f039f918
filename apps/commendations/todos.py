"""Work waiting for a user in the commendations area, for the dashboard's to-do list."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Min
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.commendations import selectors
from apps.commendations.rights import is_round_manager
from apps.core import clock
from apps.core.registry import Todo


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
