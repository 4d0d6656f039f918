"""Spreadsheet imports, shared by every area that imports (schools, counselors, attendance)
on its portal page and in the admin, and the admin's exports through the same resources.

The path of a file:

1. ``apps.exports.uploads`` refuses a hostile or oversized file from its bytes before
   anything parses it: ``read_upload`` for the portal, and the admin's ``CheckedXLSX`` and
   ``CheckedCSV`` formats, which check again each time django-import-export parses a file.
2. ``normalize`` maps the header row onto the resource's columns (the template's Chinese
   header, the column's label in either language, or the field name), makes every cell
   stripped text, drops blank rows and the template's untouched example row, and keeps each
   row's number in the sheet for the report.
3. A ``ScopedResource`` (django-import-export) resolves references only inside the
   importer's scope, finds existing rows only there, and writes through the area's services.
   ``run_import`` runs it in one transaction: a dry run always rolls back, and a commit
   writes only when no row has an error and every row does what the preview said it would.
4. ``ImportReport`` lists every row with its cells (personal data masked) and its errors.

A spreadsheet is a data format shared with offices that type Chinese, so its headers,
choice labels and yes/no cells are Chinese whatever the page's language; messages about
it are gettext like the rest of the portal.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any, ClassVar

import tablib
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from import_export.results import RowResult
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from apps.core.scope import scope_queryset
from apps.exports.safety import FORMULA_TRIGGERS, escape_cell
from apps.exports.uploads import validate_csv_upload, validate_xlsx_upload

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The dataset column holding each row's number in the sheet (the header is row 1).
ROW_NUMBER = "__row__"
# The error column of a problem with the whole row rather than one cell.
ROW = "row"
# The file's own language (see the module docstring).
FILE_LANGUAGE = "zh-hans"
YES, NO = "是", "否"
# Template rows formatted as text in text columns, so Excel keeps ID numbers whole.
_TEXT_ROWS = 1000
# Excel refuses a list validation longer than this.
_MAX_LIST_FORMULA = 255
_ZIP_MAGIC = b"PK\x03\x04"
# Legacy .xls (OLE2): refused with the "save as .xlsx" message rather than the CSV one.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


# ---------------------------------------------------------------------------------------
# Columns and cells
# ---------------------------------------------------------------------------------------


def _header_key(text: str) -> str:
    """A header as compared: no spaces or required-markers, ASCII brackets, lower case."""
    text = text.replace("（", "(").replace("）", ")").replace("*", "").replace("＊", "")
    return re.sub(r"\s+", "", text).casefold()


@dataclass(frozen=True)
class Column:
    """One column of an import template and of the resource's exports.

    ``key`` is the resource field (and, by convention, the model field) it fills; ``header``
    is written in the template and exports; ``label`` names it in messages; ``error_keys``
    are other model fields whose errors belong next to this column.
    """

    key: str
    header: str
    label: Any
    required: bool = False
    aliases: tuple[str, ...] = ()
    hint: Any = ""
    width: int = 14
    as_text: bool = False
    masked: Callable[[str], str] | None = None
    error_keys: tuple[str, ...] = ()
    options: Callable[[], list[str]] | None = None

    def field(self, widget: widgets.Widget, **kwargs) -> fields.Field:
        """A django-import-export field reading and writing this column."""
        return fields.Field(
            **{"attribute": self.key, "column_name": self.header, "widget": widget, **kwargs}
        )

    def names(self) -> set[str]:
        """Every header this column is recognised by."""
        names = {self.header, self.key, *self.aliases}
        for language in (FILE_LANGUAGE, "en"):
            with translation.override(language):
                names.add(str(self.label))
        return {_header_key(name) for name in names}


def cell_text(value: Any) -> str:
    """A cell as the text its user typed: whole numbers without ".0", dates as ISO dates,
    and a quote that an export put before a formula-like text taken off again."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal) and value.is_finite():
        # As a workbook stores it: 40.0 comes back as 40.
        return format(value.normalize(), "f")
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_TRIGGERS:
        text = text[1:]
    return text


