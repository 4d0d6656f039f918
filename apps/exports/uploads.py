"""Checks that refuse a hostile spreadsheet before it is parsed in full.

An uploaded .xlsx is a zip of XML parts, and a small one can unpack to gigabytes (a zip bomb),
pull data from other workbooks (external links) or carry macros. Everything that can be
decided from the zip's central directory is decided there, before any part is inflated:
Python's zipfile never inflates an entry past the size its directory declares, so the declared
sizes bound the work that follows. Only then are the rows counted, streaming with openpyxl's
read-only mode, stopping at the first row over the cap. The file's name, its extension and the
browser's content type are never trusted.

Messages are in English source text, translated through gettext; each error carries a stable
``code`` (``not_xlsx``, ``zip_bomb``, ...) for callers and tests.
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# The parts every xlsx workbook has.
_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
# A real workbook has a few dozen parts; thousands of tiny entries only make work.
_MAX_ENTRIES = 2000
# The content-types part of a real workbook is a few kilobytes.
_MAX_CONTENT_TYPES_BYTES = 256 * 1024
# Content types that mean macros or ActiveX controls (.xlsm, .xltm, vbaProject.bin).
_MACRO_MARKERS = (b"macroenabled", b"vbaproject", b"activex")
# Encodings a Chinese office's CSV comes in, tried in this order; GB18030 covers GBK and GB2312.
CSV_ENCODINGS = ("utf-8-sig", "gb18030")


def _too_large(size: int, limit: int) -> ValidationError:
    return ValidationError(
        _("The file is %(size)s; at most %(limit)s may be uploaded."),
        code="too_large",
        params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
    )


def _too_many_rows(max_rows: int) -> ValidationError:
    return ValidationError(
        _("The file has more than %(max)d rows; split it into smaller files."),
        code="too_many_rows",
        params={"max": max_rows},
    )


def _size_of(upload: IO[bytes]) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        position = upload.tell()
        size = upload.seek(0, io.SEEK_END)
        upload.seek(position)
    return size


def _check_size(upload: IO[bytes]) -> None:
    size = _size_of(upload)
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > settings.IMPORT_MAX_BYTES:
        raise _too_large(size, settings.IMPORT_MAX_BYTES)


def _not_xlsx() -> ValidationError:
    return ValidationError(
        _("This is not an Excel workbook (.xlsx). Save it from Excel as .xlsx and try again."),
        code="not_xlsx",
    )


def _check_directory(archive: zipfile.ZipFile) -> None:
    """Refuse from the zip directory alone: not a workbook, a bomb, links or macros."""
    entries = archive.infolist()
    names = {entry.filename for entry in entries}
    if len(entries) > _MAX_ENTRIES or not all(part in names for part in _REQUIRED_PARTS):
        raise _not_xlsx()
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries)
    if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
        raise ValidationError(
            _("The workbook unpacks to %(size)s; at most %(limit)s is accepted."),
            code="too_big_unpacked",
            params={
                "size": filesizeformat(unpacked),
                "limit": filesizeformat(settings.IMPORT_MAX_UNPACKED_BYTES),
            },
        )
    if unpacked > settings.IMPORT_MAX_COMPRESSION_RATIO * max(packed, 1):
        raise ValidationError(
            _("The workbook is compressed suspiciously well, as a zip bomb is; it was refused."),
            code="zip_bomb",
        )
    lowered = [name.lower() for name in names]
    if any(name.startswith("xl/externallinks/") for name in lowered):
        raise ValidationError(
            _(
                "The workbook links to other workbooks (external links). Copy the values in "
                "and remove the links, then upload it again."
            ),
            code="external_links",
        )
    if any(name.endswith("vbaproject.bin") or name.startswith("xl/activex/") for name in lowered):
        raise _macros()
    content_types = archive.getinfo("[Content_Types].xml")
    if content_types.file_size > _MAX_CONTENT_TYPES_BYTES:
        raise _not_xlsx()
    declared = archive.read(content_types).lower()
    if any(marker in declared for marker in _MACRO_MARKERS):
        raise _macros()


def _macros() -> ValidationError:
    return ValidationError(
        _("The workbook contains macros. Save it as a plain .xlsx workbook and try again."),
        code="macros",
    )


def _count_xlsx_rows(upload: IO[bytes], max_rows: int, *, keep_first_sheet: bool) -> list[list]:
    """Refuse more than ``max_rows`` data rows (after each sheet's header row), counted
    while streaming; a sheet's declared dimension is ignored, since it may lie. With
    ``keep_first_sheet``, the first sheet's rows (its header first) are returned, read in the
    same pass."""
    from openpyxl import load_workbook

    workbook = load_workbook(upload, read_only=True, data_only=True, keep_links=False)
    kept: list[list] = []
    try:
        rows = 0
        for number, sheet in enumerate(workbook.worksheets):
            keep = keep_first_sheet and number == 0
            # Read every row present, not just the ones the <dimension> element admits to.
            sheet.reset_dimensions()
            for index, row in enumerate(sheet.iter_rows(values_only=True)):
                if keep:
                    kept.append(list(row))
                if index == 0:
                    continue
                rows += 1
                if rows > max_rows:
                    raise _too_many_rows(max_rows)
    finally:
        workbook.close()
    return kept


def validate_xlsx_upload(file: IO[bytes], *, max_rows: int | None = None) -> None:
    """Raise ValidationError unless ``file`` is a plain .xlsx workbook within the limits
    (IMPORT_MAX_BYTES, IMPORT_MAX_UNPACKED_BYTES, IMPORT_MAX_COMPRESSION_RATIO, ``max_rows``
    data rows, default IMPORT_MAX_ROWS). The file is left at its start."""
    _checked_xlsx(file, max_rows, keep_first_sheet=False)


def read_xlsx_upload(file: IO[bytes], *, max_rows: int | None = None) -> list[list]:
    """The first sheet's rows (its header row first) of a workbook that passes
    ``validate_xlsx_upload``, read in the same pass as its rows are counted."""
    return _checked_xlsx(file, max_rows, keep_first_sheet=True)


def _checked_xlsx(file: IO[bytes], max_rows: int | None, *, keep_first_sheet: bool) -> list[list]:
    max_rows = settings.IMPORT_MAX_ROWS if max_rows is None else max_rows
    _check_size(file)
    file.seek(0)
    try:
        if file.read(4) != b"PK\x03\x04":
            raise _not_xlsx()
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            _check_directory(archive)
        file.seek(0)
        return _count_xlsx_rows(file, max_rows, keep_first_sheet=keep_first_sheet)
    except ValidationError:
        raise
    except Exception as error:
        # A broken zip or XML part, a missing sheet, a bad CRC: not a workbook we can read.
        raise _not_xlsx() from error
    finally:
        file.seek(0)


def validate_csv_upload(file: IO[bytes], *, max_rows: int | None = None) -> str:
    """Raise ValidationError unless ``file`` is a CSV file in UTF-8 (with or without a byte
    order mark) or GB18030 with at most ``max_rows`` data rows (default IMPORT_MAX_ROWS);
    return the encoding to read it with. The file is left at its start."""
    max_rows = settings.IMPORT_MAX_ROWS if max_rows is None else max_rows
    _check_size(file)
    file.seek(0)
    # At most IMPORT_MAX_BYTES, checked above.
    data = file.read()
    file.seek(0)
    if b"\x00" in data or data.startswith(b"PK\x03\x04"):
        # NUL bytes mean a binary file; "PK" is a zip, most likely a workbook named .csv.
        raise ValidationError(
            _("This is not a CSV text file. Save it from Excel as CSV (UTF-8) and try again."),
            code="not_csv",
        )
    for encoding in CSV_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        break
    else:
        raise ValidationError(
            _("The file's characters are neither UTF-8 nor GB18030. Save it as CSV (UTF-8)."),
            code="encoding",
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for index, _row in enumerate(reader):
            # Row 0 is the header.
            if index > max_rows:
                raise _too_many_rows(max_rows)
    except csv.Error as error:
        raise ValidationError(
            _("The CSV file is malformed near line %(line)d."),
            code="malformed",
            params={"line": reader.line_num},
        ) from error
    return encoding
