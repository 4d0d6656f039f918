"""Bulk attendance import from an Excel sign-in sheet: preview, all or nothing, scope."""

import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.counselors.masking import mask_id_number
from apps.exports.import_views import ImportUploadForm
from apps.exports.imports import normalize, read_raw, read_upload
from apps.training.models import Attendance, Course
from apps.training.resources import SHEET_COLUMNS, AttendanceResource
from apps.training.services import attendance_import
from tests.factories import division
from tests.factories.counselors import AttendanceFactory, CounselorFactory, make_id_number
from tests.training.conftest import HEADERS, workbook_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet(rows) -> tablib.Dataset:
    upload = SimpleUploadedFile("sign-in.xlsx", workbook_bytes(rows), content_type=XLSX)
    return normalize(read_raw(upload), SHEET_COLUMNS)


def row_for(counselor, hours="40", certificate=None):
    if certificate is None:
        certificate = f"C-{counselor.pk}"
    return [counselor.id_number, counselor.name, hours, certificate]


def errors_by_row(report):
    return {row.number: row.errors for row in report.rows}


def columns_with_errors(report, number):
    return {error.column for error in errors_by_row(report)[number]}


# Dry run -------------------------------------------------------------------------------------


def test_a_dry_run_of_a_good_sheet_reports_every_row_and_writes_nothing(
    edu_wuhua, course, wuhua_school
):
    counselors = CounselorFactory.create_batch(3, school=wuhua_school)

    report = attendance_import(
        actor=edu_wuhua, course=course, dataset=sheet([row_for(c) for c in counselors])
    )

    assert not report.has_errors
    assert [row.status for row in report.rows] == ["new", "new", "new"]
    assert [row.number for row in report.rows] == [2, 3, 4]
    assert not Attendance.objects.exists()


def test_a_dry_run_lists_each_bad_row_with_its_error(
    edu_wuhua, course, wuhua_school, wuhua_counselor, yuxi_counselor
):
    # given a sheet mixing a good row with every kind of bad one
    second = CounselorFactory(school=wuhua_school)
    third = CounselorFactory(school=wuhua_school)
    fourth = CounselorFactory(school=wuhua_school)
    unknown = make_id_number("530102", wuhua_counselor.birth_date, 999)
    rows = [
        row_for(wuhua_counselor),  # 2: fine
        [unknown, "无名", "40", "C-unknown"],  # 3: nobody has this number
        row_for(yuxi_counselor),  # 4: someone outside the importer's area
        row_for(second, hours="48"),  # 5: more hours than the course
        row_for(third, certificate=""),  # 6: no certificate
        [wuhua_counselor.id_number[:-1] + "0", "张丽", "40", "C-x"],  # 7: bad check digit
        [fourth.id_number, "别的名字", "40", "C-y"],  # 8: name does not match
    ]
    if wuhua_counselor.id_number.endswith("0"):
        rows[5][0] = wuhua_counselor.id_number[:-1] + "1"

    # when
    report = attendance_import(actor=edu_wuhua, course=course, dataset=sheet(rows))

    # then
    assert report.has_errors
    assert errors_by_row(report)[2] == []
    assert columns_with_errors(report, 3) == {"id_number"}
    assert columns_with_errors(report, 4) == {"id_number"}
    assert columns_with_errors(report, 5) == {"hours"}
    assert columns_with_errors(report, 6) == {"certificate_number"}
    assert columns_with_errors(report, 7) == {"id_number"}
    assert columns_with_errors(report, 8) == {"row"}
    assert not Attendance.objects.exists()


def test_an_out_of_scope_id_reads_exactly_like_an_unknown_one(
    edu_wuhua, course, wuhua_counselor, yuxi_counselor
):
    unknown = make_id_number("530402", yuxi_counselor.birth_date, 998)
    report = attendance_import(
        actor=edu_wuhua,
        course=course,
        dataset=sheet([row_for(yuxi_counselor), [unknown, "", "40", "C-2"]]),
    )

    out_of_scope, nobody = (row.errors for row in report.rows)
    assert out_of_scope == nobody
    assert report.rows[0].status == report.rows[1].status == "invalid"


def test_the_same_counselor_or_certificate_twice_in_a_sheet_is_an_error(
    edu_wuhua, course, wuhua_school
):
    first, second = CounselorFactory.create_batch(2, school=wuhua_school)
    rows = [row_for(first), row_for(first, certificate="C-other"), row_for(second, "40", "C-other")]

    report = attendance_import(actor=edu_wuhua, course=course, dataset=sheet(rows))

    assert "id_number" in columns_with_errors(report, 2)
    assert "id_number" in columns_with_errors(report, 3)
    assert "certificate_number" in columns_with_errors(report, 4)


