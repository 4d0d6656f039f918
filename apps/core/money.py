"""Money, to the fen: Decimal everywhere, never float.

``MoneyField`` stores yuan with two decimals; ``yuan`` shows an amount with thousands
separators and 元 (the ``yuan`` template filter); ``typed_yuan`` reads an amount from an
imported cell; ``money_string`` is the fixed two-decimal text the indicators use;
``XLSX_MONEY_FORMAT`` keeps exported amounts numeric.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

FEN = Decimal("0.01")
# Up to 999,999,999,999.99 yuan: far beyond any provincial programme.
MAX_DIGITS = 14
XLSX_MONEY_FORMAT = "#,##0.00"


class MoneyField(models.DecimalField):
    """An amount in yuan to the fen."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", MAX_DIGITS)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)


def to_fen(value) -> Decimal:
    """``value`` as a Decimal to the fen; refuses floats (they are never exact) and more
    than two decimals (an amount is not rounded silently)."""
    if isinstance(value, float):
        raise TypeError("Money is never a float; pass a Decimal or a string.")
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(_("Enter an amount in yuan, e.g. 3000.00."), code="money") from exc
    if not amount.is_finite():
        raise ValidationError(_("Enter an amount in yuan, e.g. 3000.00."), code="money")
    if amount != amount.quantize(FEN):
        raise ValidationError(_("An amount has at most two decimals (fen)."), code="money_fen")
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def typed_yuan(text: str) -> Decimal:
    """Yuan as typed in a spreadsheet cell ("3,000.50", "45元") as a Decimal to the fen;
    ValueError with the message to show next to the cell when it is not an amount."""
    try:
        return to_fen(text.replace(",", "").replace("元", "").strip())
    except ValidationError as error:
        raise ValueError(error.messages[0]) from error


def money_string(value) -> str:
    """The fixed two-decimal text of an amount ("3000000.00"), for indicators and JSON."""
    return f"{Decimal(value or 0).quantize(FEN, rounding=ROUND_HALF_UP):.2f}"


def yuan(value) -> str:
    """An amount as people read it: "3,000,000.00 元"; "" for no amount."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP):,.2f} 元"
