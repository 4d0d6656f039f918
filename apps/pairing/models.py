"""The pairing area (大手拉小手): partner institutions paired with grassroots Young Pioneer
organizations, their activities, and micro-wishes (微心愿) from posting to confirmation.

Children are minors: a wish names no child (its card reads like 某校三年级队员), carries no
ID number, address or photo of a child; its text is cleared a set time after confirmation
(``purge_wishes``), its counts kept. See docs/adr/0013-childrens-data.md.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.history import Masked
from apps.core.masking import hide
from apps.core.models import (
    AuditedModel,
    PartEvidenceFile,
    VersionedModel,
    empty_exactly_when,
    exactly_one_of,
    not_negative,
    one_per,
    part_of,
    reference,
    status_field,
)
from apps.core.money import MoneyField
from apps.core.scope import ScopedManager, ScopedQuerySet, code_prefix, scope_queryset
from apps.organizations.models import Brigade, Division, School, Squad
from apps.pairing.choices import (
    CAMPAIGN_2017,
    ActivityKind,
    InstitutionKind,
    WishCategory,
    WishStatus,
)
from apps.pairing.rights import may_read_wish_text

# A claimed wish not fulfilled within this many days returns to open.
CLAIM_DAYS = 30


def wish_text_months() -> int:
    """How many months after confirmation a wish's text is kept (13 by default)."""
    return int(getattr(settings, "PAIRING_WISH_TEXT_MONTHS", 13))


class InstitutionQuerySet(ScopedQuerySet):
    def for_actor(self, actor):
        """Institutions the actor sees: at the province (or as a scope-less superuser) all of
        them; below it, those sitting in the actor's prefecture and those paired with a
        Young Pioneer organization in the actor's scope."""
        if actor is None or not actor.is_authenticated or not actor.is_active:
            return self.none()
        code = actor.school.county_id if actor.school_id else actor.division_id
        if code is None:
            return self.all() if actor.is_superuser else self.none()
        if code.endswith("0000"):
            return self.all()
        paired = scope_queryset(Pairing.objects.all(), actor).values("institution_id")
        return self.filter(
            Q(prefecture__code__startswith=code_prefix(code)[:4]) | Q(pk__in=paired)
        ).distinct()


