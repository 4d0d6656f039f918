"""The summary workbook: its sheets, its figures (those of ``indicators``), its scope, its
access rule, and text cells that cannot turn into formulas.

The demo data is seeded once for the module (it takes a while) inside a transaction that is
rolled back at the end; each test runs in its own savepoint on top of it.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.exports.writers import sheet_title
from apps.organizations.choices import SchoolType
from apps.organizations.models import Division, School
from apps.reports.indicators import compute
from apps.reports.summary import AREAS, SUM, lookup
from tests.factories import SchoolFactory, UserFactory, division

URL = "/reports/summary.xlsx"
# A query budget that holds for every scope: the rows never cost a query each.
MAX_QUERIES = 60


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_divisions", province="53", stdout=io.StringIO())
            call_command("seed_demo", stdout=io.StringIO())
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_data, db):
    return None


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _download(client, user, **params):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(URL, params)
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return load_workbook(io.BytesIO(response.content))


def _body(ws) -> list[tuple]:
    return list(ws.iter_rows(min_row=2, values_only=True))


def _as_number(value):
    return int(value) if isinstance(value, bool) else value


def _differences_from_compute(workbook, *, scope_code: str, year: int, row_level: str) -> list:
    """Every cell that differs from compute(): division rows against compute() of their
    division, the totals row against compute() of the scope."""
    label_columns = 1 if row_level == "school" else 2
    computed: dict[str, dict] = {}

    def figures_of(code):
        if code not in computed:
            computed[code] = compute(scope=division(code), year=year)
        return computed[code]

    differences = []
    for (key, _title, figures_for), ws in zip(AREAS, workbook.worksheets[1:], strict=True):
        *rows, totals = _body(ws)
        for index, figure in enumerate(figures_for(row_level)):
            column = label_columns + index
            path = figure.total_path(scope_code)
            if path is not None:
                expected = _as_number(lookup(figures_of(scope_code), path))
                if totals[column] != expected:
                    differences.append(("totals", key, figure.key, totals[column], expected))
            if row_level == "school":
                continue
            for row in rows:
                code = row[1]
                if code == scope_code:
                    continue  # the scope's own level: checked by adding up
                row_path = figure.row_path(code)
                expected = _as_number(lookup(figures_of(code), row_path)) if row_path else None
                if row[column] != expected:
                    differences.append((code, key, figure.key, row[column], expected))
    return differences


def test_the_summary_has_its_own_address_and_the_dashboard_keeps_its_own():
    assert reverse("reports:summary-xlsx") == URL
    assert reverse("reports:dashboard") == "/dashboard/"


def test_the_workbook_has_a_cover_and_one_sheet_per_area(demo, client):
    official = _user("official")
    before = timezone.localtime().replace(tzinfo=None, microsecond=0)

    workbook = _download(client, official, year=2018)

    after = timezone.localtime().replace(tzinfo=None) + datetime.timedelta(seconds=1)
    with translation.override("zh-hans"):
        expected = [sheet_title(translation.gettext("Cover"))]
        expected += [sheet_title(str(title)) for _key, title, _figures in AREAS]
        portal = translation.gettext("Yunnan Young Pioneer Work Portal")
    assert workbook.sheetnames == expected
    cover = workbook.worksheets[0]
    assert cover["A1"].value == portal
    facts = [row[1] for row in cover.iter_rows(min_row=4, max_col=2, values_only=True)]
    assert {"云南省", "530000", 2018, "official", official.get_full_name()} <= set(facts)
    # The time of export is Beijing time, as a real date-time cell.
    moments = [v for v in facts if isinstance(v, datetime.datetime) and v.year > 2018]
    assert len(moments) == 1
    assert before <= moments[0] <= after
    assert datetime.datetime(2018, 12, 31) in facts  # figures as of: a date cell


def test_every_area_sheet_has_a_frozen_header_and_numbers_stored_as_numbers(demo, client):
    workbook = _download(client, _user("edu_kunming"), year=2018)

    with translation.override("zh-hans"):
        for (_key, _title, figures_for), ws in zip(AREAS, workbook.worksheets[1:], strict=True):
            headers = [str(figure.header) for figure in figures_for("county")]
            header_row = [cell.value for cell in ws[1]]
            assert header_row[2:] == headers
            assert all(cell.font.bold for cell in ws[1])
            assert ws.freeze_panes == "B2"
            assert ws.column_dimensions["A"].width >= 12
            rows = _body(ws)
            assert len(rows) >= 15  # 14 counties and the totals
            for row in rows:
                assert isinstance(row[0], str)
                assert isinstance(row[1], str) and len(row[1]) == 6
                numbers = row[2:]
                assert all(v is None or type(v) is int for v in numbers), row
                assert any(type(v) is int for v in numbers)


def test_a_province_workbook_has_a_row_per_prefecture_equal_to_compute(demo, client):
    workbook = _download(client, _user("official"), year=2017)

    organizations = _body(workbook.worksheets[1])
    codes = [row[1] for row in organizations]
    prefectures = list(
        Division.objects.filter(parent_id="530000").order_by("code").values_list("code", flat=True)
    )
    assert len(prefectures) == 16
    # The prefectures, the province's own level (its own committee), the totals.
    assert codes == [*prefectures, "530000", "530000"]
    assert (
        _differences_from_compute(workbook, scope_code="530000", year=2017, row_level="prefecture")
        == []
    )


def test_a_kunming_workbook_has_only_kunmings_counties_equal_to_compute(demo, client):
    workbook = _download(client, _user("edu_kunming"), year=2018)

    kunming = set(Division.objects.filter(parent_id="530100").values_list("code", flat=True))
    for ws in workbook.worksheets[1:]:
        codes = {row[1] for row in _body(ws)}
        assert codes - {"530100"} == kunming
        assert not any(code.startswith("5304") for code in codes)  # never Yuxi's
    assert (
        _differences_from_compute(workbook, scope_code="530100", year=2018, row_level="county")
        == []
    )


def test_a_province_user_may_export_a_prefecture_of_the_province(demo, client):
    workbook = _download(client, _user("official"), year=2018, division="530400")

    codes = {row[1] for row in _body(workbook.worksheets[1])}
    assert codes - {"530400"} == set(
        Division.objects.filter(parent_id="530400").values_list("code", flat=True)
    )
    assert (
        _differences_from_compute(workbook, scope_code="530400", year=2018, row_level="county")
        == []
    )


@pytest.mark.parametrize("year", [2017, 2018])
def test_a_county_workbook_has_only_its_schools_and_adds_up_to_compute(demo, client, year):
    workbook = _download(client, _user("edu_wuhua"), year=year)

    schools = set(School.objects.filter(county_id="530102").values_list("name", flat=True))
    assert schools
    assert (
        _differences_from_compute(workbook, scope_code="530102", year=year, row_level="school")
        == []
    )
    for (key, _title, figures_for), ws in zip(AREAS, workbook.worksheets[1:], strict=True):
        *rows, totals = _body(ws)
        names = {row[0] for row in rows}
        others = names - schools
        # Every school of Wuhua, nothing else but Wuhua's own level.
        assert schools <= names
        assert len(others) <= 1
        assert all("五华区" in name for name in others)
        # Per-school figures and the county's own row add up to the county's indicators.
        for index, figure in enumerate(figures_for("school"), start=1):
            if figure.type != "integer" or (figure.total != SUM and not figure.total_path("")):
                continue
            column = [row[index] for row in rows if row[index] is not None]
            assert sum(column) == totals[index], (key, figure.key)


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


@pytest.mark.parametrize(
    ("username", "division_code"),
    [("official", None), ("edu_kunming", None), ("edu_wuhua", None), ("official", "530100")],
)
def test_the_query_count_does_not_grow_with_the_rows(
    demo, client, django_assert_max_num_queries, username, division_code
):
    client.force_login(_user(username), backend="django.contrib.auth.backends.ModelBackend")
    params = {"year": 2018, **({"division": division_code} if division_code else {})}

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL, params)

    assert response.status_code == 200


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
    client.force_login(_user(username), backend="django.contrib.auth.backends.ModelBackend")

    assert client.get(URL, {"year": 2018}).status_code == 403


def test_it_refuses_staff_scoped_to_a_single_school(demo, client):
    school = School.objects.filter(county_id="530102").first()
    staff = UserFactory(username="school_staff", role=Role.EDUCATION, division=None, school=school)
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")

    assert client.get(URL, {"year": 2018}).status_code == 403


@pytest.mark.parametrize("code", ["530400", "530000", "532301", "999999"])
def test_it_refuses_a_division_outside_the_users_scope(demo, client, code):
    client.force_login(_user("edu_kunming"), backend="django.contrib.auth.backends.ModelBackend")

    assert client.get(URL, {"year": 2018, "division": code}).status_code == 404


@pytest.mark.parametrize("year", ["not-a-year", "2008", str(timezone.localdate().year + 1)])
def test_it_refuses_a_year_the_portal_does_not_cover(demo, client, year):
    client.force_login(_user("official"), backend="django.contrib.auth.backends.ModelBackend")

    assert client.get(URL, {"year": year}).status_code == 400


@pytest.mark.parametrize(("username", "offered"), [("official", True), ("counselor", False)])
def test_the_dashboard_offers_the_workbook_to_those_who_may_have_it(
    demo, client, username, offered
):
    client.force_login(_user(username), backend="django.contrib.auth.backends.ModelBackend")

    html = client.get(reverse("reports:dashboard"), {"year": 2017}).content.decode()

    assert ('data-action="summary-xlsx"' in html) is offered
    if offered:
        assert f'href="{URL}?year=2017"' in html
