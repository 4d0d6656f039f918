"""From a scoped queryset to a spreadsheet file: the one path every export takes.

The request (small exports), the background job (large ones) and the benchmark all call
``write_export``, so what is measured is what officials get. Rows are read with
``values_list(...).iterator(chunk_size=...)``: one query, a server-side cursor on PostgreSQL,
and no model instances, so memory stays flat however many rows there are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

from django.db.models import QuerySet

from apps.exports.choices import ExportFormat
from apps.exports.writers import Column, accessors, counted, write_csv, write_xlsx

CHUNK_SIZE = 2000


def export_rows(queryset: QuerySet, columns: Sequence[Column]) -> Iterator[tuple[Any, ...]]:
    """The rows of ``queryset`` as tuples in ``columns``' order, fetched in chunks."""
    return queryset.values_list(*accessors(columns)).iterator(chunk_size=CHUNK_SIZE)


def write_export(
    *,
    queryset: QuerySet,
    columns: Sequence[Column],
    file_format: str,
    target: IO[bytes],
    title: str = "Sheet1",
    on_progress: Callable[[int], None] | None = None,
    progress_every: int = CHUNK_SIZE,
) -> int:
    """Write ``queryset`` (already scoped and filtered by the caller) to ``target`` in
    ``file_format``; call ``on_progress(rows_so_far)`` every ``progress_every`` rows.
    Returns the number of rows written."""
    rows = export_rows(queryset, columns)
    if on_progress is not None:
        rows = counted(rows, every=progress_every, callback=on_progress)
    if file_format == ExportFormat.XLSX:
        return write_xlsx(target, columns, rows, title=title)
    if file_format == ExportFormat.CSV:
        return write_csv(target, columns, rows)
    raise ValueError(f"Unknown export format {file_format!r}")