def normalize(
    dataset: tablib.Dataset, columns: Sequence[Column], *, example: dict[str, Any] | None = None
) -> tablib.Dataset:
    """``dataset`` with its headers mapped onto ``columns`` (unknown columns dropped), every
    cell as text, blank rows and rows identical to ``example`` dropped, and a ROW_NUMBER
    column. Idempotent. Raises ValidationError (code ``columns`` or ``empty``)."""
    headers = [cell_text(header) for header in (dataset.headers or [])]
    by_name: dict[str, Column] = {}
    for column in columns:
        for name in column.names():
            by_name.setdefault(name, column)
    positions: dict[str, int] = {}
    for index, header in enumerate(headers):
        column = by_name.get(_header_key(header))
        if column is not None and column.key not in positions:
            positions[column.key] = index
    missing = [
        column.header for column in columns if column.required and column.key not in positions
    ]
    if missing:
        raise ValidationError(
            _("The sheet lacks the column(s): %(columns)s. Start from the template."),
            code="columns",
            params={"columns": "、".join(missing)},
        )
    present = [column for column in columns if column.key in positions]
    numbers_at = headers.index(ROW_NUMBER) if ROW_NUMBER in headers else None
    skipped = None
    if example:
        skipped = [cell_text(example.get(column.key)) for column in present]
    result = tablib.Dataset(headers=[column.header for column in present] + [ROW_NUMBER])
    for offset, row in enumerate(dataset, start=2):
        values = [
            cell_text(row[positions[c.key]]) if positions[c.key] < len(row) else "" for c in present
        ]
        if not any(values) or values == skipped:
            continue
        number = int(row[numbers_at]) if numbers_at is not None else offset
        result.append([*values, number])
    if not result.height:
        raise ValidationError(_("The sheet has no rows below its header."), code="empty")
    return result


def _replace_contents(dataset: tablib.Dataset, source: tablib.Dataset) -> None:
    # django-import-export goes on with the dataset object it handed to before_import.
    dataset.wipe()
    dataset.headers = source.headers
    for row in source:
        dataset.append(tuple(row))


# ---------------------------------------------------------------------------------------
# Reading files: checked first, parsed after
# ---------------------------------------------------------------------------------------


def _raw_dataset(rows: list[list[Any]]) -> tablib.Dataset:
    """Rows as read (the first is the header), padded to one width."""
    if not rows:
        raise ValidationError(_("The sheet is empty."), code="empty")
    width = max(len(row) for row in rows) or 1
    headers = [cell_text(value) for value in rows[0]]
    headers += [""] * (width - len(headers))
    dataset = tablib.Dataset(headers=headers)
    for row in rows[1:]:
        dataset.append([*row, *([None] * (width - len(row)))])
    return dataset


def _xlsx_rows(file: IO[bytes]) -> list[list[Any]]:
    """The rows of the first sheet of a workbook that ``validate_xlsx_upload`` passed."""
    workbook = load_workbook(file, read_only=True, data_only=True, keep_links=False)
    try:
        sheet = workbook.worksheets[0]
        # Read every row present, not just the ones the <dimension> element admits to.
        sheet.reset_dimensions()
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _csv_rows(file: IO[bytes], encoding: str) -> list[list[Any]]:
    """The rows of a CSV file that ``validate_csv_upload`` passed, in its encoding."""
    text = file.read().decode(encoding)
    return list(csv.reader(io.StringIO(text, newline="")))


def check_upload(file: IO[bytes]) -> str | None:
    """Refuse a hostile or oversized upload with ``apps.exports.uploads`` (raising its
    ValidationError) before anything parses it. A file starting like a zip (or a legacy
    .xls) is judged as a workbook, anything else as CSV; the name is never trusted.
    Returns None for a workbook, else the CSV's encoding; the file is left at its start."""
    file.seek(0)
    head = file.read(4)
    file.seek(0)
    if head in (_ZIP_MAGIC, _OLE_MAGIC):
        validate_xlsx_upload(file)
        return None
    return validate_csv_upload(file)


def read_raw(file: IO[bytes]) -> tablib.Dataset:
    """An uploaded .xlsx or .csv as rows, once ``check_upload`` has passed it."""
    encoding = check_upload(file)
    if encoding is None:
        try:
            rows = _xlsx_rows(file)
        except Exception as error:
            # The checks passed, but a part is still unreadable: not a workbook we can use.
            raise ValidationError(
                _("The workbook could not be read; save it again as .xlsx."), code="unreadable"
            ) from error
    else:
        rows = _csv_rows(file, encoding)
    file.seek(0)
    return _raw_dataset(rows)


