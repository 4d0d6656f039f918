"""Birth dates, ID numbers and phones are masked on every page, export and admin view, except
for the holder of counselors.view_full_id_number (the provincial administrator) and, for the
birth date and the phone, the counselor themself."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from apps.counselors.exports import counselor_columns
from apps.counselors.masking import mask_birth_date, mask_id_number, mask_phone
from apps.counselors.permissions import Perm
from apps.exports.writers import CellType
from tests.counselors.conftest import edit_data
from tests.factories.counselors import make_id_number

MASKING_PERSONAS = ["edu_province", "edu_kunming", "edu_wuhua", "league_kunming"]


def pages(counselor):
    return [
        reverse("counselors:counselor-list"),
        reverse("counselors:counselor-detail", args=[counselor.pk]),
        reverse("admin:counselors_counselor_changelist"),
        reverse("admin:counselors_counselor_change", args=[counselor.pk]),
    ]


def export_cells(client, file_format="xlsx"):
    """Every cell of the counselor list's export, as text."""
    response = client.get(reverse("counselors:counselor-list"), {"format": file_format})
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    if file_format == "csv":
        rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
        return {cell for row in rows for cell in row if cell}
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value}


def test_only_the_provincial_administrator_holds_the_full_id_permission(
    province_admin, edu_province, league_province, inspector, official_kunming, me
):
    assert province_admin.has_perm(Perm.VIEW_FULL_ID_NUMBER)
    for user in (edu_province, league_province, inspector, official_kunming, me):
        assert not user.has_perm(Perm.VIEW_FULL_ID_NUMBER)


@pytest.mark.parametrize("persona", MASKING_PERSONAS)
def test_staff_see_masked_numbers_on_every_page(request, login, persona, wuhua_counselor):
    client = login(request.getfixturevalue(persona))
    full_id, full_phone = wuhua_counselor.id_number, wuhua_counselor.phone

    for url in pages(wuhua_counselor):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert full_id not in body, url
        assert full_phone not in body, url
        assert mask_id_number(full_id) in body, url
        assert mask_phone(full_phone) in body, url


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
@pytest.mark.parametrize("persona", MASKING_PERSONAS)
def test_staff_exports_are_masked(request, login, persona, wuhua_counselor, file_format):
    cells = export_cells(login(request.getfixturevalue(persona)), file_format)

    assert wuhua_counselor.id_number not in cells
    assert wuhua_counselor.phone not in cells
    assert mask_id_number(wuhua_counselor.id_number) in cells
    assert mask_phone(wuhua_counselor.phone) in cells


def test_the_edit_form_never_carries_the_full_numbers(login, edu_wuhua, wuhua_counselor):
    response = login(edu_wuhua).get(
        reverse("counselors:counselor-update", args=[wuhua_counselor.pk])
    )
    body = response.content.decode()

    assert wuhua_counselor.id_number not in body
    assert wuhua_counselor.phone not in body
    assert mask_id_number(wuhua_counselor.id_number) in body


def test_the_administrator_sees_full_numbers_everywhere(login, province_admin, wuhua_counselor):
    client = login(province_admin)

    for url in [
        *pages(wuhua_counselor),
        reverse("counselors:counselor-update", args=[wuhua_counselor.pk]),
    ]:
        body = client.get(url).content.decode()
        assert wuhua_counselor.id_number in body, url
        assert wuhua_counselor.phone in body, url
    assert wuhua_counselor.id_number in export_cells(client)


def test_a_counselor_sees_their_own_phone_but_a_masked_id(login, me, wuhua_counselor):
    body = login(me).get(reverse("counselors:counselor-me")).content.decode()

    assert wuhua_counselor.phone in body
    assert wuhua_counselor.id_number not in body
    assert mask_id_number(wuhua_counselor.id_number) in body


def test_the_admin_read_only_page_shows_masked_values(login, league_kunming, wuhua_counselor):
    # League staff hold only the view permission, so the admin renders a read-only page.
    response = login(league_kunming).get(
        reverse("admin:counselors_counselor_change", args=[wuhua_counselor.pk])
    )
    body = response.content.decode()

    assert response.status_code == 200
    assert 'name="id_number"' not in body
    assert wuhua_counselor.id_number not in body
    assert mask_id_number(wuhua_counselor.id_number) in body


def test_the_admin_lists_only_counselors_in_scope(
    login, edu_wuhua, wuhua_counselor, panlong_counselor
):
    client = login(edu_wuhua)
    response = client.get(reverse("admin:counselors_counselor_changelist"))

    assert list(response.context["cl"].result_list) == [wuhua_counselor]
    change = reverse("admin:counselors_counselor_change", args=[panlong_counselor.pk])
    assert client.get(change).status_code == 404


def test_the_admin_keeps_a_masked_id_when_edited_without_retyping_it(
    login, edu_wuhua, wuhua_counselor
):
    url = reverse("admin:counselors_counselor_change", args=[wuhua_counselor.pk])
    data = edit_data(wuhua_counselor, birth_date=wuhua_counselor.birth_date.isoformat(), user="")
    before = (wuhua_counselor.id_number, wuhua_counselor.phone)

    response = login(edu_wuhua).post(url, data)

    assert response.status_code == 302
    wuhua_counselor.refresh_from_db()
    assert wuhua_counselor.name == "张丽新"
    assert (wuhua_counselor.id_number, wuhua_counselor.phone) == before
    assert wuhua_counselor.updated_by == edu_wuhua


# Birth dates ------------------------------------------------------------------------------
# The month and day are the hidden middle of a masked ID number, so they are masked with it.


def full_birth_date(counselor) -> str:
    return counselor.birth_date.isoformat()


def masked_birth_date(counselor) -> str:
    return f"{counselor.birth_date.year}-**-**"


