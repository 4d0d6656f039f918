"""Work the titles area waits on a user for (declared as ``todo_sources`` in apps.py)."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.registry import Todo
from apps.titles.choices import ApplicationStatus
from apps.titles.models import TitleApplication
from apps.titles.selectors import reviewer_level, title_application_list_own


def review_todos(*, actor) -> list[Todo]:
    """Applications waiting for ``actor``'s decision at their level inside their scope, with
    the day the oldest of them started waiting; nothing for those who do not review."""
    level = reviewer_level(actor)
    if level is None:
        return []
    waiting = (
        TitleApplication.objects.for_actor(actor)
        .awaiting(level)
        .aggregate(count=Count("pk"), oldest=Min("waiting_since"))
    )
    if not waiting["count"]:
        return []
    return [
        Todo(
            label=_("Title applications awaiting your review"),
            url=reverse("titles:review-queue"),
            count=waiting["count"],
            due=timezone.localtime(waiting["oldest"]).date(),
        )
    ]


def resubmit_todos(*, actor) -> list[Todo]:
    """The applicant's applications returned for changes, to edit and resubmit."""
    returned = list(
        title_application_list_own(actor=actor)
        .filter(status=ApplicationStatus.RETURNED)
        .values_list("pk", flat=True)
    )
    if not returned:
        return []
    # One returned application goes straight to its edit page; several to the list.
    url = (
        reverse("titles:application-update", args=[returned[0]])
        if len(returned) == 1
        else reverse("titles:application-list")
    )
    return [Todo(label=_("Returned title applications to resubmit"), url=url, count=len(returned))]
