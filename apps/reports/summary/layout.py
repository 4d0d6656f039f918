"""An area's sheet, printed like an office's report (报表): the title rows, the reporting
unit, preparer and date, then the table with thin borders whose header heads every page."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from apps.core.money import XLSX_MONEY_FORMAT
from apps.core.people import person_label
from apps.core.registry import SummaryColumn
from apps.exports.writers import sheet_title
from apps.organizations.choices import DivisionLevel
from apps.reports.summary.build import SCHOOL, RowKind, Sheet, Summary
from apps.reports.summary.cells import (
    BOLD,
    CENTERED,
    INTEGER_FORMAT,
    THIN_BORDER,
    display_width,
    heading_font,
    name_width,
    print_setup,
    put,
)

TITLE_ROW = 1  # 云南省少先队工作汇总表（2017年）
AREA_ROW = 2  # the sheet's area
FACTS_ROW = 3  # 填报单位, 制表人, 制表日期
HEADER_ROW = 4
FIRST_BODY_ROW = HEADER_ROW + 1
_FIGURE_WIDTH = 13
_WIDTHS = {"money": 16, "text": 16}
_FORMATS = {"integer": INTEGER_FORMAT, "money": XLSX_MONEY_FORMAT, "ratio": "0.00%"}


def workbook_title(summary: Summary) -> str:
    return gettext("%(scope)s Young Pioneer work summary (%(year)s)") % {
        "scope": summary.scope.name,
        "year": summary.year,
    }


def row_label(row_level: str) -> str:
    return {
        DivisionLevel.PREFECTURE: gettext("Prefecture"),
        DivisionLevel.COUNTY: gettext("County"),
        SCHOOL: gettext("School"),
    }[row_level]


def _width(column: SummaryColumn) -> float:
    return column.width or _WIDTHS.get(column.kind, _FIGURE_WIDTH)


def _spans(count: int, parts: int) -> list[tuple[int, int]]:
    """``parts`` runs of columns (first, last) splitting ``count`` columns, each one wide at
    least (past the table when it is narrower than ``parts``)."""
    if count < parts:
        return [(n, n) for n in range(1, parts + 1)]
    size, extra = divmod(count, parts)
    spans, first = [], 1
    for part in range(parts):
        last = first + size - 1 + (1 if part < extra else 0)
        spans.append((first, last))
        first = last + 1
    return spans


def _merge(ws, row: int, first: int, last: int) -> None:
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _write_heading(ws, summary: Summary, sheet: Sheet, *, width: int, actor, exported_at):
    """The title rows and the line naming the reporting unit, preparer and date."""
    put(ws, TITLE_ROW, 1, workbook_title(summary)).font = heading_font(16)
    put(ws, AREA_ROW, 1, str(sheet.title)).font = heading_font(12)
    for row, height in ((TITLE_ROW, 28), (AREA_ROW, 20)):
        ws.cell(row=row, column=1).alignment = CENTERED
        _merge(ws, row, 1, width)
        ws.row_dimensions[row].height = height
    prepared_on = timezone.localtime(exported_at, timezone.get_default_timezone()).date()
    facts = [
        gettext("Reporting unit: %(unit)s") % {"unit": summary.scope.name},
        gettext("Prepared by: %(person)s") % {"person": person_label(actor)},
        gettext("Prepared on: %(date)s") % {"date": prepared_on.isoformat()},
    ]
    for (first, last), fact, horizontal in zip(
        _spans(width, len(facts)), facts, ("left", "center", "right"), strict=True
    ):
        cell = put(ws, FACTS_ROW, first, fact)
        cell.alignment = Alignment(horizontal=horizontal, vertical="center")
        _merge(ws, FACTS_ROW, first, last)


def write_area(workbook: Workbook, summary: Summary, sheet: Sheet, *, actor, exported_at):
    ws = workbook.create_sheet(sheet_title(str(sheet.title)))
    with_code = sheet.row_level != SCHOOL
    labels = [row_label(sheet.row_level)] + ([gettext("Code")] if with_code else [])
    first = len(labels) + 1
    width = len(labels) + len(sheet.columns)
    _write_heading(ws, summary, sheet, width=width, actor=actor, exported_at=exported_at)

    headers = labels + [str(column.header) for column in sheet.columns]
    for number, header in enumerate(headers, start=1):
        cell = put(ws, HEADER_ROW, number, header)
        cell.font = BOLD
        cell.alignment = CENTERED
    # Tall enough for the longest wrapped header (programs do not grow it on opening).
    lines = max(
        (-(-display_width(str(c.header)) // (_width(c) - 3)) for c in sheet.columns), default=1
    )
    ws.row_dimensions[HEADER_ROW].height = 15 * max(lines, 2) + 4

    for index, row in enumerate(sheet.rows, start=FIRST_BODY_ROW):
        put(ws, index, 1, row.name)
        if with_code:
            put(ws, index, 2, row.code)
        for offset, column in enumerate(sheet.columns):
            number_format = _FORMATS.get(column.kind)
            put(ws, index, first + offset, row.values[column.key], number_format=number_format)
        if row.kind == RowKind.TOTAL:
            for number in range(1, width + 1):
                ws.cell(row=index, column=number).font = BOLD
    last_row = FIRST_BODY_ROW + len(sheet.rows) - 1
    for cells in ws.iter_rows(min_row=HEADER_ROW, max_row=last_row, max_col=width):
        for cell in cells:
            cell.border = THIN_BORDER

    ws.column_dimensions["A"].width = name_width(row.name for row in sheet.rows)
    if with_code:
        ws.column_dimensions["B"].width = 10
    for offset, column in enumerate(sheet.columns):
        ws.column_dimensions[get_column_letter(first + offset)].width = _width(column)
    # The header row and the names stay in view while scrolling; the title rows and the
    # header head every printed page.
    ws.freeze_panes = ws.cell(row=FIRST_BODY_ROW, column=2).coordinate
    print_setup(ws, title_rows=f"{TITLE_ROW}:{HEADER_ROW}")
