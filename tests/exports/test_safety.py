"""Formula injection: hostile text is quoted, numbers and dates stay numbers and dates."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from apps.exports.safety import escape_cell
from apps.exports.writers import CellType, Column, iter_csv, write_csv, write_xlsx

DANGEROUS = [
    '=HYPERLINK("http://evil.example","点击")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "\x00=1+1",
    "＝1+1",
]


@pytest.mark.parametrize("value", DANGEROUS)
def test_it_quotes_text_starting_with_a_formula_trigger(value):
    escaped = escape_cell(value)

    assert escaped.startswith("'")
    assert "\x00" not in escaped


@pytest.mark.parametrize("value", ["张丽", "五华区第一小学", "a=b", "1-2", "", "#1"])
def test_it_leaves_harmless_text_alone(value):
    assert escape_cell(value) == value


@pytest.mark.parametrize(
    "value",
    [-5, 0, 3.5, -2.25, Decimal("-12.30"), datetime.date(2020, 1, 2), True, None],
)
def test_it_leaves_numbers_dates_and_none_unchanged(value):
    assert escape_cell(value) is value


def test_it_drops_control_characters_an_xlsx_cannot_hold():
    # \x01 is illegal in XML; dropping it must not reveal an unquoted formula.
    assert escape_cell("\x01=1+1") == "'=1+1"
    assert escape_cell("张\x02丽") == "张丽"


COLUMNS = [
    Column("名称", "name"),
    Column("数量", "count", CellType.INTEGER),
    Column("金额", "amount", CellType.DECIMAL),
    Column("日期", "day", CellType.DATE),
    Column("时间", "moment", CellType.DATETIME),
]


def _xlsx(rows, columns=COLUMNS):
    buffer = io.BytesIO()
    write_xlsx(buffer, columns, rows, title="测试")
    buffer.seek(0)
    return load_workbook(buffer).active


def test_the_xlsx_writer_never_writes_a_formula_or_error_cell():
    rows = [(value, None, None, None, None) for value in [*DANGEROUS, "#N/A", "#DIV/0!"]]

    sheet = _xlsx(rows)

    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert {cell.data_type for cell in cells} == {"s"}
    assert all(cell.value.startswith("'") for cell in cells[: len(DANGEROUS)])
    assert [cell.value for cell in cells[len(DANGEROUS) :]] == ["#N/A", "#DIV/0!"]


def test_the_xlsx_writer_keeps_numbers_decimals_and_dates_numeric():
    moment = datetime.datetime(2020, 1, 2, 3, 4, tzinfo=datetime.UTC)
    rows = [("-5", -5, Decimal("-12.30"), datetime.date(2020, 1, 2), moment)]

    sheet = _xlsx(rows)

    text, number, amount, day, when = next(sheet.iter_rows(min_row=2))
    assert (text.value, text.data_type) == ("'-5", "s")
    assert (number.value, number.data_type) == (-5, "n")
    assert (amount.value, amount.data_type) == (-12.3, "n")
    assert day.data_type == "d" and day.is_date
    assert day.value.date() == datetime.date(2020, 1, 2)
    assert day.number_format == "yyyy-mm-dd"
    # Written as the portal's wall-clock time (Asia/Shanghai), since Excel has no zones.
    assert when.is_date and when.value == datetime.datetime(2020, 1, 2, 11, 4)


def test_a_date_column_given_a_datetime_writes_the_date():
    sheet = _xlsx([("x", 1, Decimal(1), datetime.datetime(2021, 5, 6, 23, 0), None)])

    assert next(sheet.iter_rows(min_row=2))[3].value == datetime.datetime(2021, 5, 6)


def test_the_csv_writer_quotes_text_but_not_numbers():
    rows = [(value, -5, Decimal("-1.50"), datetime.date(2020, 1, 2), None) for value in DANGEROUS]
    buffer = io.BytesIO()

    written = write_csv(buffer, COLUMNS, rows)

    assert written == len(DANGEROUS)
    parsed = list(csv.reader(io.StringIO(buffer.getvalue().decode("utf-8-sig"))))
    assert parsed[0] == ["名称", "数量", "金额", "日期", "时间"]
    for row in parsed[1:]:
        assert row[0].startswith("'")
        assert row[1:4] == ["-5", "-1.50", "2020-01-02"]
        assert row[4] == ""


def test_the_csv_starts_with_a_byte_order_mark_so_excel_reads_chinese():
    data = b"".join(iter_csv([Column("姓名", "name")], [("张丽",)]))

    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == "姓名\r\n张丽\r\n"


def test_headers_are_escaped_too():
    data = b"".join(iter_csv([Column("=evil()", "name")], []))

    assert data.decode("utf-8-sig") == "'=evil()\r\n"


def test_a_transform_runs_before_escaping():
    column = Column("名称", "name", transform=lambda value: f"={value}")
    sheet = _xlsx([("x",)], columns=[column])

    assert sheet["A2"].value == "'=x"


def test_a_carriage_return_reaches_the_workbook_as_a_line_break_never_an_escape_code():
    sheet = _xlsx([("\r=1+1",), ("甲\r\n乙",), ("丙\r丁",)], columns=[Column("名称", "name")])

    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["'\n=1+1", "甲\n乙", "丙\n丁"]
