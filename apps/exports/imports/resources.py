"""The resource every import and admin export goes through, bound to one user.

A ``ScopedResource`` (django-import-export) resolves references only inside the importer's
scope, finds existing rows only there, and writes through the area's services; its exports
hold only the actor's rows (``apps.core.scope.in_scope``), masked where the actor may not
see personal data in full, every text escaped against formulas.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from import_export import resources

from apps.core import audit
from apps.core.history import IMPORTED
from apps.core.scope import in_scope
from apps.exports.imports.cells import Column, cell_text, normalize, replace_contents
from apps.exports.imports.progress import row_done
from apps.exports.safety import escape_cell


@contextmanager
def _refusal_as_row_error():
    """A service's PermissionDenied as the row's error. Lookups keep references inside the
    scope; this guards what they missed."""
    try:
        yield
    except PermissionDenied as error:
        raise ValidationError(_("This row lies outside your area.")) from error


class ScopedResource(resources.ModelResource):
    """A django-import-export resource bound to one user (``actor``) and their scope.

    Imports: ``prepare`` loads, in a few queries, what the sheet refers to inside the scope;
    ``find`` returns an existing row only from inside it; ``check_row`` adds the checks that
    span rows; ``save_row`` writes through the area's service. Exports: only rows in the
    actor's scope, numbers and dates as themselves, every text through ``escape_cell``.

    Fields are declared once, on the class: a widget with a ``bind(resource)`` method (a
    ``LookupWidget`` naming the resource's resolver, a masking widget) is bound to each new
    resource.
    """

    columns: ClassVar[tuple[Column, ...]] = ()
    # Fields ``check_row`` derives from other cells: when still empty, the error that
    # prevented it is already reported, so they are not reported again as missing.
    derived_fields: ClassVar[tuple[str, ...]] = ()
    # Relations an export reads, fetched with the rows.
    export_select_related: ClassVar[tuple[str, ...]] = ()
    # False when no row writes anything but through a service that refuses before it writes
    # (new rows queued, updates through an atomic service): the portal's import then runs
    # without django-import-export's savepoint around every row (two queries a row), in its
    # own one transaction (``report.run_import``).
    rows_need_savepoints: ClassVar[bool] = True

    class Meta:
        # Every import is all or nothing, and a file imported again changes nothing: its
        # unchanged rows are skipped, and reported as such.
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def __init__(self, *, actor, **kwargs):
        super().__init__(**kwargs)
        self.actor = actor
        # The fields are this instance's copies: widgets that need the resource (its
        # lookups, its actor) are bound to it here rather than in every subclass.
        for field in self.fields.values():
            bind = getattr(field.widget, "bind", None)
            if bind is not None:
                bind(self)
        # Set by ``run_import`` when it runs the preview itself (see rows_need_savepoints);
        # otherwise django-import-export's dry run is the preview.
        self.preview: bool | None = None

    def _previewing(self, kwargs) -> bool:
        return bool(kwargs.get("dry_run")) if self.preview is None else self.preview

    def without_html_diff(self) -> ScopedResource:
        """This resource, building no HTML diff for each row: only the admin's preview
        shows one (the options are copied, not changed for every instance)."""
        self._meta = copy.copy(self._meta)
        self._meta.skip_html_diff = True
        return self

    # The file ------------------------------------------------------------------------

    def import_columns(self) -> tuple[Column, ...]:
        """The columns a file for this resource has (the template's, in order)."""
        return self.columns

    def example(self) -> dict[str, Any]:
        """The template's example row, by column key; a row left like it is not imported."""
        return {}

    @property
    def shows_full_personal_data(self) -> bool:
        """Whether the actor may see masked columns (``Column.masked``) in full."""
        return True

    def error_column(self, key: str) -> Column | None:
        """The column an error of model field ``key`` is shown in, if any."""
        for column in self.import_columns():
            if key == column.key or key in column.error_keys:
                return column
        return None

    # Import --------------------------------------------------------------------------

    def import_data(self, *args, **kwargs):
        # Every row the file writes says so in its history, besides naming the importer,
        # whether the portal's import page or the admin's runs it.
        with audit.reason(IMPORTED):
            return super().import_data(*args, **kwargs)

    def before_import(self, dataset, **kwargs):
        replace_contents(dataset, normalize(dataset, self.import_columns(), example=self.example()))
        self.prepare(list(dataset.dict))

    def prepare(self, rows: list[dict[str, str]]) -> None:
        """Load what the rows refer to, inside the actor's scope, once for the whole file."""

    def find(self, row: dict[str, str]):
        """The existing row inside the actor's scope that ``row`` updates, if any."""
        return None

    def get_instance(self, instance_loader, row):
        return self.find(row)

    def check_row(self, instance, row: dict[str, str], errors: dict) -> dict[str, list[str]]:
        """Errors beyond single cells (repeats in the file, rows outside the scope); may
        also fill values derived from other cells. ``errors`` holds the cells' own."""
        return {}

    def import_row(self, row, instance_loader, **kwargs):
        result = super().import_row(row, instance_loader, **kwargs)
        # A background job's progress bar counts the rows (apps.exports.imports.progress).
        row_done()
        return result

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for key, messages in self.check_row(instance, row, errors).items():
            errors.setdefault(key, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if not errors:
            # A clean row is validated in full by the service that saves it.
            return
        unset = [name for name in self.derived_fields if getattr(instance, name, None) is None]
        try:
            # The other cells' own errors, so the report names them all at once.
            instance.full_clean(
                exclude=[*errors, *unset], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        raise ValidationError(errors)

    def save_row(self, instance, is_create: bool):
        """Write ``instance`` through the area's service; return the saved row."""
        raise NotImplementedError

    def check_new_row(self, instance) -> bool:
        """Apply, without writing, every rule the service applies to a new row (raising its
        ValidationError), and say so by returning True: a dry run (the preview) then writes
        nothing for new rows. False (the default) when only the service's own write can
        tell: the preview writes the row and rolls it back, as the commit would write it."""
        return False

    def queue_new_row(self, instance) -> bool:
        """Check a new row by the service's rules (raising its ValidationError) and queue it
        for ``write_queued_rows``, which writes the queue as a set; True when queued. False
        (the default): the row is written at once through ``save_row``."""
        return False

    def write_queued_rows(self) -> None:
        """Write what ``queue_new_row`` queued, giving each queued instance its id."""

    def save_instance(self, instance, is_create, row, **kwargs):
        if is_create:
            with _refusal_as_row_error():
                if self._previewing(kwargs):
                    handled = self.check_new_row(instance)
                else:
                    handled = self.queue_new_row(instance)
            if handled:
                self.before_save_instance(instance, row, **kwargs)
                self.after_save_instance(instance, row, **kwargs)
                return
        super().save_instance(instance, is_create, row, **kwargs)

    def do_instance_save(self, instance, is_create):
        with _refusal_as_row_error():
            saved = self.save_row(instance, is_create)
        if saved is not instance:
            # The admin logs and reports the instance it passed in.
            instance.__dict__.update(saved.__dict__)

    def after_import(self, dataset, result, **kwargs):
        if not self._previewing(kwargs) and not (
            result.has_errors() or result.has_validation_errors()
        ):
            # A file with errors writes nothing: its transaction is rolled back.
            self.write_queued_rows()
        # ModelResource resets the table's id sequence here; ids always come from the
        # sequence in these imports, and a reset could race with concurrent inserts.
        self._mask_invalid_rows(result)

    def _mask_invalid_rows(self, result) -> None:
        """Mask personal data in the cells the admin echoes for rows with errors, as the
        portal's preview does; its valid rows are rendered through the masking widgets."""
        if self.shows_full_personal_data:
            return
        masks = {column.header: column.masked for column in self.import_columns() if column.masked}
        positions = [
            (index, masks[header])
            for index, header in enumerate(result.diff_headers)
            if header in masks
        ]
        if not positions:
            return
        for row in result.invalid_rows:
            values = list(row.values)
            for index, mask in positions:
                if index < len(values):
                    values[index] = mask(cell_text(values[index]))
            row.values = tuple(values)

    # Export --------------------------------------------------------------------------

    def get_queryset(self):
        return self.filter_export(self._meta.model._default_manager.all())

    def filter_export(self, queryset, **kwargs):
        # Whatever queryset a caller passes, only the actor's rows leave.
        queryset = in_scope(queryset, self.actor)
        if self.export_select_related:
            queryset = queryset.select_related(*self.export_select_related)
        return queryset

    def export_field(self, field, instance, **kwargs):
        kwargs["force_native_type"] = True
        return escape_cell(super().export_field(field, instance, **kwargs))

    def get_export_headers(self, selected_fields=None):
        return [escape_cell(header) for header in super().get_export_headers(selected_fields)]
