"""The import part of bench (apps/devtools/import_bench.py): a school file previewed and
written through the background job's own path, as the county officer, and everything rolled
back, so ``make bench`` can be run again on the same seeded database."""

import io

import openpyxl
import pytest

from apps.devtools import import_bench, page_bench
from apps.exports.models import ImportJob, PendingImport
from apps.organizations.models import School
from tests.factories import division

pytestmark = pytest.mark.django_db


def test_the_file_has_the_import_templates_columns_and_one_county():
    sheet = openpyxl.load_workbook(io.BytesIO(import_bench.school_file("五华区", 3))).active
    rows = list(sheet.iter_rows(values_only=True))

    headers = rows[0]
    assert "学校名称" in headers and "所属县（市、区）" in headers
    county = headers.index("所属县（市、区）")
    assert [row[county] for row in rows[1:]] == ["五华区"] * 3
    assert len({row[headers.index("学校名称")] for row in rows[1:]}) == 3


def test_a_file_is_previewed_and_written_then_rolled_back(divisions):
    page_bench.county_user(division("530102"))
    schools = School.objects.count()

    result = import_bench.measure(page_bench.COUNTY_USERNAME, rows=5)

    assert result["preview_errors"] is False
    assert (result["written"], result["created"], result["rows"]) == (True, 5, 5)
    assert result["preview_seconds"] > 0 and result["commit_seconds"] > 0
    assert result["peak_mb"] >= result["baseline_mb"] > 0
    # Nothing stays: the benchmark database is as it was.
    assert School.objects.count() == schools
    assert not ImportJob.objects.exists()
    assert not PendingImport.objects.exists()