def test_a_birth_date_is_masked_to_its_year(wuhua_counselor):
    assert mask_birth_date(datetime.date(1985, 5, 12)) == "1985-**-**"
    for written in ("1985-05-12", "1985/5/12", "19850512", "1985年5月12日"):
        assert mask_birth_date(written) == "1985-**-**"
    assert mask_birth_date("12/05/1985") == "**/**/****"
    assert mask_birth_date(None) == ""


@pytest.mark.parametrize("persona", MASKING_PERSONAS)
def test_staff_see_only_the_birth_year_on_every_page(request, login, persona, wuhua_counselor):
    client = login(request.getfixturevalue(persona))

    for url in pages(wuhua_counselor):
        body = client.get(url).content.decode()
        assert full_birth_date(wuhua_counselor) not in body, url
    detail = client.get(reverse("counselors:counselor-detail", args=[wuhua_counselor.pk]))
    assert f"<dd data-birth-date>{masked_birth_date(wuhua_counselor)}</dd>" in (
        detail.content.decode()
    )
    changelist = client.get(reverse("admin:counselors_counselor_changelist"))
    assert masked_birth_date(wuhua_counselor) in changelist.content.decode()


def test_the_administrator_and_the_counselor_see_the_full_birth_date(
    login, province_admin, me, wuhua_counselor
):
    admin_client = login(province_admin)
    for url in [
        reverse("counselors:counselor-detail", args=[wuhua_counselor.pk]),
        reverse("admin:counselors_counselor_changelist"),
    ]:
        body = admin_client.get(url).content.decode()
        assert full_birth_date(wuhua_counselor) in body, url
        assert masked_birth_date(wuhua_counselor) not in body, url
    for url in [
        reverse("counselors:counselor-update", args=[wuhua_counselor.pk]),
        reverse("admin:counselors_counselor_change", args=[wuhua_counselor.pk]),
    ]:
        response = admin_client.get(url)
        form = response.context["adminform"].form if "adminform" in response.context else None
        form = form or response.context["form"]
        assert form["birth_date"].value() == wuhua_counselor.birth_date, url
        assert masked_birth_date(wuhua_counselor) not in response.content.decode(), url

    body = login(me).get(reverse("counselors:counselor-me")).content.decode()
    assert f"<dd data-birth-date>{full_birth_date(wuhua_counselor)}</dd>" in body


def test_a_county_user_sees_no_birth_date_in_the_edit_forms(login, edu_wuhua, wuhua_counselor):
    client = login(edu_wuhua)

    for url in [
        reverse("counselors:counselor-update", args=[wuhua_counselor.pk]),
        reverse("admin:counselors_counselor_change", args=[wuhua_counselor.pk]),
    ]:
        response = client.get(url)
        body = response.content.decode()
        assert full_birth_date(wuhua_counselor) not in body, url
        assert masked_birth_date(wuhua_counselor) in body, url
        form = response.context["adminform"].form if "adminform" in response.context else None
        form = form or response.context["form"]
        assert form["birth_date"].value() == ""
        assert not form.fields["birth_date"].required


def test_the_admin_read_only_page_shows_the_birth_year_only(login, league_kunming, wuhua_counselor):
    response = login(league_kunming).get(
        reverse("admin:counselors_counselor_change", args=[wuhua_counselor.pk])
    )
    body = response.content.decode()

    assert 'name="birth_date"' not in body
    assert full_birth_date(wuhua_counselor) not in body
    assert masked_birth_date(wuhua_counselor) in body


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_county_users_export_holds_the_birth_year_as_text(
    login, edu_wuhua, wuhua_counselor, file_format
):
    cells = export_cells(login(edu_wuhua), file_format)

    assert masked_birth_date(wuhua_counselor) in cells
    assert not any(full_birth_date(wuhua_counselor) in cell for cell in cells)


def test_the_administrators_export_holds_the_birth_date_as_a_date(
    login, province_admin, wuhua_counselor
):
    response = login(province_admin).get(reverse("counselors:counselor-list"), {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    columns = counselor_columns(province_admin)
    birth_at = next(i for i, column in enumerate(columns) if column.accessor == "birth_date")

    assert columns[birth_at].type == CellType.DATE
    assert [row[birth_at] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        datetime.datetime.combine(wuhua_counselor.birth_date, datetime.time())
    ]


@pytest.mark.parametrize("where", ["portal", "admin"])
def test_editing_without_touching_the_birth_date_keeps_it(login, edu_wuhua, wuhua_counselor, where):
    if where == "portal":
        url = reverse("counselors:counselor-update", args=[wuhua_counselor.pk])
        data = edit_data(wuhua_counselor)
    else:
        url = reverse("admin:counselors_counselor_change", args=[wuhua_counselor.pk])
        data = edit_data(wuhua_counselor, user="")
    before = wuhua_counselor.birth_date

    response = login(edu_wuhua).post(url, data)

    assert response.status_code == 302
    wuhua_counselor.refresh_from_db()
    assert wuhua_counselor.name == "张丽新"
    assert wuhua_counselor.birth_date == before


def test_a_county_user_may_still_correct_a_birth_date_with_the_id_number(
    login, edu_wuhua, wuhua_counselor
):
    birth = datetime.date(1990, 2, 3)
    number = make_id_number(wuhua_counselor.county_id, birth, 321)
    url = reverse("counselors:counselor-update", args=[wuhua_counselor.pk])

    response = login(edu_wuhua).post(
        url, edit_data(wuhua_counselor, birth_date=birth.isoformat(), id_number=number)
    )

    assert response.status_code == 302
    wuhua_counselor.refresh_from_db()
    assert (wuhua_counselor.birth_date, wuhua_counselor.id_number) == (birth, number)
