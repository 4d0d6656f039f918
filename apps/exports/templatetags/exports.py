from django import template

from apps.exports.mixins import FORMAT_PARAM
from apps.exports.services import NOT_FILTERS

register = template.Library()


@register.simple_tag(takes_context=True)
def export_url(context, file_format: str) -> str:
    """The current list's URL with its filters, asking for ``file_format`` (xlsx or csv)."""
    request = context["request"]
    query = request.GET.copy()
    for key in NOT_FILTERS:
        query.pop(key, None)
    query[FORMAT_PARAM] = file_format
    return f"{request.path}?{query.urlencode()}"
