"""Joint inspections (联合督导): campaigns and their joint teams, supervision reports,
circulars (通报), rectification orders (责令整改) and school evaluation schemes."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.core.scope import ScopedQuerySet, code_prefix, scope_queryset
from apps.inspections.choices import (
    AWAITING_TARGET,
    CampaignStatus,
    CircularKind,
    InspectionStatus,
    Rating,
    RectificationAction,
    RectificationStatus,
    RevisionAction,
    SchemeStatus,
    Severity,
    TeamBody,
)
from apps.inspections.uploads import evidence_upload_to
from apps.organizations.models import Division, School

# Roles that see inspection work by region: the rows whose targets lie in their subtree.
# Inspectors see only what they are assigned to, whatever their division.
REGIONAL_ROLES = frozenset({Role.PROVINCIAL_ADMIN, Role.LEAGUE, Role.EDUCATION, Role.OFFICIAL})
# Staff who carry out a rectification for a target inside their scope.
TARGET_STAFF_ROLES = frozenset({Role.LEAGUE, Role.EDUCATION})


def _signed_in(actor) -> bool:
    return bool(actor is not None and actor.is_authenticated and actor.is_active)


def _sees_everything(actor) -> bool:
    return actor.is_superuser and actor.division_id is None and actor.school_id is None


def sees_by_region(actor) -> bool:
    """Whether the actor sees inspection rows by their region (not only by assignment)."""
    return actor.is_superuser or actor.role in REGIONAL_ROLES


class Targeted(models.Model):
    """A row aimed at one division or one school, with the division code that scopes it.

    ``target_division_code`` is the target division's code, or the school's county code, so
    regional scope is one prefix test on an indexed column."""

    target_division = models.ForeignKey(
        Division,
        verbose_name=_("target division"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    target_school = models.ForeignKey(
        School,
        verbose_name=_("target school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    target_division_code = models.CharField(
        _("target division code"), max_length=6, db_index=True, editable=False
    )

    scope_division_field = "target_division_code"
    scope_school_field = "target_school"

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(target_division__isnull=False, target_school__isnull=True)
                | Q(target_division__isnull=True, target_school__isnull=False),
                name="%(app_label)s_%(class)s_exactly_one_target",
            ),
            models.CheckConstraint(
                condition=Q(target_division__isnull=True)
                | Q(target_division_code=F("target_division")),
                name="%(app_label)s_%(class)s_target_code_matches",
            ),
        ]

    @property
    def target(self) -> Division | School:
        return self.target_division if self.target_division_id else self.target_school

    def set_target(self, target: Division | School) -> None:
        if isinstance(target, School):
            self.target_division, self.target_school = None, target
            self.target_division_code = target.county_id
        else:
            self.target_division, self.target_school = target, None
            self.target_division_code = target.code

    @property
    def target_prefecture_code(self) -> str:
        return f"{self.target_division_code[:4]}00"


# --- Campaigns and joint teams -------------------------------------------------------------


class CampaignQuerySet(ScopedQuerySet):
    def for_actor(self, actor) -> CampaignQuerySet:
        """Campaigns the actor leads or is on the team of; regional roles also see those
        organised in, or with a target in, their subtree."""
        if not _signed_in(actor):
            return self.none()
        if _sees_everything(actor):
            return self
        visible = Q(lead=actor) | Exists(
            TeamMember.objects.filter(campaign=OuterRef("pk"), user=actor)
        )
        if sees_by_region(actor):
            visible |= Q(pk__in=scope_queryset(Campaign.objects.all(), actor).values("pk"))
            visible |= Exists(
                scope_queryset(Inspection.objects.all(), actor).filter(campaign=OuterRef("pk"))
            )
        return self.filter(visible)


class Campaign(models.Model):
    """A joint inspection campaign: a period, an area, a checklist and a joint team."""

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    division = models.ForeignKey(
        Division,
        verbose_name=_("area covered"),
        on_delete=models.PROTECT,
        related_name="inspection_campaigns",
        help_text=_("Targets are divisions and schools inside this area."),
    )
    scope_note = models.TextField(_("scope of targets"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.PLANNING
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("campaign lead"),
        on_delete=models.PROTECT,
        related_name="led_campaigns",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    scope_division_field = "division__code"
    objects = models.Manager.from_queryset(CampaignQuerySet)()

    class Meta:
        verbose_name = _("inspection campaign")
        verbose_name_plural = _("inspection campaigns")
        ordering = ["-year", "-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="campaign_end_after_start"
            ),
        ]

    def __str__(self):
        return self.name

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

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="team"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspection_team_memberships",
    )
    name = models.CharField(_("full name"), max_length=50)
    body = models.CharField(_("home body"), max_length=16, choices=TeamBody.choices)
    position = models.CharField(_("position"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["campaign_id", "body", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user"],
                condition=Q(user__isnull=False),
                name="team_member_user_once_per_campaign",
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.get_body_display()}）"


class ChecklistItem(models.Model):
    """One indicator of a campaign's checklist: scored from 0 to ``max_score``, weighted."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="checklist"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("indicator"), max_length=200)
    max_score = models.DecimalField(_("maximum score"), max_digits=6, decimal_places=2)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["campaign_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "name"], name="checklist_item_unique_name"),
            models.CheckConstraint(condition=Q(max_score__gt=0), name="checklist_max_positive"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="checklist_weight_positive"),
        ]

    def __str__(self):
        return self.name


