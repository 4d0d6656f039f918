"""Bulk attendance import from an Excel sign-in sheet (django-import-export).

A sheet has one header row and a row per counselor: ID number, name (optional, checked
against the record), hours and certificate number. Counselors are matched by ID number only
inside the importer's scope; an ID number of someone outside it is "not found in your area",
exactly like a number nobody has, so the sheet cannot be used to learn who exists elsewhere.
"""

import datetime
import io
import zipfile
from collections import Counter
from decimal import Decimal, InvalidOperation

import openpyxl
import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from apps.counselors.models import Counselor
from apps.counselors.validators import normalize_id_number, validate_id_number
from apps.training.models import Attendance, Course

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# A 5 MB xlsx can unpack to far more; refuse archives that would (a "zip bomb").
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 2000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Column keys, the header written in the template, and the headers accepted on upload.
ID_NUMBER, NAME, HOURS, CERTIFICATE = "id_number", "name", "hours", "certificate_number"
TEMPLATE_HEADERS = {ID_NUMBER: "身份证号", NAME: "姓名", HOURS: "学时", CERTIFICATE: "证书编号"}
HEADER_ALIASES = {
    "身份证号": ID_NUMBER,
    "身份证号码": ID_NUMBER,
    "id number": ID_NUMBER,
    "姓名": NAME,
    "name": NAME,
    "学时": HOURS,
    "hours": HOURS,
    "证书编号": CERTIFICATE,
    "证书号": CERTIFICATE,
    "certificate number": CERTIFICATE,
}
REQUIRED_COLUMNS = (ID_NUMBER, HOURS, CERTIFICATE)
COLUMN_LABELS = {
    ID_NUMBER: gettext_lazy("ID number"),
    NAME: gettext_lazy("Name"),
    HOURS: gettext_lazy("Hours"),
    CERTIFICATE: gettext_lazy("Certificate number"),
}


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def _check_is_xlsx(content: bytes) -> None:
    # An xlsx is a zip holding a workbook part; the name and the browser's type prove nothing.
    if not content.startswith(b"PK\x03\x04"):
        raise ValidationError(_("The file is not an Excel workbook (.xlsx)."), code="not_xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ValidationError(
            _("The file is not an Excel workbook (.xlsx)."), code="not_xlsx"
        ) from exc
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ValidationError(_("The file is not an Excel workbook (.xlsx)."), code="not_xlsx")
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError(_("The workbook is too large to read."), code="too_large")


def read_sign_in_sheet(upload) -> tablib.Dataset:
    """The rows of an uploaded sign-in sheet, headers mapped to column keys, cells as text.

    Raises ValidationError (for the file field) when the file is over 5 MB, is not really an
    xlsx, lacks a required column or holds no rows or too many.
    """
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."), code="too_large")
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."), code="too_large")
    _check_is_xlsx(content)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    except Exception as exc:
        # openpyxl raises many exception types for damaged files; all mean the same here.
        raise ValidationError(
            _("The workbook could not be read; save it again as .xlsx."), code="unreadable"
        ) from exc
    if not rows:
        raise ValidationError(_("The sheet is empty."), code="empty")
    keys = [HEADER_ALIASES.get(header.strip().lower()) for header in rows[0]]
    missing = [str(COLUMN_LABELS[key]) for key in REQUIRED_COLUMNS if key not in keys]
    if missing:
        raise ValidationError(
            _("The sheet lacks the column(s): %(columns)s. Start from the template."),
            code="columns",
            params={"columns": "、".join(missing)},
        )
    wanted = [index for index, key in enumerate(keys) if key is not None]
    dataset = tablib.Dataset(headers=[keys[index] for index in wanted])
    for row in rows[1:]:
        values = [row[index] if index < len(row) else "" for index in wanted]
        if any(values):
            dataset.append(values)
    if not dataset.height:
        raise ValidationError(_("The sheet has no rows below its header."), code="empty")
    if dataset.height > MAX_ROWS:
        raise ValidationError(
            _("At most %(max)d rows can be imported at once; split the sheet."),
            code="too_many_rows",
            params={"max": MAX_ROWS},
        )
    return dataset


def sign_in_sheet_template(*, course: Course) -> bytes:
    """An empty sign-in sheet for ``course``, its ID column formatted as text."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("Sign-in sheet")
    sheet.append(list(TEMPLATE_HEADERS.values()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    # As numbers, 18-digit ID numbers lose their last digits; keep the column as text.
    for row in range(2, MAX_ROWS + 2):
        sheet.cell(row=row, column=1).number_format = "@"
        sheet.cell(row=row, column=4).number_format = "@"
    for column, width in enumerate((22, 12, 8, 22), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    notes = workbook.create_sheet(_("Instructions"))
    for line in (
        _("Course: %(name)s (%(start)s, %(hours)s hours)")
        % {"name": course.name, "start": course.start_date.isoformat(), "hours": course.hours},
        _("Fill one row per counselor on the first sheet; keep its header row."),
        _("ID number: 18 characters. Hours: at most the course's hours."),
        _("Certificate number: required, different for every counselor."),
        _("Only counselors in your area are found; importing the same sheet again adds nothing."),
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class CounselorByIdNumberWidget(widgets.Widget):
    """An ID number to a counselor in the importer's scope, from a lookup prepared once."""

    def __init__(self, lookup):
        super().__init__()
        self.lookup = lookup

    def clean(self, value, row=None, **kwargs):
        number = normalize_id_number(value or "")
        if not number:
            raise ValueError(_("The ID number is missing."))
        try:
            validate_id_number(number)
        except ValidationError as exc:
            raise ValueError(exc.messages[0]) from exc
        counselor = self.lookup(number)
        if counselor is None:
            raise ValueError(_("No counselor with this ID number in your area."))
        return counselor

    def render(self, value, obj=None, **kwargs):
        return ""


class HoursWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = (value or "").strip()
        if not text:
            raise ValueError(_("The hours are missing."))
        try:
            hours = Decimal(text).quantize(Decimal("0.1"))
        except InvalidOperation as exc:
            raise ValueError(_("The hours must be a number, such as 24 or 12.5.")) from exc
        if not hours.is_finite() or hours <= 0:
            raise ValueError(_("The hours must be more than zero."))
        return hours


class AttendanceImportResource(resources.ModelResource):
    """Rows of one course's sign-in sheet for one importer; see the module docstring."""

    id_number = fields.Field(attribute="counselor", column_name=ID_NUMBER)
    name = fields.Field(column_name=NAME)
    hours = fields.Field(attribute="hours", column_name=HOURS, widget=HoursWidget())
    certificate_number = fields.Field(
        attribute="certificate_number", column_name=CERTIFICATE, widget=widgets.CharWidget()
    )

    class Meta:
        model = Attendance
        fields = ("id_number", "name", "hours", "certificate_number")
        import_id_fields = ("id_number",)
        skip_unchanged = True
        report_skipped = True
        skip_html_diff = True
        use_transactions = True
        # Rows are validated in memory below, then created in one statement.
        use_bulk = True

    def __init__(self, *, actor, course: Course, **kwargs):
        super().__init__(**kwargs)
        self.actor = actor
        self.course = course
        self.fields["id_number"].widget = CounselorByIdNumberWidget(self._counselor)
        self._counselors: dict[str, Counselor] = {}
        self._existing: dict[int, Attendance] = {}
        self._certificate_holders: dict[str, int] = {}
        self._repeated_numbers: set[str] = set()
        self._repeated_certificates: set[str] = set()

    def _counselor(self, number: str) -> Counselor | None:
        return self._counselors.get(number)

    def before_import(self, dataset, **kwargs):
        # Three queries for the whole sheet: counselors in scope, and this course's records.
        numbers = [normalize_id_number(value or "") for value in dataset[ID_NUMBER]]
        certificates = [(value or "").strip() for value in dataset[CERTIFICATE]]
        self._repeated_numbers = {n for n, k in Counter(numbers).items() if n and k > 1}
        self._repeated_certificates = {c for c, k in Counter(certificates).items() if c and k > 1}
        self._counselors = {
            c.id_number: c
            for c in Counselor.objects.for_actor(self.actor).filter(id_number__in=set(numbers))
        }
        by_pk = {c.pk: c for c in self._counselors.values()}
        existing = Attendance.objects.filter(course=self.course)
        self._existing = {}
        for attendance in existing.filter(counselor__in=list(by_pk)):
            attendance.course, attendance.counselor = self.course, by_pk[attendance.counselor_id]
            self._existing[attendance.counselor_id] = attendance
        self._certificate_holders = dict(existing.values_list("certificate_number", "counselor_id"))

    def get_instance(self, instance_loader, row):
        counselor = self._counselor(normalize_id_number(row.get(ID_NUMBER) or ""))
        return self._existing.get(counselor.pk) if counselor else None

    def init_instance(self, row=None):
        return Attendance(course=self.course, recorded_by=self.actor)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        number = normalize_id_number(row.get(ID_NUMBER) or "")
        certificate = (row.get(CERTIFICATE) or "").strip()
        if number in self._repeated_numbers:
            errors.setdefault("counselor", []).append(
                _("This ID number appears more than once in the sheet.")
            )
        if certificate in self._repeated_certificates:
            errors.setdefault("certificate_number", []).append(
                _("This certificate number appears more than once in the sheet.")
            )
        elif certificate and instance.counselor_id:
            holder = self._certificate_holders.get(certificate)
            if holder is not None and holder != instance.counselor_id:
                errors.setdefault("certificate_number", []).append(
                    _("This certificate number is already used for this course.")
                )
        written = (row.get(NAME) or "").strip()
        if written and instance.counselor_id and written != instance.counselor.name:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _("The name does not match the counselor with this ID number.")
            )
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            # Relations and uniqueness were checked against the lookups, not a query per row;
            # the database constraints still stand behind them.
            instance.full_clean(
                exclude=[*errors, "course", "counselor", "recorded_by"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        instance.recorded_by = self.actor

    def get_bulk_update_fields(self):
        return ["hours", "certificate_number", "recorded_by"]
