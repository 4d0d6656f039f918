from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from apps.core.models import (
    AuditedModel,
    PartEvidenceFile,
    VersionedModel,
    evidence_constraints,
    one_per,
    part_of,
    reference,
    set_exactly_when,
    status_field,
    valid_choice,
)
from apps.core.review import REASON_REQUIRED, ReviewStepBase, reason_required
from apps.core.scope import ScopedManager, ScopedQuerySet
from apps.titles.choices import (
    EVIDENCE_MAX_BYTES,
    FIRST_YEAR,
    OPEN_STATUSES,
    TARGET_TITLE_CHOICES,
    TARGET_TITLES,
    ApplicationStatus,
    Decision,
    ReviewLevel,
    Track,
)


class TitleApplicationQuerySet(ScopedQuerySet):
    def awaiting(self, level: ReviewLevel):
        """Applications waiting for a decision at ``level``."""
        return self.filter(status=ApplicationStatus.SUBMITTED, current_level=level)

    def ever_submitted(self):
        """Applications that have reached reviewers at least once (not mere drafts)."""
        return self.filter(submitted_at__isnull=False)

    def with_title_won(self):
        """Annotate ``title_won_in``: for an open application, the first round in which the
        same counselor already won the title it asks for (another application approved),
        else None. Reviewers and the applicant see it flagged; nothing is refused by it."""
        won = (
            TitleApplication.objects.filter(
                applicant=OuterRef("applicant"),
                target_title=OuterRef("target_title"),
                status=ApplicationStatus.APPROVED,
            )
            .exclude(pk=OuterRef("pk"))
            .order_by("year", "pk")
            .values("year")[:1]
        )
        return self.annotate(
            title_won_in=models.Case(
                models.When(status__in=OPEN_STATUSES, then=Subquery(won)),
                default=None,
                output_field=models.PositiveSmallIntegerField(),
            )
        )


class TitleApplication(AuditedModel, VersionedModel):
    """A counselor's application for a teacher title (职称申报) on one of the two tracks.

    ``version`` grows with every change (``core.versioning``), so an edit or a decision made
    on a stale page is refused.
    """

    applicant = reference("counselors.Counselor", _("applicant"), related_name="title_applications")
    track = models.CharField(_("track"), max_length=16, choices=Track.choices)
    target_title = models.CharField(
        _("title applied for"), max_length=16, choices=TARGET_TITLE_CHOICES
    )
    year = models.PositiveSmallIntegerField(_("review year"))
    statement = models.TextField(
        _("statement"),
        help_text=_("Your Young Pioneer or teaching work and achievements since your last title."),
    )
    status = status_field(ApplicationStatus, default=ApplicationStatus.DRAFT)
    current_level = models.CharField(
        _("waiting at level"), max_length=16, choices=ReviewLevel.choices, blank=True
    )
    submission_count = models.PositiveSmallIntegerField(_("submissions"), default=0)
    submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    waiting_since = models.DateTimeField(_("waiting at this level since"), null=True, blank=True)
    decided_at = models.DateTimeField(_("final decision at"), null=True, blank=True)

    # In scope by the applicant's county, or, for a school user, the applicant's school.
    objects = TitleApplicationQuerySet.as_manager(
        division="applicant__county__code", school="applicant__school"
    )

    class Meta:
        verbose_name = _("title application")
        verbose_name_plural = _("title applications")
        ordering = ["-year", "-created_at", "-id"]
        permissions = [("review_titleapplication", _("Can review title applications"))]
        constraints = [
            one_per(
                ["applicant", "year"],
                "title_application_one_open_per_year",
                _(
                    "You already have an open application for this year; "
                    "continue with that one instead."
                ),
                when={"status__in": OPEN_STATUSES},
            ),
            valid_choice("track", Track.values, "title_application_track_valid"),
            valid_choice("status", ApplicationStatus.values, "title_application_status_valid"),
            models.CheckConstraint(
                condition=Q(target_title__in=[t.value for t in TARGET_TITLES]),
                name="title_application_target_title_valid",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR), name="title_application_year_plausible"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="title_application_version"),
            # Waiting at a level exactly while under review.
            models.CheckConstraint(
                condition=Q(
                    status=ApplicationStatus.SUBMITTED,
                    current_level__in=ReviewLevel.values,
                    waiting_since__isnull=False,
                )
                | Q(~Q(status=ApplicationStatus.SUBMITTED), current_level=""),
                name="title_application_level_matches_status",
            ),
            # Only a draft has never been submitted.
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.DRAFT, submitted_at__isnull=True)
                | Q(
                    ~Q(status=ApplicationStatus.DRAFT),
                    submitted_at__isnull=False,
                    submission_count__gte=1,
                ),
                name="title_application_submitted_unless_draft",
            ),
            set_exactly_when(
                "decided_at",
                {"status__in": [ApplicationStatus.APPROVED, ApplicationStatus.REJECTED]},
                "title_application_decided_when_final",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "current_level", "year"], name="title_app_queue"),
        ]

    def __str__(self):
        return f"{self.applicant} · {self.year} · {self.get_target_title_display()}"

    @property
    def is_editable(self) -> bool:
        return self.status in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)

    @property
    def is_final(self) -> bool:
        return self.status in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED)


class ReviewStep(ReviewStepBase):
    """One reviewer's decision at one level of the chain; steps are never changed or deleted."""

    application = reference(TitleApplication, _("application"), related_name="steps")
    level = models.CharField(_("level"), max_length=16, choices=ReviewLevel.choices)
    # Which submission of the application the decision was taken on (1 = the first).
    round = models.PositiveSmallIntegerField(_("submission"))

    objects = ScopedManager(
        division="application__applicant__county__code", school="application__applicant__school"
    )

    class Meta(ReviewStepBase.Meta):
        ordering = ["application_id", "acted_at", "id"]
        constraints = [
            reason_required("review_step_reason_for_return_or_reject", REASON_REQUIRED),
            valid_choice("decision", Decision.values, "review_step_decision_valid"),
            # A level decides once per submission: a second decision is always a race lost.
            one_per(["application", "round", "level"], "review_step_once_per_level_and_submission"),
        ]


class EvidenceFile(PartEvidenceFile):
    """A PDF, JPEG or PNG supporting an application (the core's evidence policy), at most
    ``EVIDENCE_MAX_BYTES``, served only through the access-checked download."""

    evidence_folder = "titles/evidence"

    application = part_of(TitleApplication, _("application"), related_name="evidence")

    objects = ScopedManager(
        division="application__applicant__county__code", school="application__applicant__school"
    )

    class Meta(PartEvidenceFile.Meta):
        ordering = ["application_id", "uploaded_at", "id"]
        constraints = evidence_constraints(EVIDENCE_MAX_BYTES, "evidence_size_within_limit")
