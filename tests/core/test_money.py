"""Money is Decimal to the fen: never float, never silently rounded."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from apps.core.money import money_string, to_fen, typed_yuan, yuan


def test_amounts_are_read_to_the_fen():
    assert to_fen("3,000,000") == Decimal("3000000.00")
    assert to_fen(" 1000.5 ") == Decimal("1000.50")
    assert to_fen(Decimal("0.01")) == Decimal("0.01")


def test_a_float_is_refused_and_a_third_decimal_is_not_rounded_away():
    with pytest.raises(TypeError):
        to_fen(0.1)
    with pytest.raises(ValidationError) as raised:
        to_fen("10.005")
    assert raised.value.code == "money_fen"
    for text in ("abc", "NaN", "Infinity"):
        with pytest.raises(ValidationError):
            to_fen(text)


def test_amounts_show_with_thousands_separators_and_yuan():
    assert yuan(Decimal("3000000")) == "3,000,000.00 元"
    assert yuan(None) == ""
    rendered = Template("{% load portal %}{{ a|yuan }}").render(Context({"a": Decimal("3000.5")}))
    assert rendered == "3,000.50 元"


def test_indicators_carry_a_fixed_two_decimal_string():
    assert money_string(Decimal("200000")) == "200000.00"
    assert money_string(None) == "0.00"


def test_an_imported_cell_reads_yuan_as_typed_and_names_what_is_wrong():
    assert typed_yuan("3,000.50元") == Decimal("3000.50")
    with pytest.raises(ValidationError) as refused:
        to_fen("45.505")
    with pytest.raises(ValueError) as raised:
        typed_yuan("45.505")
    assert str(raised.value) == refused.value.messages[0]
    with pytest.raises(ValueError):
        typed_yuan("forty")