def read_upload(file: IO[bytes], resource: ScopedResource) -> tablib.Dataset:
    """The rows of an uploaded file for ``resource``, checked, parsed and normalized.

    Raises ValidationError (for the file field) when the file is refused, lacks a required
    column or has no rows.
    """
    return normalize(read_raw(file), resource.import_columns(), example=resource.example())


def template_workbook(
    *, columns: Sequence[Column], example: dict[str, Any], title: str, notes: Sequence[str]
) -> bytes:
    """An import template: the header row (required columns shaded), one grey example row,
    text-formatted ID and code columns, drop-downs for choices, and an instructions sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([column.header for column in columns])
    sheet.append([example.get(column.key, "") for column in columns])
    required = PatternFill("solid", fgColor="FFF2CC")
    for column, cell in zip(columns, sheet[1], strict=True):
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = required
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="808080")
    last = _TEXT_ROWS + 1
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.as_text:
            # As numbers, 18-digit ID numbers lose their last digits.
            for row in range(2, last + 1):
                sheet.cell(row=row, column=index).number_format = "@"
        if column.options:
            formula = '"' + ",".join(column.options()) + '"'
            if len(formula) <= _MAX_LIST_FORMULA:
                validation = DataValidation(type="list", formula1=formula, allow_blank=True)
                validation.add(f"{letter}2:{letter}{last}")
                sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"

    instructions = workbook.create_sheet(_("Instructions")[:31])
    for line in notes:
        instructions.append([line])
    instructions.append([])
    instructions.append([_("Column"), _("Required"), _("What to fill in")])
    for cell in instructions[instructions.max_row]:
        cell.font = Font(bold=True)
    for column in columns:
        instructions.append(
            [column.header, _("Yes") if column.required else _("No"), str(column.hint or "")]
        )
    instructions.column_dimensions["A"].width = 24
    instructions.column_dimensions["B"].width = 8
    instructions.column_dimensions["C"].width = 80
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_notes(*, row_name: str) -> list[str]:
    """The instructions every template starts with; ``row_name`` says what a row is."""
    return [
        _("Fill one row per %(row_name)s on the first sheet and keep its header row.")
        % {"row_name": row_name},
        _(
            "Shaded columns are required. The grey row is an example: overwrite it or delete it;"
            " left as it is, it is not imported."
        ),
        _(
            "Checking the file writes nothing. The import is all or nothing, and importing the"
            " same file again adds nothing."
        ),
        _("Only what lies in your own area can be referred to or changed."),
    ]


# ---------------------------------------------------------------------------------------
# Widgets: text in (as ``normalize`` leaves it), native values out
# ---------------------------------------------------------------------------------------


def _required_error() -> ValueError:
    return ValueError(_("Fill in this column."))


class TextWidget(widgets.Widget):
    def __init__(self, *, required: bool = False):
        super().__init__(coerce_to_string=False)
        self.required = required

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if self.required and not text:
            raise _required_error()
        return text

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class IntegerWidget(widgets.Widget):
    """A whole number of at least ``min_value``; an empty cell takes the field's default."""

    def __init__(self, *, min_value: int = 0):
        super().__init__(coerce_to_string=False)
        self.min_value = min_value

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number != number.to_integral_value():
            raise ValueError(_("Enter a whole number."))
        if number < self.min_value:
            raise ValueError(_("Enter a number of at least %(min)d.") % {"min": self.min_value})
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return value


class BooleanWidget(widgets.Widget):
    """是/否 (and the usual yes/no spellings); an empty cell takes the field's default."""

    TRUE = frozenset({"是", "有", "yes", "y", "true", "t", "1", "√", "✓"})
    FALSE = frozenset({"否", "无", "no", "n", "false", "f", "0", "×", "✗"})

    def __init__(self):
        super().__init__(coerce_to_string=False)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value).casefold()
        if not text:
            return None
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("Enter 是 (yes) or 否 (no)."))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return YES if value else NO


def yes_no() -> list[str]:
    return [YES, NO]


