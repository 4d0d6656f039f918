"""The summary workbook: its sheets, its figures (those of ``indicators``), its scope, its
access rule, and text cells that cannot turn into formulas.

The demo data is seeded once for the module (it takes a while) inside a transaction that is
rolled back at the end; each test runs in its own savepoint on top of it.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.core import registry
from apps.core.people import person_label
from apps.exports.writers import sheet_title
from apps.organizations.choices import SchoolType
from apps.organizations.models import Division, School
from apps.reports.indicators import compute
from apps.reports.summary import FIRST_BODY_ROW, HEADER_ROW
from apps.reports.summary.build import BREAKDOWN, cell_value
from apps.titles.choices import Track
from tests.factories import SchoolFactory, UserFactory, division
from tests.factories.counselors import CounselorFactory
from tests.factories.inspections import (
    CampaignFactory,
    FindingFactory,
    InspectionFactory,
    RectificationOrderFactory,
)
from tests.factories.titles import ApplicantFactory, TitleApplicationFactory

URL = "/reports/summary.xlsx"


@pytest.fixture
def demo(demo_data, db):
    return None


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _download(client, user, **params):
    client.force_login(user, backend="apps.accounts.backends.PortalBackend")
    response = client.get(URL, params)
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return load_workbook(io.BytesIO(response.content))


def _body(ws) -> list[tuple]:
    return list(ws.iter_rows(min_row=FIRST_BODY_ROW, values_only=True))


def _sheets(workbook):
    """Each area declaring a sheet, with its worksheet (after the cover)."""
    return list(zip(registry.summary_sheets(), workbook.worksheets[1:], strict=True))


def _columns(area, row_level: str):
    return [column for column in area.summary_columns if column.shown_at(row_level)]


def _differences_from_indicators(workbook, *, scope_code: str, year: int, row_level: str):
    """Every cell that differs from the indicators: each row against the area's breakdown
    in ``compute(scope)``, a division's row also against ``compute(<that division>)``'s
    totals, the totals row against ``compute(scope)``'s totals."""
    computed: dict[str, dict] = {}

    def number(value):
        # Amounts come back from the file as floats.
        return Decimal(str(value)) if isinstance(value, float) else value

    def figures_of(code):
        if code not in computed:
            computed[code] = compute(scope=division(code), year=year)
        return computed[code]

    differences = []
    for area, ws in _sheets(workbook):
        section = figures_of(scope_code)[area.summary_section]
        columns = _columns(area, row_level)
        breakdown = section.get(BREAKDOWN[row_level])
        level = row_level
        if breakdown is None:  # an area without per-school figures: the county's row
            breakdown = {scope_code: section["by_county"][scope_code]}
            level = "county"
        label_columns = 1 if level == "school" else 2
        *rows, totals = [tuple(number(v) for v in row) for row in _body(ws)]
        area_rows = rows[: len(breakdown)]
        assert len(rows) - len(area_rows) <= 1  # the scope's own level, if anything
        assert [row[0] for row in area_rows] == [figures["name"] for figures in breakdown.values()]
        for index, column in enumerate(columns):
            cell = label_columns + index
            expected = cell_value(column, section.get(column.key))
            if totals[cell] != expected:
                differences.append(("totals", area.label, column.key, totals[cell], expected))
            for row, (key, figures) in zip(area_rows, breakdown.items(), strict=True):
                expected = cell_value(column, figures.get(column.key))
                if row[cell] != expected:
                    differences.append((key, area.label, column.key, row[cell], expected))
                if level == "school":
                    continue
                own = figures_of(key)[area.summary_section]
                expected = cell_value(column, own.get(column.key))
                if row[cell] != expected:
                    differences.append(("own", key, area.label, column.key, row[cell], expected))
    return differences


def test_the_summary_has_its_own_address_and_the_dashboard_keeps_its_own():
    assert reverse("reports:summary-xlsx") == URL
    assert reverse("reports:dashboard") == "/dashboard/"


