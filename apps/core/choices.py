"""Choices that several areas share, and the way an area declares one of them as its own.

A choices class with members cannot be subclassed, so an area that offers some of another
class's choices declares each of them with ``same_as``: its stored value and its label (the
msgid) then come from one place, and the area's class still lists its choices in its own order.
"""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


def same_as(member: models.Choices) -> tuple[str | int, str | Promise]:
    """The value and label of ``member``, to declare the same choice in another choices class
    (``LEAGUE = same_as(Body.LEAGUE)``)."""
    return member.value, member.label


class Body(models.TextChoices):
    """The bodies Young Pioneer work draws on in a division: its League committee and its
    education bureau (the two homes of the dual-chair system), its Young Pioneer work
    committee (少工委) itself, and any other body."""

    LEAGUE = "league", _("Communist Youth League committee")
    EDUCATION = "education", _("Education bureau")
    WORK_COMMITTEE = "work_committee", _("Young Pioneer work committee")
    OTHER = "other", _("Other body")


class ReviewStatus(models.TextChoices):
    """A row on the review chain (``apps.core.review``): under review, then ended by a
    decision. ``review.advance`` looks the ends up by these names in the area's own status
    choices, which declare them with ``same_as`` (or their own label) and add their own."""

    SUBMITTED = "submitted", _("Under review")
    RETURNED = "returned", _("Returned for changes")
    REJECTED = "rejected", _("Rejected")
    APPROVED = "approved", _("Approved")
