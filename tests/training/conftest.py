"""Counselors in and out of the personas' scopes, and a provincial course to attend."""

import io
from decimal import Decimal

import openpyxl
import pytest

from tests.counselors.conftest import (  # noqa: F401  (fixtures shared with the registry tests)
    me,
    panlong_counselor,
    panlong_school,
    wuhua_counselor,
    wuhua_school,
    yuxi_counselor,
    yuxi_school,
)
from tests.factories.counselors import CourseFactory

HEADERS = ["身份证号", "姓名", "学时", "证书编号"]


@pytest.fixture
def course(divisions):
    return CourseFactory(hours=Decimal("40.0"))


def course_form(course, **changes):
    """The POST data of ``course``'s edit form, portal or admin, as loaded: its version
    included, and ``changes``."""
    data = {
        "plan": course.plan_id or "",
        "name": course.name,
        "category": course.category,
        "organiser": course.organiser,
        "start_date": course.start_date.isoformat(),
        "end_date": course.end_date.isoformat(),
        "hours": "40.0",
        "capacity": course.capacity,
        "mode": course.mode,
        "version": course.version,
    }
    return {**data, **changes}


def workbook_bytes(rows, headers=HEADERS) -> bytes:
    """An xlsx sign-in sheet with ``headers`` and ``rows`` (lists of cell values)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
