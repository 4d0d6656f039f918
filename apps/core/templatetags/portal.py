from django import template

from apps.core import money
from apps.core.people import person_label

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ mapping|get_item:key }}``: a dictionary value by a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def person(obj) -> str:
    """``{{ user|person }}``: 姓名（单位）, the one way a person is shown."""
    return person_label(obj)


@register.filter
def yuan(value) -> str:
    """``{{ amount|yuan }}``: 3,000,000.00 元."""
    return money.yuan(value)
