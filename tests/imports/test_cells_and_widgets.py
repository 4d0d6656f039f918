"""The pieces every import shares: cells as typed text, headers mapped onto columns, the
widgets that turn a cell into a value, and the admin's checked formats."""

import datetime
import io
from decimal import Decimal

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from apps.exports.imports import (
    ROW_NUMBER,
    BooleanWidget,
    CellWidget,
    CheckedCSV,
    CheckedXLSX,
    ChoiceWidget,
    Column,
    DateWidget,
    IntegerWidget,
    LookupWidget,
    TextWidget,
    YuanWidget,
    cell_text,
    header_key,
    normalize,
)


class Colour(models.TextChoices):
    # Plain labels: a test adds nothing to the catalogue.
    RED = "red", "Red"
    BLUE = "blue", "Blue"


@pytest.fixture(autouse=True)
def english():
    # Messages are matched in English; the file's own language stays Chinese regardless.
    with translation.override("en"):
        yield


NAME = Column("name", "姓名", "Full name", required=True, aliases=("名字",))
HOURS = Column("hours", "学时", "Hours")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "是"),
        (40.0, "40"),
        (12.5, "12.5"),
        (Decimal("40.0"), "40"),
        (datetime.datetime(2018, 5, 12), "2018-05-12"),
        (datetime.datetime(2018, 5, 12, 8, 30), "2018-05-12 08:30:00"),
        (datetime.date(2018, 5, 12), "2018-05-12"),
        ("  张丽 ", "张丽"),
        # An export's quote before a formula-like text comes off again; others stay.
        ("'=1+1", "=1+1"),
        ("'tis", "'tis"),
    ],
)
def test_a_cell_reads_as_the_text_its_user_typed(value, text):
    assert cell_text(value) == text


def test_headers_compare_without_spaces_markers_or_bracket_widths():
    assert header_key(" 县（市、区）* ") == header_key("县(市、区)") == "县(市、区)"
    assert header_key("Full Name") == "fullname"


def test_normalize_maps_any_known_header_and_drops_blank_and_example_rows():
    raw = tablib.Dataset(headers=["Hours", "其他", "名字"])
    raw.append([24.0, "x", "示例"])
    raw.append([None, None, None])
    raw.append([12, "y", "张丽"])

    dataset = normalize(raw, [NAME, HOURS], example={"name": "示例", "hours": 24})

    assert dataset.headers == ["姓名", "学时", ROW_NUMBER]
    # The sheet's own row numbers survive: the header is row 1, the example row 2.
    assert [tuple(row) for row in dataset] == [("张丽", "12", 4)]
    # Normalizing again changes nothing.
    assert [tuple(row) for row in normalize(dataset, [NAME, HOURS])] == [("张丽", "12", 4)]


def test_normalize_names_the_missing_required_columns():
    raw = tablib.Dataset(["12"], headers=["学时"])

    with pytest.raises(ValidationError) as error:
        normalize(raw, [NAME, HOURS])

    assert error.value.code == "columns"
    assert "姓名" in error.value.messages[0]


def test_normalize_refuses_a_sheet_with_only_its_header():
    with pytest.raises(ValidationError) as error:
        normalize(tablib.Dataset([None], headers=["姓名"]), [NAME])

    assert error.value.code == "empty"


def test_an_empty_cell_is_the_default_or_an_error_when_required():
    assert CellWidget().clean("") is None
    assert TextWidget().clean(None) == ""
    for widget in (TextWidget, IntegerWidget, BooleanWidget, DateWidget):
        with pytest.raises(ValueError, match="Fill in this column"):
            widget(required=True).clean("  ")


@pytest.mark.parametrize(
    ("widget", "text", "value"),
    [
        (TextWidget(), " 五华区 ", "五华区"),
        (IntegerWidget(), "18", 18),
        (IntegerWidget(), 18.0, 18),
        (BooleanWidget(), "是", True),
        (BooleanWidget(), "No", False),
        (BooleanWidget(), "√", True),
        (DateWidget(), "2018/5/12", datetime.date(2018, 5, 12)),
        (DateWidget(), "2018年5月12日", datetime.date(2018, 5, 12)),
        (DateWidget(), datetime.datetime(2018, 5, 12), datetime.date(2018, 5, 12)),
    ],
)
def test_widgets_read_what_offices_type(widget, text, value):
    assert widget.clean(text) == value


@pytest.mark.parametrize(
    ("widget", "text", "message"),
    [
        (IntegerWidget(), "1.5", "whole number"),
        (IntegerWidget(), "abc", "whole number"),
        (IntegerWidget(min_value=1), "0", "at least 1"),
        (BooleanWidget(), "maybe", "是"),
        (DateWidget(), "12/05/2018", "2018-05-12"),
    ],
)
def test_widgets_refuse_what_they_cannot_read_with_a_plain_message(widget, text, message):
    with pytest.raises(ValueError, match=message):
        widget.clean(text)


def test_a_yuan_cell_reads_as_typed_to_the_fen_and_refuses_a_third_decimal():
    assert YuanWidget().clean("1,200.50") == Decimal("1200.50")
    assert YuanWidget().clean("45元") == Decimal("45.00")
    assert YuanWidget().clean("") is None
    with pytest.raises(ValueError):
        YuanWidget().clean("12.345")


def test_a_choice_is_read_by_label_value_or_alias_and_written_in_chinese():
    widget = ChoiceWidget(Colour, aliases={"赤": Colour.RED})

    assert widget.clean("Blue") == widget.clean("blue") == Colour.BLUE
    assert widget.clean("赤") == Colour.RED
    # The file's language is Chinese whatever the page's; untranslated labels stay as they are.
    assert widget.render(Colour.RED) == widget.labels()[Colour.RED]
    assert widget.options() == list(widget.labels().values())
    with pytest.raises(ValueError, match="Choose one of"):
        widget.clean("green")


def test_a_lookup_resolves_through_the_resource_and_renders_its_row():
    widget = LookupWidget(lambda text, row: {"五华区": "530102"}[text], render_as=str.upper)

    assert widget.clean(" 五华区 ") == "530102"
    assert widget.render("abc") == "ABC"
    assert widget.render(None) == ""


def test_a_lookup_naming_methods_is_bound_to_the_resource_that_uses_it():
    class Resource:
        def resolve(self, text, row):
            return {"五华区": "530102"}[text]

        def name_of(self, code):
            return {"530102": "五华区"}[code]

    widget = LookupWidget("resolve", render_as="name_of")
    widget.bind(Resource())

    assert widget.clean("五华区") == "530102"
    assert widget.render("530102") == "五华区"


def test_the_checked_csv_export_escapes_formulas_and_starts_with_a_byte_order_mark():
    dataset = tablib.Dataset(["=HYPERLINK(1)", 3], headers=["姓名", "学时"])

    content = CheckedCSV().export_data(dataset)

    assert content.startswith("\ufeff".encode())
    assert "'=HYPERLINK(1)" in content.decode("utf-8-sig")


def test_the_checked_formats_read_a_file_by_its_content_whatever_format_was_chosen():
    csv = "姓名,学时\r\n张丽,12\r\n".encode("gb18030")
    workbook = CheckedXLSX().export_data(tablib.Dataset(["张丽", 12], headers=["姓名", "学时"]))

    for content in (csv, workbook):
        for format_class in (CheckedXLSX, CheckedCSV):
            CheckedCSV().check(io.BytesIO(content))
            dataset = format_class().create_dataset(content)
            assert dataset.headers == ["姓名", "学时"]
            assert cell_text(dataset[0][0]) == "张丽"
