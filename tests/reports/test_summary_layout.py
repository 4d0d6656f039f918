"""The summary's layout reads only the registry and the indicators: an area gets its sheet by
declaring summary columns, and ``Breakdown`` counts a figure in every row holding it."""

import io

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from openpyxl import load_workbook

from apps.organizations.indicators import Breakdown
from apps.reports.summary import FIRST_BODY_ROW, RowKind, summary_build, summary_workbook
from tests.factories import SchoolFactory, UserFactory, division

pytestmark = pytest.mark.django_db


def test_a_new_area_gets_its_sheet_by_declaring_summary_columns(divisions):
    official = UserFactory(role="official", division=division("530000"))

    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, "tests.core.sample_area"]):
        summary = summary_build(actor=official, scope=division("530100"), year=2018)
        content = io.BytesIO()
        summary_workbook(summary, content, actor=official, exported_at=timezone.now())

    sample = summary.sheets[-1]
    assert (sample.key, sample.section, sample.title) == ("sample_area", "sample", "Sample")
    # No breakdown declared: the totals row alone, equal to the area's indicators.
    assert [(row.kind, row.values) for row in sample.rows] == [(RowKind.TOTAL, {"year": 2018})]
    workbook = load_workbook(content)
    assert workbook.sheetnames[-1] == "Sample"
    ws = workbook["Sample"]
    assert ws.cell(row=FIRST_BODY_ROW, column=3).value == 2018


def test_a_breakdown_counts_a_figure_in_every_row_holding_it(divisions):
    wuhua = division("530102")
    school = SchoolFactory(county=wuhua)
    divisions_of = [("530100", "昆明市", "prefecture"), ("530102", "五华区", "county")]

    province = Breakdown(division("530000"), ["n"], divisions=divisions_of)
    province.add("530102", school.pk, n=2)
    province.add("530000", n=1)  # the province itself
    province.add("610102", n=9)  # outside the scope
    assert province.totals == {"n": 3}
    assert province.by_prefecture["530100"] == {"name": "昆明市", "n": 2}
    assert province.by_county["530102"] == {"name": "五华区", "n": 2}
    assert province.own == {"n": 1}
    assert "by_school" not in province.section()

    county = Breakdown(wuhua, ["n"], divisions=divisions_of[1:], schools=[(school.pk, "学校")])
    county.add("530102", school.pk, n=2)
    county.add("530102", n=1)  # the county itself: its own level
    section = county.section()
    assert section["by_school"] == {str(school.pk): {"name": "学校", "n": 2}}
    assert section["own"] == {"n": 1}
    assert section["by_county"]["530102"]["n"] == section["n"] == 3
