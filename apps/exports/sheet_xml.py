"""The xlsx package of an export, written directly: one worksheet streamed row by row.

An xlsx file is a zip of XML parts. Every part but the worksheet is a few lines fixed by
the layout (the sheet's name, the column widths, the print setup), so they are written from
the templates below; the worksheet's rows are written as they come, each cell as the short
element Excel itself writes (inline text, numbers, booleans, date serials with a date
format), into a temporary file, then copied into the zip behind the worksheet's head once
the number of rows is known. One row is in memory at a time.

Why not a general writer library here: docs/adr/0025-export-sheet-written-directly.md.
``writers.write_xlsx`` is the only caller; everything it hands over is already escaped
against formula injection and holds no character XML forbids (``safety.escape_xlsx_text``).
"""

from __future__ import annotations

import datetime
import math
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from apps.core.money import XLSX_MONEY_FORMAT

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"

# Cell styles, by their index in styles.xml's cellXfs below.
STYLE_HEADER, STYLE_DATE, STYLE_DATETIME, STYLE_MONEY = 1, 2, 3, 4
_EXCEL_EPOCH = datetime.datetime(1899, 12, 30)
_SECONDS_A_DAY = 86400.0
# Fast, and the file stays small: the XML is repetitive (deflate level 6 saves ~5% more
# size for twice the time).
_DEFLATE_LEVEL = 1
_COPY_CHUNK = 1 << 20


@dataclass(frozen=True)
class SheetColumn:
    """A column as the sheet sees it: its header text (escaped), its width in characters,
    the style of its numbers (``STYLE_MONEY`` or none) and whether a date-time in it is
    shown as a date."""

    header: str
    width: float
    number_style: int | None = None
    dates_only: bool = False


def column_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _text(value: str) -> str:
    if "&" in value or "<" in value or ">" in value:
        value = escape(value)
    if value[0].isspace() or value[-1].isspace():
        return f'<is><t xml:space="preserve">{value}</t></is>'
    return f"<is><t>{value}</t></is>"


def _number(value) -> str:
    if value.__class__ is Decimal:
        if not value.is_finite():
            raise ValueError(f"A spreadsheet number cannot be {value}.")
        return format(value, "f")
    if value.__class__ is float and not math.isfinite(value):
        raise ValueError(f"A spreadsheet number cannot be {value}.")
    return repr(value)


def _serial(value: datetime.date | datetime.datetime) -> str:
    """Excel's day number of a date (1900 date system; dates after March 1900)."""
    if value.__class__ is datetime.date:
        return str((value - _EXCEL_EPOCH.date()).days)
    delta = value - _EXCEL_EPOCH
    return repr(delta.days + (delta.seconds + delta.microseconds / 1e6) / _SECONDS_A_DAY)


def cell_writer(
    letter: str, column: SheetColumn, to_text: Callable[[Any], str], local: Callable
) -> Callable[[str, Any], str]:
    """The function that turns a value into the column's cell XML at a row number (as
    text), or "" to leave the cell empty. ``to_text`` escapes text; ``local`` makes an aware
    date-time the portal's naive wall-clock time."""
    number_attr = f' s="{column.number_style}"' if column.number_style else ""
    moment_style = STYLE_DATE if column.dates_only else STYLE_DATETIME

    def cell(row: str, value: Any) -> str:
        kind = value.__class__
        if kind is str:
            if not value:
                return ""
            text = to_text(value)
            return f'<c r="{letter}{row}" t="inlineStr">{_text(text)}</c>' if text else ""
        if kind is int or kind is Decimal or kind is float:
            return f'<c r="{letter}{row}"{number_attr}><v>{_number(value)}</v></c>'
        if kind is bool:
            return f'<c r="{letter}{row}" t="b"><v>{int(value)}</v></c>'
        if kind is datetime.datetime:
            value = local(value)
            if column.dates_only:
                value = value.date()
            return f'<c r="{letter}{row}" s="{moment_style}"><v>{_serial(value)}</v></c>'
        if kind is datetime.date:
            return f'<c r="{letter}{row}" s="{STYLE_DATE}"><v>{_serial(value)}</v></c>'
        # A str subclass (a lazy translation) or anything else: its text.
        return cell(row, str(value)) if value is not None else ""

    return cell


