from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import (
    AuditedModel,
    VersionedModel,
    not_before,
    one_per,
    part_history,
    part_of,
    positive,
    reference,
)
from apps.core.scope import ScopedManager
from apps.documents.choices import DocumentStatus
from apps.training.choices import CourseCategory, CourseMode


def hours_field() -> models.DecimalField:
    """Training hours, to the half hour (a course's own, or those credited to an attendee)."""
    return models.DecimalField(
        _("hours"), max_digits=6, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )


class TrainingPlan(AuditedModel, VersionedModel):
    """A multi-year counselor training plan (培训规划), e.g. 2014–2017, with an overall target.

    Provincial reference data: every staff member reads it; only the province edits it.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    target_total = models.PositiveIntegerField(
        _("target: brigade counselors trained face to face"), default=0
    )
    # The 培训规划 that set the plan. Only an issued document can be named (a draft could
    # still change), and a document a plan rests on cannot be deleted.
    document = reference(
        "documents.Document",
        _("policy document that set it"),
        optional=True,
        related_name="training_plans",
        limit_choices_to={"status": DocumentStatus.ISSUED},
        help_text=_("The issued policy document (a training plan) this plan carries out."),
    )

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        ordering = ["-start_year", "name"]
        constraints = [
            not_before("end_year", "start_year", "plan_end_year_after_start"),
            models.CheckConstraint(
                condition=Q(start_year__gte=1949, end_year__lte=2100), name="plan_years_plausible"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def period_label(self) -> str:
        return f"{self.start_year}–{self.end_year}"


class PlanTarget(models.Model):
    """A plan's target for one prefecture: brigade counselors to train face to face."""

    plan = part_of(TrainingPlan, _("plan"), related_name="targets")
    prefecture = reference(
        "organizations.Division",
        _("prefecture"),
        related_name="training_targets",
        limit_choices_to={"level": "prefecture"},
    )
    target = models.PositiveIntegerField(_("target"))
    history = part_history()

    class Meta:
        verbose_name = _("prefecture target")
        verbose_name_plural = _("prefecture targets")
        ordering = ["plan", "prefecture_id"]
        constraints = [
            one_per(["plan", "prefecture"], "plan_target_one_per_prefecture"),
        ]

    def __str__(self):
        return f"{self.plan} · {self.prefecture}"


class Course(AuditedModel, VersionedModel):
    """A training course (a session of a plan's provincial project, or any other training)."""

    plan = reference(TrainingPlan, _("plan"), optional=True, related_name="courses")
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(
        _("category"),
        max_length=16,
        choices=CourseCategory.choices,
        default=CourseCategory.PROVINCIAL,
    )
    organiser = models.CharField(_("organiser"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    hours = hours_field()
    capacity = models.PositiveIntegerField(_("capacity"))
    mode = models.CharField(
        _("mode"), max_length=16, choices=CourseMode.choices, default=CourseMode.FACE_TO_FACE
    )
    # Courses are shared reference data: every staff member reads them, but only staff whose
    # scope holds the owning division change them. Set once, from the creator's scope; a
    # course without one belongs to the province.
    owner = reference("organizations.Division", _("owning division"), optional=True, editable=False)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-start_date", "name", "id"]
        constraints = [
            not_before("end_date", "start_date", "course_end_after_start"),
            positive("hours", "course_hours_positive"),
            positive("capacity", "course_capacity_positive"),
        ]
        indexes = [models.Index(fields=["-start_date", "name", "id"], name="course_list_order")]

    def __str__(self):
        return self.name

    @property
    def owner_code(self) -> str:
        """The code of the division that owns the course (the province's when none is set)."""
        return self.owner_id or f"{settings.PORTAL_PROVINCE_CODE}0000"

    @property
    def is_provincial(self) -> bool:
        return self.category == CourseCategory.PROVINCIAL

    def clean(self):
        if self.plan_id and self.start_date:
            plan = self.plan
            if not plan.start_year <= self.start_date.year <= plan.end_year:
                raise ValidationError(
                    {"start_date": _("The course must start within its plan's period.")}
                )


class Attendance(AuditedModel):
    """A counselor's attendance at a course: hours credited and the certificate issued."""

    course = reference(Course, _("course"), related_name="attendances")
    counselor = reference("counselors.Counselor", _("counselor"), related_name="attendances")
    hours = hours_field()
    certificate_number = models.CharField(_("certificate number"), max_length=50)

    # Attendance is scoped by the counselor's county (and school, for school users).
    objects = ScopedManager(division="counselor__county__code", school="counselor__school")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["course_id", "counselor_id"]
        constraints = [
            one_per(["course", "counselor"], "attendance_once_per_course"),
            one_per(["course", "certificate_number"], "attendance_certificate_unique"),
            positive("hours", "attendance_hours_positive"),
            models.CheckConstraint(
                condition=~Q(certificate_number=""), name="attendance_certificate_required"
            ),
        ]

    def __str__(self):
        return f"{self.counselor} · {self.course}"

    def clean(self):
        # Hours are bounded by another row, which a CheckConstraint cannot see.
        if self.course_id and self.hours is not None and self.hours > self.course.hours:
            raise ValidationError(
                {
                    "hours": _("At most %(hours)s hours: the course's own hours.")
                    % {"hours": self.course.hours}
                }
            )
