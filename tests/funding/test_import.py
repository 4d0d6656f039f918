"""An allocation list from Excel: the template, a preview with row errors, all or nothing,
the budget checked for the file as a whole, and amounts that stay Decimal from the file to
the database and back out in an export."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.exports.imports import read_upload, run_import
from apps.funding.models import Allocation
from apps.funding.resources import AllocationResource
from tests.factories import SchoolFactory, division
from tests.funding.conftest import make_program

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ["所属县（市、区）", "学校名称", "金额（元）", "用途说明"]


def workbook(rows, headers=HEADERS) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("分配表.xlsx", buffer.getvalue(), content_type=XLSX)


def preview(actor, program, rows, headers=HEADERS):
    resource = AllocationResource(actor=actor, program=program)
    dataset = read_upload(workbook(rows, headers), resource)
    return run_import(resource, dataset, dry_run=True), dataset


def errors(report) -> dict[int, set[str]]:
    return {row.number: {e.column for e in row.errors} for row in report.rows if row.errors}


@pytest.fixture
def schools(divisions):
    return {
        "a": SchoolFactory(
            name="五华区春苗学校", county=division("530102"), is_migrant_children_school=True
        ),
        "b": SchoolFactory(
            name="五华区明德学校", county=division("530102"), is_migrant_children_school=True
        ),
        "ordinary": SchoolFactory(name="五华区红旗小学", county=division("530102")),
        "yuxi": SchoolFactory(
            name="红塔区向阳小学", county=division("530402"), is_migrant_children_school=True
        ),
    }


def test_the_template_has_chinese_headers_and_an_example(login, program, edu_province):
    response = login(edu_province).get(
        reverse("funding:allocation-import-template", args=[program.pk])
    )

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet["C2"].value == "3000.00"


def test_a_preview_reports_every_bad_row_and_writes_nothing(
    program, kunming_envelope, edu_kunming, schools
):
    report, _dataset = preview(
        edu_kunming,
        program,
        [
            ["五华区", "五华区春苗学校", "1000", "队鼓"],  # 2: fine
            ["五华区", "五华区红旗小学", "1000", ""],  # 3: not a migrant school
            ["红塔区", "红塔区向阳小学", "1000", ""],  # 4: Yuxi, outside Kunming's scope
            ["五华区", "五华区明德学校", "10.005", ""],  # 5: a third decimal
            ["五华区", "不存在的学校", "1000", ""],  # 6: no such school
            ["五华区", "五华区明德学校", "-1", ""],  # 7: not above zero
        ],
    )

    assert report.has_errors
    assert errors(report) == {
        3: {"school"},
        4: {"county"},
        5: {"amount"},
        6: {"school"},
        7: {"amount"},
    }
    wrong_kind = next(e for r in report.rows if r.number == 3 for e in r.errors)
    assert "五华区红旗小学" in wrong_kind.message
    assert not Allocation.objects.exists()


def test_the_file_is_checked_against_the_budget_as_a_whole(
    program, kunming_envelope, edu_kunming, schools
):
    # Kunming has 40,000.00: each row fits, the two together do not.
    report, _dataset = preview(
        edu_kunming,
        program,
        [
            ["五华区", "五华区春苗学校", "25000.00", ""],
            ["530102", "五华区明德学校", "15000.01", ""],
        ],
    )

    assert errors(report) == {2: {"amount"}, 3: {"amount"}}
    message = report.rows[0].errors[0].message
    assert "40,000.01" in message and "40,000.00" in message
    assert not Allocation.objects.exists()


def test_the_import_page_previews_then_imports_all_rows(
    login, program, kunming_envelope, edu_kunming, schools
):
    client = login(edu_kunming)
    url = reverse("funding:allocation-import", args=[program.pk])
    rows = [
        ["五华区", "五华区春苗学校", 1234.56, "队鼓"],
        ["昆明市五华区", "五华区明德学校", "0.01", ""],
        ["530102", "五华区明德学校", "3,000.10", "队旗"],
    ]

    shown = client.post(url, {"sheet": workbook(rows)})
    assert shown.context["report"].statuses == ["new", "new", "new"]
    assert not Allocation.objects.exists()
    done = client.post(url, {"token": shown.context["token"]})

    assert done.status_code == 302
    assert sorted(Allocation.objects.values_list("amount", flat=True)) == [
        Decimal("0.01"),
        Decimal("1234.56"),
        Decimal("3000.10"),
    ]
    assert {a.envelope for a in Allocation.objects.all()} == {kunming_envelope}
    # The same file again adds nothing.
    again = client.post(url, {"sheet": workbook(rows)})
    assert again.context["report"].statuses == ["skip", "skip", "skip"]


def test_amounts_go_from_the_file_to_the_database_and_out_again_unchanged(
    login, program, kunming_envelope, edu_kunming, league_province, schools
):
    # given amounts typed as numbers and as text, down to the fen
    amounts = ["19999.99", "0.07", "12345.67"]
    resource = AllocationResource(actor=edu_kunming, program=program)
    rows = [
        ["五华区", "五华区春苗学校", float(amounts[0]), "a"],
        ["五华区", "五华区明德学校", amounts[1], "b"],
        ["五华区", "五华区春苗学校", f"{Decimal(amounts[2]):,}", "c"],
    ]
    dataset = read_upload(workbook(rows), resource)

    # when imported
    report = run_import(resource, dataset, dry_run=False)

    # then the database holds exactly those Decimals
    assert report.committed
    stored = dict(Allocation.objects.values_list("purpose", "amount"))
    assert stored == {key: Decimal(value) for key, value in zip("abc", amounts, strict=True)}
    assert all(isinstance(value, Decimal) for value in stored.values())

    # and the exports give them back as numbers to the fen
    client = login(league_province)
    url = reverse("funding:allocation-list")
    xlsx = b"".join(client.get(url, {"format": "xlsx"}).streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    header = [cell.value for cell in sheet[1]]
    column = header.index("金额（元）")
    exported = sorted(Decimal(str(row[column].value)) for row in sheet.iter_rows(min_row=2))
    assert exported == sorted(Decimal(a) for a in amounts)
    assert all(isinstance(row[column].value, (int, float)) for row in sheet.iter_rows(min_row=2))
    text = b"".join(client.get(url, {"format": "csv"}).streaming_content).decode("utf-8-sig")
    reader = list(csv.reader(io.StringIO(text)))
    csv_column = reader[0].index("金额（元）")
    assert sorted(Decimal(row[csv_column]) for row in reader[1:]) == sorted(
        Decimal(a) for a in amounts
    )


def test_a_committee_fund_reads_the_county_alone(league_province, edu_province, divisions):
    from apps.organizations.models import WorkCommittee

    WorkCommittee.objects.create(division=division("530102"), name="五华区少工委")
    fund = make_program(league_province, name="县级少工委经费", target="committees")

    report, _dataset = preview(
        edu_province,
        fund,
        [["五华区", "2000", "少先队工作经费"], ["盘龙区", "2000", ""]],
        headers=["所属县（市、区）", "金额（元）", "用途说明"],
    )

    assert errors(report) == {3: {"county"}}
    assert report.rows[0].status == "new"
