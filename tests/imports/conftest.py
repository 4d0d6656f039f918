"""Files to import: workbooks and CSV files built from header and row lists, and hostile
ones made with the builders of tests/exports. Schools and counselors in and out of the
personas' scopes come from tests/counselors."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.counselors.conftest import (  # noqa: F401  (fixtures shared with the registry tests)
    panlong_counselor,
    panlong_school,
    wuhua_counselor,
    wuhua_school,
    yuxi_counselor,
    yuxi_school,
)
from tests.exports.test_uploads import rezip

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(headers, rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(headers, rows, encoding="utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def upload(content: bytes, name="导入.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


def zip_bomb(headers, rows) -> bytes:
    """A real workbook padded with megabytes of zeros that deflate to almost nothing."""
    return rezip(xlsx_bytes(headers, rows), add={"xl/media/padding.bin": b"\0" * (4 * 1024 * 1024)})


def with_macros(headers, rows) -> bytes:
    return rezip(xlsx_bytes(headers, rows), add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})


def with_external_link(headers, rows) -> bytes:
    return rezip(
        xlsx_bytes(headers, rows), add={"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}
    )


HOSTILE = {
    "zip_bomb": zip_bomb,
    "macros": with_macros,
    "external_links": with_external_link,
}


def errors_by_row(report):
    return {row.number: row.errors for row in report.rows}


def columns_with_errors(report, number):
    return {error.column for error in errors_by_row(report)[number]}


def workbook_rows(content: bytes, sheet=0):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [[cell.value for cell in row] for row in workbook.worksheets[sheet].iter_rows()]


@pytest.fixture
def wuhua_school_2(divisions):
    from tests.factories import SchoolFactory, division

    return SchoolFactory(name="五华区第二测试小学", county=division("530102"))
