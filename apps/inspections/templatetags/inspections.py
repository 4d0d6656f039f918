from django import template

from apps.inspections.models import plain_number
from apps.inspections.selectors import orders_overdue_for

register = template.Library()


@register.simple_tag
def overdue_orders(user, limit=10):
    """``{% overdue_orders user as overdue %}``: the user's overdue rectification orders
    (``overdue.orders``, at most ``limit``) and how many there are (``overdue.count``)."""
    orders, count = orders_overdue_for(actor=user, limit=limit)
    return {"orders": orders, "count": count}


@register.filter
def plain(value):
    """``{{ score|plain }}``: 30.00 as "30", 27.50 as "27.5"."""
    return "" if value is None else plain_number(value)
