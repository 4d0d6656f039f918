"""Template helpers of the joint-meeting area."""

from django import template

from apps.meetings import selectors

register = template.Library()


@register.simple_tag
def open_decisions(scope):
    """Open decisions owned by a body inside ``scope`` (the dashboard's division)."""
    if scope is None:
        return []
    return list(selectors.open_decisions_in(scope=scope)[:50])
