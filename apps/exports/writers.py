"""Streaming spreadsheet writers: xlsx (XlsxWriter, constant-memory mode) and CSV (UTF-8
with a BOM).

Both take a list of ``Column`` specs and an iterator of row tuples, in the column order, as
``queryset.values_list(*accessors).iterator(chunk_size=...)`` yields them, and hold one row in
memory at a time. Every text cell goes through ``escape_cell``; numbers, Decimals and dates are
written as real numbers and dates, so officials can sum and sort them. Why XlsxWriter and what
constant-memory mode costs: docs/adr/0021-xlsxwriter-for-exports.md.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import IO, Any

import xlsxwriter
from django.utils import timezone

from apps.core.money import XLSX_MONEY_FORMAT
from apps.exports.safety import escape_cell, escape_xlsx_text


class CellType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    # An amount in yuan: a number, shown with thousands separators and two decimals.
    MONEY = "money"
    DATE = "date"
    DATETIME = "datetime"
    BOOLEAN = "boolean"


# Excel column widths (in characters) when a column names none.
_DEFAULT_WIDTHS = {
    CellType.TEXT: 16,
    CellType.INTEGER: 10,
    CellType.DECIMAL: 12,
    CellType.MONEY: 16,
    CellType.DATE: 12,
    CellType.DATETIME: 20,
    CellType.BOOLEAN: 8,
}
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
# Excel's own limit on a sheet name.
_MAX_SHEET_TITLE = 31
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
# XlsxWriter's paper code for A4, the paper every office prints on.
_PAPER_A4 = 9
_WORKBOOK_OPTIONS = {
    # One row in memory; the sheet's XML goes to a temporary file until close().
    "constant_memory": True,
    # Text is only ever text: never a formula, a hyperlink or a number guessed from it
    # (escape_cell already quotes formula starts; this is the second lock).
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


@dataclass(frozen=True)
class Column:
    """One exported column: its header, the ``values_list`` path it reads, its cell type, an
    optional width and an optional ``transform`` applied to each value (a choice label, a
    mask) before it is written. ``unmasked``: the column writes personal data in full (the
    viewer may see it), so the export is logged as unmasked."""

    header: Any
    accessor: str
    type: CellType = CellType.TEXT
    width: float | None = None
    transform: Callable[[Any], Any] | None = None
    unmasked: bool = False

    @property
    def excel_width(self) -> float:
        if self.width:
            return self.width
        # A Chinese character is about two characters wide.
        return max(_DEFAULT_WIDTHS[self.type], 2 * len(str(self.header)) + 2)


def accessors(columns: Sequence[Column]) -> list[str]:
    """The ``values_list`` arguments that yield rows in ``columns``' order."""
    return [column.accessor for column in columns]


def _local_naive(value: datetime.datetime) -> datetime.datetime:
    # Excel has no time zones: write the wall-clock time of the portal's zone.
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def sheet_title(title: str) -> str:
    """``title`` as Excel accepts a sheet name: no []:*?/\\ and at most 31 characters."""
    cleaned = str(title).translate(_SHEET_TITLE_FORBIDDEN).strip("' ") or "Sheet1"
    return cleaned[:_MAX_SHEET_TITLE]


def write_xlsx(
    target: str | IO[bytes],
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    *,
    title: str = "Sheet1",
) -> int:
    """Write a one-sheet workbook to ``target`` (a path or a seekable binary file) in
    constant memory: a bold, frozen header row repeated on every printed page, column
    widths, A4 landscape one page wide with page numbers, then ``rows``.
    Returns the number of data rows written."""
    workbook = xlsxwriter.Workbook(target, _WORKBOOK_OPTIONS)
    sheet = workbook.add_worksheet(sheet_title(title))
    _lay_out(workbook, sheet, columns)

    cells = _CellWriters(workbook, sheet)
    writers = [cells.for_column(index, column) for index, column in enumerate(columns)]
    count = 0
    for count, row in enumerate(rows, start=1):
        for write, value in zip(writers, row, strict=True):
            if value is not None:
                write(count, value)
    workbook.close()
    return count