def test_the_preview_masks_id_numbers(edu_wuhua, province_admin, course, wuhua_counselor):
    masked = attendance_import(
        actor=edu_wuhua, course=course, dataset=sheet([row_for(wuhua_counselor)])
    )
    full = attendance_import(
        actor=province_admin, course=course, dataset=sheet([row_for(wuhua_counselor)])
    )

    assert masked.rows[0].cells[0] == mask_id_number(wuhua_counselor.id_number)
    assert full.rows[0].cells[0] == wuhua_counselor.id_number


# Commit --------------------------------------------------------------------------------------


def test_a_commit_writes_every_row_and_records_the_importer(edu_wuhua, course, wuhua_school):
    counselors = CounselorFactory.create_batch(3, school=wuhua_school)

    report = attendance_import(
        actor=edu_wuhua,
        course=course,
        dataset=sheet([row_for(c, hours="36.5") for c in counselors]),
        dry_run=False,
    )

    assert report.committed
    saved = Attendance.objects.filter(course=course)
    assert saved.count() == 3
    assert {a.hours for a in saved} == {Decimal("36.5")}
    assert {a.created_by for a in saved} == {edu_wuhua}


def test_one_bad_row_means_nothing_is_written(edu_wuhua, course, wuhua_school):
    counselors = CounselorFactory.create_batch(3, school=wuhua_school)
    rows = [row_for(c) for c in counselors]
    rows[2][2] = "41"  # above the course's 40 hours

    report = attendance_import(actor=edu_wuhua, course=course, dataset=sheet(rows), dry_run=False)

    assert not report.committed
    assert report.has_errors
    assert not Attendance.objects.exists()


def test_re_importing_the_same_sheet_creates_no_duplicates(edu_wuhua, course, wuhua_school):
    counselors = CounselorFactory.create_batch(3, school=wuhua_school)
    dataset = sheet([row_for(c) for c in counselors])
    attendance_import(actor=edu_wuhua, course=course, dataset=dataset, dry_run=False)

    again = attendance_import(
        actor=edu_wuhua,
        course=course,
        dataset=sheet([row_for(c) for c in counselors]),
        dry_run=False,
    )

    assert again.committed
    assert [row.status for row in again.rows] == ["skip", "skip", "skip"]
    assert Attendance.objects.filter(course=course).count() == 3


def test_a_corrected_sheet_updates_the_existing_records(edu_wuhua, course, wuhua_counselor):
    AttendanceFactory(course=course, counselor=wuhua_counselor, certificate_number="C-1")

    report = attendance_import(
        actor=edu_wuhua,
        course=course,
        dataset=sheet([row_for(wuhua_counselor, hours="32", certificate="C-1")]),
        dry_run=False,
    )

    assert [row.status for row in report.rows] == ["update"]
    attendance = Attendance.objects.get(course=course, counselor=wuhua_counselor)
    assert attendance.hours == Decimal("32.0")


def test_a_certificate_already_given_to_someone_else_is_an_error(
    edu_wuhua, course, wuhua_school, wuhua_counselor
):
    AttendanceFactory(course=course, counselor=wuhua_counselor, certificate_number="C-1")
    other = CounselorFactory(school=wuhua_school)

    report = attendance_import(
        actor=edu_wuhua, course=course, dataset=sheet([row_for(other, certificate="C-1")])
    )

    assert columns_with_errors(report, 2) == {"certificate_number"}


def test_the_import_query_count_does_not_grow_with_rows(
    edu_wuhua, course, wuhua_school, django_assert_max_num_queries
):
    few = sheet([row_for(c) for c in CounselorFactory.create_batch(2, school=wuhua_school)])
    many = sheet([row_for(c) for c in CounselorFactory.create_batch(25, school=wuhua_school)])
    with django_assert_max_num_queries(30) as captured:
        attendance_import(actor=edu_wuhua, course=course, dataset=few, dry_run=False)
    with django_assert_max_num_queries(len(captured.captured_queries)):
        attendance_import(actor=edu_wuhua, course=course, dataset=many, dry_run=False)
    assert Attendance.objects.count() == 27


# The file ------------------------------------------------------------------------------------


def upload_form(content: bytes, name="sign-in.xlsx"):
    # Reading a file needs only the course's columns, not the course itself.
    course = Course(name="培训班", hours=Decimal("40"), start_date=datetime.date(2016, 7, 11))
    return ImportUploadForm(
        data={},
        files={"sheet": SimpleUploadedFile(name, content, content_type=XLSX)},
        resource=AttendanceResource(actor=None, course=course),
    )


def form_errors(content: bytes, name="sign-in.xlsx"):
    form = upload_form(content, name)
    assert not form.is_valid()
    return form.errors


def test_it_refuses_a_file_over_5_mb():
    big = workbook_bytes([]) + b"\0" * (5 * 1024 * 1024)

    assert "sheet" in form_errors(big)


