"""The xlsx writer's layout: Chinese headers, frozen header row, widths, one sheet."""

import io

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
    assert sheet.column_dimensions["C"].width == 40
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
