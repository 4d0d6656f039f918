"""Rectification orders (责令整改): issued from a finding to a division or a school, with a
deadline, the target's rectification and its evidence, and every step kept."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import clock
from apps.core.models import AuditedModel, PartEvidenceFile, not_before, reference, status_field
from apps.inspections.choices import AWAITING_TARGET, RectificationAction, RectificationStatus
from apps.inspections.models.base import InspectionsQuerySet, Targeted, step_user
from apps.inspections.models.reports import Finding, Inspection


class RectificationOrderQuerySet(InspectionsQuerySet):
    def visible_by_assignment(self, actor) -> Q:
        """Orders the actor issued, or of reports they are assigned to or lead."""
        return (
            Q(issued_by=actor)
            | Q(finding__inspection__campaign__lead=actor)
            | Exists(
                Inspection.inspectors.through.objects.filter(
                    inspection=OuterRef("finding__inspection"), user=actor
                )
            )
        )

    def overdue(self, today: datetime.date | None = None) -> RectificationOrderQuerySet:
        """Orders still waiting for the target after their deadline (never stored)."""
        return self.filter(status__in=AWAITING_TARGET, deadline__lt=today or clock.today())


class RectificationOrder(Targeted, AuditedModel):
    """An order to rectify (责令整改) issued from a finding to a division or a school."""

    history_reasons = RectificationAction

    finding = reference(Finding, _("finding"), related_name="orders")
    requirement = models.TextField(_("what must be rectified"))
    deadline = models.DateField(_("deadline"))
    status = status_field(RectificationStatus, default=RectificationStatus.OPEN)
    issued_by = reference(settings.AUTH_USER_MODEL, _("issued by"))
    issued_on = models.DateField(_("issued on"))
    rectification_text = models.TextField(_("rectification"), blank=True)
    submitted_at = models.DateTimeField(_("rectification submitted at"), null=True, blank=True)
    submitted_by = step_user(_("rectification submitted by"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = step_user(_("verified by"))
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)
    revisit_on = models.DateField(_("re-visit on"), null=True, blank=True)
    revisit_note = models.TextField(_("re-visit note"), blank=True)

    objects = models.Manager.from_queryset(RectificationOrderQuerySet)()

    class Meta:
        verbose_name = _("rectification order")
        verbose_name_plural = _("rectification orders")
        ordering = ["deadline", "id"]
        constraints = [
            *Targeted.Meta.constraints,
            not_before("deadline", "issued_on", "order_deadline_after_issue"),
            models.CheckConstraint(
                condition=~Q(status=RectificationStatus.CLOSED) | Q(closed_at__isnull=False),
                name="order_closed_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"], name="order_status_deadline"),
            # The order list's keyset order.
            models.Index(fields=["deadline", "id"], name="order_list_order"),
        ]
        permissions = [("submit_rectification", _("Can submit a rectification for a target"))]

    def __str__(self):
        return f"{self.target} · {self.deadline:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:order-detail", args=[self.pk])

    @property
    def inspection(self) -> Inspection:
        return self.finding.inspection

    @property
    def is_overdue(self) -> bool:
        return self.status in AWAITING_TARGET and self.deadline < clock.today()

    def clean(self):
        if self.deadline and self.issued_on and self.deadline < self.issued_on:
            raise ValidationError(
                {"deadline": _("The deadline cannot be before the order is issued.")},
                code="deadline_before_issue",
            )


class RectificationEvidence(PartEvidenceFile):
    """A file the target submitted with its rectification."""

    evidence_folder = "inspections/evidence"

    order = reference(RectificationOrder, _("order"), related_name="evidence")

    class Meta(PartEvidenceFile.Meta):
        verbose_name = _("rectification evidence")
        verbose_name_plural = _("rectification evidence")
        ordering = ["order_id", "id"]


class RectificationEvent(models.Model):
    """One step of an order: issued, submitted, closed, reopened, re-visit scheduled."""

    order = reference(RectificationOrder, _("order"), related_name="events")
    actor = reference(settings.AUTH_USER_MODEL, _("by"))
    at = models.DateTimeField(_("at"), default=clock.now)
    action = models.CharField(_("action"), max_length=24, choices=RectificationAction.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("rectification step")
        verbose_name_plural = _("rectification steps")
        ordering = ["order_id", "at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"