def test_the_workbook_has_a_cover_and_one_sheet_per_declared_area(demo, client):
    official = _user("official")
    before = timezone.localtime().replace(tzinfo=None, microsecond=0)

    workbook = _download(client, official, year=2018)

    after = timezone.localtime().replace(tzinfo=None) + datetime.timedelta(seconds=1)
    with translation.override("zh-hans"):
        expected = [sheet_title(translation.gettext("Cover"))]
        expected += [sheet_title(str(area.summary_title)) for area in registry.summary_sheets()]
        portal = translation.gettext("Yunnan Young Pioneer Work Portal")
        funding = sheet_title(translation.gettext("Special funds"))
    assert workbook.sheetnames == expected
    assert funding in workbook.sheetnames
    assert [area.label for area in registry.summary_sheets()][:6] == [
        "organizations",
        "counselors",
        "training",
        "titles",
        "inspections",
        "funding",
    ]
    cover = workbook.worksheets[0]
    assert cover["A1"].value == portal
    assert cover["A2"].value == "云南省少先队工作汇总表（2018年）"
    facts = [row[1] for row in cover.iter_rows(min_row=4, max_col=2, values_only=True)]
    # The exporter named as 姓名（单位）.
    assert "（" in person_label(official)
    assert {"云南省", "530000", 2018, "official", person_label(official)} <= set(facts)
    # The time of export is Beijing time, as a real date-time cell.
    moments = [v for v in facts if isinstance(v, datetime.datetime) and v.year > 2018]
    assert len(moments) == 1
    assert before <= moments[0] <= after
    assert datetime.datetime(2018, 12, 31) in facts  # figures as of: a date cell


def test_every_sheet_prints_like_an_office_report(demo, client):
    user = _user("edu_kunming")
    today = timezone.localdate().isoformat()

    workbook = _download(client, user, year=2017)

    with translation.override("zh-hans"):
        for area, ws in _sheets(workbook):
            width = 2 + len(_columns(area, "county"))
            assert ws["A1"].value == "昆明市少先队工作汇总表（2017年）"
            assert ws["A2"].value == str(area.summary_title)
            merged = {str(cells) for cells in ws.merged_cells.ranges}
            last = get_column_letter(width)
            assert {f"A1:{last}1", f"A2:{last}2"} <= merged
            facts = [cell.value for cell in ws[3] if cell.value]
            assert facts == [
                "填报单位：昆明市",
                f"制表人：{person_label(user)}",
                f"制表日期：{today}",
            ]
            # The table has thin borders all round, its header on every printed page.
            for row in ws.iter_rows(min_row=HEADER_ROW, max_row=ws.max_row, max_col=width):
                for cell in row:
                    assert cell.border.left.style == "thin", cell.coordinate
                    assert cell.border.bottom.style == "thin", cell.coordinate
            assert ws.print_title_rows == f"$1:${HEADER_ROW}"
            assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
            assert ws.page_setup.orientation == "landscape"
            assert ws.page_setup.paperSize == int(ws.PAPERSIZE_A4)
            assert ws.page_setup.fitToWidth == 1
            assert ws.page_setup.fitToHeight == 0
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            assert ws.freeze_panes == f"B{FIRST_BODY_ROW}"


def test_every_area_sheet_has_a_frozen_header_and_numbers_stored_as_numbers(demo, client):
    workbook = _download(client, _user("edu_kunming"), year=2018)

    with translation.override("zh-hans"):
        for area, ws in _sheets(workbook):
            headers = [str(column.header) for column in _columns(area, "county")]
            header_row = [cell.value for cell in ws[HEADER_ROW]]
            assert header_row[2:] == headers
            assert all(cell.font.bold for cell in ws[HEADER_ROW])
            assert ws.column_dimensions["A"].width >= 12
            rows = _body(ws)
            assert len(rows) >= 15  # 14 counties and the totals
            for row in rows:
                assert isinstance(row[0], str)
                assert isinstance(row[1], str) and len(row[1]) == 6
                numbers = row[2:]
                assert all(v is None or type(v) in (int, float) for v in numbers), row
                if area.label != "funding":
                    assert all(v is None or type(v) is int for v in numbers), row


def test_a_province_workbook_has_a_row_per_prefecture_equal_to_the_indicators(demo, client):
    workbook = _download(client, _user("official"), year=2017)

    organizations = _body(workbook.worksheets[1])
    codes = [row[1] for row in organizations]
    prefectures = list(
        Division.objects.filter(parent_id="530000").order_by("code").values_list("code", flat=True)
    )
    assert len(prefectures) == 16
    # The prefectures, the province's own level (its own committee), the totals.
    assert codes == [*prefectures, "530000", "530000"]
    for _area, ws in _sheets(workbook):
        assert [row[1] for row in _body(ws)][:16] == prefectures
    assert (
        _differences_from_indicators(
            workbook, scope_code="530000", year=2017, row_level="prefecture"
        )
        == []
    )


