"""What the titles area knows of a counselor, shown on their record and to title reviewers
(declared as ``counselor_facts`` in apps.py)."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.registry import Fact
from apps.titles.choices import ApplicationStatus, Track
from apps.titles.selectors import title_application_visible


def title_facts(*, counselor, viewer) -> list[Fact]:
    """The counselor's title applications that ``viewer`` may open (their own; a reviewer's
    in scope once submitted): how many stand where, and each title won, on which track and
    in which round. Two queries."""
    applications = title_application_visible(actor=viewer).filter(applicant=counselor)
    counts = dict(
        applications.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    if not counts:
        return []
    summary = "、".join(
        f"{status.label} {counts[status]}" for status in ApplicationStatus if status in counts
    )
    own = counselor.user_id == viewer.pk
    facts = [
        Fact(
            _("Title applications"),
            summary,
            reverse("titles:application-list") if own else None,
        )
    ]
    won = applications.filter(status=ApplicationStatus.APPROVED).order_by("-year", "-pk")
    for application in won:
        facts.append(
            Fact(
                _("Title won"),
                _("%(title)s on the %(track)s track, %(year)s round")
                % {
                    "title": application.get_target_title_display(),
                    "track": Track(application.track).label,
                    "year": application.year,
                },
                reverse("titles:application-detail", args=[application.pk]),
            )
        )
    return facts
