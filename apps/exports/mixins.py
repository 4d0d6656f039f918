"""Excel and CSV for any list page: ``?format=xlsx`` or ``?format=csv`` on the list's URL.

A list view adds ``ListExportMixin`` and names its export kind::

    class CounselorListView(ListExportMixin, TemplateView):
        export_kind = "counselors"

and its template includes ``exports/_export_links.html``. The file holds exactly the rows
the page's filters show, in the user's scope, masked as on the page. Up to
EXPORT_SYNC_MAX_ROWS rows are sent at once; more become a background job, and the user is
taken to its progress page.
"""

from __future__ import annotations

import tempfile

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from apps.core.replica import on_replica
from apps.exports.choices import CONTENT_TYPES, ExportFormat
from apps.exports.files import export_rows, write_export
from apps.exports.registry import ExportDefinition, get_definition
from apps.exports.services import (
    download_name,
    export_filters,
    export_job_create,
    export_recorded,
)
from apps.exports.writers import iter_csv

FORMAT_PARAM = "format"
# A small workbook is built in memory; a larger one spills to a temporary file.
_SPOOL_BYTES = 4 * 1024 * 1024


def export_response(
    request: HttpRequest,
    *,
    definition: ExportDefinition,
    queryset: QuerySet,
    file_format: str,
    filters: QueryDict | None = None,
) -> HttpResponse:
    """The export of ``queryset``, which the calling view has already scoped to the user
    and filtered: the file itself when it is small, else a redirect to a new background job
    (which rebuilds the same rows from ``filters``, by default the request's query, and the
    user's scope). Refused (403) unless the user holds exports.export_lists and the
    definition's own permissions."""
    if not definition.allows(request.user):
        raise PermissionDenied
    # The rows may come from a read replica (apps.core.replica), even streamed after return.
    queryset = on_replica(queryset.order_by(*definition.ordering))
    total = queryset.count()
    parameters = export_filters(request.GET if filters is None else filters)
    if total > settings.EXPORT_SYNC_MAX_ROWS:
        try:
            job = export_job_create(
                actor=request.user,
                definition=definition,
                filters=parameters,
                file_format=file_format,
                language=get_language(),
            )
        except ValidationError as error:
            # Too many exports already on their way: the list of them says which.
            messages.error(request, " ".join(error.messages))
            return redirect("exports:job-list")
        messages.info(request, _("The list is long, so the file is being prepared for you."))
        return redirect("exports:job-detail", pk=job.pk)

    columns = definition.columns(request.user)
    filename = download_name(definition, file_format)
    export_recorded(
        request=request,
        actor=request.user,
        definition=definition,
        file_format=file_format,
        filters=parameters,
        rows=total,
    )
    if file_format == ExportFormat.CSV:
        response = StreamingHttpResponse(
            iter_csv(columns, export_rows(queryset, columns)),
            content_type=CONTENT_TYPES[ExportFormat.CSV],
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    # An xlsx is a zip whose directory comes last, so it is finished before it is sent.
    # FileResponse closes the file once it is sent.
    target = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)  # noqa: SIM115
    write_export(
        queryset=queryset,
        columns=columns,
        file_format=file_format,
        target=target,
        title=str(definition.label),
    )
    target.seek(0)
    return FileResponse(
        target,
        as_attachment=True,
        filename=filename,
        content_type=CONTENT_TYPES[ExportFormat.XLSX],
    )


class ListExportMixin:
    """Adds ``?format=xlsx|csv`` to a list view (see the module docstring).

    ``get_export_queryset`` defaults to the kind's own scoped selector with
    ``get_export_filters()``, which is also what a background job stores and rebuilds the rows
    from; a view that overrides either must keep the two in step. A page whose rows depend on
    its URL (a course's attendance) adds that part of the URL in ``get_export_filters``.
    """

    export_kind: str = ""

    def get_export_definition(self) -> ExportDefinition:
        return get_definition(self.export_kind)

    def get_export_filters(self) -> QueryDict:
        """The parameters that choose the rows: the request's query string by default."""
        return self.request.GET

    def get_export_queryset(self, filters: QueryDict | None = None) -> QuerySet:
        if filters is None:
            filters = self.get_export_filters()
        definition = self.get_export_definition()
        return definition.selector(actor=self.request.user, filters=filters)

    def get(self, request, *args, **kwargs):
        file_format = request.GET.get(FORMAT_PARAM)
        if file_format in ExportFormat.values:
            definition = self.get_export_definition()
            # Refuse before the view's own lookups, so a refusal costs no queries.
            if not definition.allows(request.user):
                raise PermissionDenied
            filters = self.get_export_filters()
            return export_response(
                request,
                definition=definition,
                queryset=self.get_export_queryset(filters),
                file_format=file_format,
                filters=filters,
            )
        return super().get(request, *args, **kwargs)
