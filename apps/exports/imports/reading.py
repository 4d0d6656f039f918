"""Reading an uploaded file: checked first by ``apps.exports.uploads``, parsed after.

A hostile or oversized file is refused from its bytes before anything parses it; the
file's name is never trusted.
"""

from __future__ import annotations

import csv
import io
from typing import IO, TYPE_CHECKING, Any

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.exports.imports.cells import cell_text, normalize
from apps.exports.uploads import read_xlsx_upload, validate_csv_upload, validate_xlsx_upload

if TYPE_CHECKING:
    from apps.exports.imports.resources import ScopedResource

_ZIP_MAGIC = b"PK\x03\x04"
# Legacy .xls (OLE2): refused with the "save as .xlsx" message rather than the CSV one.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


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


def _csv_rows(file: IO[bytes], encoding: str) -> list[list[Any]]:
    """The rows of a CSV file that ``validate_csv_upload`` passed, in its encoding."""
    text = file.read().decode(encoding)
    return list(csv.reader(io.StringIO(text, newline="")))


def _is_workbook(file: IO[bytes]) -> bool:
    """Whether the file starts like a zip (or a legacy .xls): judged as a workbook, by its
    bytes, never its name. The file is left at its start."""
    file.seek(0)
    head = file.read(4)
    file.seek(0)
    return head in (_ZIP_MAGIC, _OLE_MAGIC)


def check_upload(file: IO[bytes], *, max_rows: int | None = None) -> str | None:
    """Refuse a hostile or oversized upload with ``apps.exports.uploads`` (raising its
    ValidationError) before anything parses it. A file starting like a zip (or a legacy
    .xls) is judged as a workbook, anything else as CSV; the name is never trusted.
    Returns None for a workbook, else the CSV's encoding; the file is left at its start.
    ``max_rows`` (default IMPORT_MAX_ROWS) bounds the rows counted: the import pages count
    only up to IMPORT_SYNC_MAX_ROWS during a request, and leave larger files to a job."""
    if _is_workbook(file):
        validate_xlsx_upload(file, max_rows=max_rows)
        return None
    return validate_csv_upload(file, max_rows=max_rows)


def read_raw(file: IO[bytes]) -> tablib.Dataset:
    """An uploaded .xlsx or .csv as rows, refused as ``check_upload`` refuses; a workbook's
    rows are read in the pass that counts them."""
    if _is_workbook(file):
        rows = read_xlsx_upload(file)
    else:
        rows = _csv_rows(file, validate_csv_upload(file))
    file.seek(0)
    return _raw_dataset(rows)


def read_upload(file: IO[bytes], resource: ScopedResource) -> tablib.Dataset:
    """The rows of an uploaded file for ``resource``, checked, parsed and normalized.

    Raises ValidationError (for the file field) when the file is refused, lacks a required
    column or has no rows.
    """
    return normalize(read_raw(file), resource.import_columns(), example=resource.example())
