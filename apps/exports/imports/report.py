"""Running an import and reporting on it.

``run_import`` runs a resource over a normalized dataset in one transaction: a dry run
always rolls back, and a commit writes only when no row has an error and every row does
what the preview said it would. ``ImportReport`` lists every row with its cells (personal
data masked) and its errors, for the portal's preview page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from import_export.results import RowResult

from apps.exports.imports.cells import ROW, ROW_NUMBER
from apps.exports.imports.resources import ScopedResource


@dataclass(frozen=True)
class RowError:
    column: str  # a column key, or ROW
    label: str
    message: str


@dataclass
class ReportRow:
    number: int  # the row in the sheet (the header is row 1)
    cells: list[str]
    status: str  # new, update, skip, invalid, error
    errors: list[RowError] = field(default_factory=list)


@dataclass
class ImportReport:
    keys: list[str]
    headers: list[str]
    rows: list[ReportRow]
    general_errors: list[str]
    committed: bool = False
    # A commit found rows that would now do other than the preview said; nothing was written.
    changed: bool = False

    @property
    def has_errors(self) -> bool:
        return bool(self.general_errors) or any(row.errors for row in self.rows)

    @property
    def statuses(self) -> list[str]:
        return [row.status for row in self.rows]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def new_count(self) -> int:
        return self.count(RowResult.IMPORT_TYPE_NEW)

    @property
    def update_count(self) -> int:
        return self.count(RowResult.IMPORT_TYPE_UPDATE)

    @property
    def skip_count(self) -> int:
        return self.count(RowResult.IMPORT_TYPE_SKIP)


def _label_for(resource: ScopedResource, key: str) -> tuple[str, str]:
    column = resource.error_column(key)
    if column is not None:
        return column.key, str(column.label)
    if key != NON_FIELD_ERRORS:
        try:
            return ROW, str(resource._meta.model._meta.get_field(key).verbose_name)
        except FieldDoesNotExist:
            pass
    return ROW, _("Row")


def build_report(resource: ScopedResource, dataset: tablib.Dataset, result) -> ImportReport:
    """Every row of ``dataset`` with its cells, what the import did with it and its errors."""
    columns = [c for c in resource.import_columns() if c.header in (dataset.headers or [])]
    full = resource.shows_full_personal_data
    invalid = {row.number: row.error_dict for row in result.invalid_rows}
    failed = {number for number, _errors in result.row_errors()}
    rows = []
    for index, values in enumerate(dataset.dict, start=1):
        errors: list[RowError] = []
        for key, messages in invalid.get(index, {}).items():
            column, label = _label_for(resource, key)
            for message in messages:
                error = RowError(column, label, str(message))
                if error not in errors:
                    errors.append(error)
        if index in failed:
            errors.append(
                RowError(ROW, _("Row"), _("This row could not be saved; check it and try again."))
            )
        cells = []
        for column in columns:
            value = column.cell(values)
            cells.append(column.masked(value) if column.masked and not full else value)
        row_result = result.rows[index - 1] if index - 1 < len(result.rows) else None
        rows.append(
            ReportRow(
                number=int(values.get(ROW_NUMBER) or index + 1),
                cells=cells,
                status=row_result.import_type if row_result else RowResult.IMPORT_TYPE_ERROR,
                errors=errors,
            )
        )
    general: list[str] = []
    for error in result.base_errors:
        if isinstance(error.error, ValidationError):
            general.extend(error.error.messages)
        else:
            general.append(_("The import failed and nothing was saved; please try again."))
    return ImportReport(
        keys=[column.key for column in columns],
        headers=[column.header for column in columns],
        rows=rows,
        general_errors=list(dict.fromkeys(general)),
    )


def run_import(
    resource: ScopedResource,
    dataset: tablib.Dataset,
    *,
    dry_run: bool,
    expected: Sequence[str] | None = None,
) -> ImportReport:
    """Import ``dataset`` through ``resource`` in one transaction: all rows or none.

    A dry run reports every row and writes nothing. A commit writes only when no row has an
    error and, given the preview's ``expected`` statuses, every row still does what the
    preview said (``report.changed`` otherwise); anything else rolls back in full.
    """
    resource = resource.without_html_diff()
    with transaction.atomic():
        if resource.rows_need_savepoints:
            result = resource.import_data(
                dataset,
                dry_run=dry_run,
                use_transactions=True,
                rollback_on_validation_errors=True,
                raise_errors=False,
            )
        else:
            # The preview is this transaction's, rolled back below; django-import-export
            # writes as for a commit and wraps no row in a savepoint of its own.
            resource.preview = dry_run
            result = resource.import_data(
                dataset, dry_run=False, use_transactions=False, raise_errors=False
            )
        report = build_report(resource, dataset, result)
        if not dry_run and not report.has_errors and expected is not None:
            report.changed = list(expected) != report.statuses
        if dry_run or report.has_errors or report.changed:
            transaction.set_rollback(True)
        else:
            report.committed = True
    return report
