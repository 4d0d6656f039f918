"""django-import-export in the admin, held to the same rules as the portal's imports.

- Exports hold only the rows of the admin's own (scoped) queryset: the export queryset is
  scoped again here and once more by the resource, so no path reaches ``objects.all()``.
- Text cells are escaped against formulas by the resource and the format; numbers and dates
  stay numbers and dates (``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` stays off: it would
  turn every cell into text and still miss ``+ - @``).
- An upload is checked by ``apps.exports.uploads`` in the form, before it is stored, and
  again whenever a format parses it (the confirmation step reads the stored file again).
- Resources are bound to the signed-in user, so references resolve inside their scope and
  rows outside it are row errors; a confirmed import rolls back in full on any error.
"""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth import get_permission_codename
from django.core.exceptions import BadRequest, SuspiciousOperation, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from import_export.admin import ExportMixin, ImportExportMixin
from import_export.forms import ExportForm, ImportForm
from import_export.tmp_storages import BaseStorage

from apps.core.scope import in_scope
from apps.core.security import SecurityKind, SecurityOutcome, record
from apps.exports.imports import CHECKED_FORMATS
from apps.exports.services import ADMIN_IMPORTS_DIR


class CheckedImportForm(ImportForm):
    """The admin's import form, refusing a hostile or oversized file before it is stored."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats
        self.fields["import_file"].help_text = _(
            "An .xlsx workbook or a CSV file of at most %(size)s, with the columns of the"
            " portal's import template."
        ) % {"size": filesizeformat(settings.IMPORT_MAX_BYTES)}

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        index = cleaned.get("format")
        if upload is not None and index not in (None, ""):
            try:
                self.formats[int(index)]().check(upload)
            except ValidationError as error:
                self.add_error("import_file", error)
        return cleaned


class ImportTempStorage(BaseStorage):
    """Where an upload waits between the admin's preview and its confirmation: the default
    storage, the media folder every app server and worker shares, so the confirmation may
    reach another app server than the preview did (no sticky sessions needed).

    The confirmation form posts the stored file's name back; the stock storages would read
    (and then delete) whatever file it names. Here names are random, live in a folder of
    their own, and anything else is refused. A preview never confirmed leaves its file
    behind until ``prune_exports`` removes it with the old export files.
    """

    FOLDER = ADMIN_IMPORTS_DIR
    _NAME = re.compile(r"^[0-9a-f]{32}$")

    def path(self) -> str:
        if not self.name or not self._NAME.match(self.name):
            raise SuspiciousOperation("Unexpected import file name.")
        return f"{self.FOLDER}/{self.name}"

    def save(self, data):
        self.name = uuid.uuid4().hex
        if isinstance(data, str):
            data = data.encode(self.encoding or "utf-8")
        default_storage.save(self.path(), ContentFile(data))

    def read(self):
        with default_storage.open(self.path(), "rb") as file:
            data = file.read()
        return data if "b" in self.read_mode else data.decode(self.encoding or "utf-8")

    def remove(self):
        default_storage.delete(self.path())


class _ScopedResourceAdmin:
    """What import and export share: the checked formats and resources bound to the user."""

    # Every column of the resource, masked where it must be; no choosing columns.
    export_form_class = ExportForm

    def get_export_formats(self):
        return list(CHECKED_FORMATS)

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"actor": request.user}

    def has_export_permission(self, request):
        return self.has_view_or_change_permission(request)

    def get_export_queryset(self, request):
        try:
            queryset = super().get_export_queryset(request)
        except IncorrectLookupParameters as exc:
            # The change list redirects such filters away; an export has no page to go back
            # to, so a filter the admin does not offer is a bad request (400), not a 500.
            raise BadRequest from exc
        return in_scope(queryset, request.user)

    def get_data_for_export(self, request, queryset, **kwargs):
        data = super().get_data_for_export(request, queryset, **kwargs)
        resource = self.choose_export_resource_class(kwargs.get("export_form"), request)(
            **self.get_export_resource_kwargs(request)
        )
        unmasked = _unmasked_columns(resource)
        export = {
            "list": f"admin:{self.opts.label_lower}",
            "parameters": {key: request.GET.getlist(key) for key in request.GET},
        }
        record(SecurityKind.EXPORT, request=request, rows=len(data), masked=not unmasked, **export)
        if unmasked:
            record(
                SecurityKind.PERSONAL_DATA,
                request=request,
                count=len(data),
                fields=unmasked,
                export=export,
            )
        return data

    def get_valid_export_item_pks(self, request):
        # The stock method offers every row of the table as a choice.
        return self.get_queryset(request).values_list("pk", flat=True)


class ScopedExportMixin(_ScopedResourceAdmin, ExportMixin):
    """Export only (a read-only list such as divisions)."""


class ScopedImportExportMixin(_ScopedResourceAdmin, ImportExportMixin):
    """Import and export through a ``ScopedResource``; see the module docstring."""

    import_form_class = CheckedImportForm
    import_template_name = "admin/exports/import.html"
    tmp_storage_class = ImportTempStorage

    def get_import_formats(self):
        return list(CHECKED_FORMATS)

    def get_import_resource_kwargs(self, request, **kwargs):
        return {"actor": request.user}

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        # The confirmed import is all or nothing, like the portal's.
        kwargs.update(use_transactions=True, rollback_on_validation_errors=True)
        return kwargs

    def has_import_permission(self, request):
        opts = self.opts
        return all(
            request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
            for action in ("add", "change")
        )

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        result = (getattr(response, "context_data", None) or {}).get("result")
        if request.method == "POST" and result is not None:
            upload = request.FILES.get("import_file")
            failed = result.has_errors() or result.has_validation_errors()
            record(
                SecurityKind.IMPORT_PREVIEW,
                request=request,
                outcome=SecurityOutcome.FAILURE if failed else SecurityOutcome.SUCCESS,
                page=f"admin:{self.opts.label_lower}",
                file=upload.name if upload else "",
                rows=result.total_rows,
            )
        return response

    def process_dataset(self, dataset, form, request, **kwargs):
        file_name = kwargs.get("file_name") or form.cleaned_data.get("original_file_name")
        result = super().process_dataset(dataset, form, request, **kwargs)
        failed = result.has_errors() or result.has_validation_errors()
        record(
            SecurityKind.IMPORT_CONFIRM,
            request=request,
            outcome=SecurityOutcome.FAILURE if failed else SecurityOutcome.SUCCESS,
            page=f"admin:{self.opts.label_lower}",
            file=file_name or "",
            rows=result.total_rows,
            totals={str(key): value for key, value in result.totals.items()},
        )
        return result

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The rows changed between preview and confirmation; everything was rolled back.
            messages.error(
                request,
                _(
                    "Nothing was imported: some rows now have errors. Check the file and import"
                    " it again."
                ),
            )
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
        return super().process_result(result, request)


def _unmasked_columns(resource) -> list[str]:
    """The maskable columns (ID numbers, phones) ``resource`` writes in full, by key."""
    if not getattr(resource, "shows_full_personal_data", False):
        return []
    columns = getattr(resource, "import_columns", lambda: ())()
    return [column.key for column in columns if column.masked]
