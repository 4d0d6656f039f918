"""Template helpers of the funding area."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def percent(share) -> str:
    """A share as text ("0.9876") shown as a percentage ("98.76%"); "" for no share."""
    try:
        value = Decimal(str(share)) * 100
    except (InvalidOperation, TypeError, ValueError):
        return ""
    return f"{value.quantize(Decimal('0.01'))}%"
