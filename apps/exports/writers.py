"""Streaming spreadsheet writers: xlsx (the sheet's XML written row by row,
``apps.exports.sheet_xml``) and CSV (UTF-8 with a BOM).

Both take a list of ``Column`` specs and an iterator of row tuples, in the column order, as
``queryset.values_list(*accessors).iterator(chunk_size=...)`` yields them, and hold one row in
memory at a time. Every text cell goes through ``escape_cell``; numbers, Decimals and dates are
written as real numbers and dates, so officials can sum and sort them. Why the xlsx is
written directly: docs/adr/0025-export-sheet-written-directly.md.
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

from django.utils import timezone

from apps.exports import sheet_xml
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
# Excel's own limit on a sheet name.
_MAX_SHEET_TITLE = 31
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


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
    sheet_columns = [
        sheet_xml.SheetColumn(
            header=escape_xlsx_text(str(column.header)),
            width=column.excel_width,
            number_style=sheet_xml.STYLE_MONEY if column.type == CellType.MONEY else None,
            dates_only=column.type == CellType.DATE,
        )
        for column in columns
    ]
    cells = [
        _transformed(
            sheet_xml.cell_writer(
                sheet_xml.column_letters(index), sheet_column, escape_xlsx_text, _local_naive
            ),
            column.transform,
        )
        for index, (column, sheet_column) in enumerate(zip(columns, sheet_columns, strict=True))
    ]
    return sheet_xml.write_package(
        target, title=sheet_title(title), columns=sheet_columns, cells=cells, rows=rows
    )


def _transformed(cell: Callable[[str, Any], str], transform) -> Callable[[str, Any], str]:
    if transform is None:
        return cell

    def transformed_cell(row: str, value: Any) -> str:
        value = transform(value)
        return "" if value is None else cell(row, value)

    return transformed_cell


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
