"""Commendation rounds (表彰), their categories and quotas, nominations with their deeds and
review steps, the public notice (公示) with its objections, and the certificates.

A nominee is one of four kinds: a collective (a brigade or squad of a school, or a work
committee), a counselor from the registry, a Young Pioneer (``ChildNominee``: name, gender,
ethnicity, school and squad only) or a person with a post and unit (``PersonNominee``,
the director and principal categories).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.commendations.choices import (
    EVIDENCE_MAX_BYTES,
    LETTER_MAX_BYTES,
    LIVE_STATUSES,
    NominationStatus,
    NomineeKind,
    ObjectionOutcome,
    ObjectorKind,
    ReviewLevel,
    RoundStatus,
    SelectionMode,
)
from apps.commendations.rights import is_round_manager
from apps.core.history import Masked
from apps.core.masking import hide, mask_phone
from apps.core.models import (
    AuditedModel,
    EvidenceFileBase,
    PartEvidenceFile,
    VersionedModel,
    evidence_constraints,
    one_per,
    part_of,
    reference,
    set_exactly_when,
    status_field,
)
from apps.core.review import ReviewStepBase, reason_required
from apps.core.scope import ScopedManager, ScopedQuerySet
from apps.counselors.choices import ETHNICITY_CHOICES, Gender


class Round(AuditedModel):
    """A round of commendations: the yearly one, or a special one (November 2017's directors
    and principals). Run by the province; every signed-in reviewer may read it."""

    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=150)
    running_bodies = models.CharField(_("running bodies"), max_length=200)
    basis = models.CharField(_("document it rests on"), max_length=200)
    selection_mode = models.CharField(
        _("selection"), max_length=16, choices=SelectionMode.choices, default=SelectionMode.EQUAL
    )
    ratio = models.DecimalField(
        _("ratio for 差额"), max_digits=3, decimal_places=2, default=1, help_text=_("e.g. 1.20")
    )
    nominations_open_on = models.DateField(_("nominations open on"))
    nominations_close_on = models.DateField(_("nominations close on"))
    review_until = models.DateField(_("review until"))
    notice_planned_on = models.DateField(_("public notice planned on"))
    final_planned_on = models.DateField(_("final list planned on"))
    status = status_field(RoundStatus, default=RoundStatus.OPEN)
    office = models.CharField(_("issuing office"), max_length=100)
    contact_name = models.CharField(_("contact"), max_length=50)
    contact_phone = models.CharField(_("office phone"), max_length=30)
    contact_email = models.EmailField(_("office e-mail"))
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decided_on = models.DateField(_("final list dated"), null=True, blank=True)

    class Meta:
        verbose_name = _("commendation round")
        verbose_name_plural = _("commendation rounds")
        ordering = ["-year", "-nominations_open_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ratio__gte=1), name="commendation_ratio_at_least_1"),
            models.CheckConstraint(
                condition=Q(nominations_open_on__lte=models.F("nominations_close_on")),
                name="commendation_round_dates_in_order",
            ),
            set_exactly_when(
                "decided_on",
                {"status": RoundStatus.FINAL},
                "commendation_round_decided_when_final",
            ),
        ]

    def __str__(self):
        return self.title


class Category(AuditedModel):
    """A category of a round (先进集体, 优秀辅导员...) with its code, nominee kind and quota."""

    round = part_of(Round, _("round"), related_name="categories")
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    nominee_kind = models.CharField(_("nominee kind"), max_length=16, choices=NomineeKind.choices)
    quota = models.PositiveIntegerField(_("quota"))

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["round_id", "id"]
        constraints = [
            one_per(["round", "code"], "commendation_category_code"),
            models.CheckConstraint(condition=Q(quota__gte=1), name="commendation_quota_positive"),
        ]

    def __str__(self):
        return self.name


class PrefectureQuota(AuditedModel):
    """A category's quota for one prefecture, where the round sets one."""

    category = part_of(Category, _("category"), related_name="quotas")
    prefecture = reference(
        "organizations.Division", _("prefecture"), limit_choices_to={"level": "prefecture"}
    )
    quota = models.PositiveIntegerField(_("quota"))

    class Meta:
        verbose_name = _("prefecture quota")
        verbose_name_plural = _("prefecture quotas")
        ordering = ["category_id", "prefecture_id"]
        constraints = [
            one_per(["category", "prefecture"], "commendation_prefecture_quota_once"),
        ]


