"""Template helpers of the funding area."""

from decimal import Decimal, InvalidOperation

from django import template

from apps.funding import selectors

register = template.Library()

# How many disclosed programs the public home page lists (the rest are one link away).
HOME_PROGRAMS = 5


@register.filter
def percent(share) -> str:
    """A share as text ("0.9876") shown as a percentage ("98.76%"); "" for no share."""
    try:
        value = Decimal(str(share)) * 100
    except (InvalidOperation, TypeError, ValueError):
        return ""
    return f"{value.quantize(Decimal('0.01'))}%"


@register.simple_tag
def disclosed_programs():
    """The latest programs open to the public (they have paid out money), for the home page."""
    return list(selectors.public_programs()[:HOME_PROGRAMS])
