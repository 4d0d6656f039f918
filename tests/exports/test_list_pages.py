"""Every list page exports exactly the rows its filters show, in the user's scope, as xlsx and
CSV: compared with the page's own rows, never another county's, forged filters ignored,
formula text quoted while numbers and dates stay numbers and dates, a constant number of
queries, and refused to visitors and to users without the right to export."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from apps.accounts.choices import Role
from apps.counselors.models import Counselor
from apps.exports.registry import get_definition
from apps.inspections.choices import CircularKind, InspectionStatus, Rating, RectificationStatus
from apps.inspections.models import Campaign, Circular, Inspection, RectificationOrder
from apps.organizations.models import School
from apps.titles.choices import ReviewLevel, Track
from apps.titles.models import TitleApplication
from apps.training.models import Attendance, Course
from tests.exports.conftest import export_queries, make_counselors
from tests.factories import SchoolFactory, UserFactory, division
from tests.factories.counselors import AttendanceFactory, CounselorFactory, CourseFactory
from tests.factories.inspections import (
    CampaignFactory,
    CircularFactory,
    FindingFactory,
    InspectionFactory,
    RectificationOrderFactory,
)
from tests.factories.titles import ApplicantFactory, TitleApplicationFactory

FORMATS = ["xlsx", "csv"]
# Text a spreadsheet would run as a formula, or that hides such a start.
DANGEROUS = ['=HYPERLINK("http://x","点击")', "+8613800000000", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@dataclass
class ListCase:
    """One list page and its data, made by the page's builder in BUILDERS.

    ``viewer`` sees ``expected`` under ``filters`` (and more without them); ``wuhua`` (a
    Wuhua county user, or for a counselor's own list the counselor) sees ``wuhua_rows``
    and never ``foreign_rows``, whatever ``forged`` filter it sends. A row is identified by
    the export's column ``key`` and, on the page, by its ``data-<attr>`` id read back as
    ``key_field``. ``grow(n)`` adds n rows the viewer sees; ``dangerous(text)`` adds one whose
    ``danger_column`` cell is ``text``; ``numeric`` maps column indexes to the kind of value
    they must stay (int, decimal, date, datetime).
    """

    url: str
    viewer: object
    filters: dict
    expected: set
    wuhua: object
    wuhua_rows: set
    foreign_rows: set
    forged: dict
    key: int
    model: type
    attr: str
    key_field: str
    grow: Callable[[int], None]
    dangerous: Callable[[str], None] | None = None
    danger_column: int | None = None
    numeric: dict = field(default_factory=dict)
    kind: str = ""


# Builders --------------------------------------------------------------------------------


def _kunming_and_wuhua(request):
    """The usual pair: a Kunming prefecture viewer and a Wuhua county user."""
    return request.getfixturevalue("edu_kunming"), request.getfixturevalue("edu_wuhua")


def schools_case(request) -> ListCase:
    edu_kunming, edu_wuhua = _kunming_and_wuhua(request)
    wuhua, panlong, hongta = division("530102"), division("530103"), division("530402")
    SchoolFactory(name="五华一小", county=wuhua, is_migrant_children_school=True)
    SchoolFactory(name="五华二小", county=wuhua)
    SchoolFactory(name="盘龙一小", county=panlong, is_migrant_children_school=True)
    SchoolFactory(name="红塔一小", county=hongta, is_migrant_children_school=True)
    return ListCase(
        kind="schools",
        url=reverse("organizations:school-list"),
        viewer=edu_kunming,
        filters={"is_migrant_children_school": "true"},
        expected={"五华一小", "盘龙一小"},
        wuhua=edu_wuhua,
        wuhua_rows={"五华一小", "五华二小"},
        foreign_rows={"盘龙一小", "红塔一小"},
        forged={"county": "530402"},
        key=2,
        model=School,
        attr="school",
        key_field="name",
        grow=lambda n: SchoolFactory.create_batch(n, county=wuhua),
        dangerous=lambda text: SchoolFactory(name=text, county=wuhua, squad_count=7),
        danger_column=2,
        numeric={8: "int", 9: "int"},
    )


def counselors_case(request) -> ListCase:
    edu_kunming, edu_wuhua = _kunming_and_wuhua(request)
    make_counselors("530102", 2, name="五华")
    make_counselors("530103", 2, name="盘龙")
    make_counselors("530402", 1, name="红塔")
    return ListCase(
        kind="counselors",
        url=reverse("counselors:counselor-list"),
        viewer=edu_kunming,
        filters={"county": "530103"},
        expected={"盘龙0", "盘龙1"},
        wuhua=edu_wuhua,
        wuhua_rows={"五华0", "五华1"},
        foreign_rows={"盘龙0", "盘龙1", "红塔0"},
        forged={"county": "530402"},
        key=3,
        model=Counselor,
        attr="counselor",
        key_field="name",
        grow=lambda n: make_counselors("530102", n, name="新"),
        dangerous=lambda text: CounselorFactory(name=text, school=SchoolFactory()),
        danger_column=3,
        numeric={},  # birth dates are masked to the year for this viewer
    )


def attendance_case(request) -> ListCase:
    edu_kunming, edu_wuhua = _kunming_and_wuhua(request)
    course, other = CourseFactory(), CourseFactory()
    wuhua, panlong = (
        SchoolFactory(county=division("530102")),
        SchoolFactory(county=division("530103")),
    )
    yuxi = SchoolFactory(county=division("530402"))
    for name, school in [
        ("五华甲", wuhua),
        ("五华乙", wuhua),
        ("盘龙甲", panlong),
        ("红塔甲", yuxi),
    ]:
        AttendanceFactory(course=course, counselor=CounselorFactory(name=name, school=school))
    # Another course's attendance never shows on this course's page or file.
    AttendanceFactory(course=other, counselor=CounselorFactory(name="别课", school=wuhua))

    def dangerous(text):
        AttendanceFactory(
            course=course,
            counselor=CounselorFactory(school=wuhua),
            certificate_number=text,
            hours=Decimal("12.5"),
        )

    return ListCase(
        kind="course-attendance",
        url=reverse("training:course-detail", args=[course.pk]),
        viewer=edu_kunming,
        filters={},
        expected={"五华甲", "五华乙", "盘龙甲"},
        wuhua=edu_wuhua,
        wuhua_rows={"五华甲", "五华乙"},
        foreign_rows={"盘龙甲", "红塔甲", "别课"},
        forged={"course": str(other.pk)},
        key=1,
        model=Attendance,
        attr="attendance",
        key_field="counselor__name",
        grow=lambda n: AttendanceFactory.create_batch(n, course=course, counselor__school=wuhua),
        dangerous=dangerous,
        danger_column=5,
        numeric={4: "decimal"},
    )


def title_queue_case(request) -> ListCase:
    edu_wuhua = request.getfixturevalue("edu_wuhua")
    wuhua, panlong = (
        SchoolFactory(county=division("530102")),
        SchoolFactory(county=division("530103")),
    )

    def waiting(name, school, **fields):
        return TitleApplicationFactory(
            applicant=ApplicantFactory(name=name, school=school),
            waiting_at=ReviewLevel.COUNTY,
            **fields,
        )

    waiting("五华甲", wuhua, year=2017)
    waiting("五华乙", wuhua, year=2018, track=Track.SUBJECT)
    waiting("盘龙甲", panlong, year=2017)
    # Waiting at the school, not at the county reviewer's level.
    TitleApplicationFactory(
        applicant=ApplicantFactory(name="五华丙", school=wuhua), waiting_at=ReviewLevel.SCHOOL
    )

    def dangerous(text):
        waiting(text, wuhua, year=2019)

    return ListCase(
        kind="title-queue",
        url=reverse("titles:review-queue"),
        viewer=edu_wuhua,
        filters={"year": "2017"},
        expected={"五华甲"},
        wuhua=edu_wuhua,
        wuhua_rows={"五华甲", "五华乙"},
        foreign_rows={"盘龙甲", "五华丙"},
        forged={"county": "530103", "applicant": "1"},
        key=0,
        model=TitleApplication,
        attr="application",
        key_field="applicant__name",
        grow=lambda n: TitleApplicationFactory.create_batch(
            n, applicant__school=wuhua, waiting_at=ReviewLevel.COUNTY
        ),
        dangerous=dangerous,
        danger_column=0,
        numeric={3: "int", 6: "int", 7: "int", 8: "datetime"},
    )


def my_applications_case(request) -> ListCase:
    request.getfixturevalue("divisions")
    school = SchoolFactory(county=division("530102"))
    applicant = ApplicantFactory(school=school)
    TitleApplicationFactory(applicant=applicant, year=2017, approved=True)
    TitleApplicationFactory(applicant=applicant, year=2018)
    # A colleague's application at the same school is never in this counselor's list.
    TitleApplicationFactory(applicant=ApplicantFactory(school=school), year=2016)
    years = iter(range(2030, 2200))
    return ListCase(
        kind="my-title-applications",
        url=reverse("titles:application-list"),
        viewer=applicant.user,
        filters={},
        expected={"2017", "2018"},
        wuhua=applicant.user,
        wuhua_rows={"2017", "2018"},
        foreign_rows={"2016"},
        forged={"applicant": "1", "year": "2016"},
        key=0,
        model=TitleApplication,
        attr="application",
        key_field="year",
        grow=lambda n: [
            TitleApplicationFactory(applicant=applicant, year=next(years), approved=True)
            for _ in range(n)
        ],
        numeric={0: "int", 5: "int", 6: "datetime"},
    )


def courses_case(request) -> ListCase:
    edu_wuhua = request.getfixturevalue("edu_wuhua")
    CourseFactory(name="二〇一六年省培", start_date=datetime.date(2016, 7, 11))
    CourseFactory(name="二〇一七年省培", start_date=datetime.date(2017, 7, 10))
    return ListCase(
        kind="courses",
        url=reverse("training:course-list"),
        viewer=edu_wuhua,
        filters={"year": "2017"},
        expected={"二〇一七年省培"},
        # Courses are provincial reference data: every course, with in-scope counts.
        wuhua=edu_wuhua,
        wuhua_rows={"二〇一六年省培", "二〇一七年省培"},
        foreign_rows=set(),
        forged={"plan": "999999"},
        key=0,
        model=Course,
        attr="course",
        key_field="name",
        grow=lambda n: CourseFactory.create_batch(n),
        dangerous=lambda text: CourseFactory(name=text, hours=Decimal("32.5"), capacity=80),
        danger_column=0,
        numeric={5: "date", 6: "date", 7: "decimal", 8: "int", 9: "int"},
    )


def _campaign(area: str, **fields) -> Campaign:
    return CampaignFactory(division=division(area), **fields)


def campaigns_case(request) -> ListCase:
    edu_kunming, edu_wuhua = _kunming_and_wuhua(request)
    _campaign("530102", name="五华督导2018", year=2018, start_date=datetime.date(2018, 5, 7))
    _campaign("530102", name="五华督导2017", year=2017, start_date=datetime.date(2017, 11, 1))
    _campaign("530103", name="盘龙督导2018", year=2018, start_date=datetime.date(2018, 5, 7))
    _campaign("530402", name="红塔督导2018", year=2018, start_date=datetime.date(2018, 5, 7))
    return ListCase(
        kind="inspection-campaigns",
        url=reverse("inspections:campaign-list"),
        viewer=edu_kunming,
        filters={"year": "2018"},
        expected={"五华督导2018", "盘龙督导2018"},
        wuhua=edu_wuhua,
        wuhua_rows={"五华督导2018", "五华督导2017"},
        foreign_rows={"盘龙督导2018", "红塔督导2018"},
        forged={"division": "530402", "status": "bogus"},
        key=0,
        model=Campaign,
        attr="campaign",
        key_field="name",
        grow=lambda n: [_campaign("530102") for _ in range(n)],
        dangerous=lambda text: _campaign("530102", name=text),
        danger_column=0,
        numeric={1: "int", 2: "date", 3: "date", 6: "int", 7: "int"},
    )


def _school_report(campaign, name, code, **fields) -> Inspection:
    school = SchoolFactory(name=name, county=division(code))
    return InspectionFactory(
        campaign=campaign, target_division=None, target_school=school, **fields
    )


def reports_case(request) -> ListCase:
    edu_kunming, edu_wuhua = _kunming_and_wuhua(request)
    campaign = _campaign("530000")
    yuxi_campaign = _campaign("530402")
    submitted = InspectionStatus.SUBMITTED
    day = datetime.date(2018, 5, 20)
    filed = {"status": submitted, "inspected_on": day, "rating": Rating.GOOD}
    _school_report(campaign, "五华受检甲", "530102", **filed)
    _school_report(campaign, "五华受检乙", "530102")
    _school_report(campaign, "盘龙受检甲", "530103", **filed)
    _school_report(yuxi_campaign, "红塔受检甲", "530402", **filed)
    return ListCase(
        kind="inspection-reports",
        url=reverse("inspections:inspection-list"),
        viewer=edu_kunming,
        filters={"status": submitted},
        expected={"五华受检甲", "盘龙受检甲"},
        wuhua=edu_wuhua,
        wuhua_rows={"五华受检甲", "五华受检乙"},
        foreign_rows={"盘龙受检甲", "红塔受检甲"},
        # A campaign the Wuhua user does not see is an invalid choice.
        forged={"campaign": str(yuxi_campaign.pk)},
        key=0,
        model=Inspection,
        attr="inspection",
        key_field="target_school__name",
        grow=lambda n: [_school_report(campaign, f"新校{i}", "530102") for i in range(n)],
        dangerous=lambda text: _school_report(campaign, text, "530102", inspected_on=day),
        danger_column=0,
        numeric={3: "date"},
    )


def _order(campaign, name, code, **fields) -> RectificationOrder:
    report = _school_report(campaign, name, code)
    return RectificationOrderFactory(finding=FindingFactory(inspection=report), **fields)


def orders_case(request) -> ListCase:
    edu_kunming, edu_wuhua = _kunming_and_wuhua(request)
    campaign, yuxi_campaign = _campaign("530000"), _campaign("530402")
    _order(campaign, "五华整改甲", "530102")
    _order(campaign, "五华整改乙", "530102", status=RectificationStatus.SUBMITTED)
    _order(campaign, "盘龙整改甲", "530103")
    _order(yuxi_campaign, "红塔整改甲", "530402")
    serial = itertools.count()
    return ListCase(
        kind="rectification-orders",
        url=reverse("inspections:order-list"),
        viewer=edu_kunming,
        filters={"status": RectificationStatus.OPEN},
        expected={"五华整改甲", "盘龙整改甲"},
        wuhua=edu_wuhua,
        wuhua_rows={"五华整改甲", "五华整改乙"},
        foreign_rows={"盘龙整改甲", "红塔整改甲"},
        forged={"campaign": str(yuxi_campaign.pk)},
        key=0,
        model=RectificationOrder,
        attr="order",
        key_field="target_school__name",
        grow=lambda n: [_order(campaign, f"新校{i}", "530102") for i in range(n)],
        dangerous=lambda text: _order(
            campaign, f"整改校{next(serial)}", "530102", requirement=text
        ),
        danger_column=6,
        numeric={2: "date", 3: "date"},
    )


def circulars_case(request) -> ListCase:
    edu_kunming, edu_wuhua = _kunming_and_wuhua(request)
    wuhua, panlong, yuxi = _campaign("530102"), _campaign("530103"), _campaign("530402")
    praise, published = CircularKind.PRAISE, {"is_published": True}
    day = datetime.date(2018, 7, 1)
    CircularFactory(campaign=wuhua, title="五华表扬", kind=praise, published_on=day, **published)
    CircularFactory(campaign=wuhua, title="五华批评")
    CircularFactory(campaign=panlong, title="盘龙表扬", kind=praise)
    CircularFactory(campaign=yuxi, title="红塔表扬", kind=praise)
    return ListCase(
        kind="circulars",
        url=reverse("inspections:circular-list"),
        viewer=edu_kunming,
        filters={"kind": praise},
        expected={"五华表扬", "盘龙表扬"},
        wuhua=edu_wuhua,
        wuhua_rows={"五华表扬", "五华批评"},
        foreign_rows={"盘龙表扬", "红塔表扬"},
        forged={"campaign": str(yuxi.pk)},
        key=0,
        model=Circular,
        attr="circular",
        key_field="title",
        grow=lambda n: CircularFactory.create_batch(n, campaign=wuhua),
        dangerous=lambda text: CircularFactory(
            campaign=wuhua, title=text, published_on=day, **published
        ),
        danger_column=0,
        numeric={4: "date"},
    )


BUILDERS = {
    "schools": schools_case,
    "counselors": counselors_case,
    "courses": courses_case,
    "course-attendance": attendance_case,
    "title-queue": title_queue_case,
    "my-title-applications": my_applications_case,
    "inspection-campaigns": campaigns_case,
    "inspection-reports": reports_case,
    "rectification-orders": orders_case,
    "circulars": circulars_case,
}
# Lists whose rows (not only counts) depend on the user's region or person.
SCOPED = [kind for kind in BUILDERS if kind != "courses"]
# Lists with a text column someone types in.
WITH_TEXT = [kind for kind in BUILDERS if kind != "my-title-applications"]


@pytest.fixture
def case(request, divisions) -> ListCase:
    return BUILDERS[request.param](request)


# Helpers ---------------------------------------------------------------------------------


def export(client, url, params, file_format) -> tuple[list, list[list]]:
    """The export's header and rows; xlsx cells keep their types, CSV cells are text."""
    response = client.get(url, {**params, "format": file_format})
    assert response.status_code == 200, response
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    if file_format == "csv":
        assert data.startswith(b"\xef\xbb\xbf")
        header, *rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
        return header, rows
    sheet = load_workbook(io.BytesIO(data)).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return header, rows


def keys(rows, column) -> set[str]:
    return {str(row[column]) for row in rows}


def page_keys(client, case: ListCase, params) -> set[str]:
    """The identifying values of the rows the list page shows under ``params``."""
    response = client.get(case.url, params)
    assert response.status_code == 200
    pks = re.findall(rf'data-{case.attr}="(\d+)"', response.content.decode())
    values = case.model.objects.filter(pk__in=pks).values_list(case.key_field, flat=True)
    return {str(value) for value in values}


# Tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("case", list(BUILDERS), indirect=True)
def test_the_export_holds_exactly_the_rows_the_filtered_page_shows(case, login, file_format):
    client = login(case.viewer)

    _header, rows = export(client, case.url, case.filters, file_format)

    assert keys(rows, case.key) == case.expected
    assert len(rows) == len(case.expected)
    assert keys(rows, case.key) == page_keys(client, case, case.filters)


@pytest.mark.parametrize("case", SCOPED, indirect=True)
def test_a_wuhua_users_export_never_holds_another_countys_rows(case, login):
    client = login(case.wuhua)

    _header, rows = export(client, case.url, {}, "xlsx")

    assert keys(rows, case.key) == case.wuhua_rows
    assert not keys(rows, case.key) & case.foreign_rows


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("case", SCOPED, indirect=True)
def test_a_forged_filter_outside_the_scope_yields_no_foreign_rows(case, login, file_format):
    client = login(case.wuhua)

    _header, rows = export(client, case.url, case.forged, file_format)

    assert not keys(rows, case.key) & case.foreign_rows
    assert keys(rows, case.key) <= case.wuhua_rows
    assert keys(rows, case.key) == page_keys(client, case, case.forged)


def _assert_kind(value, kind, file_format):
    if file_format == "csv":
        pattern = {
            "int": r"\d+",
            "decimal": r"\d+(\.\d+)?",
            "date": r"\d{4}-\d{2}-\d{2}",
            "datetime": r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}",
        }[kind]
        assert re.fullmatch(pattern, value), (value, kind)
    elif kind == "int":
        assert type(value) is int, (value, kind)
    elif kind == "decimal":
        assert isinstance(value, int | float) and not isinstance(value, bool), (value, kind)
    else:
        # openpyxl reads every date cell back as a datetime.
        assert isinstance(value, datetime.datetime), (value, kind)


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("case", WITH_TEXT, indirect=True)
def test_formula_text_is_quoted_while_numbers_and_dates_stay_typed(case, login, file_format):
    for text in DANGEROUS:
        case.dangerous(text)
    client = login(case.viewer)

    header, rows = export(client, case.url, {}, file_format)

    # Headers are quoted too, so none can start a formula.
    assert not any(str(cell)[0] in "=+-@\t\r" for cell in header)
    cells = [str(row[case.danger_column]) for row in rows]
    quoted = [cell for cell in cells if cell.startswith("'")]
    # Spreadsheet XML turns a lone CR into a line feed; what matters is the leading quote.
    assert sorted(cell[1:].strip() for cell in quoted) == sorted(t.strip() for t in DANGEROUS)
    assert not any(cell[:1] and cell[:1] in "=+-@\t\r" for cell in cells)
    dangerous_rows = [row for row in rows if str(row[case.danger_column]).startswith("'")]
    for row in dangerous_rows:
        for column, kind in case.numeric.items():
            _assert_kind(row[column], kind, file_format)


