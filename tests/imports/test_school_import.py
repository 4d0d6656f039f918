"""School imports on the portal: template, dry run with bad rows, all or nothing, scope."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.history import IMPORTED
from apps.exports.imports import normalize, read_raw, read_upload, run_import
from apps.organizations.choices import SchoolType
from apps.organizations.models import Brigade, School, Squad
from apps.organizations.resources import SchoolResource
from tests.factories import SchoolFactory, division
from tests.imports.conftest import (
    HOSTILE,
    columns_with_errors,
    csv_bytes,
    errors_by_row,
    upload,
    workbook_rows,
    xlsx_bytes,
)

HEADERS = [column.header for column in SchoolResource.columns]
IMPORT_URL = reverse("organizations:school-import")
TEMPLATE_URL = reverse("organizations:school-import-template")


def school_row(name, county="五华区", school_type="小学", squads=12, **flags):
    values = {
        "学校名称": name,
        "所属县（市、区）": county,
        "学校类型": school_type,
        "外来务工子女集中学校": flags.get("migrant", "否"),
        "红领巾示范校": flags.get("red_scarf", "否"),
        "团队衔接试点": "否",
        "鼓号队": flags.get("drum", "是"),
        "大队数": 1,
        "中队数": squads,
        "地址": "",
    }
    return [values[header] for header in HEADERS]


def dataset(rows, headers=HEADERS):
    return normalize(read_raw(upload(xlsx_bytes(headers, rows))), SchoolResource.columns)


def dry_run(actor, rows):
    return run_import(SchoolResource(actor=actor), dataset(rows), dry_run=True)


def commit(actor, rows, expected=None):
    return run_import(SchoolResource(actor=actor), dataset(rows), dry_run=False, expected=expected)


# The template -----------------------------------------------------------------------------


def test_the_template_has_chinese_headers_and_one_example_row(login, edu_wuhua):
    response = login(edu_wuhua).get(TEMPLATE_URL)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = [row for row in workbook_rows(response.content) if any(v is not None for v in row)]
    assert rows[0] == HEADERS
    assert len(rows) == 2
    assert rows[1][0] and rows[1][1]
    with pytest.raises(ValidationError) as empty:
        # Uploaded untouched, the example row is not imported.
        read_upload(upload(response.content), SchoolResource(actor=edu_wuhua))
    assert empty.value.code == "empty"


def test_the_template_is_only_for_those_who_add_schools(login, league_kunming, official_kunming):
    assert login(league_kunming).get(TEMPLATE_URL).status_code == 403
    assert login(official_kunming).get(TEMPLATE_URL).status_code == 403


# Dry run ----------------------------------------------------------------------------------


def test_a_dry_run_lists_each_bad_row_with_its_errors_and_writes_nothing(edu_wuhua):
    # given one good row and one of every kind of bad one
    before = School.objects.count()
    rows = [
        school_row("五华区新建小学"),  # 2: fine
        school_row("不存在县的小学", county="不存在县"),  # 3: no such county
        school_row("盘龙区的小学", county="盘龙区"),  # 4: a county outside Wuhua
        school_row("重复小学"),  # 5: twice in the file
        school_row("重复小学", county="530102"),  # 6: the same school by its county code
        school_row(""),  # 7: no name
        school_row("类型不明小学", school_type="幼儿园"),  # 8: no such school type
        school_row("中队数不对小学", squads="很多"),  # 9: not a number
    ]

    # when
    report = dry_run(edu_wuhua, rows)

    # then
    assert report.has_errors
    assert errors_by_row(report)[2] == []
    assert report.rows[0].status == "new"
    assert columns_with_errors(report, 3) == {"county"}
    assert columns_with_errors(report, 4) == {"county"}
    assert columns_with_errors(report, 5) == {"name"}
    assert columns_with_errors(report, 6) == {"name"}
    assert columns_with_errors(report, 7) == {"name"}
    assert columns_with_errors(report, 8) == {"school_type"}
    assert columns_with_errors(report, 9) == {"squad_count"}
    assert School.objects.count() == before


def test_an_out_of_scope_county_reads_exactly_like_an_unknown_one(edu_wuhua):
    report = dry_run(
        edu_wuhua,
        [
            school_row("甲小学", county="盘龙区"),
            school_row("乙小学", county="530103"),
            school_row("丙小学", county="不存在县"),
        ],
    )

    panlong_by_name, panlong_by_code, nowhere = (row.errors for row in report.rows)
    assert [e.message for e in panlong_by_name] == [e.message for e in nowhere]
    assert [e.message for e in panlong_by_code] == [e.message for e in nowhere]


def test_a_dry_run_of_a_good_file_writes_nothing_and_logs_nothing(edu_wuhua):
    report = dry_run(edu_wuhua, [school_row("五华区新建小学"), school_row("五华区另一小学")])

    assert not report.has_errors
    assert report.statuses == ["new", "new"]
    assert not School.objects.filter(name__in=["五华区新建小学", "五华区另一小学"]).exists()
    assert not LogEntry.objects.exists()


def test_a_dry_run_checks_new_rows_by_the_services_rules_without_writing_a_row(edu_wuhua):
    # given new rows, one with squads but no brigade (a rule only school_create knows)
    good, bad = school_row("五华区新建小学"), school_row("无大队小学", squads=3)
    bad[HEADERS.index("大队数")] = 0

    # when the file is previewed
    with CaptureQueriesContext(connection) as queries:
        report = dry_run(edu_wuhua, [good, bad])

    # then the broken rule is reported on its row, and nothing was written, not even to be
    # rolled back
    assert report.statuses[0] == "new"
    assert columns_with_errors(report, 3) == {"brigade_count"}
    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []


def test_missing_required_columns_refuse_the_whole_file(edu_wuhua):
    content = xlsx_bytes(["学校名称", "地址"], [["某小学", "某路"]])

    with pytest.raises(ValidationError) as refused:
        read_upload(upload(content), SchoolResource(actor=edu_wuhua))

    assert refused.value.code == "columns"


# Commit -----------------------------------------------------------------------------------


def test_a_commit_writes_every_row_through_the_service(edu_wuhua):
    report = commit(
        edu_wuhua,
        [school_row("五华区新建小学", migrant="是", squads=18), school_row("五华区另一小学")],
    )

    assert report.committed
    school = School.objects.get(name="五华区新建小学")
    assert school.county_id == "530102"
    assert school.school_type == SchoolType.PRIMARY
    assert school.is_migrant_children_school and school.has_drum_corps
    assert school.squad_count == 18
    # school_create records who added each school, in the schools' history.
    assert School.history.filter(history_user=edu_wuhua, history_type="+").count() == 2


def test_a_commit_writes_its_new_schools_as_a_set_each_row_with_its_history(edu_wuhua):
    def inserts(names):
        with CaptureQueriesContext(connection) as queries:
            report = commit(edu_wuhua, [school_row(name, squads=6) for name in names])
        assert report.committed
        return [q["sql"] for q in queries if q["sql"].startswith("INSERT")]

    # when files of 3 and of 9 new schools are committed
    few = inserts([f"五华区甲{n}小学" for n in range(3)])
    many = inserts([f"五华区乙{n}小学" for n in range(9)])

    # then both take the same statements: the schools, brigades and squads are written as
    # sets, and so is their history
    assert len(few) == len(many)
    assert School.objects.filter(name__startswith="五华区").count() >= 12
    for model, per_school in ((School, 1), (Brigade, 1), (Squad, 6)):
        history = model.history.filter(history_type="+", history_change_reason=IMPORTED)
        assert history.filter(history_user=edu_wuhua).count() == 12 * per_school
    squad = Squad.objects.filter(brigade__school__name="五华区乙8小学").order_by("id").last()
    row = squad.history.get()
    assert (row.name, row.brigade_id, row.created_by_id) == (
        squad.name,
        squad.brigade_id,
        edu_wuhua.pk,
    )


def test_a_files_preview_and_commit_take_as_many_queries_for_3_rows_as_for_9(edu_wuhua):
    # No savepoint around each row: the import is one transaction, all rows or none.
    def queries(run, names):
        with CaptureQueriesContext(connection) as captured:
            report = run(edu_wuhua, [school_row(name, squads=6) for name in names])
        assert not report.has_errors
        return len(captured)

    queries(dry_run, ["五华区预热小学"])  # the user's permissions, read once
    assert queries(dry_run, [f"五华区丙{n}小学" for n in range(3)]) == queries(
        dry_run, [f"五华区丁{n}小学" for n in range(9)]
    )
    assert queries(commit, [f"五华区戊{n}小学" for n in range(3)]) == queries(
        commit, [f"五华区己{n}小学" for n in range(9)]
    )


def test_one_bad_row_means_nothing_is_written(edu_wuhua):
    report = commit(
        edu_wuhua,
        [
            school_row("五华区新建小学"),
            school_row("五华区另一小学"),
            school_row("盘龙小学", "盘龙区"),
        ],
    )

    assert not report.committed
    assert report.has_errors
    assert not School.objects.filter(name__in=["五华区新建小学", "五华区另一小学"]).exists()
    assert not LogEntry.objects.exists()


def test_re_importing_the_same_file_creates_no_duplicates(edu_wuhua):
    rows = [school_row("五华区新建小学"), school_row("五华区另一小学")]
    commit(edu_wuhua, rows)

    again = commit(edu_wuhua, rows)

    assert again.committed
    assert again.statuses == ["skip", "skip"]
    assert School.objects.filter(name__in=["五华区新建小学", "五华区另一小学"]).count() == 2


def test_a_row_naming_an_existing_school_updates_it(edu_wuhua, wuhua_school):
    report = commit(edu_wuhua, [school_row(wuhua_school.name, squads=30, red_scarf="是")])

    assert report.statuses == ["update"]
    wuhua_school.refresh_from_db()
    assert wuhua_school.squad_count == 30
    assert wuhua_school.is_red_scarf_demonstration
    assert wuhua_school.history.filter(history_type="~", history_user=edu_wuhua).exists()


def test_a_commit_writes_nothing_when_the_rows_would_now_do_otherwise(edu_wuhua):
    # given a preview in which the school was new
    rows = [school_row("五华区新建小学")]
    preview = dry_run(edu_wuhua, rows)
    # when someone adds the same school before the import is confirmed
    SchoolFactory(name="五华区新建小学", county=division("530102"), squad_count=3)

    report = commit(edu_wuhua, rows, expected=preview.statuses)

    # then nothing is written and the report says the data changed
    assert report.changed and not report.committed
    assert School.objects.get(name="五华区新建小学").squad_count == 3


def test_a_prefecture_user_imports_into_any_of_its_counties_only(edu_kunming):
    report = dry_run(
        edu_kunming,
        [
            school_row("甲小学", "五华区"),
            school_row("乙小学", "盘龙区"),
            school_row("丙小学", "红塔区"),
        ],
    )

    assert [bool(row.errors) for row in report.rows] == [False, False, True]


def test_a_csv_file_in_gb18030_imports_like_a_workbook(edu_wuhua):
    content = csv_bytes(HEADERS, [school_row("五华区新建小学")], encoding="gb18030")
    rows = read_upload(upload(content, "学校.csv"), SchoolResource(actor=edu_wuhua))

    report = run_import(SchoolResource(actor=edu_wuhua), rows, dry_run=False)

    assert report.committed
    assert School.objects.filter(name="五华区新建小学", county_id="530102").exists()


# The pages --------------------------------------------------------------------------------


def post_file(client, content, name="学校.xlsx"):
    return client.post(IMPORT_URL, {"sheet": upload(content, name)})


def test_upload_preview_then_confirm_imports_the_rows(login, edu_wuhua):
    client = login(edu_wuhua)

    preview = post_file(client, xlsx_bytes(HEADERS, [school_row("五华区新建小学")]))

    assert preview.status_code == 200
    assert b'data-has-errors="no"' in preview.content
    assert b"data-confirm-import" in preview.content
    assert not School.objects.filter(name="五华区新建小学").exists()

    confirmed = client.post(IMPORT_URL, {"token": preview.context["token"]})

    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("organizations:school-list")
    assert School.objects.filter(name="五华区新建小学", county_id="530102").exists()


def test_a_preview_with_errors_shows_them_next_to_the_rows_and_offers_no_confirmation(
    login, edu_wuhua
):
    client = login(edu_wuhua)

    preview = post_file(
        client,
        xlsx_bytes(HEADERS, [school_row("五华区新建小学"), school_row("盘龙小学", "盘龙区")]),
    )

    assert b'data-has-errors="yes"' in preview.content
    assert b'<tr data-row="3" data-status="invalid" class="row-error">' in preview.content
    assert b'data-column="county"' in preview.content
    assert preview.context["token"] == ""
    assert b"data-confirm-import" not in preview.content
    client.post(IMPORT_URL, {"token": "forged"})
    assert not School.objects.filter(name="五华区新建小学").exists()


def test_a_confirmation_token_works_once(login, edu_wuhua):
    client = login(edu_wuhua)
    preview = post_file(client, xlsx_bytes(HEADERS, [school_row("五华区新建小学")]))
    client.post(IMPORT_URL, {"token": preview.context["token"]})
    School.objects.filter(name="五华区新建小学").delete()

    again = client.post(IMPORT_URL, {"token": preview.context["token"]})

    assert again.status_code == 302
    assert again["Location"] == IMPORT_URL
    assert not School.objects.filter(name="五华区新建小学").exists()


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_the_page_refuses_a_hostile_workbook_before_reading_it(login, edu_wuhua, kind):
    content = HOSTILE[kind](HEADERS, [school_row("五华区新建小学")])

    response = post_file(login(edu_wuhua), content)

    assert response.status_code == 200
    assert "sheet" in response.context["form"].errors
    assert response.context["form"].errors.as_data()["sheet"][0].code == kind
    assert "report" not in response.context
    assert not School.objects.filter(name="五华区新建小学").exists()


def test_the_page_refuses_a_file_over_the_size_cap(login, edu_wuhua, settings):
    settings.IMPORT_MAX_BYTES = 1000

    response = post_file(login(edu_wuhua), xlsx_bytes(HEADERS, [school_row("五华区新建小学")]))

    assert response.context["form"].errors.as_data()["sheet"][0].code == "too_large"


@pytest.mark.parametrize("persona", ["league_kunming", "inspector", "official_kunming"])
def test_only_those_who_add_and_change_schools_may_import(request, login, persona):
    assert login(request.getfixturevalue(persona)).get(IMPORT_URL).status_code == 403


def test_a_signed_out_visitor_is_sent_to_sign_in(client, divisions):
    response = client.get(IMPORT_URL)

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_school_list_links_to_the_import_for_those_who_may_import(
    login, edu_wuhua, official_kunming
):
    school_list = reverse("organizations:school-list")

    assert b'data-action="import-schools"' in login(edu_wuhua).get(school_list).content
    assert b'data-action="import-schools"' not in login(official_kunming).get(school_list).content
