"""The League–education joint meeting (团教协作联席会议).

A ``Meeting`` is convened by a division (the province for the provincial meeting) on a date,
with the bodies that attended (issuing bodies of apps/documents), the people present
(``Attendee``, shown as 姓名（单位）), its minutes (``Minutes``: PDF, DOCX or OFD judged by
their bytes) and its ``Decision`` rows. Each decision is owned by one side of a division (its
League committee or its education department), has a responsible person and a due date, and
stays open on that division's dashboard and in its to-do list until it is done. Rows are
written only through ``apps.meetings.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core import clock
from apps.core.models import (
    AuditedModel,
    PartEvidenceFile,
    VersionedModel,
    part_of,
    reference,
    status_field,
    valid_choice,
)
from apps.core.scope import ScopedManager, ScopedQuerySet, scope_queryset
from apps.meetings.choices import DecisionStatus, OwnerSide


class MeetingQuerySet(ScopedQuerySet):
    def for_actor(self, actor):
        """Meetings convened inside the actor's scope, and those that gave a body inside it
        a decision (a county sees the provincial meeting that tasked it)."""
        tasked = scope_queryset(Decision.objects.filter(meeting=OuterRef("pk")), actor)
        own = scope_queryset(self, actor).values("pk")
        return self.filter(Q(pk__in=own) | Exists(tasked))


class Meeting(AuditedModel, VersionedModel):
    division = reference("organizations.Division", _("convened by"), related_name="joint_meetings")
    title = models.CharField(pgettext_lazy("meeting", "title"), max_length=200)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    bodies = models.ManyToManyField(
        "documents.IssuingBody",
        verbose_name=_("attending bodies"),
        related_name="joint_meetings",
        blank=True,
    )
    summary = models.TextField(pgettext_lazy("meeting", "summary"), blank=True)

    objects = MeetingQuerySet.as_manager(division="division__code")

    class Meta:
        verbose_name = _("joint meeting")
        verbose_name_plural = _("joint meetings")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return self.title


class Attendee(AuditedModel):
    """A person present at a meeting, shown as 姓名（单位）."""

    meeting = part_of(Meeting, _("meeting"), related_name="attendees")
    person_name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    person_unit = models.CharField(_("unit"), max_length=100)

    objects = ScopedManager(division="meeting__division__code")

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["meeting_id", "id"]

    def __str__(self):
        return f"{self.person_name}（{self.person_unit}）"


class Minutes(PartEvidenceFile):
    """The minutes (会议纪要) of a meeting: PDF, DOCX or OFD, judged by their bytes."""

    evidence_folder = "meetings/minutes"

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes"
    )

    objects = ScopedManager(division="meeting__division__code")

    class Meta(PartEvidenceFile.Meta):
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")


class DecisionQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status=DecisionStatus.OPEN)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)


class Decision(AuditedModel, VersionedModel):
    """What a meeting decided, who owns it (a division's League or education side), who is
    responsible, by when, and what came of it."""

    meeting = part_of(Meeting, _("meeting"), related_name="decisions")
    text = models.TextField(pgettext_lazy("joint meeting", "decision"))
    owner_division = reference("organizations.Division", _("owner division"))
    owner_side = models.CharField(_("owner body"), max_length=16, choices=OwnerSide.choices)
    responsible = reference(settings.AUTH_USER_MODEL, _("responsible person"))
    due_on = models.DateField(_("due on"))
    status = status_field(DecisionStatus, default="open", max_length=8)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    outcome = models.TextField(_("what was done"), blank=True)

    # In scope for the owner's division, and for the convening division's.
    objects = DecisionQuerySet.as_manager(
        division=("owner_division__code", "meeting__division__code")
    )

    class Meta:
        verbose_name = pgettext_lazy("joint meeting", "decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting_id", "id"]
        constraints = [
            valid_choice("owner_side", OwnerSide.values, "meetings_decision_side"),
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False)
                | Q(status="open", done_on__isnull=True),
                name="meetings_decision_done_on_when_done",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="meetings_decision_due")]

    def __str__(self):
        return self.text[:40]

    @property
    def is_overdue(self) -> bool:
        return self.status == DecisionStatus.OPEN and self.due_on < clock.today()

    @property
    def owner_label(self) -> str:
        return f"{self.owner_division.name}{self.get_owner_side_display()}"
