"""Spreadsheet imports, shared by every area that imports (schools, counselors, attendance)
on its portal page and in the admin, and the admin's exports through the same resources.

The path of a file, one module a step:

1. ``reading``: ``apps.exports.uploads`` refuses a hostile or oversized file from its bytes
   before anything parses it: ``read_upload`` for the portal, and the admin's ``CheckedXLSX``
   and ``CheckedCSV`` (``formats``), which check again each time django-import-export parses
   a file.
2. ``cells``: ``normalize`` maps the header row onto the resource's ``Column``s, makes every
   cell stripped text, drops blank rows and the template's untouched example row, and keeps
   each row's number in the sheet for the report. ``widgets`` turn that text into values.
3. ``resources``: a ``ScopedResource`` resolves references only inside the importer's scope
   (``lookups``, loaded once per file), finds existing rows only there, and writes through
   the area's services.
4. ``report``: ``run_import`` runs it in one transaction (a dry run always rolls back; a
   commit writes only when no row has an error and every row does what the preview said it
   would), and ``ImportReport`` lists every row with its cells (personal data masked) and
   its errors.

``template`` builds the workbook an area offers to fill in. The areas import what they need
from this package; the modules are its layout.
"""

from apps.exports.imports.cells import (
    FILE_LANGUAGE,
    NO,
    ROW,
    ROW_NUMBER,
    YES,
    Column,
    cell_text,
    header_key,
    normalize,
    repeated,
)
from apps.exports.imports.formats import CHECKED_FORMATS, CheckedCSV, CheckedXLSX
from apps.exports.imports.lookups import Lookup
from apps.exports.imports.reading import check_upload, read_raw, read_upload
from apps.exports.imports.report import (
    ImportReport,
    ReportRow,
    RowError,
    build_report,
    run_import,
)
from apps.exports.imports.resources import ScopedResource
from apps.exports.imports.template import XLSX_CONTENT_TYPE, template_notes, template_workbook
from apps.exports.imports.widgets import (
    BooleanWidget,
    CellWidget,
    ChoiceWidget,
    DateWidget,
    IntegerWidget,
    LookupWidget,
    TextWidget,
    YuanWidget,
    yes_no,
)

__all__ = [
    "CHECKED_FORMATS",
    "FILE_LANGUAGE",
    "NO",
    "ROW",
    "ROW_NUMBER",
    "XLSX_CONTENT_TYPE",
    "YES",
    "BooleanWidget",
    "CellWidget",
    "CheckedCSV",
    "CheckedXLSX",
    "ChoiceWidget",
    "Column",
    "DateWidget",
    "ImportReport",
    "IntegerWidget",
    "Lookup",
    "LookupWidget",
    "ReportRow",
    "RowError",
    "ScopedResource",
    "TextWidget",
    "YuanWidget",
    "build_report",
    "cell_text",
    "check_upload",
    "header_key",
    "normalize",
    "read_raw",
    "read_upload",
    "repeated",
    "run_import",
    "template_notes",
    "template_workbook",
    "yes_no",
]
