"""Work waiting for a user, from every area's ``todo_sources``: the dashboard's list, the
to-do page and the count beside the menu all read it from here, once a request."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from apps.core import registry

_CACHE_ATTR = "_portal_todos"


def todos_for(actor) -> list[registry.Todo]:
    """Every area's to-dos for ``actor`` with something waiting, overdue first, then by
    due date (the oldest first), undated last. Each source costs a fixed number of
    queries, so the whole list does too, whatever the rows."""
    if actor is None or not actor.is_authenticated:
        return []
    todos = [todo for source in registry.todo_sources() for todo in source(actor=actor)]
    todos = [todo for todo in todos if todo.count]
    return sorted(todos, key=lambda t: (not t.overdue, t.due is None, t.due or 0))


def todos_for_request(request) -> list[registry.Todo]:
    """``todos_for(request.user)``, computed at most once for the request."""
    cached = getattr(request, _CACHE_ATTR, None)
    if cached is None:
        cached = todos_for(getattr(request, "user", None))
        setattr(request, _CACHE_ATTR, cached)
    return cached


def waiting_count(request) -> int:
    """How many items wait for the request's user (the menu's count)."""
    return sum(todo.count for todo in todos_for_request(request))


def staff_in(*, divisions=(), schools=(), roles) -> dict[tuple[str, object], list]:
    """Active users holding one of ``roles`` whose scope is one of ``divisions`` (codes) or
    ``schools`` (ids), in one query: ``{("division", code) | ("school", id): [users]}``.
    The users who must act on an area's items (``registry.DueItem.actors``)."""
    found: dict[tuple[str, object], list] = {}
    condition = Q(division_id__in=set(divisions)) | Q(school_id__in=set(schools))
    users = get_user_model().objects.filter(condition, is_active=True, role__in=list(roles))
    for user in users.order_by("pk"):
        key = ("school", user.school_id) if user.school_id else ("division", user.division_id)
        found.setdefault(key, []).append(user)
    return found
