"""The import template an area offers for download: a workbook to fill in."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from apps.exports.choices import CONTENT_TYPES, ExportFormat
from apps.exports.imports.cells import Column

XLSX_CONTENT_TYPE = CONTENT_TYPES[ExportFormat.XLSX]
# Template rows formatted as text in text columns, so Excel keeps ID numbers whole.
_TEXT_ROWS = 1000
# Excel refuses a list validation longer than this.
_MAX_LIST_FORMULA = 255
# Excel refuses a sheet title longer than this.
_MAX_SHEET_TITLE = 31


def _data_sheet(workbook: Workbook, columns: Sequence[Column], example: dict, title: str):
    """The first sheet: the header row (required columns shaded), the grey example row,
    text-formatted ID and code columns, and drop-downs for choices."""
    sheet = workbook.active
    sheet.title = title[:_MAX_SHEET_TITLE]
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


def _instructions_sheet(workbook: Workbook, columns: Sequence[Column], notes: Sequence[str]):
    """The second sheet: the notes, then what each column wants."""
    instructions = workbook.create_sheet(_("Instructions")[:_MAX_SHEET_TITLE])
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
    for letter, width in (("A", 24), ("B", 8), ("C", 80)):
        instructions.column_dimensions[letter].width = width


def template_workbook(
    *, columns: Sequence[Column], example: dict[str, Any], title: str, notes: Sequence[str]
) -> bytes:
    """An import template: the header row (required columns shaded), one grey example row,
    text-formatted ID and code columns, drop-downs for choices, and an instructions sheet."""
    workbook = Workbook()
    _data_sheet(workbook, columns, example, title)
    _instructions_sheet(workbook, columns, notes)
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