# --- Supervision reports ------------------------------------------------------------------


class InspectionQuerySet(ScopedQuerySet):
    def for_actor(self, actor) -> InspectionQuerySet:
        """Reports the actor is assigned to or leads the campaign of; regional roles also see
        reports whose target lies in their subtree."""
        if not _signed_in(actor):
            return self.none()
        if _sees_everything(actor):
            return self
        visible = Q(campaign__lead=actor) | Exists(
            Inspection.inspectors.through.objects.filter(inspection=OuterRef("pk"), user=actor)
        )
        if sees_by_region(actor):
            visible |= Q(pk__in=scope_queryset(Inspection.objects.all(), actor).values("pk"))
        return self.filter(visible)


class Inspection(Targeted):
    """A supervision report on one target of a campaign, filed by its assigned inspectors."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="inspections"
    )
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned inspectors"),
        blank=True,
        related_name="assigned_inspections",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=InspectionStatus.choices, default=InspectionStatus.DRAFT
    )
    inspected_on = models.DateField(_("inspected on"), null=True, blank=True)
    rating = models.CharField(
        _("overall rating"), max_length=16, choices=Rating.choices, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = models.Manager.from_queryset(InspectionQuerySet)()

    class Meta:
        verbose_name = _("supervision report")
        verbose_name_plural = _("supervision reports")
        ordering = ["campaign_id", "target_division_code", "id"]
        constraints = [
            *Targeted.Meta.constraints,
            models.UniqueConstraint(
                fields=["campaign", "target_division"],
                condition=Q(target_division__isnull=False),
                name="inspection_one_per_division",
            ),
            models.UniqueConstraint(
                fields=["campaign", "target_school"],
                condition=Q(target_school__isnull=False),
                name="inspection_one_per_school",
            ),
            models.CheckConstraint(
                condition=Q(status=InspectionStatus.DRAFT) | ~Q(rating=""),
                name="inspection_filed_has_rating",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"], name="inspection_campaign_status")]

    def __str__(self):
        return f"{self.campaign} · {self.target}"

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


class IndicatorScore(models.Model):
    """A report's score on one checklist item, between 0 and the item's maximum."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("report"), on_delete=models.CASCADE, related_name="scores"
    )
    item = models.ForeignKey(
        ChecklistItem, verbose_name=_("checklist item"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("indicator score")
        verbose_name_plural = _("indicator scores")
        ordering = ["inspection_id", "item__position", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="score_once_per_item"),
            models.CheckConstraint(condition=Q(score__gte=0), name="score_not_negative"),
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


class Finding(models.Model):
    """Something the inspectors found, with how serious it is."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("report"), on_delete=models.PROTECT, related_name="findings"
    )
    text = models.TextField(_("finding"))
    severity = models.CharField(
        _("severity"), max_length=8, choices=Severity.choices, default=Severity.MEDIUM
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["inspection_id", "id"]

    def __str__(self):
        return self.text[:60]


class EvidenceFile(models.Model):
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name


class InspectionEvidence(EvidenceFile):
    """A file supporting a report (a photo, a scanned record), shown only with the report."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("report"), on_delete=models.PROTECT, related_name="evidence"
    )

    class Meta:
        verbose_name = _("report evidence")
        verbose_name_plural = _("report evidence")
        ordering = ["inspection_id", "id"]


# What a revision's ``changes`` keys are called on the page.
REVISION_LABELS = {
    "inspected_on": _("inspected on"),
    "rating": _("overall rating"),
    "summary": _("summary"),
    "scores": _("score"),
    "finding": _("finding"),
    "evidence": _("evidence"),
    "inspectors": _("assigned inspectors"),
    "status": _("status"),
}
# Values kept as stored choices, shown on the page by their labels.
REVISION_CHOICES = {"rating": Rating, "status": InspectionStatus}


class ReportRevision(models.Model):
    """One change to a report: who, when, what (``changes``: field -> [before, after])."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("report"), on_delete=models.PROTECT, related_name="revisions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    action = models.CharField(_("action"), max_length=24, choices=RevisionAction.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("report revision")
        verbose_name_plural = _("report revisions")
        ordering = ["inspection_id", "at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"

    def change_lines(self) -> list[tuple[str, str, str]]:
        """(what, before, after) per changed value, scores one line per item."""
        lines = []
        for name, change in self.changes.items():
            label = REVISION_LABELS.get(name) or name
            if isinstance(change, dict):
                lines += [(f"{label} · {item}", *pair) for item, pair in change.items()]
            else:
                labels = dict(REVISION_CHOICES[name].choices) if name in REVISION_CHOICES else {}
                lines.append((label, *(labels.get(value, value) for value in change)))
        return lines


# --- Circulars ----------------------------------------------------------------------------


class CircularQuerySet(ScopedQuerySet):
    def for_actor(self, actor) -> CircularQuerySet:
        """Circulars (drafts included) of the campaigns the actor sees."""
        if not _signed_in(actor):
            return self.none()
        if _sees_everything(actor):
            return self
        return self.filter(campaign__in=Campaign.objects.for_actor(actor).values("pk"))

    def published(self) -> CircularQuerySet:
        return self.filter(is_published=True)


class Circular(models.Model):
    """A circular (通报) praising or criticising units, issued from a campaign's findings."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="circulars"
    )
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    scope_division_field = "campaign__division__code"
    objects = models.Manager.from_queryset(CircularQuerySet)()

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
        permissions = [("publish_circular", _("Can publish circulars"))]

    def __str__(self):
        return self.title


