"""Team–League transition pilots (团队衔接试点).

A pilot school (``School.is_transition_pilot``) has one ``Pilot`` record: when the pilot
started, the plan document it follows (an issued document of apps/documents), its
``Milestone`` rows and a ``HandOff`` row a year: how many of its Young Pioneers reaching 14
joined the League that year. Counts only: the portal keeps no child's data. Rows are written
only through ``apps.transition.services``.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import (
    AuditedModel,
    VersionedModel,
    one_per,
    part_of,
    reference,
    set_exactly_when,
    status_field,
    valid_choice,
)
from apps.core.scope import ScopedManager
from apps.transition.choices import MilestoneStatus

FIRST_YEAR = 2009
LAST_YEAR = 2100


class Pilot(AuditedModel, VersionedModel):
    """The transition pilot of one school."""

    school = models.OneToOneField(
        "organizations.School",
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        related_name="transition_pilot",
    )
    started_on = models.DateField(_("pilot started on"))
    plan_document = reference(
        "documents.Document",
        _("plan document"),
        optional=True,
        help_text=_("The issued document the pilot's plan follows."),
    )
    summary = models.TextField(_("what the pilot does"), blank=True)

    objects = ScopedManager(division="school__county__code", school="school")

    class Meta:
        verbose_name = _("transition pilot")
        verbose_name_plural = _("transition pilots")
        ordering = ["school__county_id", "school__name", "id"]

    def __str__(self):
        return str(self.school)


class Milestone(AuditedModel, VersionedModel):
    """A step of a pilot with the date it is due and where it stands."""

    pilot = part_of(Pilot, _("pilot"), related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    status = status_field(MilestoneStatus, default="planned")
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = ScopedManager(division="pilot__school__county__code", school="pilot__school")

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["pilot_id", "due_on", "id"]
        constraints = [
            valid_choice("status", MilestoneStatus.values, "transition_milestone_status"),
            set_exactly_when(
                "done_on",
                {"status": "done"},
                "transition_milestone_done_on_when_done",
                _("A milestone has a done date exactly when it is done."),
            ),
        ]

    def __str__(self):
        return self.title


class HandOff(AuditedModel):
    """How many of a pilot school's Young Pioneers reaching 14 joined the League in a year."""

    pilot = part_of(Pilot, _("pilot"), related_name="handoffs")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    joined = models.PositiveIntegerField(
        _("Young Pioneers reaching 14 who joined the League"),
        validators=[MaxValueValidator(100000)],
    )

    objects = ScopedManager(division="pilot__school__county__code", school="pilot__school")

    class Meta:
        verbose_name = _("yearly hand-off count")
        verbose_name_plural = _("yearly hand-off counts")
        ordering = ["pilot_id", "-year"]
        constraints = [
            one_per(
                ["pilot", "year"],
                "transition_handoff_one_a_year",
                _("This pilot already has a count for that year."),
            ),
        ]

    def __str__(self):
        return f"{self.pilot} {self.year}"