def test_it_refuses_a_file_that_is_neither_a_workbook_nor_a_sign_in_sheet():
    assert "sheet" in form_errors(b"id_number,hours\n1,2\n")
    assert "sheet" in form_errors(b"<html><script>alert(1)</script></html>")
    assert "sheet" in form_errors(b"\xd0\xcf\x11\xe0" + b"\0" * 512, name="old.xls")


def test_it_reads_a_csv_sign_in_sheet_saved_by_chinese_excel(divisions):
    content = "身份证号,姓名,学时,证书编号\n530102198505120013,张三,40,C-1\n".encode("gb18030")

    form = upload_form(content, "sign-in.csv")

    assert form.is_valid(), form.errors
    assert list(form.dataset[0])[:4] == ["530102198505120013", "张三", "40", "C-1"]


def test_it_refuses_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")

    assert "sheet" in form_errors(buffer.getvalue())


def test_it_refuses_a_sheet_without_the_required_columns():
    content = workbook_bytes([["530102198505120013", "40"]], headers=["身份证号", "学时"])

    assert "sheet" in form_errors(content)


def test_it_accepts_a_real_workbook_and_skips_blank_rows(divisions):
    content = workbook_bytes([["530102198505120013", "张三", 40, "C-1"], [None, None, None, None]])
    form = upload_form(content, "sheet.xlsx")

    assert form.is_valid(), form.errors
    assert form.dataset.height == 1
    assert form.dataset[0][2] == "40"


# The pages -----------------------------------------------------------------------------------


def import_url(course):
    return reverse("training:attendance-import", args=[course.pk])


def upload(client, course, rows):
    content = workbook_bytes(rows)
    return client.post(
        import_url(course), {"sheet": SimpleUploadedFile("s.xlsx", content, content_type=XLSX)}
    )


def test_upload_preview_then_confirm_imports_the_rows(login, edu_wuhua, course, wuhua_school):
    counselors = CounselorFactory.create_batch(2, school=wuhua_school)
    client = login(edu_wuhua)

    preview = upload(client, course, [row_for(c) for c in counselors])
    assert preview.status_code == 200
    assert b'data-has-errors="no"' in preview.content
    assert not Attendance.objects.exists()
    assert counselors[0].id_number.encode() not in preview.content

    confirmed = client.post(import_url(course), {"token": preview.context["token"]})

    assert confirmed.status_code == 302
    assert Attendance.objects.filter(course=course).count() == 2


def test_a_preview_with_errors_offers_no_confirmation(
    login, edu_wuhua, course, wuhua_counselor, yuxi_counselor
):
    client = login(edu_wuhua)
    preview = upload(client, course, [row_for(wuhua_counselor), row_for(yuxi_counselor)])

    assert b'data-has-errors="yes"' in preview.content
    assert preview.context["token"] == ""
    assert b"data-confirm-import" not in preview.content
    client.post(import_url(course), {"token": "forged"})
    assert not Attendance.objects.exists()


def test_a_forged_confirmation_token_imports_nothing(login, edu_wuhua, course, wuhua_counselor):
    client = login(edu_wuhua)
    upload(client, course, [row_for(wuhua_counselor)])

    response = client.post(import_url(course), {"token": "not-the-token"})

    assert response.status_code == 302
    assert not Attendance.objects.exists()


def test_the_template_downloads_as_a_real_workbook(login, edu_wuhua, course):
    response = login(edu_wuhua).get(
        reverse("training:attendance-import-template", args=[course.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    headers = next(workbook.worksheets[0].rows)
    assert [cell.value for cell in headers] == HEADERS
    example = [cell.value for cell in list(workbook.worksheets[0].rows)[1]]
    assert example[0] and example[2] == course.hours
    upload_file = SimpleUploadedFile("t.xlsx", response.content, content_type=XLSX)
    with pytest.raises(ValidationError) as empty:
        # The template passes the content checks; its example row is not imported.
        read_upload(upload_file, AttendanceResource(actor=edu_wuhua, course=course))
    assert empty.value.code == "empty"


@pytest.mark.parametrize("persona", ["league_kunming", "inspector", "official_kunming"])
def test_only_those_who_record_attendance_may_import(request, login, persona, course):
    client = login(request.getfixturevalue(persona))

    assert client.get(import_url(course)).status_code == 403
    template = reverse("training:attendance-import-template", args=[course.pk])
    assert client.get(template).status_code == 403


def test_a_prefecture_user_imports_counselors_of_its_counties_only(
    edu_kunming, course, wuhua_counselor, panlong_counselor, yuxi_counselor
):
    report = attendance_import(
        actor=edu_kunming,
        course=course,
        dataset=sheet([row_for(c) for c in (wuhua_counselor, panlong_counselor, yuxi_counselor)]),
    )

    assert [bool(row.errors) for row in report.rows] == [False, False, True]
    assert division("530402").code not in {
        c.county_id for c in (wuhua_counselor, panlong_counselor)
    }