def _lay_out(workbook, sheet, columns: Sequence[Column]) -> None:
    """The header row, widths and print setup; in constant-memory mode all of it must come
    before the first data row."""
    header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "vcenter"})
    for index, column in enumerate(columns):
        sheet.set_column(index, index, column.excel_width)
        sheet.write_string(0, index, escape_xlsx_text(str(column.header)), header)
    sheet.freeze_panes(1, 0)
    # Printed like an office's 报表: A4 landscape, all columns on one page wide, as many
    # pages long as it takes, the header row on top of each, "page / pages" at the foot.
    sheet.set_paper(_PAPER_A4)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.set_footer("&C&P / &N")


class _CellWriters:
    """One function per column that writes a value into its cell with the right type and
    format: the inner loop, so each is a closure with everything looked up beforehand."""

    def __init__(self, workbook, sheet):
        self.sheet = sheet
        self.date = workbook.add_format({"num_format": DATE_FORMAT})
        self.datetime = workbook.add_format({"num_format": DATETIME_FORMAT})
        self.money = workbook.add_format({"num_format": XLSX_MONEY_FORMAT})

    def for_column(self, col: int, column: Column) -> Callable[[int, Any], Any]:
        transform = column.transform
        if column.type == CellType.MONEY:
            write = self._typed(col, number_format=self.money)
        elif column.type == CellType.DATE:
            write = self._typed(col, datetime_format=self.date, as_date=True)
        else:
            write = self._typed(col)
        if transform is None:
            return write

        def write_transformed(row: int, value: Any) -> None:
            value = transform(value)
            if value is not None:
                write(row, value)

        return write_transformed

    def _typed(
        self, col: int, *, number_format=None, datetime_format=None, as_date: bool = False
    ) -> Callable[[int, Any], Any]:
        sheet = self.sheet
        write_string, write_number = sheet.write_string, sheet.write_number
        write_datetime, write_boolean = sheet.write_datetime, sheet.write_boolean
        date_format = datetime_format or self.date
        moment_format = datetime_format or self.datetime

        def write(row: int, value: Any) -> None:
            kind = value.__class__
            if kind is str:
                if value:
                    write_string(row, col, escape_xlsx_text(value))
            elif kind is int or kind is Decimal or kind is float:
                write_number(row, col, value, number_format)
            elif kind is bool:
                write_boolean(row, col, value)
            elif kind is datetime.datetime:
                value = _local_naive(value)
                if as_date:
                    write_datetime(row, col, value.date(), date_format)
                else:
                    write_datetime(row, col, value, moment_format)
            elif kind is datetime.date:
                write_datetime(row, col, value, date_format)
            else:
                # A str subclass (a lazy translation), or anything else: its text, escaped.
                text = escape_xlsx_text(str(value))
                if text:
                    write_string(row, col, text)

        return write


def _csv_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return escape_cell(value)
    if isinstance(value, datetime.datetime):
        return _local_naive(value).isoformat(sep=" ", timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        # Fixed-point, never "1E+2".
        return format(value, "f")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return value


def _csv_converter(column: Column) -> Callable[[Any], Any]:
    transform = column.transform
    if transform is None:
        return _csv_text

    def convert(value):
        return _csv_text(transform(value))

    return convert


def iter_csv(
    columns: Sequence[Column], rows: Iterable[Sequence[Any]], *, rows_per_chunk: int = 500
) -> Iterator[bytes]:
    """The CSV file as byte chunks: a UTF-8 byte order mark (so Excel reads Chinese
    correctly), the header, then ``rows``; for StreamingHttpResponse or a file."""
    yield codecs.BOM_UTF8
    converters = [_csv_converter(column) for column in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([escape_cell(str(column.header)) for column in columns])
    pending = 1
    for row in rows:
        writer.writerow([convert(value) for convert, value in zip(converters, row, strict=True)])
        pending += 1
        if pending >= rows_per_chunk:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    if pending or buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def write_csv(target: IO[bytes], columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> int:
    """Write the CSV file to a binary file; returns the number of data rows written."""
    counter = _Counter(rows)
    for chunk in iter_csv(columns, counter):
        target.write(chunk)
    return counter.count


class _Counter:
    """Counts the rows an iterator yields, without holding them."""

    def __init__(self, rows: Iterable[Sequence[Any]]):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def counted(
    rows: Iterable[Sequence[Any]], *, every: int, callback: Callable[[int], None]
) -> Iterator[Sequence[Any]]:
    """``rows`` unchanged, calling ``callback(rows_so_far)`` every ``every`` rows."""
    for done, row in enumerate(rows, start=1):
        yield row
        if done % every == 0:
            callback(done)