class NomineeBase(AuditedModel):
    """A nominee who is not a counselor on the registry: named as 姓名（单位）, with the
    gender and ethnicity the commendation lists show."""

    name = models.CharField(_("name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=16, choices=ETHNICITY_CHOICES)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def person_name(self) -> str:
        return self.name


class ChildNominee(NomineeBase):
    """An outstanding Young Pioneer: name, gender, ethnicity, school and squad, nothing
    more (no ID number, no photo). Shown publicly only once the guardian's consent is
    recorded by the counselor."""

    school = reference("organizations.School", _("school"))
    squad_name = models.CharField(_("squad"), max_length=50)
    # Whether the guardian agreed to the child's name being published, and when the
    # counselor recorded it; the public pages read the flag.
    guardian_consent = models.BooleanField(_("guardian agreed to publication"), default=False)
    guardian_agreed_on = models.DateField(_("guardian agreed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("Young Pioneer nominee")
        verbose_name_plural = _("Young Pioneer nominees")
        constraints = [
            models.CheckConstraint(
                condition=Q(guardian_consent=True, guardian_agreed_on__isnull=False)
                | Q(guardian_consent=False, guardian_agreed_on__isnull=True),
                name="commendation_child_consent_dated",
            ),
        ]

    @property
    def person_unit(self) -> str:
        return f"{self.school.name} {self.squad_name}"


class PersonNominee(NomineeBase):
    """A person with a post and unit (an education bureau director, a principal)."""

    post = models.CharField(_("post"), max_length=50)
    unit = models.CharField(_("unit"), max_length=100)

    class Meta:
        verbose_name = _("nominee with post and unit")
        verbose_name_plural = _("nominees with post and unit")

    @property
    def person_unit(self) -> str:
        return f"{self.unit}{self.post}"


class NominationQuerySet(ScopedQuerySet):
    def awaiting(self, level: str):
        return self.filter(status=NominationStatus.SUBMITTED, current_level=level)


class Nomination(AuditedModel, VersionedModel):
    """A nominee put forward in a category of a round by county or prefecture staff, with
    their deeds (事迹材料), reviewed county → prefecture → province."""

    round = reference(Round, _("round"), related_name="nominations")
    category = reference(Category, _("category"), related_name="nominations")
    # Where the nominee belongs: a county, or the prefecture for a prefecture's own nominee.
    division = reference("organizations.Division", _("nominated in"))
    prefecture = reference("organizations.Division", _("prefecture"))
    school = reference("organizations.School", _("school"), optional=True)
    brigade = reference("organizations.Brigade", optional=True)
    squad = reference("organizations.Squad", optional=True)
    committee = reference("organizations.WorkCommittee", optional=True)
    counselor = reference(
        "counselors.Counselor",
        _("counselor"),
        optional=True,
        related_name="commendation_nominations",
    )
    child = models.OneToOneField(
        ChildNominee, on_delete=models.PROTECT, null=True, blank=True, related_name="nomination"
    )
    person = models.OneToOneField(
        PersonNominee, on_delete=models.PROTECT, null=True, blank=True, related_name="nomination"
    )
    # Who the nominee is, for "nobody is nominated twice in a round".
    nominee_key = models.CharField(max_length=200, editable=False)
    # A key for a rule, not something a reader of the history needs.
    history_hidden = frozenset({"nominee_key"})
    deeds = models.TextField(_("deeds (事迹材料)"))
    status = status_field(NominationStatus, default=NominationStatus.SUBMITTED)
    current_level = models.CharField(
        _("waiting at level"), max_length=16, choices=ReviewLevel.choices, blank=True
    )
    first_level = models.CharField(_("first level"), max_length=16, choices=ReviewLevel.choices)
    submission = models.PositiveSmallIntegerField(_("submission"), default=1)
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved by the province at"), null=True, blank=True)
    serial = models.CharField(_("certificate number"), max_length=30, blank=True)
    awarded_on = models.DateField(_("commended on"), null=True, blank=True)

    objects = NominationQuerySet.as_manager(division="division__code", school="school")

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["round_id", "category_id", "prefecture_id", "division_id", "id"]
        permissions = [
            ("review_nomination", _("Can review nominations")),
            ("manage_round", _("Can run rounds, notices and objections")),
        ]
        constraints = [
            one_per(
                ["round", "nominee_key"],
                "commendation_nominee_once_per_round",
                _("This nominee is already nominated in this round."),
                when={"status__in": LIVE_STATUSES},
            ),
            models.UniqueConstraint(
                fields=["serial"], condition=~Q(serial=""), name="commendation_serial_unique"
            ),
            models.CheckConstraint(
                condition=Q(status=NominationStatus.SUBMITTED, current_level__in=ReviewLevel.values)
                | Q(~Q(status=NominationStatus.SUBMITTED), current_level=""),
                name="commendation_level_matches_status",
            ),
            models.CheckConstraint(
                condition=Q(status=NominationStatus.AWARDED) & ~Q(serial="")
                | ~Q(status=NominationStatus.AWARDED),
                name="commendation_awarded_has_serial",
            ),
        ]
        indexes = [
            models.Index(fields=["round", "category", "status"], name="commendation_counts"),
        ]

    def __str__(self):
        return self.nominee_name

    @property
    def nominee(self):
        return (
            self.child
            or self.person
            or self.counselor
            or self.squad
            or self.brigade
            or self.committee
        )

    @property
    def nominee_name(self) -> str:
        nominee = self.nominee
        return getattr(nominee, "person_name", None) or str(nominee)

    @property
    def nominee_unit(self) -> str:
        if self.child_id:
            return self.child.person_unit
        if self.person_id:
            return self.person.unit
        if self.counselor_id:
            return self.counselor.person_unit
        return self.division.name

    @property
    def gender(self) -> str:
        nominee = self.child or self.person or self.counselor
        return nominee.gender if nominee else ""

    @property
    def ethnicity(self) -> str:
        nominee = self.child or self.person or self.counselor
        return nominee.ethnicity if nominee else ""

    @property
    def shown_publicly(self) -> bool:
        """A child appears on a public page only once the guardian's consent is recorded."""
        return not self.child_id or self.child.guardian_consent


class NominationEvidence(PartEvidenceFile):
    """A PDF, JPEG or PNG supporting a nomination's deeds (the core's evidence policy)."""

    evidence_folder = "commendations/evidence"

    nomination = part_of(Nomination, _("nomination"), related_name="evidence")

    objects = ScopedManager(division="nomination__division__code")

    class Meta(PartEvidenceFile.Meta):
        ordering = ["nomination_id", "uploaded_at", "id"]
        constraints = evidence_constraints(
            EVIDENCE_MAX_BYTES, "commendation_evidence_size_within_limit"
        )


class ReviewStep(ReviewStepBase):
    """One reviewer's decision at one level; steps are never changed or deleted."""

    nomination = reference(Nomination, _("nomination"), related_name="steps")
    level = models.CharField(_("level"), max_length=16, choices=ReviewLevel.choices)
    submission = models.PositiveSmallIntegerField(_("submission"))

    class Meta(ReviewStepBase.Meta):
        ordering = ["nomination_id", "acted_at", "id"]
        constraints = [
            reason_required("commendation_step_reason_unless_approved"),
            one_per(["nomination", "submission", "level"], "commendation_step_once_per_level"),
        ]


class PublicNotice(AuditedModel):
    """A 公示 of a round's nominees (or of one reserve nominee taking a withdrawn place)
    for five working days. A draft until published; off the public list once the final
    list is out."""

    round = reference(Round, _("round"), related_name="notices")
    title = models.CharField(_("title"), max_length=200)
    nominations = models.ManyToManyField(Nomination, verbose_name=_("nominees"), related_name="+")
    replacement = reference(Nomination, _("reserve nominee"), optional=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("to"), null=True, blank=True)
    provisional = models.BooleanField(_("end date provisional"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("public notice (公示)")
        verbose_name_plural = _("public notices (公示)")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(published_at__isnull=True)
                | Q(starts_on__isnull=False, ends_on__isnull=False),
                name="commendation_notice_period_when_published",
            ),
        ]

    def __str__(self):
        return self.title

    def is_open_on(self, day) -> bool:
        return (
            self.published_at is not None
            and self.closed_at is None
            and self.starts_on <= day <= self.ends_on
        )


class ObjectionQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(outcome=ObjectionOutcome.PENDING)


class Objection(AuditedModel):
    """A real-name objection to a nominee during a 公示. The objector's name and phone
    are shown only to the staff who handle objections and deleted a year after the final
    list; the outcome stays."""

    notice = reference(PublicNotice, _("public notice"))
    nomination = reference(Nomination, _("nominee"), related_name="objections")
    objector_kind = models.CharField(_("objecting as"), max_length=16, choices=ObjectorKind.choices)
    objector_name = models.CharField(_("real name or organisation"), max_length=100, blank=True)
    objector_phone = models.CharField(_("phone"), max_length=30, blank=True)
    grounds = models.TextField(_("grounds"))
    address_hash = models.CharField(max_length=64, blank=True, editable=False)
    history_hidden = frozenset({"address_hash"})
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("check due by"))
    outcome = models.CharField(
        _("outcome"),
        max_length=16,
        choices=ObjectionOutcome.choices,
        default=ObjectionOutcome.PENDING,
    )
    resolution = models.TextField(_("finding"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = reference(settings.AUTH_USER_MODEL, optional=True)
    replacement = reference(Nomination, _("reserve nominee"), optional=True)
    objector_purged_on = models.DateField(_("objector's data deleted on"), null=True, blank=True)

    objects = ObjectionQuerySet.as_manager(division="nomination__division__code")
    # In the history as on the pages: only the staff who handle objections see who objected.
    masked_fields = {
        "objector_name": Masked(hide, lambda viewer, row: is_round_manager(viewer)),
        "objector_phone": Masked(mask_phone, lambda viewer, row: is_round_manager(viewer)),
    }

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome=ObjectionOutcome.PENDING) | ~Q(resolution=""),
                name="commendation_objection_reason_when_resolved",
            ),
            set_exactly_when(
                "replacement",
                {"outcome": ObjectionOutcome.REPLACED},
                "commendation_objection_replacement_when_replaced",
            ),
        ]

    def __str__(self):
        return f"{self.nomination} · {self.received_on:%Y-%m-%d}"


class ObjectionLetter(EvidenceFileBase):
    """An organisation's objection letter under its seal (PDF)."""

    evidence_folder = "commendations/letters"

    objection = models.OneToOneField(
        Objection, on_delete=models.CASCADE, related_name="letter", verbose_name=_("objection")
    )

    class Meta(EvidenceFileBase.Meta):
        verbose_name = _("objection letter")
        verbose_name_plural = _("objection letters")
        constraints = evidence_constraints(
            LETTER_MAX_BYTES, "commendation_letter_size_within_limit"
        )
