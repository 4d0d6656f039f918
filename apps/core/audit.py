"""Writing audited rows: who did it goes on the row and into its history.

Services call ``stamp`` before saving an ``AuditedModel`` row, ``audited_delete`` to delete
one, and the bulk helpers for many rows at once; each history row then names the actor,
bulk writes included (``bulk_create`` and ``bulk_update`` alone write no history).
A spreadsheet import runs its services inside ``reason(IMPORTED)``, so every row it writes
says in its history that it came from an import, besides naming the importer.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator, Sequence

from django.db import connections, models, router, transaction
from django.db.models import Value
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from apps.core import clock

# The reason every write inside ``reason()`` is kept with.
_default_reason: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "audit_default_reason", default=None
)


@contextlib.contextmanager
def reason(text: str) -> Iterator[None]:
    """Within the block, every history row is kept with ``text`` instead of the reason its
    service gives (``apps.core.history.IMPORTED`` for an import: that a row came from a
    file is what its reader needs to know; the kind of change is kept anyway)."""
    token = _default_reason.set(text)
    try:
        yield
    finally:
        _default_reason.reset(token)


def _reason(given: str | None) -> str | None:
    block = _default_reason.get()
    return block if block is not None else given


def _audited(instance: models.Model) -> bool:
    """Whether the row carries its creator and last editor (an ``AuditedModel``); a part of
    another record (``core.models.part_history``) keeps them in its history alone."""
    return any(field.name == "updated_by" for field in instance._meta.concrete_fields)


def stamp[M: models.Model](instance: M, actor, *, reason: str | None = None) -> M:
    """Name ``actor`` as the one creating or changing ``instance`` (not saved yet).
    ``reason`` is kept with the history row (e.g. "submitted", "returned")."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if _audited(instance):
        if instance._state.adding and instance.created_by_id is None:
            instance.created_by = actor
        instance.updated_by = actor
    instance._history_user = actor
    instance._change_reason = _reason(reason)
    # The history row's date by the portal's clock, so rows the demo writes in the past
    # are dated then (simple-history would take the real time).
    instance._history_date = clock.now()
    return instance


def audited_delete(instance: models.Model, actor, *, reason: str | None = None) -> None:
    """Delete ``instance``; its history keeps a last row naming ``actor``."""
    instance._history_user = actor
    instance._change_reason = _reason(reason)
    instance._history_date = clock.now()
    instance.delete()


def bulk_create_audited[M: models.Model](
    model: type[M], rows: Sequence[M], *, actor=None, batch_size: int = 1000, reason=None
) -> list[M]:
    """Insert ``rows`` in batches, with a history row each naming ``actor``.

    Where the database returns the new ids (PostgreSQL, SQLite), the history rows are
    copied from the stored rows by the database itself (``_history_copied``): building a
    historical object per row in Python cost more than the insert."""
    for row in rows:
        if _audited(row):
            row.created_by = row.updated_by = actor
    using = router.db_for_write(model)
    if not connections[using].features.can_return_rows_from_bulk_insert:
        return bulk_create_with_history(
            rows,
            model,
            batch_size=batch_size,
            default_user=actor,
            default_change_reason=_reason(reason),
            default_date=clock.now(),
        )
    with transaction.atomic(using=using):
        created = model._default_manager.db_manager(using).bulk_create(rows, batch_size=batch_size)
        for start in range(0, len(created), batch_size):
            pks = [row.pk for row in created[start : start + batch_size]]
            _history_copied(model, pks, using=using, actor=actor, reason=_reason(reason))
    return created


def _history_copied(
    model: type[models.Model], pks: list, *, using: str, actor, reason: str | None
) -> None:
    """One "created" history row for each row of ``model`` in ``pks``, as simple-history
    would write it, in one ``INSERT … SELECT``."""
    history = model.history.model
    columns = [
        field for field in history._meta.concrete_fields if not field.attname.startswith("history_")
    ]
    stamp = {
        "history_date": Value(clock.now(), models.DateTimeField()),
        "history_change_reason": Value(reason, models.CharField()),
        "history_type": Value("+", models.CharField()),
        "history_user_id": Value(getattr(actor, "pk", None), models.IntegerField()),
    }
    rows = (
        model._default_manager.db_manager(using)
        .filter(pk__in=pks)
        .annotate(**{f"_{name}": value for name, value in stamp.items()})
        .values_list(*(field.attname for field in columns), *(f"_{name}" for name in stamp))
    )
    select, params = rows.query.get_compiler(using).as_sql()
    quote = connections[using].ops.quote_name
    names = ", ".join(quote(field.column) for field in columns)
    names += ", " + ", ".join(quote(history._meta.get_field(name).column) for name in stamp)
    with connections[using].cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(history._meta.db_table)} ({names}) {select}", params)


def bulk_update_audited[M: models.Model](
    model: type[M],
    rows: Sequence[M],
    fields: Sequence[str],
    *,
    actor=None,
    batch_size=1000,
    reason=None,
) -> int:
    """Update ``fields`` of ``rows`` in batches, with a history row each naming ``actor``."""
    for row in rows:
        row.updated_by = actor
    return bulk_update_with_history(
        rows,
        model,
        [*fields, "updated_by"],
        batch_size=batch_size,
        default_user=actor,
        default_change_reason=_reason(reason),
        default_date=clock.now(),
    )