class Institution(AuditedModel, VersionedModel):
    """A partner institution: a university (with its League committee), a research institute
    or a public cultural body (library, museum), in a prefecture of the province or outside it.
    Its contact is an office, not a volunteer: volunteers are counted, never listed."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=InstitutionKind.choices)
    league_committee = models.CharField(
        _("League committee"),
        max_length=100,
        blank=True,
        help_text=_("For a university: its League committee, e.g. 云南大学团委."),
    )
    prefecture = reference(
        Division,
        _("prefecture"),
        optional=True,
        help_text=_("Empty for an institution outside the province."),
    )
    outside_place = models.CharField(
        _("place outside the province"),
        max_length=50,
        blank=True,
        help_text=_("Where an institution outside the province sits, e.g. 北京市."),
    )
    contact_office = models.CharField(_("contact office"), max_length=100, blank=True)
    contact_phone = models.CharField(_("office telephone"), max_length=30, blank=True)

    objects = InstitutionQuerySet.as_manager(division="prefecture__code")

    class Meta:
        verbose_name = _("partner institution")
        verbose_name_plural = _("partner institutions")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(prefecture__isnull=False, outside_place="")
                | Q(prefecture__isnull=True) & ~Q(outside_place=""),
                name="pairing_institution_inside_or_outside",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pairing:institution-detail", args=[self.pk])

    @property
    def place(self) -> str:
        return self.prefecture.name if self.prefecture_id else self.outside_place


class Pairing(AuditedModel):
    """An institution paired with a brigade or a squad for a year of a campaign."""

    institution = reference(Institution, _("institution"), related_name="pairings")
    brigade = reference(Brigade, _("brigade"), optional=True)
    squad = reference(Squad, _("squad"), optional=True)
    # The organization's school and county, kept on the row for scope, filters and figures.
    school = reference(School, _("school"), editable=False)
    county = reference(Division, _("county"), editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    campaign = models.CharField(
        _("campaign name"), max_length=50, default=CAMPAIGN_2017, blank=True
    )
    started_on = models.DateField(_("paired on"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedManager(division="county__code", school="school")

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["-year", "-id"]
        constraints = [
            exactly_one_of("brigade", "squad", "pairing_brigade_or_squad"),
            one_per(
                ["institution", "brigade", "year"],
                "pairing_unique_brigade_year",
                when={"brigade__isnull": False},
            ),
            one_per(
                ["institution", "squad", "year"],
                "pairing_unique_squad_year",
                when={"squad__isnull": False},
            ),
        ]
        indexes = [
            models.Index(fields=["year", "county"]),
            # The list's keyset order: a page walks it instead of sorting every pairing.
            models.Index(fields=["-year", "-id"], name="pairing_keyset_order"),
        ]

    def __str__(self):
        return f"{self.institution} — {self.organization}"

    @property
    def organization(self):
        return self.squad if self.squad_id else self.brigade


class Activity(AuditedModel):
    """An activity of a pairing: volunteers and children are counted, never listed."""

    pairing = part_of(Pairing, _("pairing"), related_name="activities")
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=ActivityKind.choices)
    volunteers = models.PositiveIntegerField(_("volunteers"))
    service_hours = models.DecimalField(_("service hours"), max_digits=8, decimal_places=1)
    children_reached = models.PositiveIntegerField(_("children reached"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedManager(division="pairing__county__code", school="pairing__school")

    class Meta:
        verbose_name = _("pairing activity")
        verbose_name_plural = _("pairing activities")
        ordering = ["-held_on", "-id"]
        constraints = [not_negative("service_hours", "pairing_activity_hours_not_negative")]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.get_kind_display()}"


class Wish(AuditedModel, VersionedModel):
    """A micro-wish (微心愿) of a child of a brigade, posted by the school's counselor.

    It names no child: ``card_label`` reads like 某校三年级队员. The gift goes to the school,
    whose counselor hands it over; the school confirms. ``text`` is cleared
    ``wish_text_months()`` after confirmation (``text_purged_on``), the row and its counts kept.
    """

    school = reference(School, _("school"))
    brigade = reference(Brigade, _("brigade"))
    county = reference(Division, _("county"), editable=False)
    card_label = models.CharField(
        _("wish card"),
        max_length=30,
        help_text=_("Who wishes, without a name: e.g. 某校三年级队员."),
    )
    text = models.TextField(_("wish"), max_length=300, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=WishCategory.choices)
    estimated_value = MoneyField(_("estimated value (yuan)"))
    status = status_field(WishStatus, default=WishStatus.OPEN)
    posted_on = models.DateField(_("posted on"))
    institution = reference(Institution, _("claimed for"), optional=True, related_name="wishes")
    claimed_on = models.DateField(_("claimed on"), null=True, blank=True)
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    fulfilment_note = models.CharField(_("fulfilment note"), max_length=200, blank=True)
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True)
    text_purged_on = models.DateField(_("text cleared on"), null=True, blank=True)
    returned_times = models.PositiveSmallIntegerField(
        _("returned to open"), default=0, editable=False
    )

    objects = ScopedManager(division="county__code", school="school")
    # In the history as on the page: the wish's words only for those who may read them.
    masked_fields = {
        "text": Masked(hide, may_read_wish_text),
        "fulfilment_note": Masked(hide, may_read_wish_text),
    }

    class Meta:
        verbose_name = _("micro-wish")
        verbose_name_plural = _("micro-wishes")
        ordering = ["-posted_on", "-id"]
        permissions = [
            ("claim_wish", _("Can claim micro-wishes and record their fulfilment")),
            ("confirm_wish", _("Can confirm that a gift arrived")),
        ]
        constraints = [
            not_negative("estimated_value", "pairing_wish_value_not_negative"),
            empty_exactly_when(
                "institution", {"status": WishStatus.OPEN}, "pairing_wish_claimed_for_institution"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "county"]),
            models.Index(fields=["county", "posted_on"]),
            models.Index(fields=["fulfilled_on"]),
            # The list's keyset order: a page walks it instead of joining and sorting them all.
            models.Index(fields=["-posted_on", "-id"], name="wish_keyset_order"),
        ]

    def __str__(self):
        return f"{self.card_label}（{self.school.name}）"

    @property
    def return_due(self) -> datetime.date | None:
        """The day a claimed wish goes back to open unless fulfilled before it."""
        if self.status != WishStatus.CLAIMED or self.claimed_on is None:
            return None
        return self.claimed_on + datetime.timedelta(days=CLAIM_DAYS)

    def is_overdue(self, today: datetime.date) -> bool:
        due = self.return_due
        return due is not None and today > due


class WishPhoto(PartEvidenceFile):
    """A photo of the gift (JPEG or PNG), never of the child."""

    evidence_folder = "pairing/gifts"

    wish = part_of(Wish, _("micro-wish"), related_name="photos")

    objects = ScopedManager(division="wish__county__code", school="wish__school")

    class Meta(PartEvidenceFile.Meta):
        verbose_name = _("gift photo")
        verbose_name_plural = _("gift photos")
