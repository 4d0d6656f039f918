"""Counselor imports on the portal: template, dry run with bad rows, all or nothing, scope,
ID numbers checked with the registry's validators and masked in the preview."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.counselors.choices import CounselorPost, Gender, PostRank, TeacherTitle
from apps.counselors.masking import mask_id_number
from apps.counselors.models import Counselor
from apps.counselors.resources import CounselorResource
from apps.exports.imports import normalize, read_raw, read_upload, run_import
from tests.factories import SchoolFactory, division
from tests.factories.counselors import make_id_number
from tests.imports.conftest import (
    HOSTILE,
    columns_with_errors,
    errors_by_row,
    upload,
    workbook_rows,
    xlsx_bytes,
)

HEADERS = [column.header for column in CounselorResource.columns]
IMPORT_URL = reverse("counselors:counselor-import")
TEMPLATE_URL = reverse("counselors:counselor-import-template")
BIRTH = datetime.date(1986, 3, 14)


def person(n: int, county="530102") -> str:
    return make_id_number(county, BIRTH, 500 + n)


def counselor_row(
    id_number, *, name="赵敏", school="五华区测试小学", county="", post="大队辅导员", **extra
):
    values = {
        "姓名": name,
        "性别": extra.get("gender", "女"),
        "民族": extra.get("ethnicity", "彝族"),
        "出生日期": extra.get("birth", ""),
        "身份证号": id_number,
        "联系电话": extra.get("phone", "13912345678"),
        "所属县（市、区）": county,
        "学校": school,
        "岗位": post,
        "岗位级别": extra.get("rank", "相当于学校中层管理岗位"),
        "教师职称": extra.get("title", "一级教师"),
    }
    return [values[header] for header in HEADERS]


def dataset(rows):
    return normalize(read_raw(upload(xlsx_bytes(HEADERS, rows))), CounselorResource.columns)


def dry_run(actor, rows):
    return run_import(CounselorResource(actor=actor), dataset(rows), dry_run=True)


def commit(actor, rows):
    return run_import(CounselorResource(actor=actor), dataset(rows), dry_run=False)


# The template -----------------------------------------------------------------------------


def test_the_template_has_chinese_headers_and_a_valid_example_row(login, edu_wuhua):
    response = login(edu_wuhua).get(TEMPLATE_URL)

    assert response.status_code == 200
    rows = [row for row in workbook_rows(response.content) if any(v is not None for v in row)]
    assert rows[0] == HEADERS
    assert len(rows) == 2
    example = dict(zip(HEADERS, rows[1], strict=True))
    assert len(example["身份证号"]) == 18
    with pytest.raises(ValidationError) as empty:
        read_upload(upload(response.content), CounselorResource(actor=edu_wuhua))
    assert empty.value.code == "empty"


# Dry run ----------------------------------------------------------------------------------


def test_a_dry_run_lists_each_bad_row_with_its_errors_and_writes_nothing(
    edu_wuhua, wuhua_school, panlong_school, yuxi_counselor
):
    # given one good row and one of every kind of bad one
    bad_check_digit = person(3)[:-1] + ("0" if person(3)[-1] != "0" else "1")
    rows = [
        counselor_row(person(1)),  # 2: fine
        counselor_row(person(2), school="不存在的小学"),  # 3: no such school
        counselor_row(person(4), school=panlong_school.name),  # 4: a school outside Wuhua
        counselor_row(bad_check_digit),  # 5: the ID number's check digit is wrong
        counselor_row(person(5)),  # 6: the same person twice
        counselor_row(person(5), name="赵敏二"),  # 7: ... in one file
        counselor_row(person(6), name=""),  # 8: no name
        counselor_row(yuxi_counselor.id_number),  # 9: registered outside Wuhua
        counselor_row(person(7), post="校长"),  # 10: no such post
        counselor_row(person(8), school="", post="县级少先队总辅导员"),  # 11: chief, no county
    ]

    # when
    report = dry_run(edu_wuhua, rows)

    # then
    assert errors_by_row(report)[2] == []
    assert columns_with_errors(report, 3) == {"school"}
    assert columns_with_errors(report, 4) == {"school"}
    assert columns_with_errors(report, 5) == {"id_number"}
    assert columns_with_errors(report, 6) == {"id_number"}
    assert columns_with_errors(report, 7) == {"id_number"}
    assert columns_with_errors(report, 8) == {"name"}
    assert columns_with_errors(report, 9) == {"id_number"}
    assert columns_with_errors(report, 10) == {"post"}
    assert columns_with_errors(report, 11) == {"county"}
    assert Counselor.objects.count() == 1


def test_an_out_of_scope_school_reads_exactly_like_an_unknown_one(edu_wuhua, panlong_school):
    report = dry_run(
        edu_wuhua,
        [
            counselor_row(person(1), school=panlong_school.name),
            counselor_row(person(2), school="不存在的小学"),
        ],
    )

    out_of_scope, nowhere = (row.errors for row in report.rows)
    assert [e.message for e in out_of_scope] == [e.message for e in nowhere]


def test_a_county_outside_the_scope_is_refused_even_with_an_in_scope_school(
    edu_wuhua, wuhua_school
):
    report = dry_run(edu_wuhua, [counselor_row(person(1), county="盘龙区")])

    assert "county" in columns_with_errors(report, 2)


def test_the_preview_masks_personal_data_unless_the_viewer_may_see_it(
    edu_wuhua, province_admin, wuhua_school
):
    rows = [counselor_row(person(1), birth=BIRTH.isoformat())]
    id_at, phone_at = HEADERS.index("身份证号"), HEADERS.index("联系电话")
    birth_at = HEADERS.index("出生日期")

    masked = dry_run(edu_wuhua, rows).rows[0].cells
    full = dry_run(province_admin, rows).rows[0].cells

    assert masked[id_at] == mask_id_number(person(1))
    assert masked[phone_at] != "13912345678"
    assert masked[birth_at] == "1986-**-**"
    assert full[id_at] == person(1)
    assert full[phone_at] == "13912345678"
    assert full[birth_at] == BIRTH.isoformat()


def test_the_preview_page_shows_a_county_user_only_the_birth_year(login, edu_wuhua, wuhua_school):
    content = xlsx_bytes(HEADERS, [counselor_row(person(1), birth=BIRTH.isoformat())])

    response = login(edu_wuhua).post(IMPORT_URL, {"sheet": upload(content)})

    body = response.content.decode()
    assert "1986-**-**" in body
    assert BIRTH.isoformat() not in body


def test_a_prefecture_user_names_the_county_when_two_schools_share_a_name(edu_kunming):
    SchoolFactory(name="实验小学", county=division("530102"))
    panlong = SchoolFactory(name="实验小学", county=division("530103"))

    ambiguous = dry_run(edu_kunming, [counselor_row(person(1), school="实验小学")])
    named = commit(edu_kunming, [counselor_row(person(1), school="实验小学", county="盘龙区")])

    assert columns_with_errors(ambiguous, 2) == {"school"}
    assert named.committed
    counselor = Counselor.objects.get(id_number=person(1))
    assert (counselor.school, counselor.county_id) == (panlong, "530103")


# Commit -----------------------------------------------------------------------------------


def test_a_commit_writes_every_row_and_fills_what_the_file_leaves_out(edu_wuhua, wuhua_school):
    report = commit(
        edu_wuhua,
        [
            counselor_row(person(1)),
            counselor_row(
                person(2),
                name="钱红",
                school="",
                county="五华区",
                post="县级少先队总辅导员",
                rank="",
                title="",
            ),
        ],
    )

    assert report.committed, report.rows
    brigade = Counselor.objects.get(id_number=person(1))
    assert brigade.school == wuhua_school
    assert brigade.county_id == "530102"  # from the school
    assert brigade.birth_date == BIRTH  # from the ID number
    assert (brigade.gender, brigade.ethnicity) == (Gender.FEMALE, "彝族")
    assert (brigade.post, brigade.post_rank) == (CounselorPost.BRIGADE, PostRank.MIDDLE)
    assert brigade.teacher_title == TeacherTitle.FIRST
    assert brigade.created_by == edu_wuhua
    chief = Counselor.objects.get(id_number=person(2))
    assert (chief.school, chief.county_id) == (None, "530102")
    assert (chief.post_rank, chief.teacher_title) == (PostRank.BELOW, TeacherTitle.NONE)


def test_one_bad_row_means_nothing_is_written(edu_wuhua, wuhua_school, panlong_school):
    report = commit(
        edu_wuhua,
        [counselor_row(person(1)), counselor_row(person(2), school=panlong_school.name)],
    )

    assert not report.committed
    assert not Counselor.objects.filter(id_number=person(1)).exists()


def test_a_birth_date_that_contradicts_the_id_number_is_an_error(edu_wuhua, wuhua_school):
    report = commit(edu_wuhua, [counselor_row(person(1), birth="1990-01-01")])

    assert columns_with_errors(report, 2) == {"id_number"}
    assert not Counselor.objects.exists()


def test_re_importing_the_same_file_creates_no_duplicates(edu_wuhua, wuhua_school):
    rows = [counselor_row(person(1)), counselor_row(person(2), name="钱红")]
    commit(edu_wuhua, rows)

    again = commit(edu_wuhua, rows)

    assert again.committed
    assert again.statuses == ["skip", "skip"]
    assert Counselor.objects.count() == 2


def test_a_row_with_a_registered_id_number_updates_that_record(edu_wuhua, wuhua_counselor):
    report = commit(
        edu_wuhua,
        [
            counselor_row(
                wuhua_counselor.id_number,
                name=wuhua_counselor.name,
                birth=wuhua_counselor.birth_date.isoformat(),
                phone="13700001111",
            )
        ],
    )

    assert report.statuses == ["update"]
    wuhua_counselor.refresh_from_db()
    assert wuhua_counselor.phone == "13700001111"
    assert wuhua_counselor.updated_by == edu_wuhua


def test_an_id_number_registered_outside_the_scope_is_neither_added_nor_changed(
    edu_wuhua, wuhua_school, yuxi_counselor
):
    report = commit(edu_wuhua, [counselor_row(yuxi_counselor.id_number, phone="13700001111")])

    assert not report.committed
    yuxi_counselor.refresh_from_db()
    assert yuxi_counselor.phone != "13700001111"
    assert yuxi_counselor.school.county_id == "530402"


# The pages --------------------------------------------------------------------------------


def test_upload_preview_then_confirm_imports_the_rows(login, edu_wuhua, wuhua_school):
    client = login(edu_wuhua)

    preview = client.post(
        IMPORT_URL, {"sheet": upload(xlsx_bytes(HEADERS, [counselor_row(person(1))]))}
    )

    assert b'data-has-errors="no"' in preview.content
    assert person(1).encode() not in preview.content
    assert not Counselor.objects.exists()
    confirmed = client.post(IMPORT_URL, {"token": preview.context["token"]})
    assert confirmed.status_code == 302
    assert Counselor.objects.filter(id_number=person(1), school=wuhua_school).exists()


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_the_page_refuses_a_hostile_workbook_before_reading_it(login, edu_wuhua, kind):
    content = HOSTILE[kind](HEADERS, [counselor_row(person(1))])

    response = login(edu_wuhua).post(IMPORT_URL, {"sheet": upload(content)})

    assert response.context["form"].errors.as_data()["sheet"][0].code == kind
    assert not Counselor.objects.exists()


@pytest.mark.parametrize("persona", ["league_kunming", "inspector", "official_kunming"])
def test_only_those_who_add_and_change_counselors_may_import(request, login, persona):
    client = login(request.getfixturevalue(persona))

    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(TEMPLATE_URL).status_code == 403


def test_the_counselor_list_links_to_the_import_for_those_who_may_import(
    login, edu_wuhua, league_kunming
):
    counselor_list = reverse("counselors:counselor-list")

    assert b'data-action="import-counselors"' in login(edu_wuhua).get(counselor_list).content
    assert (
        b'data-action="import-counselors"' not in login(league_kunming).get(counselor_list).content
    )
