"""ID numbers and phones are masked on every page, export and admin view, except for the
holder of counselors.view_full_id_number (the provincial administrator) and, for the phone,
the counselor themself."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from apps.counselors.masking import mask_id_number, mask_phone
from apps.counselors.permissions import Perm

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
    data = {
        "name": "张丽新",
        "gender": wuhua_counselor.gender,
        "ethnicity": wuhua_counselor.ethnicity,
        "birth_date": wuhua_counselor.birth_date.isoformat(),
        "id_number": "",
        "phone": "",
        "county": wuhua_counselor.county_id,
        "school": wuhua_counselor.school_id,
        "post": wuhua_counselor.post,
        "post_rank": wuhua_counselor.post_rank,
        "teacher_title": wuhua_counselor.teacher_title,
        "user": "",
    }
    before = (wuhua_counselor.id_number, wuhua_counselor.phone)

    response = login(edu_wuhua).post(url, data)

    assert response.status_code == 302
    wuhua_counselor.refresh_from_db()
    assert wuhua_counselor.name == "张丽新"
    assert (wuhua_counselor.id_number, wuhua_counselor.phone) == before
    assert wuhua_counselor.updated_by == edu_wuhua
