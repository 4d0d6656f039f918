"""Declaring an area's exported lists in ``apps/<app>/exports.py``: the area states the
columns; the registration (kind, label, file name, rows, order, permission) is one line.

    @list_export("pilots", _("Pilots"), filtered(pilot_list), ("id",), Perm.VIEW_PILOT)
    def pilot_columns(viewer) -> list[Column]:
        return [Column(_("School"), "school__name"), ...]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db.models import QuerySet

from apps.exports.registry import ExportDefinition, register
from apps.exports.writers import Column


def filtered(list_selector: Callable) -> Callable[..., QuerySet]:
    """The rows of a list page: ``list_selector(actor=, filters=)`` returns the page's
    FilterSet, the export its queryset (same scope, same filters)."""

    def rows(*, actor, filters):
        return list_selector(actor=actor, filters=filters).qs

    return rows


def list_export(
    kind: str,
    label,
    rows: Callable[..., QuerySet],
    ordering: tuple[str, ...],
    *permissions: str,
    filename: str | None = None,
) -> Callable[[Callable], Callable]:
    """Register the decorated ``columns(viewer)`` as the export ``kind``: ``rows(actor=,
    filters=)`` in ``ordering`` (unique, indexed), for whoever holds ``permissions``; the
    file is named ``filename`` (``kind`` by default). The definition is kept on the
    function as ``.definition``."""

    def declare(columns: Callable[..., Sequence[Column]]):
        definition = ExportDefinition(
            kind, label, filename or kind, rows, columns, ordering, tuple(permissions)
        )
        columns.definition = register(definition)
        return columns

    return declare
