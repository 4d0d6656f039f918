"""The reviewers' queue and a counselor's own applications as exports (see
apps.exports.registry), read through the pages' own selectors.

Imported at start-up by the exports app, which registers each area's ``exports`` module.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.exports.columns import choice_labels
from apps.exports.registry import ExportDefinition, register
from apps.exports.writers import CellType, Column
from apps.titles.choices import TARGET_TITLE_CHOICES, ApplicationStatus, ReviewLevel, Track
from apps.titles.permissions import Perm
from apps.titles.selectors import title_application_list_own, title_application_queue


def _round_columns() -> list[Column]:
    """What was applied for: the round, the track and the title."""
    return [
        Column(_("Review year"), "year", CellType.INTEGER),
        Column(_("Track"), "track", width=16, transform=choice_labels(Track)),
        Column(
            _("Title applied for"),
            "target_title",
            width=16,
            transform=choice_labels(TARGET_TITLE_CHOICES),
        ),
    ]


def queue_rows(*, actor, filters):
    """What waits at the reviewer's level inside their scope, under the queue's filters."""
    return title_application_queue(actor=actor, filters=filters or None).qs


def queue_columns(viewer) -> list[Column]:
    """The queue's columns: the applicant's name and school, as on the page."""
    return [
        Column(_("Applicant"), "applicant__name", width=10),
        Column(_("County"), "applicant__county__name", width=14),
        Column(_("School"), "applicant__school__name", width=28),
        *_round_columns(),
        Column(_("Submissions"), "submission_count", CellType.INTEGER),
        Column(_("Evidence files"), "evidence_count", CellType.INTEGER),
        Column(_("Waiting since"), "waiting_since", CellType.DATETIME),
    ]


TITLE_QUEUE = register(
    ExportDefinition(
        kind="title-queue",
        label=_("Title review queue"),
        filename="title-review-queue",
        selector=queue_rows,
        columns=queue_columns,
        # Oldest first, as the queue page.
        ordering=("waiting_since", "id"),
        permissions=(Perm.REVIEW_APPLICATION,),
    )
)


def own_rows(*, actor, filters):
    """The signed-in applicant's own applications (the page has no filters)."""
    return title_application_list_own(actor=actor)


def own_columns(viewer) -> list[Column]:
    """The columns of "My title applications"."""
    return [
        *_round_columns(),
        Column(_("Status"), "status", width=14, transform=choice_labels(ApplicationStatus)),
        Column(_("Waiting at level"), "current_level", transform=choice_labels(ReviewLevel)),
        Column(_("Evidence files"), "evidence_count", CellType.INTEGER),
        Column(_("Updated"), "updated_at", CellType.DATETIME),
    ]


OWN_APPLICATIONS = register(
    ExportDefinition(
        kind="my-title-applications",
        label=_("My title applications"),
        filename="my-title-applications",
        selector=own_rows,
        columns=own_columns,
        # Newest year first, as the page.
        ordering=("-year", "-created_at", "-id"),
        permissions=(Perm.ADD_APPLICATION,),
    )
)
