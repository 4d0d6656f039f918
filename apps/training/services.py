"""Writes to training data. Portal views, the admin, imports and demo data call these."""

from dataclasses import dataclass, field
from decimal import Decimal

import tablib
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from import_export.results import RowResult

from apps.counselors.masking import can_see_full_id_number, mask_id_number
from apps.counselors.models import Counselor
from apps.counselors.validators import normalize_id_number
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division
from apps.training.models import Attendance, Course, PlanTarget, TrainingPlan
from apps.training.permissions import is_province_level
from apps.training.resources import (
    CERTIFICATE,
    COLUMN_LABELS,
    HOURS,
    ID_NUMBER,
    NAME,
    AttendanceImportResource,
)

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
    course = Course(**{k: data[k] for k in COURSE_FIELDS}, created_by=actor, updated_by=actor)
    course.full_clean()
    course.save()
    return course


@transaction.atomic
def course_update(*, actor, course: Course, **data) -> Course:
    """Change a course. Hours may not drop below hours already credited to attendees."""
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
    attendance.hours = hours
    attendance.certificate_number = certificate_number.strip()
    attendance.recorded_by = actor
    attendance.full_clean()
    attendance.save()
    return attendance


ROW = "row"


@dataclass(frozen=True)
class RowError:
    column: str  # a sheet column key (id_number, hours, certificate_number) or "row"
    label: str
    message: str


@dataclass
class ImportRow:
    number: int  # the row in the workbook (the header is row 1)
    id_number: str  # as the importer may see it
    name: str
    hours: str
    certificate_number: str
    status: str  # new, update, skip, invalid, error
    errors: list[RowError] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[ImportRow]
    general_errors: list[str]
    committed: bool

    @property
    def has_errors(self) -> bool:
        return bool(self.general_errors) or any(row.errors for row in self.rows)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def new_count(self) -> int:
        return self.count(RowResult.IMPORT_TYPE_NEW)

    @property
    def update_count(self) -> int:
        return self.count(RowResult.IMPORT_TYPE_UPDATE)

    @property
    def skip_count(self) -> int:
        return self.count(RowResult.IMPORT_TYPE_SKIP)


_ERROR_COLUMNS = {
    "counselor": ID_NUMBER,
    "hours": HOURS,
    "certificate_number": CERTIFICATE,
}


def _report(*, actor, dataset: tablib.Dataset, result, committed: bool) -> ImportReport:
    full = can_see_full_id_number(actor)
    invalid = {row.number: row.error_dict for row in result.invalid_rows}
    failed = dict(result.row_errors())
    rows = []
    for index, values in enumerate(dataset.dict, start=1):
        number = normalize_id_number(values.get(ID_NUMBER) or "")
        errors = []
        for key, messages in invalid.get(index, {}).items():
            column = _ERROR_COLUMNS.get(key, ROW)
            label = str(COLUMN_LABELS[column]) if column != ROW else _("Row")
            errors.extend(RowError(column, label, str(message)) for message in messages)
        if index in failed:
            errors.append(
                RowError(ROW, _("Row"), _("This row could not be saved; check it and try again."))
            )
        row_result = result.rows[index - 1] if index - 1 < len(result.rows) else None
        status = row_result.import_type if row_result else RowResult.IMPORT_TYPE_ERROR
        rows.append(
            ImportRow(
                number=index + 1,
                id_number=number if full else mask_id_number(number),
                name=values.get(NAME) or "",
                hours=values.get(HOURS) or "",
                certificate_number=values.get(CERTIFICATE) or "",
                status=status,
                errors=errors,
            )
        )
    general = [
        _("The import failed and nothing was saved; please try again.") for _e in result.base_errors
    ]
    return ImportReport(rows=rows, general_errors=general[:1], committed=committed)


def attendance_import(
    *, actor, course: Course, dataset: tablib.Dataset, dry_run: bool = True
) -> ImportReport:
    """Import a course's sign-in sheet for the actor's counselors: all rows or none.

    A dry run reports every row with its errors and writes nothing. A real run writes only
    when no row has an error; otherwise it rolls everything back and reports as a dry run
    would. Rows already recorded unchanged are skipped, so re-importing adds nothing.
    """
    resource = AttendanceImportResource(actor=actor, course=course)
    with transaction.atomic():
        result = resource.import_data(
            dataset,
            dry_run=dry_run,
            use_transactions=True,
            rollback_on_validation_errors=True,
            raise_errors=False,
        )
        failed = result.has_errors() or result.has_validation_errors()
        if failed:
            transaction.set_rollback(True)
    return _report(
        actor=actor, dataset=dataset, result=result, committed=not dry_run and not failed
    )
