"""Circulars (通报): praise or criticism issued from a campaign, public once published."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.models import AuditedModel, VersionedModel, reference
from apps.inspections.choices import CircularKind, Step
from apps.inspections.models.base import InspectionsQuerySet
from apps.inspections.models.campaigns import Campaign, TeamMember
from apps.inspections.models.reports import Finding
from apps.organizations.models import Division, School


class CircularQuerySet(InspectionsQuerySet):
    def visible_to(self, actor) -> Q:
        """Published circulars of the campaigns the actor sees; drafts only to those who may
        write them (``services.rules.can_write_circular``): the campaign's lead and creator,
        its joint team and staff whose scope holds its whole area, not staff of a target."""
        seen = Q(campaign__in=Campaign.objects.for_actor(actor).values("pk"))
        if actor.is_superuser:
            return seen
        writers = (
            Q(campaign__lead=actor)
            | Q(campaign__created_by=actor)
            | Exists(TeamMember.objects.filter(campaign=OuterRef("campaign"), user=actor))
            | Q(campaign__in=Campaign.objects.in_region_of(actor).values("pk"))
        )
        return seen & (Q(is_published=True) | writers)

    def published(self) -> CircularQuerySet:
        return self.filter(is_published=True)


class Circular(AuditedModel, VersionedModel):
    """A circular (通报) praising or criticising units, issued from a campaign's findings."""

    history_reasons = Step

    campaign = reference(Campaign, _("campaign"), related_name="circulars")
    kind = models.CharField(_("kind"), max_length=16, choices=CircularKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    named_divisions = models.ManyToManyField(
        Division, verbose_name=_("divisions named"), blank=True, related_name="+"
    )
    named_schools = models.ManyToManyField(
        School, verbose_name=_("schools named"), blank=True, related_name="+"
    )
    findings = models.ManyToManyField(
        Finding, verbose_name=_("findings it rests on"), blank=True, related_name="circulars"
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    objects = CircularQuerySet.as_manager(division="campaign__division__code")

    class Meta:
        verbose_name = _("circular")
        verbose_name_plural = _("circulars")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_on__isnull=False),
                name="circular_published_has_date",
            ),
        ]
        # The portal list's keyset order: drafts first, then the newest.
        indexes = [models.Index(fields=["is_published", "id"], name="circular_list_order")]
        permissions = [("publish_circular", _("Can publish circulars"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inspections:circular-detail", args=[self.pk])
