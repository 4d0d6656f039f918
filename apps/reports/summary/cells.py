"""Writing cells of the summary workbook: text escaped against formulas, numbers and dates
as themselves, and the print setup of an office's report (报表)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.fonts import DEFAULT_FONT

from apps.exports.safety import escape_cell

INTEGER_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
_ERROR_CODES = frozenset(ERROR_CODES)
# Faces of the workbook's default font (a bare Font() names none, and programs then fall
# back to a font of their own choosing).
_FACE = {"name": DEFAULT_FONT.name, "family": DEFAULT_FONT.family}
BOLD = Font(size=DEFAULT_FONT.size, bold=True, **_FACE)
CENTERED = Alignment(vertical="center", horizontal="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
_THIN = Side(style="thin")
THIN_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# Page n of N, in the footer of every printed page.
PAGE_FOOTER = "第 &P 页 共 &N 页"


def heading_font(size: int) -> Font:
    return Font(size=size, bold=True, **_FACE)


def put(sheet, row: int, column: int, value: Any, *, number_format: str | None = None):
    """Write one cell: text escaped against formulas and never read as an error code or a
    formula, numbers and dates as themselves."""
    cell = sheet.cell(row=row, column=column)
    if value is not None and not isinstance(value, int | float | Decimal | datetime.date):
        value = escape_cell(str(value))
        cell.value = value
        # openpyxl turns a text equal to an error code ("#N/A") into an error cell.
        if value in _ERROR_CODES:
            cell.data_type = "s"
    else:
        cell.value = value
        if number_format:
            cell.number_format = number_format
    return cell


def display_width(text: str) -> int:
    # A Chinese character is about two characters wide.
    return sum(2 if ord(character) >= 0x2E80 else 1 for character in text)


def name_width(names: Iterable[str]) -> float:
    longest = max((display_width(name) for name in names), default=8)
    return min(max(longest + 2, 12), 48)


def print_setup(ws, *, title_rows: str | None = None) -> None:
    """Print on landscape A4, every column on one page's width, ``title_rows`` heading
    every page and "第 n 页 共 N 页" at its foot."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = PAGE_FOOTER
    ws.evenFooter.center.text = PAGE_FOOTER
