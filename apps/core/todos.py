"""Work waiting for a user, from every area's ``todo_sources``: the dashboard's list, the
to-do page and the count beside the menu all read it from here, once a request."""

from __future__ import annotations

import dataclasses
import datetime
import functools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Count, Min, Q, QuerySet, Value
from django.db.models.functions import TruncDate
from django.utils import translation

from apps.core import clock, freshness, registry

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
    rows: QuerySet | None
    url: str
    due: str | None = None
    overdue: bool | Q = True
    url_for_one: Callable[[Any], str] | None = None


def todo_source(build: Callable[..., Iterable[Waiting]]):
    """Declare an area's to-do source from ``build(*, actor)``, which names what waits for
    ``actor`` as ``Waiting`` rows without reading them. Called on its own it counts its rows
    in one query; ``todos_for`` counts every area's together, in one query for them all."""

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


@dataclass(frozen=True)
class _Plan:
    """The one query that counts a list of ``Waiting`` (``sql`` with ``params`` on the
    database ``alias``; None when nothing can wait), and the items without their rows."""

    items: tuple[Waiting | registry.Todo, ...]
    sql: str | None
    params: tuple
    alias: str

    @functools.cached_property
    def counts_key(self) -> str:
        """The counts' key among kept figures: the query itself, whose parameters name
        the actor's scope and the day (hashed once a plan, not once a page)."""
        return freshness.key("todos", self.sql, self.params)


def _plan(items: Iterable[Waiting | registry.Todo]) -> _Plan:
    items = list(items)
    parts = [
        _figures(index, item)
        for index, item in enumerate(items)
        if isinstance(item, Waiting) and not item.rows.query.is_empty()
    ]
    sql, params, alias = None, (), DEFAULT_DB_ALIAS
    if parts:
        union = parts[0].union(*parts[1:], all=True).order_by() if len(parts) > 1 else parts[0]
        alias = union.db
        try:
            sql, params = union.query.get_compiler(using=alias).as_sql()
        except EmptyResultSet:  # every part proved empty when compiled (``pk__in=[]``)
            sql, params = None, ()
    kept = tuple(
        dataclasses.replace(item, rows=None) if isinstance(item, Waiting) else item
        for item in items
    )
    return _Plan(kept, sql, tuple(params), alias)


def _as_date(value) -> datetime.date | None:
    # PostgreSQL gives a date; SQLite, its ISO text.
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _counts(plan: _Plan) -> dict[int, tuple]:
    with connections[plan.alias].cursor() as cursor:
        cursor.execute(plan.sql, plan.params)
        return {row[0]: tuple(row) for row in cursor.fetchall()}


def _run(plan: _Plan) -> list[registry.Todo]:
    figures = {}
    if plan.sql:
        # The counts are kept, like the dashboard's figures, until a write touches a table
        # (apps.core.freshness).
        figures = freshness.cached(
            plan.counts_key, functools.partial(_counts, plan), using=plan.alias
        )
    today = clock.today()
    todos = []
    for index, item in enumerate(plan.items):
        if isinstance(item, registry.Todo):
            todos.append(item)
            continue
        _index, count, due, late, first = figures.get(index, (index, 0, None, 0, None))
        if not count:
            continue
        due = _as_date(due)
        if isinstance(item.overdue, Q):
            overdue = bool(late)
        else:
            overdue = item.overdue and due is not None and due < today
        url = item.url_for_one(first) if item.url_for_one and count == 1 else item.url
        todos.append(registry.Todo(item.label, url, count, due=due, overdue=overdue))
    return [todo for todo in todos if todo.count]


def counted(items: Iterable[Waiting | registry.Todo]) -> list[registry.Todo]:
    """The ``registry.Todo`` of each item with something waiting, in their order, every
    ``Waiting`` counted in one query whatever the rows."""
    return _run(_plan(items))


# The query that counts an actor's to-dos depends on who they are and on the day, never on
# the rows: building it through the ORM costs several times what running it does, so each
# process keeps an actor's query for TODO_PLAN_SECONDS. Its counts are read afresh once any
# write has touched a table since (``_run``). What an area's ``todo_source`` reads while
# building its ``Waiting`` must therefore be the actor's own (their scope, school,
# division), named in the key below.
_plans: OrderedDict[tuple, tuple[float, _Plan]] = OrderedDict()
_plans_lock = threading.Lock()
# A plan is about 12 KB for a county's staff: a few MB at most a process.
_PLANS_KEPT = 256


def forget_plans() -> None:
    """Drop every kept counting query of this process (each is built again on next use)."""
    with _plans_lock:
        _plans.clear()


def _plan_key(actor) -> tuple:
    return (
        actor.pk,
        actor.role,
        actor.division_id,
        actor.school_id,
        actor.is_active,
        actor.is_superuser,
        frozenset(actor.get_all_permissions()),
        clock.today(),
        translation.get_language(),
    )


def _actor_plan(actor, sources) -> _Plan:
    seconds = settings.TODO_PLAN_SECONDS
    key = _plan_key(actor) if seconds else None
    now = time.monotonic()
    if key is not None:
        with _plans_lock:
            kept = _plans.get(key)
            if kept and kept[0] > now:
                _plans.move_to_end(key)
                return kept[1]
    plan = _plan(item for source in sources for item in source.waiting(actor=actor))
    if key is not None:
        with _plans_lock:
            _plans[key] = (now + seconds, plan)
            while len(_plans) > _PLANS_KEPT:
                _plans.popitem(last=False)
    return plan


def todos_for(actor) -> list[registry.Todo]:
    """Every area's to-dos for ``actor`` with something waiting, overdue first, then by
    due date (the oldest first), undated last. The sources declared with ``todo_source``
    are counted together in one query, so the whole list costs a fixed number of queries
    whatever the rows."""
    if actor is None or not actor.is_authenticated:
        return []
    sources = registry.todo_sources()
    declared = [source for source in sources if hasattr(source, "waiting")]
    todos = [
        todo
        for source in sources
        if not hasattr(source, "waiting")
        for todo in source(actor=actor)
        if todo.count
    ]
    todos += _run(_actor_plan(actor, declared))
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
