"""Attendance from a spreadsheet: a course's sign-in sheet on the portal, or rows naming
their course in the admin; exported from the admin as well (django-import-export).

A row names a counselor by ID number, with their name (optional, checked against the
record), the hours credited and the certificate number. Counselors are matched by ID number
only inside the importer's scope; a number of someone outside it is "not found in your
area", exactly like a number nobody has, so a file cannot be used to learn who exists
elsewhere. Rows are checked against lookups made once per file and written in bulk.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal, InvalidOperation
from operator import attrgetter

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import widgets

from apps.counselors import resources as counselor_columns
from apps.counselors.masking import can_see_full_id_number
from apps.counselors.models import Counselor
from apps.counselors.resources import IdNumberWidget, example_id_number
from apps.counselors.validators import normalize_id_number
from apps.exports.imports import (
    Column,
    Lookup,
    LookupWidget,
    ScopedResource,
    TextWidget,
    cell_text,
    repeated,
)
from apps.training.models import Attendance, Course
from apps.training.services import attendance_record_many

COURSE = Column(
    "course",
    "培训班",
    gettext_lazy("Course"),
    aliases=("课程", "培训课程", "课程名称", "培训班名称"),
    hint=gettext_lazy("The course's number in the portal, or its full name."),
    width=30,
)
# The registry's own columns, as a sign-in sheet uses them.
ID_NUMBER = dataclasses.replace(
    counselor_columns.ID_NUMBER,
    hint=gettext_lazy("18 characters; only counselors in your area are found."),
    error_keys=("counselor",),
)
NAME = dataclasses.replace(
    counselor_columns.NAME,
    required=False,
    hint=gettext_lazy("Optional; when given it must match the counselor's record."),
    width=12,
)
HOURS = Column(
    "hours",
    "学时",
    gettext_lazy("Hours"),
    required=True,
    hint=gettext_lazy("At most the course's hours, such as 24 or 12.5."),
    width=8,
)
CERTIFICATE = Column(
    "certificate_number",
    "证书编号",
    gettext_lazy("Certificate number"),
    required=True,
    aliases=("证书号",),
    hint=gettext_lazy("Required, and different for every counselor of a course."),
    width=22,
    as_text=True,
)
SHEET_COLUMNS = (ID_NUMBER, NAME, HOURS, CERTIFICATE)


def _course_lookup() -> Lookup[Course]:
    """Courses by their number in the portal and by their full name."""
    return Lookup(
        unknown=gettext_lazy("No course with this number or name."),
        ambiguous=gettext_lazy("Several courses have this name; use the course's number."),
    )


class HoursWidget(widgets.Widget):
    def __init__(self):
        super().__init__(coerce_to_string=False)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            raise ValueError(_("The hours are missing."))
        try:
            hours = Decimal(text).quantize(Decimal("0.1"))
        except InvalidOperation as exc:
            raise ValueError(_("The hours must be a number, such as 24 or 12.5.")) from exc
        if not hours.is_finite() or hours <= 0:
            raise ValueError(_("The hours must be more than zero."))
        return hours

    def render(self, value, obj=None, **kwargs):
        return value


class _CounselorWidget(IdNumberWidget):
    """An ID number to a counselor in the importer's scope, from the resource's lookup
    (``AttendanceResource.counselor_for``); written out as the (masked) ID number."""

    resource: AttendanceResource

    def clean(self, value, row=None, **kwargs):
        counselor = self.resource.counselor_for(super().clean(value, row, **kwargs))
        if counselor is None:
            raise ValueError(_("No counselor with this ID number in your area."))
        return counselor

    def render(self, value, obj=None, **kwargs):
        return super().render(value.id_number if value is not None else "")


class AttendanceResource(ScopedResource):
    """Attendance of the actor's counselors. With ``course`` it reads one course's sign-in
    sheet; without, each row names its course (the admin). A counselor attends a course
    once, so importing the same file again adds nothing."""

    columns = (COURSE, *SHEET_COLUMNS)
    export_select_related = ("course", "counselor")

    course = COURSE.field(LookupWidget("_resolve_course", render_as=attrgetter("name")))
    id_number = ID_NUMBER.field(_CounselorWidget(), attribute="counselor")
    name = NAME.field(TextWidget(), attribute=None)
    hours = HOURS.field(HoursWidget())
    certificate_number = CERTIFICATE.field(TextWidget())

    class Meta:
        model = Attendance
        name = gettext_lazy("Attendance")
        fields = ("course", "id_number", "name", "hours", "certificate_number")
        import_id_fields = ("id_number",)
        # Rows are validated against the lookups below, then written in one statement.
        use_bulk = True

    def __init__(self, *, actor, course: Course | None = None, **kwargs):
        super().__init__(actor=actor, **kwargs)
        self.course = course
        self._courses: Lookup[Course] = _course_lookup()
        self._counselors: dict[str, Counselor] = {}
        self._existing: dict[tuple[int, int], Attendance] = {}
        self._certificate_holders: dict[tuple[int, str], int] = {}
        self._repeated_numbers: set[tuple[int | str, str]] = set()
        self._repeated_certificates: set[tuple[int | str, str]] = set()

    def import_columns(self):
        if self.course is not None:
            return SHEET_COLUMNS
        return (dataclasses.replace(COURSE, required=True), *SHEET_COLUMNS)

    @property
    def shows_full_personal_data(self) -> bool:
        return can_see_full_id_number(self.actor)

    def example(self):
        example = {
            "course": self.course.name if self.course else "",
            "id_number": example_id_number(),
            "name": "张丽",
            "hours": self.course.hours if self.course else "24",
            "certificate_number": "YNSP2018-0001",
        }
        return example

    # Lookups: a few queries for the whole file ------------------------------------------

    def _course_of(self, row) -> Course | None:
        if self.course is not None:
            return self.course
        return self._courses.find(COURSE.cell(row))

    def _resolve_course(self, text, row):
        if self.course is not None:
            return self.course
        return self._courses.resolve(text)

    def _course_key(self, row) -> int | str:
        course = self._course_of(row)
        return course.pk if course else COURSE.cell(row)

    def prepare(self, rows):
        if self.course is None:
            # Courses are the province's shared reference data, readable by every importer.
            wanted = {COURSE.cell(row) for row in rows} - {""}
            numbers = {int(text) for text in wanted if text.isdigit()}
            self._courses = _course_lookup()
            for course in Course.objects.filter(Q(pk__in=numbers) | Q(name__in=wanted)):
                self._courses.add(course, {str(course.pk), course.name} & wanted)
        numbers = [normalize_id_number(ID_NUMBER.cell(row)) for row in rows]
        certificates = [CERTIFICATE.cell(row) for row in rows]
        course_keys = [self._course_key(row) for row in rows]
        self._repeated_numbers = repeated(
            key for key in zip(course_keys, numbers, strict=True) if key[1]
        )
        self._repeated_certificates = repeated(
            key for key in zip(course_keys, certificates, strict=True) if key[1]
        )
        self._counselors = {
            counselor.id_number: counselor
            for counselor in Counselor.objects.for_actor(self.actor).filter(
                id_number__in=set(numbers)
            )
        }
        courses = {key for key in course_keys if isinstance(key, int)}
        by_pk = {counselor.pk: counselor for counselor in self._counselors.values()}
        by_course = {course.pk: course for course in self._all_courses() if course.pk in courses}
        existing = Attendance.objects.filter(course_id__in=courses)
        self._existing = {}
        for attendance in existing.filter(counselor__in=list(by_pk)):
            attendance.course = by_course[attendance.course_id]
            attendance.counselor = by_pk[attendance.counselor_id]
            self._existing[(attendance.course_id, attendance.counselor_id)] = attendance
        self._certificate_holders = {
            (course_id, certificate): counselor_id
            for course_id, certificate, counselor_id in existing.values_list(
                "course_id", "certificate_number", "counselor_id"
            )
        }

    def _all_courses(self) -> list[Course]:
        if self.course is not None:
            return [self.course]
        return self._courses.rows()

    def counselor_for(self, number: str) -> Counselor | None:
        return self._counselors.get(number)

    def find(self, row):
        course = self._course_of(row)
        counselor = self.counselor_for(normalize_id_number(ID_NUMBER.cell(row)))
        if course is None or counselor is None:
            return None
        return self._existing.get((course.pk, counselor.pk))

    def init_instance(self, row=None):
        return Attendance(course=self.course)

    def check_row(self, instance, row, errors):
        found: dict[str, list[str]] = {}
        number = normalize_id_number(ID_NUMBER.cell(row))
        certificate = CERTIFICATE.cell(row)
        course_key = self._course_key(row)
        if (course_key, number) in self._repeated_numbers:
            found.setdefault("counselor", []).append(
                _("This ID number appears more than once in the sheet.")
            )
        if (course_key, certificate) in self._repeated_certificates:
            found.setdefault("certificate_number", []).append(
                _("This certificate number appears more than once in the sheet.")
            )
        elif certificate and instance.counselor_id and isinstance(course_key, int):
            holder = self._certificate_holders.get((course_key, certificate))
            if holder is not None and holder != instance.counselor_id:
                found.setdefault("certificate_number", []).append(
                    _("This certificate number is already used for this course.")
                )
        written = NAME.cell(row)
        if written and instance.counselor_id and written != instance.counselor.name:
            found.setdefault(NON_FIELD_ERRORS, []).append(
                _("The name does not match the counselor with this ID number.")
            )
        return found

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            # Relations and uniqueness were checked against the lookups, not a query per row;
            # the database constraints still stand behind them.
            instance.full_clean(
                exclude=[*errors, "course", "counselor"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    # Rows are written in bulk through the attendance service, which names the importer.

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        rows = self.create_instances
        self._write_bulk("created", rows, using_transactions, dry_run, raise_errors, result)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        rows = self.update_instances
        self._write_bulk("changed", rows, using_transactions, dry_run, raise_errors, result)

    def _write_bulk(self, kind, rows, using_transactions, dry_run, raise_errors, result):
        try:
            if rows and (using_transactions or not dry_run):
                attendance_record_many(actor=self.actor, **{kind: list(rows)})
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            rows.clear()

    # Export --------------------------------------------------------------------------

    def dehydrate_name(self, attendance):
        return attendance.counselor.name
