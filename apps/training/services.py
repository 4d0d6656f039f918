"""Writes to training data. Portal views, the admin, imports and demo data call these."""

from collections.abc import Sequence
from decimal import Decimal

import tablib
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.counselors.models import Counselor
from apps.exports.imports import ImportReport, run_import
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division
from apps.training.models import Attendance, Course, PlanTarget, TrainingPlan
from apps.training.permissions import Perm, is_province_level
from apps.training.resources import AttendanceResource

PLAN_FIELDS = ("name", "start_year", "end_year", "issuing_body", "target_total")
COURSE_FIELDS = (
    "plan",
    "name",
    "category",
    "organiser",
    "start_date",
    "end_date",
    "hours",
    "capacity",
    "mode",
)


def _require(actor, *perms: Perm) -> None:
    # Views and the admin check the same rights first; this guards every other caller.
    if not actor.has_perms([str(perm) for perm in perms]):
        raise PermissionDenied


def _save_targets(*, plan: TrainingPlan, targets: dict[str, int]) -> None:
    prefectures = set(
        Division.objects.filter(level=DivisionLevel.PREFECTURE, code__in=targets).values_list(
            "code", flat=True
        )
    )
    unknown = set(targets) - prefectures
    if unknown:
        raise ValidationError(_("Unknown prefecture codes: %(codes)s") % {"codes": sorted(unknown)})
    current = {t.prefecture_id: t for t in plan.targets.all()}
    for code, number in targets.items():
        target = current.get(code) or PlanTarget(plan=plan, prefecture_id=code)
        target.target = number
        target.full_clean()
        target.save()


@transaction.atomic
def plan_create(*, actor, targets: dict[str, int] | None = None, **data) -> TrainingPlan:
    """Create a training plan with per-prefecture targets (province-level staff only)."""
    _require(actor, Perm.ADD_PLAN)
    if not is_province_level(actor):
        raise PermissionDenied
    plan = TrainingPlan(**{k: data[k] for k in PLAN_FIELDS}, created_by=actor, updated_by=actor)
    plan.full_clean()
    plan.save()
    _save_targets(plan=plan, targets=targets or {})
    return plan


@transaction.atomic
def plan_update(
    *, actor, plan: TrainingPlan, targets: dict[str, int] | None = None, **data
) -> TrainingPlan:
    """Change a plan and its prefecture targets (province-level staff only)."""
    _require(actor, Perm.CHANGE_PLAN)
    if not is_province_level(actor):
        raise PermissionDenied
    for name in PLAN_FIELDS:
        if name in data:
            setattr(plan, name, data[name])
    plan.updated_by = actor
    plan.full_clean()
    plan.save()
    _save_targets(plan=plan, targets=targets or {})
    return plan


@transaction.atomic
def course_create(*, actor, **data) -> Course:
    """Create a course (education staff at any level; courses are shared reference data)."""
    _require(actor, Perm.ADD_COURSE)
    course = Course(**{k: data[k] for k in COURSE_FIELDS}, created_by=actor, updated_by=actor)
    course.full_clean()
    course.save()
    return course


@transaction.atomic
def course_update(*, actor, course: Course, **data) -> Course:
    """Change a course. Hours may not drop below hours already credited to attendees."""
    _require(actor, Perm.CHANGE_COURSE)
    for name in COURSE_FIELDS:
        if name in data:
            setattr(course, name, data[name])
    course.updated_by = actor
    course.full_clean()
    credited = course.attendances.order_by("-hours").values_list("hours", flat=True).first()
    if credited is not None and credited > course.hours:
        raise ValidationError(
            {"hours": _("Attendees are already credited %(hours)s hours.") % {"hours": credited}}
        )
    course.save()
    return course


@transaction.atomic
def attendance_record(
    *, actor, course: Course, counselor: Counselor, hours: Decimal, certificate_number: str
) -> Attendance:
    """Record one counselor's attendance; the counselor must be in the actor's scope.

    Raises ValidationError for hours above the course's, a second record for the same
    counselor and course, or a certificate number already used for the course.
    """
    _require(actor, Perm.ADD_ATTENDANCE)
    if not Counselor.objects.for_actor(actor).filter(pk=counselor.pk).exists():
        raise PermissionDenied
    attendance = Attendance(
        course=course,
        counselor=counselor,
        hours=hours,
        certificate_number=certificate_number.strip(),
        recorded_by=actor,
    )
    attendance.full_clean()
    attendance.save()
    return attendance


@transaction.atomic
def attendance_update(
    *, actor, attendance: Attendance, hours: Decimal, certificate_number: str
) -> Attendance:
    """Correct the hours or certificate of a record the actor reached through their scope."""
    _require(actor, Perm.CHANGE_ATTENDANCE)
    attendance.hours = hours
    attendance.certificate_number = certificate_number.strip()
    attendance.recorded_by = actor
    attendance.full_clean()
    attendance.save()
    return attendance


def attendance_import(
    *,
    actor,
    course: Course,
    dataset: tablib.Dataset,
    dry_run: bool = True,
    expected: Sequence[str] | None = None,
) -> ImportReport:
    """Import a course's sign-in sheet for the actor's counselors: all rows or none.

    A dry run reports every row with its errors and writes nothing. A real run writes only
    when no row has an error (and, given the preview's ``expected`` statuses, when every row
    still does what the preview said); otherwise it rolls everything back. Rows already
    recorded unchanged are skipped, so re-importing adds nothing.
    """
    return run_import(
        AttendanceResource(actor=actor, course=course),
        dataset,
        dry_run=dry_run,
        expected=expected,
    )
