from django import template

from apps.organizations.models import Division
from apps.titles.choices import Track
from apps.titles.selectors import title_queue_count

register = template.Library()


@register.simple_tag(takes_context=True)
def title_queue_for_user(context):
    """``{% title_queue_for_user as waiting %}``: applications waiting for the signed-in
    user's decision, or None when they do not review."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return None
    return title_queue_count(actor=user)


@register.simple_tag
def track_names() -> dict[str, str]:
    """``{% track_names as names %}``: each track's words by its key in ``titles.by_track``."""
    return {key: str(label) for key, label in Track.choices}


@register.simple_tag
def yp_titles_by_prefecture(indicators):
    """``{% yp_titles_by_prefecture indicators as rows %}``: (code, name, count) for each
    prefecture where Young Pioneer activities titles were won, from the indicator figures."""
    counts = (
        ((indicators or {}).get("titles") or {})
        .get("by_track", {})
        .get("yp_activities", {})
        .get("approved_by_prefecture", {})
    )
    won = {code: count for code, count in counts.items() if count}
    names = dict(Division.objects.filter(code__in=won).values_list("code", "name")) if won else {}
    return [(code, names.get(code, code), count) for code, count in sorted(won.items())]
