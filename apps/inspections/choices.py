from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.choices import Body, same_as


class CampaignStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    RUNNING = "running", _("Running")
    CLOSED = "closed", _("Closed")


# The body a joint team member comes from: any of the core's bodies, the work committee
# itself (少工委) included, which a committee member's home body (organizations.HomeBody)
# never is.
TeamBody = Body


class InspectionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")


class Rating(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    SATISFACTORY = "satisfactory", _("Satisfactory")
    UNSATISFACTORY = "unsatisfactory", _("Unsatisfactory")


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Step(models.TextChoices):
    """Why a row changed: the reason each service gives its history entry. The steps that
    hand in and accept a report are named as the status they leave it in."""

    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    INSPECTORS_ASSIGNED = "inspectors_assigned", _("Inspectors assigned")
    FINDING_ADDED = "finding_added", _("Finding added")
    EVIDENCE_ADDED = "evidence_added", _("Evidence added")
    SUBMITTED = same_as(InspectionStatus.SUBMITTED)
    RETURNED = "returned", _("Returned to draft")
    ACCEPTED = same_as(InspectionStatus.ACCEPTED)
    STARTED = "started", _("Campaign started")
    CLOSED = "closed", _("Campaign closed")
    PUBLISHED = "published", _("Published")
    ACTIVATED = "activated", _("Put in force")


class CircularKind(models.TextChoices):
    PRAISE = "praise", _("Praise")
    CRITICISM = "criticism", _("Criticism")


class RectificationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SUBMITTED = "submitted", _("Rectification submitted")
    REOPENED = "reopened", _("Reopened")
    CLOSED = "closed", pgettext_lazy("rectification order", "Closed")


class RectificationAction(models.TextChoices):
    """A step of an order, kept as its event and its history's reason. The steps that hand
    in the rectification and reopen the order are named as the status they leave it in."""

    ISSUED = "issued", _("Issued")
    SUBMITTED = same_as(RectificationStatus.SUBMITTED)
    CLOSED = "closed", _("Verified and closed")
    REOPENED = same_as(RectificationStatus.REOPENED)
    REVISIT_SCHEDULED = "revisit_scheduled", _("Re-visit scheduled")


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")


# Orders waiting for the target to act; only these can be overdue.
AWAITING_TARGET = (RectificationStatus.OPEN, RectificationStatus.REOPENED)
# Reports that have been handed in (they count as filed for coverage).
FILED = (InspectionStatus.SUBMITTED, InspectionStatus.ACCEPTED)
