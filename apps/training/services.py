"""Writes to training data. Portal views, the admin, imports and demo data call these.

Every write names its actor on the row and in its history (``core.audit``). Plans are the
province's documents; courses are reference data every staff member reads; attendance names
counselors, so it is written only for counselors inside the actor's scope.
"""

from collections.abc import Sequence
from decimal import Decimal

import tablib
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from apps.core import clock
from apps.core.audit import audited_delete, bulk_create_audited, bulk_update_audited, stamp
from apps.core.versioning import bump, lock_version
from apps.counselors.models import Counselor
from apps.documents.choices import DocumentStatus
from apps.documents.models import Document
from apps.exports.imports import ImportReport, run_import
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division
from apps.training.choices import CourseCategory
from apps.training.models import Attendance, Course, PlanTarget, TrainingPlan
from apps.training.permissions import (
    Perm,
    can_add_course,
    can_change_course,
    holds_division,
    is_province_level,
)

PLAN_FIELDS = ("name", "start_year", "end_year", "issuing_body", "target_total", "document")
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


def _require_province(actor, perm: Perm) -> None:
    # Plans are provincial documents: only province-level staff write them.
    _require(actor, perm)
    if not is_province_level(actor):
        raise PermissionDenied


def _write[M: models.Model](row: M, *, actor, fields: Sequence[str], data: dict) -> M:
    """Set ``fields`` of ``row`` from ``data`` (those given), name ``actor``, validate, save."""
    for name in fields:
        if name in data:
            setattr(row, name, data[name])
    stamp(row, actor)
    row.full_clean()
    row.save()
    return row


def _save_targets(*, actor, plan: TrainingPlan, targets: dict[str, int]) -> None:
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
        if target.pk and target.target == number:
            continue
        target.target = number
        target.full_clean()
        stamp(target, actor)
        target.save()


def _check_document(data: dict) -> None:
    # The model admits only issued documents too; this says why in the plan's own words.
    document = data.get("document")
    if document is not None and document.status != DocumentStatus.ISSUED:
        raise ValidationError(
            {"document": _("Only an issued policy document can have set a plan.")},
            code="document_not_issued",
        )


@transaction.atomic
def training_plan_create(*, actor, targets: dict[str, int] | None = None, **data) -> TrainingPlan:
    """Create a training plan with per-prefecture targets and, optionally, the issued
    document that set it (province-level staff only)."""
    _require_province(actor, Perm.ADD_PLAN)
    _check_document(data)
    plan = _write(TrainingPlan(), actor=actor, fields=PLAN_FIELDS, data=data)
    _save_targets(actor=actor, plan=plan, targets=targets or {})
    return plan


@transaction.atomic
def training_plan_update(
    *,
    actor,
    plan: TrainingPlan,
    targets: dict[str, int] | None = None,
    seen_version: int | None = None,
    **data,
) -> TrainingPlan:
    """Change a plan, its prefecture targets and the issued document that set it
    (province-level staff only); refused over a change made since ``seen_version``."""
    _require_province(actor, Perm.CHANGE_PLAN)
    _check_document(data)
    plan = lock_version(TrainingPlan.objects.all(), pk=plan.pk, seen_version=seen_version)
    bump(plan)
    _write(plan, actor=actor, fields=PLAN_FIELDS, data=data)
    _save_targets(actor=actor, plan=plan, targets=targets or {})
    return plan


@transaction.atomic
def training_plans_link_documents(*, actor) -> list[TrainingPlan]:
    """Link each plan that names no document to the issued document bearing the plan's
    name (《2014-2017年云南省少先队辅导员培训规划》 and its plan), through
    ``training_plan_update``; returns the plans linked. A plan whose document is not issued
    yet stays as it is, to be linked once it is. Province-level staff only.

    For demo data: the training demo seeds before the documents demo, so the documents
    would call this once they are issued."""
    _require_province(actor, Perm.CHANGE_PLAN)
    issued = {}
    # The latest issued document of a title, should one have been issued again.
    for document in Document.objects.issued().order_by("-dated_on", "-pk"):
        issued.setdefault(document.title, document)
    linked = []
    for plan in TrainingPlan.objects.filter(document__isnull=True).order_by("pk"):
        if plan.name in issued:
            linked.append(training_plan_update(actor=actor, plan=plan, document=issued[plan.name]))
    return linked


@transaction.atomic
def training_plan_delete(*, actor, plan: TrainingPlan) -> None:
    """Delete a plan entered by mistake, with its targets (province-level staff only).
    Refused while courses belong to it: they would lose the plan they count towards."""
    _require_province(actor, Perm.DELETE_PLAN)
    if plan.courses.exists():
        raise ValidationError(
            _("This plan has courses; delete them or move them to another plan first."),
            code="has_courses",
        )
    plan.targets.all().delete()
    audited_delete(plan, actor)


def _check_category(*, owner_code: str, category) -> None:
    """A course's category claims its owner's level or a lower one: the provincial training
    project (省培), which the plan figures count, is the province's alone."""
    if category == CourseCategory.PROVINCIAL and not owner_code.endswith("0000"):
        message = _("Only provincial staff can put a course in the provincial training project.")
    elif category == CourseCategory.PREFECTURE and not owner_code.endswith("00"):
        message = _("Only prefecture or provincial staff can set a course as prefecture training.")
    else:
        return
    raise ValidationError({"category": message}, code="category_above_owner")


def _locked_course(course: Course) -> Course:
    return Course.objects.select_for_update().get(pk=course.pk)