@pytest.mark.parametrize("case", ["my-title-applications"], indirect=True)
def test_a_counselors_own_list_keeps_years_counts_and_times_typed(case, login):
    _header, rows = export(login(case.viewer), case.url, {}, "xlsx")

    assert rows
    for row in rows:
        for column, kind in case.numeric.items():
            _assert_kind(row[column], kind, "xlsx")


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("case", list(BUILDERS), indirect=True)
def test_the_export_query_count_stays_the_same_as_rows_grow(case, login, file_format):
    client = login(case.viewer)
    few = export_queries(client, case.url, file_format)

    case.grow(30)
    many = export_queries(client, case.url, file_format)

    assert many == few


@pytest.mark.parametrize("case", list(BUILDERS), indirect=True)
def test_a_signed_out_visitor_is_sent_to_sign_in(case, client):
    response = client.get(case.url, {"format": "xlsx"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("case", list(BUILDERS), indirect=True)
def test_a_user_who_may_read_the_page_but_not_export_is_refused(case, login):
    definition = get_definition(case.kind)
    # The viewer's role and area, with the page's permissions only (no role group).
    reader = UserFactory(
        username="reader_only",
        role=case.viewer.role,
        division=case.viewer.division,
        school=case.viewer.school,
    )
    reader.groups.clear()
    reader.user_permissions.set(_permissions(definition.permissions))
    client = login(reader)
    page = client.get(case.url)

    response = client.get(case.url, {"format": "xlsx"})

    assert page.status_code == 200
    assert b"data-export-links" not in page.content
    assert response.status_code == 403


def _permissions(names) -> list[Permission]:
    perms = []
    for name in names:
        app_label, codename = str(name).split(".")
        perms.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return perms


@pytest.mark.parametrize("case", list(BUILDERS), indirect=True)
def test_the_page_offers_both_export_links_with_its_filters(case, login):
    response = login(case.viewer).get(case.url, case.filters)

    body = response.content.decode()
    assert "data-export-links" in body
    for file_format in FORMATS:
        link = re.search(rf'href="([^"]*)" data-export="{file_format}"', body).group(1)
        assert f"format={file_format}" in link
        for name, value in case.filters.items():
            assert f"{name}={value}" in link.replace("&amp;", "&")


def test_a_user_without_the_page_permission_is_refused_the_export(divisions, login):
    # A counselor may export lists (their own applications), not the counselor registry.
    counselor = UserFactory(
        username="counselor_only",
        role=Role.COUNSELOR,
        division=None,
        school=SchoolFactory(county=division("530102")),
    )

    response = login(counselor).get(reverse("counselors:counselor-list"), {"format": "csv"})

    assert response.status_code == 403


def test_an_inspector_reads_courses_but_may_not_export_who_attended(divisions, inspector, login):
    course = CourseFactory()
    client = login(inspector)
    url = reverse("training:course-detail", args=[course.pk])

    page = client.get(url)

    assert b"data-export-links" not in page.content
    assert client.get(url, {"format": "csv"}).status_code == 403
    assert client.get(reverse("training:course-list"), {"format": "csv"}).status_code == 200


def test_the_old_counselor_export_address_is_gone(divisions, edu_kunming, login):
    response = login(edu_kunming).get("/counselors/export/")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "persona", ["edu_wuhua", "league_kunming", "inspector", "official_kunming", "province_admin"]
)
def test_those_who_may_export_find_my_exports_in_the_menu(request, persona, login):
    body = login(request.getfixturevalue(persona)).get(reverse("reports:dashboard")).content

    assert f'href="{reverse("exports:job-list")}"'.encode() in body


def test_the_menu_has_no_exports_entry_for_those_who_may_not_export(divisions, login):
    user = UserFactory(username="no_exports", role=Role.EDUCATION, division=division("530102"))
    user.groups.clear()

    body = login(user).get(reverse("reports:dashboard")).content

    assert f'href="{reverse("exports:job-list")}"'.encode() not in body