def write_package(
    target: str | IO[bytes],
    *,
    title: str,
    columns: Sequence[SheetColumn],
    cells: Sequence[Callable[[str, Any], str]],
    rows: Iterable[Sequence[Any]],
) -> int:
    """Write the workbook to ``target`` (a path or a seekable binary file): the header row,
    then one row for each of ``rows``, each value through its column's ``cells`` function.
    Returns the number of data rows."""
    written = 0
    with tempfile.TemporaryFile() as body:
        write = body.write
        for written, row in enumerate(rows, start=1):
            number = str(written + 1)  # the header is row 1
            # A row of the wrong length is a ValueError (zip's strict).
            xml = "".join([cell(number, value) for cell, value in zip(cells, row, strict=True)])
            write(f'<row r="{number}">{xml}</row>'.encode())
        body.seek(0)
        with zipfile.ZipFile(
            target, "w", zipfile.ZIP_DEFLATED, compresslevel=_DEFLATE_LEVEL
        ) as package:
            for name, xml in _fixed_parts(title).items():
                package.writestr(name, xml)
            with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
                sheet.write(_sheet_head(columns, written).encode())
                shutil.copyfileobj(body, sheet, _COPY_CHUNK)
                sheet.write(_SHEET_TAIL.encode())
    return written


def _sheet_head(columns: Sequence[SheetColumn], count: int) -> str:
    last = column_letters(len(columns) - 1)
    widths = "".join(
        f'<col min="{index}" max="{index}" width="{_excel_width(column.width)}" customWidth="1"/>'
        for index, column in enumerate(columns, start=1)
    )
    header = "".join(
        f'<c r="{column_letters(index)}1" s="{STYLE_HEADER}" t="inlineStr">'
        f"{_text(column.header)}</c>"
        for index, column in enumerate(columns)
        if column.header
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{last}{count + 1}"/>'
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{widths}</cols>"
        f'<sheetData><row r="1">{header}</row>'
    )


def _excel_width(characters: float) -> float:
    # As Excel stores a width typed in its UI: the characters plus the cell padding
    # (5 pixels of a 7-pixel character), to 1/256 of a character.
    return math.trunc((characters * 7 + 5) / 7 * 256) / 256


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

# A4 landscape, one page wide and as many long as it takes, "page / pages" at the foot.
_SHEET_TAIL = (
    "</sheetData>"
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
    '<pageSetup paperSize="9" orientation="landscape" fitToHeight="0"/>'
    "<headerFooter><oddFooter>&amp;C&amp;P / &amp;N</oddFooter></headerFooter>"
    "</worksheet>"
)

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)

_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{_DOCUMENT}" Target="xl/workbook.xml"/>'
    "</Relationships>"
)

_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/>'
    "</Relationships>"
)

# The cell styles: 0 plain, 1 the bold wrapped header, 2 a date, 3 a date and time,
# 4 money (thousands separators and two decimals).
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="3">'
    f'<numFmt numFmtId="164" formatCode={quoteattr(DATE_FORMAT)}/>'
    f'<numFmt numFmtId="165" formatCode={quoteattr(DATETIME_FORMAT)}/>'
    f'<numFmt numFmtId="166" formatCode={quoteattr(XLSX_MONEY_FORMAT)}/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    "</cellStyleXfs>"
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" '
    'applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _workbook(title: str) -> str:
    sheet = quoteattr(title)
    # The header row printed on top of every page.
    print_titles = escape(f"'{title.replace(chr(39), chr(39) * 2)}'!$1:$1")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f'<sheets><sheet name={sheet} sheetId="1" r:id="rId1"/></sheets>'
        '<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'
        f"{print_titles}</definedName></definedNames>"
        "</workbook>"
    )


def _fixed_parts(title: str) -> dict[str, str]:
    return {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "xl/workbook.xml": _workbook(title),
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
        "xl/styles.xml": _STYLES,
    }
