"""The document number (文号): GB/T 9704's form, each slip refused with its own message."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from apps.documents.numbers import DocumentNumber, parse_number


@pytest.mark.parametrize(
    ("number", "parsed"),
    [
        ("云少工委发〔2018〕12号", DocumentNumber("云少工委发", 2018, 12)),
        ("云教基〔2013〕45号", DocumentNumber("云教基", 2013, 45)),
        ("团云发〔2017〕3号", DocumentNumber("团云发", 2017, 3)),
        ("云少工委办发〔2018〕101号", DocumentNumber("云少工委办发", 2018, 101)),
    ],
)
def test_it_reads_well_formed_numbers(number, parsed):
    assert parse_number(number) == parsed


def _message(number, **kwargs) -> str:
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as caught:
            parse_number(number, **kwargs)
        return " ".join(caught.value.messages)


@pytest.mark.parametrize(
    ("number", "says"),
    [
        ("云少工委发[2018]12号", "〔〕"),
        ("云少工委发【2018】12号", "【"),
        ("云少工委发（2018）12号", "（"),
        ("云少工委发〔2018〕012号", "012"),
        ("云少工委发〔2018〕第12号", "第"),
        ("云少工委发〔18〕12号", "2018"),
        ("云少工委发〔2018〕12", "号"),
        ("云少工委发 〔2018〕12号", "空格"),
        ("〔2018〕12号", "云少工委发〔2018〕12号"),
        ("Yunnan〔2018〕12号", "云少工委发〔2018〕12号"),
    ],
)
def test_it_refuses_each_wrong_form_with_a_chinese_message_saying_what_to_change(number, says):
    message = _message(number)

    assert says in message


def test_it_refuses_a_year_from_the_future_when_told_the_latest():
    assert "2031" in _message("云少工委发〔2031〕1号", latest_year=2030)
    assert parse_number("云少工委发〔2030〕1号", latest_year=2030).year == 2030
