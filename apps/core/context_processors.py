"""Navigation entries shown in the base layout: every area's ``nav``, by the user's rules.

An entry may show a count (``NavItem.badge``); it is computed only when the template reads
it, and at most once a request however often it is read."""

from functools import cache, lru_cache

from django.urls import get_script_prefix, reverse

from apps.core.access import url_allowed
from apps.core.registry import nav_badges, nav_items


def _badge(request, name):
    """A zero-argument callable giving the entry's count (templates call callables)."""
    source = nav_badges().get(name)
    if source is None:
        return None
    return cache(lambda: source(request))


@lru_cache(maxsize=512)
def _url(name: str, prefix: str) -> str:
    # ``prefix`` (the script prefix the address is reversed under) is part of the key.
    return reverse(name)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [
        {
            # The menu's addresses take no arguments: each is reversed once a process.
            "url": _url(item.url_name, get_script_prefix()),
            "label": item.label,
            "name": item.url_name,
            "badge": _badge(request, item.url_name),
        }
        for item in nav_items()
        if url_allowed(user, item.url_name)
    ]
    return {"nav_items": items}