# --- Rectification orders -----------------------------------------------------------------


class RectificationOrderQuerySet(ScopedQuerySet):
    def for_actor(self, actor) -> RectificationOrderQuerySet:
        """Orders the actor issued, or of reports they are assigned to or lead; regional
        roles also see orders whose target lies in their subtree."""
        if not _signed_in(actor):
            return self.none()
        if _sees_everything(actor):
            return self
        visible = (
            Q(issued_by=actor)
            | Q(finding__inspection__campaign__lead=actor)
            | Exists(
                Inspection.inspectors.through.objects.filter(
                    inspection=OuterRef("finding__inspection"), user=actor
                )
            )
        )
        if sees_by_region(actor):
            visible |= Q(
                pk__in=scope_queryset(RectificationOrder.objects.all(), actor).values("pk")
            )
        return self.filter(visible)

    def overdue(self, today: datetime.date | None = None) -> RectificationOrderQuerySet:
        """Orders still waiting for the target after their deadline (never stored)."""
        today = today or timezone.localdate()
        return self.filter(status__in=AWAITING_TARGET, deadline__lt=today)


class RectificationOrder(Targeted):
    """An order to rectify (责令整改) issued from a finding to a division or a school."""

    finding = models.ForeignKey(
        Finding, verbose_name=_("finding"), on_delete=models.PROTECT, related_name="orders"
    )
    requirement = models.TextField(_("what must be rectified"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RectificationStatus.choices,
        default=RectificationStatus.OPEN,
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_on = models.DateField(_("issued on"))
    rectification_text = models.TextField(_("rectification"), blank=True)
    submitted_at = models.DateTimeField(_("rectification submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rectification submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)
    revisit_on = models.DateField(_("re-visit on"), null=True, blank=True)
    revisit_note = models.TextField(_("re-visit note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = models.Manager.from_queryset(RectificationOrderQuerySet)()

    class Meta:
        verbose_name = _("rectification order")
        verbose_name_plural = _("rectification orders")
        ordering = ["deadline", "id"]
        constraints = [
            *Targeted.Meta.constraints,
            models.CheckConstraint(
                condition=Q(deadline__gte=F("issued_on")), name="order_deadline_after_issue"
            ),
            models.CheckConstraint(
                condition=~Q(status=RectificationStatus.CLOSED) | Q(closed_at__isnull=False),
                name="order_closed_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="order_status_deadline")]
        permissions = [("submit_rectification", _("Can submit a rectification for a target"))]

    def __str__(self):
        return f"{self.target} · {self.deadline:%Y-%m-%d}"

    @property
    def inspection(self) -> Inspection:
        return self.finding.inspection

    @property
    def is_overdue(self) -> bool:
        return self.status in AWAITING_TARGET and self.deadline < timezone.localdate()

    def clean(self):
        if self.deadline and self.issued_on and self.deadline < self.issued_on:
            raise ValidationError(
                {"deadline": _("The deadline cannot be before the order is issued.")},
                code="deadline_before_issue",
            )


class RectificationEvidence(EvidenceFile):
    """A file the target submitted with its rectification."""

    order = models.ForeignKey(
        RectificationOrder,
        verbose_name=_("order"),
        on_delete=models.PROTECT,
        related_name="evidence",
    )

    class Meta:
        verbose_name = _("rectification evidence")
        verbose_name_plural = _("rectification evidence")
        ordering = ["order_id", "id"]


class RectificationEvent(models.Model):
    """One step of an order: issued, submitted, closed, reopened, re-visit scheduled."""

    order = models.ForeignKey(
        RectificationOrder, verbose_name=_("order"), on_delete=models.PROTECT, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    action = models.CharField(_("action"), max_length=24, choices=RectificationAction.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("rectification step")
        verbose_name_plural = _("rectification steps")
        ordering = ["order_id", "at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"


# --- School evaluation schemes ------------------------------------------------------------

# The source: Young Pioneer work is part of the school's evaluation, "确保分值比例不少于10%".
MIN_YOUNG_PIONEER_SHARE = Decimal("0.10")


class EvaluationSchemeQuerySet(ScopedQuerySet):
    def for_actor(self, actor) -> EvaluationSchemeQuerySet:
        """Schemes issued in the actor's subtree, and those issued above it (which apply to it)."""
        if not _signed_in(actor):
            return self.none()
        if _sees_everything(actor):
            return self
        code = actor.scope_code
        if code is None:
            return self.none()
        ancestors = {f"{code[:2]}0000", f"{code[:4]}00", code}
        return self.filter(
            Q(division__code__startswith=code_prefix(code)) | Q(division_id__in=ancestors)
        )


class EvaluationScheme(models.Model):
    """How schools are evaluated: weighted items, one of them Young Pioneer work."""

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    division = models.ForeignKey(
        Division, verbose_name=_("issued for"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT
    )
    activated_at = models.DateTimeField(_("activated at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    scope_division_field = "division__code"
    objects = models.Manager.from_queryset(EvaluationSchemeQuerySet)()

    class Meta:
        verbose_name = _("evaluation scheme")
        verbose_name_plural = _("evaluation schemes")
        ordering = ["-year", "division_id", "name", "id"]

    def __str__(self):
        return self.name


class EvaluationItem(models.Model):
    """A weighted item of an evaluation scheme."""

    scheme = models.ForeignKey(
        EvaluationScheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("item"), max_length=200)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)
    is_young_pioneer_work = models.BooleanField(_("Young Pioneer work"), default=False)

    class Meta:
        verbose_name = _("evaluation item")
        verbose_name_plural = _("evaluation items")
        ordering = ["scheme_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "name"], name="evaluation_item_unique_name"),
            models.UniqueConstraint(
                fields=["scheme"],
                condition=Q(is_young_pioneer_work=True),
                name="evaluation_one_young_pioneer_item",
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="evaluation_weight_positive"),
        ]

    def __str__(self):
        return self.name


def plain_number(value: Decimal) -> str:
    """A decimal without trailing zeros or an exponent: 30.00 -> "30", 27.50 -> "27.5"."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def young_pioneer_share(weights: list[tuple[Decimal, bool]]) -> Decimal | None:
    """The Young Pioneer item's share of the total weight (0–1), from (weight, is_yp) pairs."""
    total = sum((w for w, _yp in weights), Decimal(0))
    if not total:
        return None
    return sum((w for w, yp in weights if yp), Decimal(0)) / total
