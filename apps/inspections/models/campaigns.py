"""Campaigns (联合督导), their joint teams and their checklists."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.models import (
    AuditedModel,
    VersionedModel,
    account_link,
    not_before,
    one_per,
    part_history,
    part_of,
    positive,
    reference,
    status_field,
)
from apps.core.people import person_label
from apps.inspections.choices import CampaignStatus, Step, TeamBody
from apps.inspections.models.base import InspectionsQuerySet
from apps.organizations.models import Division


class CampaignQuerySet(InspectionsQuerySet):
    def visible_by_assignment(self, actor) -> Q:
        """Campaigns the actor leads or is on the team of."""
        return Q(lead=actor) | Exists(
            TeamMember.objects.filter(campaign=OuterRef("pk"), user=actor)
        )

    def visible_by_region(self, actor) -> Q:
        """Campaigns organised in, or with a target in, the actor's subtree."""
        inspection = apps.get_model("inspections", "Inspection")
        return super().visible_by_region(actor) | Exists(
            inspection.objects.in_region_of(actor).filter(campaign=OuterRef("pk"))
        )


class Campaign(AuditedModel, VersionedModel):
    """A joint inspection campaign: a period, an area, a checklist and a joint team."""

    history_reasons = Step

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    division = reference(
        Division,
        _("area covered"),
        related_name="inspection_campaigns",
        help_text=_("Targets are divisions and schools inside this area."),
    )
    scope_note = models.TextField(_("scope of targets"), blank=True)
    status = status_field(CampaignStatus, default=CampaignStatus.PLANNING)
    lead = reference(settings.AUTH_USER_MODEL, _("campaign lead"), related_name="led_campaigns")

    objects = CampaignQuerySet.as_manager(division="division__code")

    class Meta:
        verbose_name = _("inspection campaign")
        verbose_name_plural = _("inspection campaigns")
        ordering = ["-year", "-start_date", "-id"]
        constraints = [
            not_before("end_date", "start_date", "campaign_end_after_start"),
        ]
        # The campaign list's keyset order.
        indexes = [models.Index(fields=["year", "start_date", "id"], name="campaign_list_order")]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("inspections:campaign-detail", args=[self.pk])

    def clean(self):
        if self.start_date and self.year and self.start_date.year != self.year:
            raise ValidationError(
                {"start_date": _("The campaign must start in its year.")}, code="wrong_year"
            )
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end date cannot be before the start date.")},
                code="end_before_start",
            )


class TeamMember(models.Model):
    """A member of a campaign's joint team, from the League, education or the work committee."""

    campaign = part_of(Campaign, _("campaign"), related_name="team")
    user = account_link(_("portal account"), related_name="inspection_team_memberships")
    name = models.CharField(_("full name"), max_length=50)
    body = models.CharField(_("home body"), max_length=16, choices=TeamBody.choices)
    position = models.CharField(_("position"), max_length=100, blank=True)
    history = part_history()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["campaign_id", "body", "name", "id"]
        constraints = [
            one_per(
                ["campaign", "user"],
                "team_member_user_once_per_campaign",
                when={"user__isnull": False},
            ),
        ]

    def __str__(self):
        return person_label(self)

    def get_absolute_url(self) -> str:
        return self.campaign.get_absolute_url()

    @property
    def person_name(self) -> str:
        return self.name

    @property
    def person_unit(self) -> str:
        """The body the member comes from (团委, 教育局, 少工委...)."""
        return str(self.get_body_display())


class ChecklistItem(models.Model):
    """One indicator of a campaign's checklist: scored from 0 to ``max_score``, weighted."""

    campaign = part_of(Campaign, _("campaign"), related_name="checklist")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("indicator"), max_length=200)
    max_score = models.DecimalField(_("maximum score"), max_digits=6, decimal_places=2)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)
    history = part_history()

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["campaign_id", "position", "id"]
        constraints = [
            one_per(["campaign", "name"], "checklist_item_unique_name"),
            positive("max_score", "checklist_max_positive"),
            positive("weight", "checklist_weight_positive"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return self.campaign.get_absolute_url()
