"""The reviewers' queue and a counselor's own applications as exports (see
apps.exports.registry), read through the pages' own selectors.

Imported at start-up by the exports app, which registers each area's ``exports`` module.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.exports.columns import choice_labels
from apps.exports.lists import list_export
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


# Oldest first, as the queue page.
@list_export(
    "title-queue",
    _("Title review queue"),
    queue_rows,
    ("waiting_since", "id"),
    Perm.REVIEW_APPLICATION,
    filename="title-review-queue",
)
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


def own_rows(*, actor, filters):
    """The signed-in applicant's own applications (the page has no filters)."""
    return title_application_list_own(actor=actor)


# Newest year first, as the page.
@list_export(
    "my-title-applications",
    _("My title applications"),
    own_rows,
    ("-year", "-created_at", "-id"),
    Perm.ADD_APPLICATION,
)
def own_columns(viewer) -> list[Column]:
    """The columns of "My title applications"."""
    return [
        *_round_columns(),
        Column(_("Status"), "status", width=14, transform=choice_labels(ApplicationStatus)),
        Column(_("Waiting at level"), "current_level", transform=choice_labels(ReviewLevel)),
        Column(_("Evidence files"), "evidence_count", CellType.INTEGER),
        Column(_("Updated"), "updated_at", CellType.DATETIME),
    ]
