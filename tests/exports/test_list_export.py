"""?format=xlsx|csv on a list page: exactly the filtered rows, in scope, masked, few queries."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.template import Context, Template
from django.test import RequestFactory
from openpyxl import load_workbook

from apps.accounts.choices import Role
from apps.exports.models import ExportJob
from tests.exports.conftest import export_queries, make_counselors
from tests.factories import UserFactory, division

# Columns of the counselor export (apps.counselors.exports.counselor_columns).
COUNTY, NAME, BIRTH_DATE, ID_NUMBER, PHONE = 1, 3, 6, 7, 8


@pytest.fixture
def people(divisions):
    """Counselors in Wuhua and Panlong (Kunming) and in Hongta (Yuxi)."""
    return {
        "wuhua": make_counselors("530102", 3, name="五华"),
        "panlong": make_counselors("530103", 2, name="盘龙"),
        "yuxi": make_counselors("530402", 2, name="红塔"),
    }


def xlsx_rows(response) -> list[tuple]:
    data = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(data)).active
    return list(sheet.iter_rows(values_only=True))


def csv_rows(response) -> list[list[str]]:
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_it_exports_exactly_the_filtered_rows_as_xlsx(people, edu_kunming, login, export_list):
    client = login(edu_kunming)

    response = client.get(export_list, {"county": "530102", "format": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment" in response["Content-Disposition"]
    header, *rows = xlsx_rows(response)
    assert len(header) == 13
    assert sorted(row[NAME] for row in rows) == ["五华0", "五华1", "五华2"]
    assert {row[COUNTY] for row in rows} == {"五华区"}


def test_the_export_never_leaves_the_users_scope(people, edu_wuhua, login, export_list):
    client = login(edu_wuhua)

    # A forged county outside the scope is an invalid choice and changes nothing.
    response = client.get(export_list, {"county": "530402", "format": "csv"})

    _header, *rows = csv_rows(response)
    assert sorted(row[NAME] for row in rows) == ["五华0", "五华1", "五华2"]


def test_the_csv_export_masks_id_numbers_and_phones_as_the_pages_do(
    people, edu_kunming, login, export_list
):
    client = login(edu_kunming)

    _header, *rows = csv_rows(client.get(export_list, {"format": "csv"}))

    assert len(rows) == 5
    ids = {row[ID_NUMBER] for row in rows}
    assert all("*" in value for value in ids)
    assert not ids & {c.id_number for c in people["wuhua"] + people["panlong"]}
    assert all("*" in row[PHONE] for row in rows)


def test_the_provincial_administrator_gets_full_id_numbers(
    people, province_admin, login, export_list
):
    client = login(province_admin)

    _header, *rows = csv_rows(client.get(export_list, {"format": "csv", "county": "530402"}))

    assert {row[ID_NUMBER] for row in rows} == {c.id_number for c in people["yuxi"]}


def test_it_writes_birth_dates_as_dates_for_those_who_may_see_them(
    people, province_admin, login, export_list
):
    client = login(province_admin)

    response = client.get(export_list, {"format": "xlsx", "county": "530103"})

    data = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(data)).active
    birth = sheet.cell(row=2, column=BIRTH_DATE + 1)
    assert birth.is_date
    assert birth.value.date() == min(c.birth_date for c in people["panlong"])


def test_it_writes_only_the_birth_year_for_masked_viewers(people, edu_kunming, login, export_list):
    client = login(edu_kunming)

    response = client.get(export_list, {"format": "xlsx", "county": "530103"})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    birth = sheet.cell(row=2, column=BIRTH_DATE + 1)
    youngest = min(c.birth_date for c in people["panlong"])
    assert birth.value == f"{youngest.year}-**-**"


def test_a_user_without_the_export_permission_gets_403(people, login, export_list):
    # Can read the list (a direct permission) but holds no export permission: no role group.
    user = UserFactory(username="reader", role=Role.COUNSELOR, division=division("530102"))
    user.groups.clear()
    user.user_permissions.add(Permission.objects.get(codename="view_counselor"))
    client = login(user)

    assert client.get(export_list).status_code == 200
    assert client.get(export_list, {"format": "xlsx"}).status_code == 403


def test_an_unknown_format_shows_the_page(people, edu_kunming, login, export_list):
    response = login(edu_kunming).get(export_list, {"format": "pdf"})

    assert response.content == b"the list page"


def test_a_short_list_never_becomes_a_job(people, edu_kunming, login, export_list, settings):
    settings.EXPORT_SYNC_MAX_ROWS = 5

    response = login(edu_kunming).get(export_list, {"format": "xlsx"})

    assert response.status_code == 200
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_export_query_count_does_not_grow_with_rows(
    divisions, edu_kunming, login, export_list, file_format
):
    client = login(edu_kunming)
    make_counselors("530102", 3)
    few = export_queries(client, export_list, file_format)

    make_counselors("530102", 150)
    make_counselors("530103", 150)
    many = export_queries(client, export_list, file_format)

    assert many == few


def test_the_export_links_keep_the_filters_and_drop_the_page():
    request = RequestFactory().get("/counselors/", {"county": "530102", "cursor": "abc"})

    rendered = Template("{% load exports %}{% export_url 'csv' %}").render(
        Context({"request": request})
    )

    assert rendered == "/counselors/?county=530102&amp;format=csv"
