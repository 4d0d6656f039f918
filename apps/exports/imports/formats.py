"""django-import-export formats for the admin that check a file before they parse it.

Whatever format the admin picks, a file is judged by its content and passes
``check_upload`` before it is parsed; exports escape every text cell against formulas.
"""

from __future__ import annotations

import io
from typing import IO

import tablib
from import_export.formats import base_formats

from apps.exports.choices import CONTENT_TYPES, ExportFormat
from apps.exports.imports.reading import check_upload, read_raw
from apps.exports.safety import escape_cell


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


class _CheckedFormat:
    """What both formats share: a file passes ``check_upload`` and is read by ``read_raw``
    whatever format was chosen, and an export escapes every text cell and header."""

    def check(self, file: IO[bytes]) -> None:
        """Refuse a hostile or oversized file (raising ValidationError) before it is stored."""
        check_upload(file)

    def create_dataset(self, in_stream, **kwargs):
        return read_raw(_as_file(in_stream))

    def export_data(self, dataset, **kwargs):
        return super().export_data(_escaped(dataset), **kwargs)


class CheckedXLSX(_CheckedFormat, base_formats.XLSX):
    """XLSX for the admin, judged by its content (see ``_CheckedFormat``)."""


class CheckedCSV(_CheckedFormat, base_formats.CSV):
    """CSV for the admin, checked like ``CheckedXLSX``; exports carry a byte order mark so
    Excel reads their Chinese."""

    CONTENT_TYPE = CONTENT_TYPES[ExportFormat.CSV]

    def is_binary(self):
        # The bytes reach create_dataset, so the encoding is detected, never assumed.
        return True

    def get_read_mode(self):
        return "rb"

    def export_data(self, dataset, **kwargs):
        return ("\ufeff" + super().export_data(dataset, **kwargs)).encode("utf-8")


CHECKED_FORMATS = [CheckedXLSX, CheckedCSV]
