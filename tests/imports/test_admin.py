"""Admin import and export (django-import-export) hold to the scope, the masks and the
upload checks of the portal's own imports."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.admin.models import ADDITION, LogEntry

from apps.counselors.masking import mask_id_number
from apps.counselors.resources import CounselorResource
from apps.exports.import_admin import ImportTempStorage
from apps.exports.imports import ScopedResource
from apps.inspections.models import Campaign
from apps.organizations.models import School
from apps.organizations.resources import SchoolResource
from apps.training.models import Attendance
from apps.training.resources import AttendanceResource
from tests.factories import SchoolFactory, division
from tests.factories.counselors import AttendanceFactory, CourseFactory
from tests.factories.inspections import CampaignFactory, TeamMemberFactory
from tests.imports.conftest import HOSTILE, csv_bytes, upload, xlsx_bytes

SCHOOLS = "/admin/organizations/school/"
COUNSELORS = "/admin/counselors/counselor/"
ATTENDANCE = "/admin/training/attendance/"
DIVISIONS = "/admin/organizations/division/"
XLSX, CSV = "0", "1"
SCHOOL_HEADERS = [column.header for column in SchoolResource.columns]


def export(client, url, file_format=XLSX, **data):
    response = client.post(f"{url}export/", {"format": file_format, **data})
    assert response.status_code == 200, response.content[:500]
    return response


def sheet_rows(response):
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return [[cell.value for cell in row] for row in workbook.active.iter_rows()]


def school_row(name, county, squads=6):
    values = dict.fromkeys(SCHOOL_HEADERS, "")
    values.update(
        {"学校名称": name, "所属县（市、区）": county, "学校类型": "小学", "中队数": squads}
    )
    return [values[header] for header in SCHOOL_HEADERS]


def import_preview(client, url, content, name="导入.xlsx"):
    return client.post(f"{url}import/", {"format": XLSX, "import_file": upload(content, name)})


# Export -----------------------------------------------------------------------------------


def test_the_school_export_holds_only_schools_in_scope(
    login, edu_wuhua, wuhua_school, panlong_school
):
    rows = sheet_rows(export(login(edu_wuhua), SCHOOLS))

    assert rows[0] == SCHOOL_HEADERS
    names = [row[0] for row in rows[1:]]
    assert names == [wuhua_school.name]


def test_the_export_escapes_formulas_and_keeps_numbers_numeric(login, edu_wuhua):
    SchoolFactory(
        name='=HYPERLINK("http://evil.example","点击")',
        county=division("530102"),
        address="+86 871 1234",
        squad_count=14,
    )
    SchoolFactory(name="@SUM(1+1)", county=division("530102"), address="-1")

    rows = sheet_rows(export(login(edu_wuhua), SCHOOLS))

    by_name = {row[0]: dict(zip(SCHOOL_HEADERS, row, strict=True)) for row in rows[1:]}
    hyperlink = by_name['\'=HYPERLINK("http://evil.example","点击")']
    assert hyperlink["地址"] == "'+86 871 1234"
    assert hyperlink["中队数"] == 14  # a number, not the text "14"
    assert by_name["'@SUM(1+1)"]["地址"] == "'-1"
    assert hyperlink["所属县（市、区）"] == "五华区"


def test_the_csv_export_is_escaped_and_excel_readable(login, edu_wuhua):
    SchoolFactory(name="=1+1", county=division("530102"))

    response = export(login(edu_wuhua), SCHOOLS, file_format=CSV)

    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert "'=1+1" in text
    assert "\n=1+1" not in text and ",=1+1" not in text


def test_exported_items_outside_the_scope_are_never_exported(login, edu_wuhua, panlong_school):
    response = login(edu_wuhua).post(
        f"{SCHOOLS}export/", {"format": XLSX, "export_items": [panlong_school.pk]}
    )

    assert panlong_school.name.encode() not in response.content


def test_the_resource_scopes_any_queryset_it_is_given(edu_wuhua, wuhua_school, panlong_school):
    dataset = SchoolResource(actor=edu_wuhua).export(School.objects.all())

    assert [row[0] for row in dataset] == [wuhua_school.name]


class CampaignResource(ScopedResource):
    """A resource over a model whose own ``for_actor`` widens the regional rule."""

    class Meta:
        model = Campaign
        fields = ("name",)


def test_the_resource_scopes_through_the_models_own_rule(edu_wuhua):
    # Yuxi lies outside Wuhua; only the team membership makes the campaign visible.
    joined = CampaignFactory(name="玉溪联合督导", division=division("530402"))
    TeamMemberFactory(campaign=joined, user=edu_wuhua)
    CampaignFactory(name="红塔联合督导", division=division("530402"))

    dataset = CampaignResource(actor=edu_wuhua).export(Campaign.objects.all())

    assert [row[0] for row in dataset] == ["玉溪联合督导"]


def test_counselor_exports_mask_id_numbers_unless_the_viewer_may_see_them(
    login, edu_wuhua, province_admin, wuhua_counselor, panlong_counselor
):
    id_at = [column.header for column in CounselorResource.columns].index("身份证号")

    masked = sheet_rows(export(login(edu_wuhua), COUNSELORS))
    full = sheet_rows(export(login(province_admin), COUNSELORS))

    assert [row[id_at] for row in masked[1:]] == [mask_id_number(wuhua_counselor.id_number)]
    assert sorted(row[id_at] for row in full[1:]) == sorted(
        [wuhua_counselor.id_number, panlong_counselor.id_number]
    )


def test_counselor_exports_show_a_county_user_only_the_birth_year(
    login, edu_wuhua, province_admin, wuhua_counselor
):
    birth_at = [column.header for column in CounselorResource.columns].index("出生日期")
    birth = wuhua_counselor.birth_date

    masked = sheet_rows(export(login(edu_wuhua), COUNSELORS))
    full = sheet_rows(export(login(province_admin), COUNSELORS))

    assert [row[birth_at] for row in masked[1:]] == [f"{birth.year}-**-**"]
    assert [str(row[birth_at])[:10] for row in full[1:]] == [birth.isoformat()]


def test_attendance_exports_are_scoped_masked_and_numeric(
    login, edu_wuhua, wuhua_counselor, panlong_counselor
):
    course = CourseFactory()
    AttendanceFactory(course=course, counselor=wuhua_counselor, hours=Decimal("12.5"))
    AttendanceFactory(course=course, counselor=panlong_counselor)

    rows = sheet_rows(export(login(edu_wuhua), ATTENDANCE))

    headers = [column.header for column in AttendanceResource.columns]
    assert rows[0] == headers
    assert len(rows) == 2
    row = dict(zip(headers, rows[1], strict=True))
    assert row["培训班"] == course.name
    assert row["身份证号"] == mask_id_number(wuhua_counselor.id_number)
    assert row["学时"] == 12.5


def test_the_division_export_holds_the_users_county_only(login, edu_wuhua):
    rows = sheet_rows(export(login(edu_wuhua), DIVISIONS))

    assert [row[0] for row in rows[1:]] == ["530102"]


# Import -----------------------------------------------------------------------------------


def test_a_wuhua_user_cannot_import_a_panlong_school(login, edu_wuhua):
    client = login(edu_wuhua)

    preview = import_preview(
        client, SCHOOLS, xlsx_bytes(SCHOOL_HEADERS, [school_row("盘龙新校", "盘龙区")])
    )

    assert preview.status_code == 200
    result = preview.context["result"]
    assert result.has_validation_errors()
    assert "county" in result.invalid_rows[0].error_dict
    assert "confirm_form" not in preview.context
    assert not School.objects.filter(name="盘龙新校").exists()


def test_a_forged_confirmation_cannot_write_a_panlong_school(login, edu_wuhua):
    # given a stored file that never passed the preview
    client = login(edu_wuhua)
    stored = ImportTempStorage()
    stored.save(
        xlsx_bytes(
            SCHOOL_HEADERS, [school_row("五华新校", "五华区"), school_row("盘龙新校", "盘龙区")]
        )
    )
    name = stored.name

    # when it is confirmed directly
    response = client.post(
        f"{SCHOOLS}process_import/",
        {"import_file_name": name, "original_file_name": "x.xlsx", "format": XLSX, "resource": ""},
    )

    # then nothing at all is written
    assert response.status_code == 302
    assert not School.objects.filter(name__in=["五华新校", "盘龙新校"]).exists()


def test_a_confirmation_cannot_name_a_file_outside_the_import_folder(login, edu_wuhua):
    response = login(edu_wuhua).post(
        f"{SCHOOLS}process_import/",
        {"import_file_name": "passwd", "original_file_name": "x", "format": XLSX, "resource": ""},
    )

    assert response.status_code == 400


def test_an_admin_import_previews_then_writes_through_the_service(login, edu_wuhua):
    client = login(edu_wuhua)
    content = xlsx_bytes(SCHOOL_HEADERS, [school_row("五华新校", "530102", squads=9)])

    preview = import_preview(client, SCHOOLS, content)
    confirm = preview.context["confirm_form"]
    response = client.post(f"{SCHOOLS}process_import/", confirm.initial)

    assert response.status_code == 302
    school = School.objects.get(name="五华新校")
    assert (school.county_id, school.squad_count) == ("530102", 9)
    # The service logs the addition once; the admin does not log it again.
    assert LogEntry.objects.filter(object_id=str(school.pk), action_flag=ADDITION).count() == 1


def test_an_admin_csv_import_is_read_in_its_own_encoding(login, edu_wuhua):
    content = csv_bytes(SCHOOL_HEADERS, [school_row("五华新校", "五华区")], encoding="gb18030")

    preview = login(edu_wuhua).post(
        f"{SCHOOLS}import/", {"format": CSV, "import_file": upload(content, "学校.csv")}
    )

    assert "confirm_form" in preview.context, preview.context["form"].errors


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_the_admin_refuses_a_hostile_workbook_before_storing_it(login, edu_wuhua, kind):
    content = HOSTILE[kind](SCHOOL_HEADERS, [school_row("五华新校", "五华区")])

    response = import_preview(login(edu_wuhua), SCHOOLS, content)

    errors = response.context["form"].errors.as_data()
    assert errors["import_file"][0].code == kind
    assert "result" not in response.context


def test_an_admin_counselor_import_cannot_take_over_a_record_outside_the_scope(
    login, edu_wuhua, wuhua_school, yuxi_counselor
):
    headers = [column.header for column in CounselorResource.columns]
    values = dict.fromkeys(headers, "")
    values.update(
        {
            "姓名": "冒名",
            "性别": "女",
            "身份证号": yuxi_counselor.id_number,
            "学校": wuhua_school.name,
            "岗位": "大队辅导员",
        }
    )

    preview = import_preview(
        login(edu_wuhua), COUNSELORS, xlsx_bytes(headers, [list(values.values())])
    )

    assert "id_number" in preview.context["result"].invalid_rows[0].error_dict
    yuxi_counselor.refresh_from_db()
    assert yuxi_counselor.name != "冒名"


def test_an_admin_import_masks_personal_data_in_the_rows_it_refuses(login, edu_wuhua):
    headers = [column.header for column in CounselorResource.columns]
    values = dict.fromkeys(headers, "")
    values.update(
        {
            "姓名": "张丽",
            "性别": "女",
            "出生日期": "1985-05-12",
            "身份证号": "530102198505120025",
            "联系电话": "13812345678",
            "学校": "不在本区的学校",
            "岗位": "大队辅导员",
        }
    )

    preview = import_preview(
        login(edu_wuhua), COUNSELORS, xlsx_bytes(headers, [list(values.values())])
    )

    assert preview.context["result"].invalid_rows
    body = preview.content.decode()
    assert "530102198505120025" not in body
    assert "13812345678" not in body
    assert "1985-05-12" not in body
    assert mask_id_number("530102198505120025") in body
    assert "1985-**-**" in body


def test_an_admin_attendance_import_names_the_course_and_finds_only_in_scope_counselors(
    login, edu_wuhua, wuhua_counselor, panlong_counselor
):
    course = CourseFactory()
    headers = [column.header for column in AttendanceResource.columns]
    rows = [
        [str(course.pk), wuhua_counselor.id_number, wuhua_counselor.name, 40, "C-1"],
        [course.name, panlong_counselor.id_number, "", 40, "C-2"],
        ["不存在的培训班", wuhua_counselor.id_number, "", 40, "C-3"],
    ]
    client = login(edu_wuhua)

    preview = import_preview(client, ATTENDANCE, xlsx_bytes(headers, rows))

    invalid = {row.number: row.error_dict for row in preview.context["result"].invalid_rows}
    assert set(invalid) == {2, 3}
    assert "counselor" in invalid[2]
    assert "course" in invalid[3]
    assert not Attendance.objects.exists()

    good = import_preview(client, ATTENDANCE, xlsx_bytes(headers, rows[:1]))
    client.post(f"{ATTENDANCE}process_import/", good.context["confirm_form"].initial)
    assert Attendance.objects.get().counselor == wuhua_counselor


def test_only_those_who_add_and_change_may_import_in_the_admin(login, league_kunming):
    response = login(league_kunming).get(f"{COUNSELORS}import/")

    assert response.status_code == 403


@pytest.mark.parametrize("url", [SCHOOLS, COUNSELORS, ATTENDANCE])
def test_the_changelist_and_import_page_offer_import_and_export(login, edu_wuhua, url):
    client = login(edu_wuhua)

    changelist = client.get(url)
    page = client.get(f"{url}import/")

    assert b'class="import_link"' in changelist.content
    assert b'class="export_link"' in changelist.content
    assert page.status_code == 200
    assert [title for title, _columns in page.context["fields_list"]]


def test_a_file_missing_columns_is_reported_plainly_without_a_traceback(login, edu_wuhua):
    preview = import_preview(login(edu_wuhua), SCHOOLS, xlsx_bytes(["学校名称"], [["五华新校"]]))

    assert preview.context["result"].has_errors()
    assert "所属县（市、区）".encode() in preview.content
    assert b"Traceback" not in preview.content
    assert b'class="traceback"' not in preview.content
    assert "confirm_form" not in preview.context
