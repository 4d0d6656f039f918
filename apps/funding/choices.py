"""Choices of the funding area: who funds a program, whom it pays, and where money stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FundingBody(models.TextChoices):
    """The bodies a program's money comes from (one or several)."""

    LEAGUE = "league", _("Communist Youth League")
    EDUCATION = "education", _("Education department")
    WORK_COMMITTEE = "work_committee", _("Young Pioneer work committee")


class Target(models.TextChoices):
    """The one kind of recipient a program pays. The three school kinds are the school flags
    the portal already keeps (apps.organizations.models.School)."""

    MIGRANT_CHILDREN = "migrant_children", _("Migrant workers' children schools")
    DRUM_CORPS = "drum_corps", _("Schools with a drum-and-bugle corps")
    RED_SCARF_DEMONSTRATION = "red_scarf_demonstration", _("Red-scarf demonstration schools")
    ANY_SCHOOL = "any_school", _("Any school")
    COMMITTEES = "committees", _("County work committees")


# The School flag each school target requires (ANY_SCHOOL requires none).
TARGET_SCHOOL_FLAG = {
    Target.MIGRANT_CHILDREN: "is_migrant_children_school",
    Target.DRUM_CORPS: "has_drum_corps",
    Target.RED_SCARF_DEMONSTRATION: "is_red_scarf_demonstration",
}


class ProgramStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    # "Open" alone is a rectification order's status elsewhere in the catalogue.
    OPEN = "open", pgettext_lazy("funding program", "Open")
    CLOSED = "closed", _("Closed")


# A program moves forward only: planning → open → closed.
PROGRAM_NEXT = {
    ProgramStatus.PLANNING: {ProgramStatus.PLANNING, ProgramStatus.OPEN},
    ProgramStatus.OPEN: {ProgramStatus.OPEN, ProgramStatus.CLOSED},
    ProgramStatus.CLOSED: {ProgramStatus.CLOSED},
}


class AllocationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    APPROVED = "approved", _("Approved")
    DISBURSED = "disbursed", _("Disbursed")
    USAGE_REPORTED = "usage_reported", _("Usage reported")
    USAGE_ACCEPTED = "usage_accepted", _("Usage accepted")
    CANCELLED = "cancelled", _("Cancelled")


# Money that has left the allocating level (its remainder, once returned, no longer counts).
PAID_STATUSES = (
    AllocationStatus.DISBURSED,
    AllocationStatus.USAGE_REPORTED,
    AllocationStatus.USAGE_ACCEPTED,
)
# Allocations still waiting for a decision before any money moves.
UNPAID_STATUSES = (AllocationStatus.PLANNED, AllocationStatus.APPROVED)


class SignoffBody(models.TextChoices):
    """On whose behalf a sign-off was given: the signer's role when two are needed."""

    LEAGUE = "league", _("League")
    EDUCATION = "education", _("Education")
    SINGLE = "single", _("Sole approver")


# The earliest program year the portal takes (the provincial reform documents start here).
FIRST_YEAR = 2000
