"""The xlsx writer's layout: Chinese headers, frozen header row, widths, one sheet."""

import io

import pytest
from openpyxl import load_workbook

from apps.exports.writers import CellType, Column, sheet_title, write_xlsx


def test_the_workbook_has_a_bold_frozen_header_row_and_column_widths():
    columns = [
        Column("所属州市", "a"),
        Column("人数", "b", CellType.INTEGER),
        Column("备注", "c", width=40),
    ]
    buffer = io.BytesIO()

    written = write_xlsx(buffer, columns, iter([("昆明市", 3, "无")] * 10), title="辅导员名单")

    buffer.seek(0)
    workbook = load_workbook(buffer)
    sheet = workbook.active
    assert written == 10
    assert workbook.sheetnames == ["辅导员名单"]
    assert [cell.value for cell in sheet[1]] == ["所属州市", "人数", "备注"]
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 11
    # Stored as Excel stores a width typed in its UI: characters plus the cell padding.
    assert 40 <= sheet.column_dimensions["C"].width < 41
    assert sheet.column_dimensions["A"].width >= 2 * len("所属州市")


def test_sheet_titles_lose_characters_excel_refuses_and_stay_short():
    assert sheet_title("a/b:c[d]") == "a b c d"
    assert len(sheet_title("很" * 40)) == 31
    assert sheet_title("") == "Sheet1"


def test_money_stays_a_number_with_thousands_separators_and_two_decimals():
    from decimal import Decimal

    buffer = io.BytesIO()
    columns = [Column("金额（元）", "amount", CellType.MONEY)]
    write_xlsx(buffer, columns, [(Decimal("3000000.00"),), (Decimal("0.01"),), ("=1+1",)])

    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    amounts = [sheet.cell(row=r, column=1) for r in (2, 3)]
    assert [cell.value for cell in amounts] == [3000000, 0.01]
    assert {cell.number_format for cell in amounts} == {"#,##0.00"}
    # a text in a money column is still escaped, never a formula
    assert sheet.cell(row=4, column=1).value == "'=1+1"


def _read(columns, rows, **kwargs):
    buffer = io.BytesIO()
    write_xlsx(buffer, columns, rows, **kwargs)
    return load_workbook(io.BytesIO(buffer.getvalue())).active


def test_it_prints_like_a_report_a4_landscape_one_page_wide_header_on_every_page():
    sheet = _read([Column("姓名", "name"), Column("电话", "phone")], [("张丽", "139")] * 3)

    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # fitToWidth absent means its default, one page; fitToHeight 0 means as many as it takes
    assert int(sheet.page_setup.fitToWidth or 1) == 1
    assert int(sheet.page_setup.fitToHeight) == 0
    assert sheet.print_title_rows == "$1:$1"
    assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text


def test_text_stays_text_never_a_link_a_number_or_a_formula():
    # given text a generic writer would turn into a hyperlink, a number or a formula
    values = ["http://evil.example/x", "mailto:a@b.example", "0123", "1e5", "{=1+1}"]

    sheet = _read([Column("备注", "note")], [(value,) for value in values])

    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == values
    assert {cell.data_type for cell in cells} == {"s"}
    assert all(cell.hyperlink is None for cell in cells)


def test_empty_text_and_none_leave_the_cell_empty_and_booleans_stay_booleans():
    columns = [Column("甲", "a"), Column("乙", "b"), Column("丙", "c", CellType.BOOLEAN)]

    sheet = _read(columns, [("", None, True), ("x", "y", False)])

    assert [cell.value for cell in sheet[2]] == [None, None, True]
    assert [cell.value for cell in sheet[3]] == ["x", "y", False]


def test_a_row_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError):
        write_xlsx(io.BytesIO(), [Column("甲", "a"), Column("乙", "b")], [("only one",)])


def test_dates_and_times_are_real_dates_in_the_portals_wall_clock_time():
    import datetime

    # 09:30:15 in the portal's time zone (Asia/Shanghai)
    moment = datetime.datetime(2018, 6, 1, 1, 30, 15, tzinfo=datetime.UTC)
    columns = [
        Column("日期", "day", CellType.DATE),
        Column("时间", "at", CellType.DATETIME),
        Column("提交日", "on", CellType.DATE),
    ]

    sheet = _read(columns, [(datetime.date(2017, 3, 1), moment, moment)])

    day, at, on = sheet[2]
    assert day.value == datetime.datetime(2017, 3, 1) and day.number_format == "yyyy-mm-dd"
    assert at.value == datetime.datetime(2018, 6, 1, 9, 30, 15)
    assert at.number_format == "yyyy-mm-dd hh:mm:ss"
    # a date-time in a date column is shown as its local date
    assert on.value == datetime.datetime(2018, 6, 1) and on.number_format == "yyyy-mm-dd"


def test_markup_spaces_and_line_breaks_come_back_as_written():
    values = ["<b>甲 & 乙</b>", "  前后有空格  ", "第一行\r\n第二行", "a > b"]

    sheet = _read([Column("备注", "note")], [(value,) for value in values])

    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == [
        "<b>甲 & 乙</b>",
        "  前后有空格  ",
        "第一行\n第二行",
        "a > b",
    ]


def test_columns_past_z_are_named_as_excel_names_them():
    columns = [Column(f"列{index}", f"c{index}", CellType.INTEGER) for index in range(30)]

    sheet = _read(columns, [tuple(range(30))])

    assert sheet["Z2"].value == 25 and sheet["AA2"].value == 26 and sheet["AD2"].value == 29
    assert sheet["AD1"].value == "列29" and sheet.max_column == 30


def test_a_number_a_spreadsheet_cannot_hold_is_refused():
    from decimal import Decimal

    with pytest.raises(ValueError):
        _read([Column("金额", "a", CellType.MONEY)], [(Decimal("NaN"),)])