@transaction.atomic
def course_create(*, actor, **data) -> Course:
    """Create a course owned by the actor's division (division staff; courses are shared
    reference data every staff member reads). Its category claims that level or below."""
    _require(actor, Perm.ADD_COURSE)
    if not can_add_course(actor):
        raise PermissionDenied
    # A province-level course has no owner, as a course of the province has none.
    owner = actor.division_id
    course = Course(owner_id=None if owner is None or owner.endswith("0000") else owner)
    _check_category(owner_code=course.owner_code, category=data.get("category"))
    return _write(course, actor=actor, fields=COURSE_FIELDS, data=data)


@transaction.atomic
def course_update(*, actor, course: Course, seen_version: int | None = None, **data) -> Course:
    """Change a course: only staff holding its owning division (a course of the province,
    province-level staff). Hours may not drop below hours already credited to attendees.
    The row is locked and re-read, so the check and the write see the same owner; refused
    over a change made since ``seen_version``."""
    _require(actor, Perm.CHANGE_COURSE)
    course = lock_version(Course.objects.all(), pk=course.pk, seen_version=seen_version)
    bump(course)
    if not can_change_course(actor, course):
        raise PermissionDenied
    _check_category(owner_code=course.owner_code, category=data.get("category", course.category))
    credited = course.attendances.order_by("-hours").values_list("hours", flat=True).first()
    new_hours = data.get("hours", course.hours)
    if credited is not None and new_hours is not None and credited > new_hours:
        raise ValidationError(
            {"hours": _("Attendees are already credited %(hours)s hours.") % {"hours": credited}}
        )
    return _write(course, actor=actor, fields=COURSE_FIELDS, data=data)


@transaction.atomic
def course_delete(*, actor, course: Course) -> None:
    """Delete a course entered by mistake (staff holding its owning division). Refused once
    attendance is recorded for it (in any area, so the message names no one): certificates
    were issued for it."""
    _require(actor, Perm.DELETE_COURSE)
    course = _locked_course(course)
    if not holds_division(actor, course.owner_code):
        raise PermissionDenied
    if course.attendances.exists():
        raise ValidationError(
            _("Attendance is recorded for this course, so it cannot be deleted."),
            code="has_attendance",
        )
    audited_delete(course, actor)


def _check_counselors_in_scope(actor, counselor_ids: set[int]) -> None:
    # Forms and imports offer only counselors in scope; this guards every other caller.
    found = Counselor.objects.for_actor(actor).filter(pk__in=counselor_ids).count()
    if found != len(counselor_ids):
        raise PermissionDenied


def _check_hours(rows: Sequence[Attendance]) -> None:
    # The sheet's own checks come first; this guards every other caller of the bulk writes
    # (the model's rule: no more hours than the course's).
    for row in rows:
        row.clean()


@transaction.atomic
def attendance_record(
    *, actor, course: Course, counselor: Counselor, hours: Decimal, certificate_number: str
) -> Attendance:
    """Record one counselor's attendance; the counselor must be in the actor's scope.

    Raises ValidationError for hours above the course's, a second record for the same
    counselor and course, or a certificate number already used for the course.
    """
    _require(actor, Perm.ADD_ATTENDANCE)
    _check_counselors_in_scope(actor, {counselor.pk})
    attendance = Attendance(course=course, counselor=counselor)
    data = {"hours": hours, "certificate_number": certificate_number.strip()}
    return _write(attendance, actor=actor, fields=("hours", "certificate_number"), data=data)


@transaction.atomic
def attendance_update(
    *, actor, attendance: Attendance, hours: Decimal, certificate_number: str
) -> Attendance:
    """Correct the hours or certificate of a record the actor reached through their scope."""
    _require(actor, Perm.CHANGE_ATTENDANCE)
    _check_counselors_in_scope(actor, {attendance.counselor_id})
    data = {"hours": hours, "certificate_number": certificate_number.strip()}
    return _write(attendance, actor=actor, fields=("hours", "certificate_number"), data=data)


@transaction.atomic
def attendance_delete(*, actor, attendance: Attendance) -> None:
    """Delete an attendance record entered by mistake, for a counselor in the actor's scope."""
    _require(actor, Perm.DELETE_ATTENDANCE)
    _check_counselors_in_scope(actor, {attendance.counselor_id})
    audited_delete(attendance, actor)


@transaction.atomic
def attendance_record_many(
    *, actor, created: Sequence[Attendance] = (), changed: Sequence[Attendance] = ()
) -> None:
    """Write many attendance rows at once (a sign-in sheet, the demo): new rows and changed
    hours or certificates, each row's counselor in the actor's scope and its hours within the
    course's. The caller validated each row; the database constraints stand behind it.
    Written in bulk, with a history row each naming the actor."""
    if created:
        _require(actor, Perm.ADD_ATTENDANCE)
    if changed:
        _require(actor, Perm.CHANGE_ATTENDANCE)
    rows = [*created, *changed]
    _check_counselors_in_scope(actor, {row.counselor_id for row in rows})
    _check_hours(rows)
    # Bulk writes set no dates themselves: the rows are written now, by the portal's clock.
    now = clock.now()
    if created:
        for row in created:
            row.created_at = row.updated_at = now
        bulk_create_audited(Attendance, created, actor=actor, batch_size=2000)
    if changed:
        for row in changed:
            row.updated_at = now
        bulk_update_audited(
            Attendance, changed, ["hours", "certificate_number", "updated_at"], actor=actor
        )


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
    # The resource writes through this module's services, so it is imported here.
    from apps.training.resources import AttendanceResource

    return run_import(
        AttendanceResource(actor=actor, course=course),
        dataset,
        dry_run=dry_run,
        expected=expected,
    )
