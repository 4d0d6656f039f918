"""Template tags for counselor personal data (masked by default) and brigade posts."""

from django import template

from apps.counselors.masking import shown_birth_date, shown_id_number, shown_phone
from apps.counselors.selectors import brigade_post_for_school

register = template.Library()


def _viewer(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.simple_tag(takes_context=True)
def id_number(context, counselor) -> str:
    """``{% id_number counselor %}``: the ID number as the signed-in viewer may see it."""
    return shown_id_number(_viewer(context), counselor)


@register.simple_tag(takes_context=True)
def phone(context, counselor) -> str:
    """``{% phone counselor %}``: the phone as the signed-in viewer may see it."""
    return shown_phone(_viewer(context), counselor)


@register.simple_tag(takes_context=True)
def birth_date(context, counselor) -> str:
    """``{% birth_date counselor %}``: the birth date as the signed-in viewer may see it."""
    return shown_birth_date(_viewer(context), counselor)


@register.inclusion_tag("counselors/_school_brigade_post.html", takes_context=True)
def school_brigade_post(context, school):
    """``{% school_brigade_post school %}``: the school's brigade counselor post (one query).

    ``school`` must come from a scoped selector, as on the school detail page.
    """
    return {"post": brigade_post_for_school(school=school), "request": context.get("request")}
