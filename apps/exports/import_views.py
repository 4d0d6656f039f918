"""The portal's import pages: a template to download, an upload, a preview, a confirmation.

An area subclasses ``SpreadsheetImportView`` and ``SpreadsheetTemplateView`` with its own
resource, template and URLs, and declares their access rules. Most of it is declared:
``resource_class`` (bound to the signed-in user), ``success_url_name``, and for the template
``title``, ``row_name`` and ``notes``; a page that needs more (a course, say) overrides the
matching ``get_...`` method instead.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import tablib
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from apps.core.access import rule_for
from apps.core.registry import url_rules
from apps.core.security import SecurityKind, SecurityOutcome, record
from apps.exports.imports import (
    XLSX_CONTENT_TYPE,
    ImportReport,
    ScopedResource,
    check_upload,
    read_upload,
    run_import,
    template_notes,
    template_workbook,
)
from apps.exports.imports.jobs import (
    import_job_cancel,
    import_job_confirm,
    import_job_create,
    import_job_get,
    import_job_open,
)
from apps.exports.models import ImportJob
from apps.exports.pending import (
    pending_import_cancel,
    pending_import_create,
    pending_import_dataset,
    pending_import_discard,
    pending_import_take,
)

_ACCEPT = f".xlsx,.csv,{XLSX_CONTENT_TYPE},text/csv"


class ImportUploadForm(forms.Form):
    """One spreadsheet (.xlsx or .csv), refused by its content when it is hostile or too
    large, then read into ``self.dataset`` for ``resource``."""

    sheet = forms.FileField(
        label=gettext_lazy("Spreadsheet (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": _ACCEPT}),
    )

    def __init__(self, *args, resource: ScopedResource, **kwargs):
        super().__init__(*args, **kwargs)
        self.resource = resource
        self.fields["sheet"].help_text = _(
            "At most %(size)s. Start from the template so the columns are right."
        ) % {"size": filesizeformat(settings.IMPORT_MAX_BYTES)}

    def clean_sheet(self):
        upload = self.cleaned_data["sheet"]
        # ``dataset`` stays None for a file past IMPORT_SYNC_MAX_ROWS: a job reads it.
        self.dataset = None
        if settings.IMPORT_SYNC_MAX_ROWS < settings.IMPORT_MAX_ROWS:
            try:
                # Every refusal but the row cap, counting rows only up to the threshold.
                check_upload(upload, max_rows=settings.IMPORT_SYNC_MAX_ROWS)
            except ValidationError as error:
                if getattr(error, "code", None) != "too_many_rows":
                    raise
                upload.seek(0)
                return upload
        self.dataset = read_upload(upload, self.resource)
        return upload


class _ResourceMixin:
    """The resource a page reads files with: ``resource_class`` bound to the signed-in user,
    with ``get_resource_kwargs()`` (the course of a sign-in sheet, say)."""

    resource_class: type[ScopedResource] | None = None

    def get_resource_kwargs(self) -> dict:
        return {}

    def get_resource(self) -> ScopedResource:
        if self.resource_class is None:
            raise NotImplementedError("Set resource_class or override get_resource().")
        return self.resource_class(actor=self.request.user, **self.get_resource_kwargs())


class SpreadsheetImportView(_ResourceMixin, TemplateView):
    """Upload a file, preview every row (a dry run), then confirm: all or nothing.

    The previewed rows wait on the server (``PendingImport``, its owner's alone) with what
    each row was to do, so the confirmation imports exactly what was previewed (or nothing,
    when the data changed in between). The page carries only the pending import's id; no
    uploaded row is kept in the session or on disk.
    """

    # The page's name among import pages (default: the view's dotted path).
    import_key = ""
    # Where a committed import goes (a URL name without arguments).
    success_url_name = ""

    def get_import_key(self) -> str:
        return self.import_key or f"{type(self).__module__}.{type(self).__qualname__}"

    def get_success_url(self) -> str:
        if not self.success_url_name:
            raise NotImplementedError("Set success_url_name or override get_success_url().")
        return reverse(self.success_url_name)

    def pending_scope(self) -> str:
        """What else a preview belongs to besides this page (a course, say)."""
        return ""

    def run(self, dataset: tablib.Dataset, *, dry_run: bool, expected=None) -> ImportReport:
        return run_import(self.get_resource(), dataset, dry_run=dry_run, expected=expected)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ImportUploadForm(resource=self.get_resource()))
        if "import_job" not in kwargs:
            # A job the user left (closed the tab, went elsewhere) is offered again here.
            kwargs["open_import_job"] = import_job_open(
                actor=self.request.user, page=self.get_import_key()
            )
        return super().get_context_data(**kwargs)

    def dispatch(self, request, *args, **kwargs):
        # A background job runs the page as its owner (``run_on_page``): the area's own
        # dispatch (its checks and lookups) has run by now, so the job's work replaces
        # the handler.
        work = getattr(request, "import_job_work", None)
        if work is not None:
            return work(self)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        job_id = request.GET.get("job")
        if job_id is None:
            return super().get(request, *args, **kwargs)
        job = self._job(job_id)
        if request.GET.get("format") == "json":
            response = JsonResponse(import_job_status(job))
        else:
            response = self.render_to_response(self.get_context_data(**job_context(request, job)))
        add_never_cache_headers(response)
        return response

    def _job(self, job_id) -> ImportJob:
        try:
            pk = uuid.UUID(str(job_id))
        except ValueError:
            raise Http404 from None
        return import_job_get(actor=self.request.user, pk=pk, page=self.get_import_key())

    def _job_url(self, job: ImportJob) -> str:
        return f"{self.request.path}?job={job.pk}"

    def post(self, request, *args, **kwargs):
        if "cancel_job" in request.POST:
            if import_job_cancel(actor=request.user, job=self._job(request.POST["cancel_job"])):
                messages.info(request, _("The import was cancelled; nothing was saved."))
            return redirect(request.path)
        if "confirm_job" in request.POST:
            job = self._job(request.POST["confirm_job"])
            if not import_job_confirm(actor=request.user, job=job):
                messages.error(
                    request, _("That preview has expired; please upload the file again.")
                )
            return redirect(self._job_url(job))
        if "cancel" in request.POST:
            pending_import_cancel(
                actor=request.user, page=self.get_import_key(), token=request.POST["cancel"]
            )
            return redirect(request.path)
        if "token" in request.POST:
            return self._confirm(request)
        form = ImportUploadForm(request.POST, request.FILES, resource=self.get_resource())
        if not form.is_valid():
            pending_import_discard(actor=request.user, page=self.get_import_key())
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["sheet"]
        if form.dataset is None:
            return self._queue(request, form, upload)
        report = self.run(form.dataset, dry_run=True)
        return self._preview(request, report, form.dataset, file_name=upload.name)

    def _queue(self, request, form, upload):
        """A file past IMPORT_SYNC_MAX_ROWS: store it on a job and show the job's page."""
        pending_import_discard(actor=request.user, page=self.get_import_key())
        try:
            job = import_job_create(
                actor=request.user,
                page=self.get_import_key(),
                scope=self.pending_scope(),
                path=request.path,
                file_name=upload.name or "",
                content=upload.read(),
            )
        except ValidationError as error:
            form.add_error("sheet", error)
            return self.render_to_response(self.get_context_data(form=form))
        return redirect(self._job_url(job))

    def _preview(self, request, report: ImportReport, dataset: tablib.Dataset, file_name=""):
        token = ""
        if not report.has_errors:
            pending = pending_import_create(
                actor=request.user,
                page=self.get_import_key(),
                scope=self.pending_scope(),
                dataset=dataset,
                statuses=report.statuses,
            )
            token = str(pending.pk)
        else:
            # An earlier preview of this page is not what the user now means to import.
            pending_import_discard(actor=request.user, page=self.get_import_key())
        if file_name:
            record(
                SecurityKind.IMPORT_PREVIEW,
                request=request,
                outcome=SecurityOutcome.FAILURE if report.has_errors else SecurityOutcome.SUCCESS,
                page=self.get_import_key(),
                file=file_name,
                rows=len(dataset),
                preview=token or None,
            )
        return self.render_to_response(self.get_context_data(report=report, token=token))

    def _confirm(self, request):
        pending = pending_import_take(
            actor=request.user,
            page=self.get_import_key(),
            scope=self.pending_scope(),
            token=request.POST.get("token", ""),
        )
        if pending is None:
            messages.error(request, _("That preview has expired; please upload the file again."))
            return redirect(request.path)
        dataset = pending_import_dataset(pending)
        report = self.run(dataset, dry_run=False, expected=pending.statuses)
        record(
            SecurityKind.IMPORT_CONFIRM,
            request=request,
            outcome=SecurityOutcome.SUCCESS if report.committed else SecurityOutcome.FAILURE,
            page=self.get_import_key(),
            preview=request.POST.get("token", ""),
            rows=len(dataset),
            new=report.new_count,
            updated=report.update_count,
            unchanged=report.skip_count,
        )
        if not report.committed:
            # Nothing was written; the page shows why, and a changed preview may be confirmed.
            return self._preview(request, report, dataset)
        messages.success(
            request,
            _("Imported: %(new)d new, %(updated)d updated, %(skipped)d unchanged.")
            % {
                "new": report.new_count,
                "updated": report.update_count,
                "skipped": report.skip_count,
            },
        )
        return redirect(self.get_success_url())


# Background jobs ---------------------------------------------------------------------

POLL_INTERVAL_MS = 1500
REFRESH_SECONDS = 3
ERROR_ROWS_PER_PAGE = 50


def import_job_status(job: ImportJob) -> dict:
    """What the job's page shows of it, as JSON, for its polling."""
    return {**job.progress(), "phase": job.phase}


def job_context(request, job: ImportJob) -> dict[str, Any]:
    """The job card's context: the job, its report and one page of its error rows (never
    the whole file)."""
    report = job.report or {}
    error_rows = Paginator(report.get("error_rows") or [], ERROR_ROWS_PER_PAGE)
    return {
        "import_job": job,
        "job_report": report,
        "error_page": error_rows.get_page(request.GET.get("page")),
        "poll_interval": POLL_INTERVAL_MS,
        "refresh_seconds": REFRESH_SECONDS,
    }


def run_on_page(job: ImportJob, work: Callable[[SpreadsheetImportView], Any]) -> Any:
    """Run ``work`` with the import page of ``job`` set up as its owner would reach it: the
    page's access rule, then the area's own ``dispatch`` (its checks and object lookups, a
    course or a program in the owner's scope), then ``work(view)``. PermissionDenied or
    Http404 when the owner may no longer use the page."""
    owner = job.owner
    if not owner.is_active:
        raise PermissionDenied
    try:
        match = resolve(job.path)
    except Resolver404:
        raise Http404 from None
    rule = rule_for(match.view_name, url_rules())
    if rule is None or not rule.allows(owner):
        raise PermissionDenied
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not issubclass(view_class, SpreadsheetImportView):
        raise Http404
    request = HttpRequest()
    request.method = "POST"
    request.path = request.path_info = job.path
    request.user = owner
    request.resolver_match = match

    def checked_work(view: SpreadsheetImportView):
        # The page (and its course or program) must still be the one the file was sent to.
        if view.get_import_key() != job.page or view.pending_scope() != job.scope:
            raise Http404
        return work(view)

    request.import_job_work = checked_work
    view = view_class(**match.func.view_initkwargs)
    view.setup(request, *match.args, **match.kwargs)
    return view.dispatch(request, *match.args, **match.kwargs)


class SpreadsheetTemplateView(_ResourceMixin, View):
    """The import template (xlsx) for ``get_resource()``: Chinese headers, one example row,
    and an instructions sheet: the shared notes for a ``row_name`` (what one row is), then
    the area's own ``notes``."""

    filename = "template"
    title = ""
    row_name = ""
    notes: tuple = ()

    def get_title(self) -> str:
        if not self.title:
            raise NotImplementedError("Set title or override get_title().")
        return str(self.title)

    def get_notes(self) -> list[str]:
        shared = template_notes(row_name=str(self.row_name)) if self.row_name else []
        return [*shared, *(str(note) for note in self.notes)]

    def get(self, request, *args, **kwargs):
        resource = self.get_resource()
        content = template_workbook(
            columns=resource.import_columns(),
            example=resource.example(),
            title=self.get_title(),
            notes=self.get_notes(),
        )
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.filename}.xlsx"'
        return response
