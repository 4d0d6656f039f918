"""Supervision reports: one per target of a campaign, with scores, findings and evidence.

A report's history (who changed what, from which value to which) is the core history of the
report and of its score rows (``apps.core.history``); each step names its reason
(``choices.ReportStep``)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.models import (
    AuditedModel,
    PartEvidenceFile,
    VersionedModel,
    not_negative,
    one_per,
    part_of,
    reference,
    status_field,
)
from apps.inspections.choices import InspectionStatus, Rating, Severity, Step
from apps.inspections.models.base import InspectionsQuerySet, Targeted, plain_number, step_user
from apps.inspections.models.campaigns import Campaign, ChecklistItem


class InspectionQuerySet(InspectionsQuerySet):
    def visible_by_assignment(self, actor) -> Q:
        """Reports the actor is assigned to or leads the campaign of."""
        return Q(campaign__lead=actor) | Exists(
            Inspection.inspectors.through.objects.filter(inspection=OuterRef("pk"), user=actor)
        )


class Inspection(Targeted, AuditedModel, VersionedModel):
    """A supervision report on one target of a campaign, filed by its assigned inspectors."""

    history_reasons = Step

    campaign = reference(Campaign, _("campaign"), related_name="inspections")
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned inspectors"),
        blank=True,
        related_name="assigned_inspections",
    )
    status = status_field(InspectionStatus, default=InspectionStatus.DRAFT)
    inspected_on = models.DateField(_("inspected on"), null=True, blank=True)
    rating = models.CharField(
        _("overall rating"), max_length=16, choices=Rating.choices, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = step_user(_("submitted by"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = step_user(_("accepted by"))

    objects = models.Manager.from_queryset(InspectionQuerySet)()

    class Meta:
        verbose_name = _("supervision report")
        verbose_name_plural = _("supervision reports")
        ordering = ["campaign_id", "target_division_code", "id"]
        constraints = [
            *Targeted.Meta.constraints,
            one_per(
                ["campaign", "target_division"],
                "inspection_one_per_division",
                when={"target_division__isnull": False},
            ),
            one_per(
                ["campaign", "target_school"],
                "inspection_one_per_school",
                when={"target_school__isnull": False},
            ),
            models.CheckConstraint(
                condition=Q(status=InspectionStatus.DRAFT) | ~Q(rating=""),
                name="inspection_filed_has_rating",
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "status"], name="inspection_campaign_status"),
            # The report list's keyset order.
            models.Index(
                fields=["campaign", "target_division_code", "id"], name="inspection_list_order"
            ),
        ]

    def __str__(self):
        return f"{self.campaign} · {self.target}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:inspection-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == InspectionStatus.DRAFT

    def weighted_score(self) -> Decimal | None:
        """The weighted score in percent (0–100) over the scored items, or None if none.

        Reads ``self.scores`` with their items; prefetch them for lists."""
        total_weight = Decimal(0)
        earned = Decimal(0)
        for score in self.scores.all():
            item = score.item
            total_weight += item.weight
            earned += score.score / item.max_score * item.weight
        if not total_weight:
            return None
        return (earned / total_weight * 100).quantize(Decimal("0.1"))


class IndicatorScore(AuditedModel):
    """A report's score on one checklist item, between 0 and the item's maximum."""

    history_reasons = Step

    inspection = part_of(Inspection, _("report"), related_name="scores")
    item = reference(ChecklistItem, _("checklist item"))
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("indicator score")
        verbose_name_plural = _("indicator scores")
        ordering = ["inspection_id", "item__position", "item_id"]
        constraints = [
            one_per(["inspection", "item"], "score_once_per_item"),
            not_negative("score", "score_not_negative"),
        ]

    def __str__(self):
        return f"{self.item}: {self.score}"

    def clean(self):
        # The maximum lives on another table, so it is checked here rather than in the database.
        if (
            self.item_id
            and self.inspection_id
            and self.item.campaign_id != self.inspection.campaign_id
        ):
            raise ValidationError({"item": _("This item is not on the campaign's checklist.")})
        if self.score is not None and self.item_id and not 0 <= self.score <= self.item.max_score:
            raise ValidationError(
                {
                    "score": _("The score must be between 0 and %(max)s.")
                    % {"max": plain_number(self.item.max_score)}
                },
                code="out_of_range",
            )


class Finding(AuditedModel):
    """Something the inspectors found, with how serious it is."""

    history_reasons = Step

    inspection = reference(Inspection, _("report"), related_name="findings")
    text = models.TextField(_("finding"))
    severity = models.CharField(
        _("severity"), max_length=8, choices=Severity.choices, default=Severity.MEDIUM
    )

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["inspection_id", "id"]

    def __str__(self):
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return self.inspection.get_absolute_url()


class InspectionEvidence(PartEvidenceFile):
    """A file supporting a report (a photo, a scanned record), shown only with the report."""

    evidence_folder = "inspections/evidence"

    inspection = reference(Inspection, _("report"), related_name="evidence")

    class Meta(PartEvidenceFile.Meta):
        verbose_name = _("report evidence")
        verbose_name_plural = _("report evidence")
        ordering = ["inspection_id", "id"]