def test_a_kunming_workbook_has_only_kunmings_counties_equal_to_the_indicators(demo, client):
    workbook = _download(client, _user("edu_kunming"), year=2018)

    kunming = set(Division.objects.filter(parent_id="530100").values_list("code", flat=True))
    for _area, ws in _sheets(workbook):
        codes = {row[1] for row in _body(ws)}
        assert codes - {"530100"} == kunming
        assert not any(code.startswith("5304") for code in codes)  # never Yuxi's
    assert (
        _differences_from_indicators(workbook, scope_code="530100", year=2018, row_level="county")
        == []
    )


def test_a_province_user_may_export_a_prefecture_of_the_province(demo, client):
    workbook = _download(client, _user("official"), year=2018, division="530400")

    codes = {row[1] for row in _body(workbook.worksheets[1])}
    assert codes - {"530400"} == set(
        Division.objects.filter(parent_id="530400").values_list("code", flat=True)
    )
    assert (
        _differences_from_indicators(workbook, scope_code="530400", year=2018, row_level="county")
        == []
    )


def test_the_funding_sheet_equals_the_funding_indicators(demo, client):
    workbook = _download(client, _user("official"), year=2017)

    funding = compute(scope=division("530000"), year=2017)["funding"]
    area = next(area for area in registry.summary_sheets() if area.label == "funding")
    ws = workbook.worksheets[1 + registry.summary_sheets().index(area)]
    *rows, totals = _body(ws)
    keys = [column.key for column in _columns(area, "prefecture")]
    assert keys == ["allocated_yuan", "disbursed_yuan", "to_schools_yuan", "recipients"]
    assert [Decimal(str(v)) for v in totals[2:5]] == [Decimal(funding[k]) for k in keys[:3]]
    assert totals[5] == funding["recipients"]
    assert Decimal(funding["allocated_yuan"]) > 0  # the demo's funds reach the sheet
    for row in rows:
        expected = funding["by_prefecture"][row[1]]
        assert [Decimal(str(v)) for v in row[2:5]] == [Decimal(expected[k]) for k in keys[:3]]
        assert row[5] == expected["recipients"]


@pytest.mark.parametrize("year", [2017, 2018])
def test_a_county_workbook_has_only_its_schools_and_adds_up_to_the_indicators(demo, client, year):
    workbook = _download(client, _user("edu_wuhua"), year=year)

    schools = set(School.objects.filter(county_id="530102").values_list("name", flat=True))
    assert schools
    assert (
        _differences_from_indicators(workbook, scope_code="530102", year=year, row_level="school")
        == []
    )
    figures = compute(scope=division("530102"), year=year)
    for area, ws in _sheets(workbook):
        *rows, totals = _body(ws)
        names = {row[0] for row in rows}
        if "by_school" not in figures[area.summary_section]:
            # An area without per-school figures (funds, awards, pairing): Wuhua's one row.
            assert [row[:2] for row in rows] == [("五华区", "530102")]
            with translation.override("zh-hans"):
                assert ws.cell(row=HEADER_ROW, column=1).value == translation.gettext("County")
            continue
        others = names - schools
        # Every school of Wuhua, nothing else but Wuhua's own level.
        assert schools <= names
        assert len(others) <= 1
        assert all("五华区" in name for name in others)
        # Per-school figures and the county's own row add up to the county's indicators.
        for index, column in enumerate(_columns(area, "school"), start=1):
            if column.kind != "integer" or totals[index] is None:
                continue
            values = [row[index] for row in rows if row[index] is not None]
            assert sum(values) == totals[index], (area.label, column.key)


def test_a_county_workbook_holds_per_school_figures(demo, client):
    school = School.objects.filter(county_id="530102", school_type="primary").first()
    SchoolFactory(name="测试完全中学", county=division("530102"), school_type="complete")

    workbook = _download(client, _user("edu_wuhua"), year=2018)

    organizations = {row[0]: row for row in _body(workbook.worksheets[1])}
    with translation.override("zh-hans"):
        assert organizations[school.name][1:3] == (str(SchoolType.PRIMARY.label), 1)
    counselors = {row[0]: row for row in _body(workbook.worksheets[2])}
    # Complete secondary schools are due no brigade counselor post: filled/ranked are blank.
    assert counselors["测试完全中学"][2:5] == (0, None, None)
    assert counselors[school.name][2] == 1


