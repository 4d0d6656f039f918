"""Navigation entries shown in the base layout: every area's ``nav``, by the user's rules.

An entry may show a count (``NavItem.badge``); it is computed only when the template reads
it, and at most once a request however often it is read. The menu is the same on every page
of a view for one viewer until a write: the layout keeps it (``{% kept nav_key %}``)."""

from functools import cache, lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject

from apps.core import freshness
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
        return {"nav_items": [], "nav_key": ""}
    return {
        "nav_items": SimpleLazyObject(lambda: _items(request, user)),
        "nav_key": _nav_key(request, user),
    }


def _nav_key(request, user) -> str:
    """What the menu depends on but the database: the page's view (marked current), the
    script prefix its addresses are under, and the viewer (``freshness.viewer_parts``)."""
    match = getattr(request, "resolver_match", None)
    return freshness.key(
        "nav",
        match.view_name if match else "",
        get_script_prefix(),
        *freshness.viewer_parts(user),
    )


def _items(request, user):
    """The entries, built only when a page renders its menu (the layout keeps it)."""
    return [
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