class ChoiceWidget(widgets.Widget):
    """A choice by its label in either language, its stored value or an alias; written out
    with its Chinese label. An empty cell takes the field's default (or is an error when
    ``required``)."""

    def __init__(self, choices, *, required: bool = False, aliases: dict[str, str] | None = None):
        super().__init__(coerce_to_string=False)
        self.choices = list(getattr(choices, "choices", choices))
        self.required = required
        self.aliases = aliases or {}
        self._lookup: dict[str, str] | None = None
        self._labels: dict[str, str] | None = None

    def labels(self) -> dict[str, str]:
        """Stored value to the label written in files."""
        if self._labels is None:
            with translation.override(FILE_LANGUAGE):
                self._labels = {value: str(label) for value, label in self.choices}
        return self._labels

    def _lookups(self) -> dict[str, str]:
        if self._lookup is None:
            lookup = {_header_key(name): value for name, value in self.aliases.items()}
            for language in (FILE_LANGUAGE, "en"):
                with translation.override(language):
                    for value, label in self.choices:
                        lookup.setdefault(_header_key(str(label)), value)
            for value, _label in self.choices:
                lookup.setdefault(_header_key(str(value)), value)
            self._lookup = lookup
        return self._lookup

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            if self.required:
                raise _required_error()
            return None
        found = self._lookups().get(_header_key(text))
        if found is None:
            raise ValueError(
                _("Choose one of: %(options)s.") % {"options": "、".join(self.labels().values())}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return self.labels().get(value, "" if value is None else str(value))

    def options(self) -> list[str]:
        return list(self.labels().values())


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日", "%Y-%m-%d %H:%M:%S")


class DateWidget(widgets.Widget):
    """A date as 2018-05-12, 2018/5/12, 2018.5.12, 20180512 or 2018年5月12日."""

    def __init__(self):
        super().__init__(coerce_to_string=False)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        for pattern in _DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValueError(_("Enter a date such as 2018-05-12."))

    def render(self, value, obj=None, **kwargs):
        return value


class LookupWidget(widgets.Widget):
    """A reference resolved by the resource from what it loaded for the importer's scope.

    ``resolve(text, row)`` returns the row it names (or None for an empty optional cell) and
    raises ValueError otherwise, with the same message for a row that does not exist and
    one outside the scope.
    """

    def __init__(self, resolve: Callable[[str, dict], Any], *, render_as=str):
        super().__init__(coerce_to_string=False)
        self.resolve = resolve
        self.render_as = render_as

    def clean(self, value, row=None, **kwargs):
        return self.resolve(cell_text(value), row or {})

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else self.render_as(value)


def _unbound(text: str, row: dict) -> Any:
    raise RuntimeError("The resource binds this lookup when it is created.")


def lookup_placeholder() -> LookupWidget:
    """A LookupWidget for a class-level field; the resource replaces it in ``__init__``."""
    return LookupWidget(_unbound)


# ---------------------------------------------------------------------------------------
# Resources
# ---------------------------------------------------------------------------------------


class ScopedResource(resources.ModelResource):
    """A django-import-export resource bound to one user (``actor``) and their scope.

    Imports: ``prepare`` loads, in a few queries, what the sheet refers to inside the scope;
    ``find`` returns an existing row only from inside it; ``check_row`` adds the checks that
    span rows; ``save_row`` writes through the area's service. Exports: only rows in the
    actor's scope, numbers and dates as themselves, every text through ``escape_cell``.
    """

    columns: ClassVar[tuple[Column, ...]] = ()
    # Fields ``check_row`` derives from other cells: when still empty, the error that
    # prevented it is already reported, so they are not reported again as missing.
    derived_fields: ClassVar[tuple[str, ...]] = ()
    # Relations an export reads, fetched with the rows.
    export_select_related: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *, actor, **kwargs):
        super().__init__(**kwargs)
        self.actor = actor

    # The file ------------------------------------------------------------------------

    def import_columns(self) -> tuple[Column, ...]:
        """The columns a file for this resource has (the template's, in order)."""
        return self.columns

    def example(self) -> dict[str, Any]:
        """The template's example row, by column key; a row left like it is not imported."""
        return {}

    @property
    def shows_full_personal_data(self) -> bool:
        """Whether the actor may see masked columns (``Column.masked``) in full."""
        return True

    def error_column(self, key: str) -> Column | None:
        for column in self.import_columns():
            if key == column.key or key in column.error_keys:
                return column
        return None

    # Import --------------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        _replace_contents(
            dataset, normalize(dataset, self.import_columns(), example=self.example())
        )
        self.prepare(list(dataset.dict))

    def prepare(self, rows: list[dict[str, str]]) -> None:
        """Load what the rows refer to, inside the actor's scope, once for the whole file."""

    def find(self, row: dict[str, str]):
        """The existing row inside the actor's scope that ``row`` updates, if any."""
        return None

    def get_instance(self, instance_loader, row):
        return self.find(row)

    def check_row(self, instance, row: dict[str, str], errors: dict) -> dict[str, list[str]]:
        """Errors beyond single cells (repeats in the file, rows outside the scope); may
        also fill values derived from other cells. ``errors`` holds the cells' own."""
        return {}

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for key, messages in self.check_row(instance, row, errors).items():
            errors.setdefault(key, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if not errors:
            # A clean row is validated in full by the service that saves it.
            return
        unset = [name for name in self.derived_fields if getattr(instance, name, None) is None]
        try:
            # The other cells' own errors, so the report names them all at once.
            instance.full_clean(
                exclude=[*errors, *unset], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        raise ValidationError(errors)

    def save_row(self, instance, is_create: bool):
        """Write ``instance`` through the area's service; return the saved row."""
        raise NotImplementedError

    def do_instance_save(self, instance, is_create):
        try:
            saved = self.save_row(instance, is_create)
        except PermissionDenied as error:
            # Lookups keep references inside the scope; this guards what they missed.
            raise ValidationError(_("This row lies outside your area.")) from error
        if saved is not instance:
            # The admin logs and reports the instance it passed in.
            instance.__dict__.update(saved.__dict__)

    def after_import(self, dataset, result, **kwargs):
        # ModelResource resets the table's id sequence here; ids always come from the
        # sequence in these imports, and a reset could race with concurrent inserts.
        self._mask_invalid_rows(result)

    def _mask_invalid_rows(self, result) -> None:
        """Mask personal data in the cells the admin echoes for rows with errors, as the
        portal's preview does; its valid rows are rendered through the masking widgets."""
        if self.shows_full_personal_data:
            return
        masks = {column.header: column.masked for column in self.import_columns() if column.masked}
        positions = [
            (index, masks[header])
            for index, header in enumerate(result.diff_headers)
            if header in masks
        ]
        if not positions:
            return
        for row in result.invalid_rows:
            values = list(row.values)
            for index, mask in positions:
                if index < len(values):
                    values[index] = mask(cell_text(values[index]))
            row.values = tuple(values)

    # Export --------------------------------------------------------------------------

    def get_queryset(self):
        return self.filter_export(self._meta.model._default_manager.all())

    def filter_export(self, queryset, **kwargs):
        # Whatever queryset a caller passes, only the actor's rows leave.
        queryset = scope_queryset(queryset, self.actor)
        if self.export_select_related:
            queryset = queryset.select_related(*self.export_select_related)
        return queryset

    def export_field(self, field, instance, **kwargs):
        kwargs["force_native_type"] = True
        return escape_cell(super().export_field(field, instance, **kwargs))

    def get_export_headers(self, selected_fields=None):
        return [escape_cell(header) for header in super().get_export_headers(selected_fields)]


# ---------------------------------------------------------------------------------------
# Running an import and reporting on it
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    column: str  # a column key, or ROW
    label: str
    message: str


@dataclass
class ReportRow:
    number: int  # the row in the sheet (the header is row 1)
    cells: list[str]
    status: str  # new, update, skip, invalid, error
    errors: list[RowError] = field(default_factory=list)


@dataclass
class ImportReport:
    keys: list[str]
    headers: list[str]
    rows: list[ReportRow]
    general_errors: list[str]
    committed: bool = False
    # A commit found rows that would now do other than the preview said; nothing was written.
    changed: bool = False

    @property
    def has_errors(self) -> bool:
        return bool(self.general_errors) or any(row.errors for row in self.rows)

    @property
    def statuses(self) -> list[str]:
        return [row.status for row in self.rows]

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


def _label_for(resource: ScopedResource, key: str) -> tuple[str, str]:
    column = resource.error_column(key)
    if column is not None:
        return column.key, str(column.label)
    if key != NON_FIELD_ERRORS:
        try:
            return ROW, str(resource._meta.model._meta.get_field(key).verbose_name)
        except FieldDoesNotExist:
            pass
    return ROW, _("Row")


def build_report(resource: ScopedResource, dataset: tablib.Dataset, result) -> ImportReport:
    """Every row of ``dataset`` with its cells, what the import did with it and its errors."""
    columns = [c for c in resource.import_columns() if c.header in (dataset.headers or [])]
    full = resource.shows_full_personal_data
    invalid = {row.number: row.error_dict for row in result.invalid_rows}
    failed = {number for number, _errors in result.row_errors()}
    rows = []
    for index, values in enumerate(dataset.dict, start=1):
        errors: list[RowError] = []
        for key, messages in invalid.get(index, {}).items():
            column, label = _label_for(resource, key)
            for message in messages:
                error = RowError(column, label, str(message))
                if error not in errors:
                    errors.append(error)
        if index in failed:
            errors.append(
                RowError(ROW, _("Row"), _("This row could not be saved; check it and try again."))
            )
        cells = []
        for column in columns:
            value = values.get(column.header) or ""
            cells.append(column.masked(value) if column.masked and not full else value)
        row_result = result.rows[index - 1] if index - 1 < len(result.rows) else None
        rows.append(
            ReportRow(
                number=int(values.get(ROW_NUMBER) or index + 1),
                cells=cells,
                status=row_result.import_type if row_result else RowResult.IMPORT_TYPE_ERROR,
                errors=errors,
            )
        )
    general: list[str] = []
    for error in result.base_errors:
        if isinstance(error.error, ValidationError):
            general.extend(error.error.messages)
        else:
            general.append(_("The import failed and nothing was saved; please try again."))
    return ImportReport(
        keys=[column.key for column in columns],
        headers=[column.header for column in columns],
        rows=rows,
        general_errors=list(dict.fromkeys(general)),
    )


def run_import(
    resource: ScopedResource,
    dataset: tablib.Dataset,
    *,
    dry_run: bool,
    expected: Sequence[str] | None = None,
) -> ImportReport:
    """Import ``dataset`` through ``resource`` in one transaction: all rows or none.

    A dry run reports every row and writes nothing. A commit writes only when no row has an
    error and, given the preview's ``expected`` statuses, every row still does what the
    preview said (``report.changed`` otherwise); anything else rolls back in full.
    """
    with transaction.atomic():
        result = resource.import_data(
            dataset,
            dry_run=dry_run,
            use_transactions=True,
            rollback_on_validation_errors=True,
            raise_errors=False,
        )
        report = build_report(resource, dataset, result)
        if not dry_run and not report.has_errors and expected is not None:
            report.changed = list(expected) != report.statuses
        if dry_run or report.has_errors or report.changed:
            transaction.set_rollback(True)
        else:
            report.committed = True
    return report


# ---------------------------------------------------------------------------------------
# django-import-export formats that check a file before they parse it
# ---------------------------------------------------------------------------------------


def _escaped(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy with every text cell and header through ``escape_cell``."""
    copy = tablib.Dataset(
        *[tuple(escape_cell(value) for value in row) for row in dataset],
        headers=[escape_cell(header) for header in dataset.headers or []],
    )
    copy.title = dataset.title
    return copy


def _as_file(in_stream) -> IO[bytes]:
    if isinstance(in_stream, str):
        in_stream = in_stream.encode("utf-8")
    return io.BytesIO(in_stream)


class CheckedXLSX(base_formats.XLSX):
    """XLSX for the admin. Whatever format is chosen, a file is judged by its content and
    passes ``check_upload`` before it is parsed; exports escape every text cell."""

    def check(self, file: IO[bytes]) -> None:
        check_upload(file)

    def create_dataset(self, in_stream):
        return read_raw(_as_file(in_stream))

    def export_data(self, dataset, **kwargs):
        return super().export_data(_escaped(dataset), **kwargs)


class CheckedCSV(base_formats.CSV):
    """CSV for the admin, checked like ``CheckedXLSX``; exports carry a byte order mark so
    Excel reads their Chinese."""

    CONTENT_TYPE = "text/csv; charset=utf-8"

    def is_binary(self):
        # The bytes reach create_dataset, so the encoding is detected, never assumed.
        return True

    def get_read_mode(self):
        return "rb"

    def check(self, file: IO[bytes]) -> None:
        check_upload(file)

    def create_dataset(self, in_stream, **kwargs):
        return read_raw(_as_file(in_stream))

    def export_data(self, dataset, **kwargs):
        text = super().export_data(_escaped(dataset), **kwargs)
        return ("\ufeff" + text).encode("utf-8")


CHECKED_FORMATS = [CheckedXLSX, CheckedCSV]
