"""Work waiting for a user, from every area's ``todo_sources``: the dashboard's list, the
to-do page and the count beside the menu all read it from here, once a request."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, Min, Q, QuerySet, Value
from django.db.models.functions import TruncDate

from apps.core import clock, registry

_CACHE_ATTR = "_portal_todos"


@dataclass(frozen=True)
class Waiting:
    """Items waiting for a user, counted by the core: ``rows`` (the very selector the page at
    ``url`` lists, so that a count and its list agree), due on their earliest ``due`` (a
    date or date-time field path; a date-time counts as its local date).

    ``overdue``: True when the earliest due date has passed, False never, or a ``Q`` of the
    rows that are overdue. ``url_for_one``: where a single waiting item goes instead of
    ``url`` (given its primary key)."""

    label: Any
    rows: QuerySet
    url: str
    due: str | None = None
    overdue: bool | Q = True
    url_for_one: Callable[[Any], str] | None = None


def todo_source(build: Callable[..., Iterable[Waiting | registry.Todo]]):
    """Declare an area's to-do source from ``build(*, actor)``, which names what waits
    (``Waiting``, or a ready ``registry.Todo``). Called on its own it counts its rows in
    one query; ``todos_for`` counts every area's together, in one query for them all."""

    @functools.wraps(build)
    def source(*, actor) -> list[registry.Todo]:
        if actor is None or not actor.is_authenticated:
            return []
        return counted(build(actor=actor))

    source.waiting = build
    return source


def _field(model, path: str) -> models.Field:
    *joins, name = path.split("__")
    for step in joins:
        model = model._meta.get_field(step).related_model
    return model._meta.get_field(name)


def _figures(index: int, waiting: Waiting) -> QuerySet:
    """One row for ``waiting``: its index, count, earliest due date, overdue rows and
    smallest key, ready to be joined to the others by UNION ALL."""
    rows = waiting.rows
    if (
        rows.query.distinct
        or rows.query.group_by is not None
        or any(getattr(a, "contains_aggregate", False) for a in rows.query.annotations.values())
    ):
        # A grouped or distinct selector: count its rows, not its joins.
        rows = rows.model._default_manager.filter(pk__in=rows.values("pk"))
    due: Any = Value(None, output_field=models.DateField())
    if waiting.due:
        field = _field(rows.model, waiting.due)
        due = Min(
            TruncDate(waiting.due) if isinstance(field, models.DateTimeField) else waiting.due
        )
    late: Any = Value(0)
    if isinstance(waiting.overdue, Q):
        late = Count("pk", filter=waiting.overdue)
    first: Any = Value(None, output_field=models.IntegerField())
    if waiting.url_for_one:
        first = Min("pk")
    return (
        rows.order_by()
        .annotate(todo=Value(index))
        .values("todo")
        .annotate(count=Count("pk"), due=due, late=late, first=first)
    )


def counted(items: Iterable[Waiting | registry.Todo]) -> list[registry.Todo]:
    """The ``registry.Todo`` of each item with something waiting, in their order, every
    ``Waiting`` counted in one query whatever the rows."""
    items = list(items)
    parts = [
        _figures(index, item)
        for index, item in enumerate(items)
        if isinstance(item, Waiting) and not item.rows.query.is_empty()
    ]
    figures = {}
    if parts:
        union = parts[0].union(*parts[1:], all=True).order_by() if len(parts) > 1 else parts[0]
        figures = {row["todo"]: row for row in union}
    today = clock.today()
    todos = []
    for index, item in enumerate(items):
        if isinstance(item, registry.Todo):
            todos.append(item)
            continue
        row = figures.get(index)
        if not row or not row["count"]:
            continue
        due: datetime.date | None = row["due"]
        if isinstance(item.overdue, Q):
            overdue = bool(row["late"])
        else:
            overdue = item.overdue and due is not None and due < today
        url = item.url
        if item.url_for_one and row["count"] == 1:
            url = item.url_for_one(row["first"])
        todos.append(registry.Todo(item.label, url, row["count"], due=due, overdue=overdue))
    return [todo for todo in todos if todo.count]


def todos_for(actor) -> list[registry.Todo]:
    """Every area's to-dos for ``actor`` with something waiting, overdue first, then by
    due date (the oldest first), undated last. The sources declared with ``todo_source``
    are counted together in one query, so the whole list costs a fixed number of queries
    whatever the rows."""
    if actor is None or not actor.is_authenticated:
        return []
    pending: list[Waiting | registry.Todo] = []
    for source in registry.todo_sources():
        pending.extend(getattr(source, "waiting", source)(actor=actor))
    todos = counted(pending)
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
