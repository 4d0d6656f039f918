"""Navigation entries shown in the base layout: every area's ``nav``, by the user's rules."""

from django.urls import reverse

from apps.core.access import url_allowed
from apps.core.registry import nav_items


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [
        {"url": reverse(item.url_name), "label": item.label, "name": item.url_name}
        for item in nav_items()
        if url_allowed(user, item.url_name)
    ]
    return {"nav_items": items}