def _more_data(county_code: str) -> None:
    """More schools, counselors, title applications and inspection reports and orders in
    the county, in the year 2018."""
    county = division(county_code)
    campaign = CampaignFactory(division=division(f"{county_code[:4]}00"))
    for n in range(4):
        school = SchoolFactory(name=f"新增学校{n}", county=county)
        CounselorFactory.create_batch(2, school=school)
        applicant = ApplicantFactory(school=school)
        TitleApplicationFactory(applicant=applicant, year=2018, approved=True)
        TitleApplicationFactory(
            applicant=ApplicantFactory(school=school), year=2018, track=Track.SUBJECT
        )
        inspection = InspectionFactory(
            campaign=campaign,
            target_division=None,
            target_school=school,
            status="accepted",
            rating="good",
        )
        RectificationOrderFactory(finding=FindingFactory(inspection=inspection))


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("username", "division_code", "grown"),
    [
        ("official", None, "530102"),
        ("edu_kunming", None, "530102"),
        ("edu_wuhua", None, "530102"),
        ("official", "530400", "530402"),
    ],
)
def test_the_query_count_does_not_grow_with_the_data(demo, client, username, division_code, grown):
    client.force_login(_user(username), backend="apps.accounts.backends.PortalBackend")
    params = {"year": 2018, **({"division": division_code} if division_code else {})}
    _queries(client, params)  # caches warmed (sessions, the user, translations)
    small = _queries(client, params)
    before = School.objects.filter(county_id=grown).count()

    _more_data(grown)

    assert School.objects.filter(county_id=grown).count() == before + 4
    assert _queries(client, params) == small


def test_a_school_named_like_a_formula_comes_out_as_text(demo, client):
    hostile = '=HYPERLINK("http://evil.example/","点击")'
    SchoolFactory(name=hostile, county=division("530102"))
    SchoolFactory(name="#N/A", county=division("530102"))

    workbook = _download(client, _user("edu_wuhua"), year=2018)

    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
    cells = {cell.value: cell for cell in workbook.worksheets[1]["A"]}
    assert "'" + hostile in cells
    assert hostile not in cells
    assert cells["'" + hostile].data_type == "s"
    assert cells["#N/A"].data_type == "s"


def test_it_asks_a_signed_out_visitor_to_sign_in(demo, client):
    response = client.get(URL, {"year": 2018})

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("username", ["counselor", "inspector"])
def test_it_refuses_counselors_and_inspectors(demo, client, username):
    client.force_login(_user(username), backend="apps.accounts.backends.PortalBackend")

    assert client.get(URL, {"year": 2018}).status_code == 403


def test_it_refuses_staff_scoped_to_a_single_school(demo, client):
    school = School.objects.filter(county_id="530102").first()
    staff = UserFactory(username="school_staff", role=Role.EDUCATION, division=None, school=school)
    client.force_login(staff, backend="apps.accounts.backends.PortalBackend")

    assert client.get(URL, {"year": 2018}).status_code == 403


@pytest.mark.parametrize("code", ["530400", "530000", "532301", "999999"])
def test_it_refuses_a_division_outside_the_users_scope(demo, client, code):
    client.force_login(_user("edu_kunming"), backend="apps.accounts.backends.PortalBackend")

    assert client.get(URL, {"year": 2018, "division": code}).status_code == 404


@pytest.mark.parametrize("year", ["not-a-year", "2008", str(timezone.localdate().year + 1)])
def test_it_refuses_a_year_the_portal_does_not_cover(demo, client, year):
    client.force_login(_user("official"), backend="apps.accounts.backends.PortalBackend")

    assert client.get(URL, {"year": year}).status_code == 400


@pytest.mark.parametrize(("username", "offered"), [("official", True), ("counselor", False)])
def test_the_dashboard_offers_the_workbook_to_those_who_may_have_it(
    demo, client, username, offered
):
    client.force_login(_user(username), backend="apps.accounts.backends.PortalBackend")

    html = client.get(reverse("reports:dashboard"), {"year": 2017}).content.decode()

    assert ('data-action="summary-xlsx"' in html) is offered
    if offered:
        assert f'href="{URL}?year=2017"' in html
