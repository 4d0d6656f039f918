"""What the titles area knows of a counselor, shown on their record and to title reviewers
(``counselor_facts`` in apps.py), and of a school's counselors (``school_facts``)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.access import link_for
from apps.core.registry import Fact
from apps.titles.choices import ApplicationStatus, Track
from apps.titles.models import TitleApplication
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


def school_facts(*, school, year, viewer) -> list[Fact]:
    """Title applications of the school's counselors in the ``year`` round that reached the
    reviewers (drafts stay their applicants' own): how many, still under review, returned,
    and titles won. One query."""
    figures = (
        TitleApplication.objects.ever_submitted()
        .filter(applicant__school=school, year=year)
        .aggregate(
            submitted=Count("pk"),
            reviewing=Count("pk", filter=Q(status=ApplicationStatus.SUBMITTED)),
            returned=Count("pk", filter=Q(status=ApplicationStatus.RETURNED)),
            approved=Count("pk", filter=Q(status=ApplicationStatus.APPROVED)),
        )
    )
    url = link_for(viewer, "titles:review-queue") or link_for(viewer, "titles:application-list")
    return [
        Fact(_("Title applications submitted"), figures["submitted"], url, "titles.submitted"),
        Fact(_("Under review"), figures["reviewing"], url, "titles.reviewing"),
        Fact(_("Returned for changes"), figures["returned"], url, "titles.returned"),
        Fact(_("Titles won"), figures["approved"], url, "titles.approved"),
    ]
