"""Pages of a user's own export jobs: the list, one job's progress, its status and its file.

Every view reads through ``export_job_get``/``export_job_recent``, which only ever return the
signed-in user's own jobs, so someone else's job is a 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from apps.exports.choices import CONTENT_TYPES, ExportStatus
from apps.exports.registry import get_definition
from apps.exports.selectors import export_job_get, export_job_recent
from apps.exports.services import export_job_fail_stale, export_job_retry

# How often the job page asks for news, in milliseconds (and seconds without JavaScript).
POLL_INTERVAL_MS = 1500
REFRESH_SECONDS = 3


def _label(kind: str):
    try:
        return get_definition(kind).label
    except KeyError:
        return kind


def job_status(job) -> dict:
    """What the progress page shows of a job, as JSON."""
    done = job.status == ExportStatus.DONE
    return {
        **job.progress(),
        "download_url": reverse("exports:job-download", args=[job.pk]) if done else None,
    }


class ExportJobListView(TemplateView):
    """The signed-in user's recent exports; a job whose worker stopped shows as failed,
    with a button to try it again."""

    template_name = "exports/exportjob_list.html"

    def get_context_data(self, **kwargs):
        export_job_fail_stale(actor=self.request.user)
        jobs = export_job_recent(actor=self.request.user)
        for job in jobs:
            job.label = _label(job.kind)
        return super().get_context_data(jobs=jobs, **kwargs)


@method_decorator(never_cache, name="dispatch")
class ExportJobDetailView(TemplateView):
    """One of the user's exports: a progress bar, then the download link (404 for others)."""

    template_name = "exports/exportjob_detail.html"

    def get_context_data(self, **kwargs):
        export_job_fail_stale(actor=self.request.user)
        job = export_job_get(actor=self.request.user, pk=self.kwargs["pk"])
        return super().get_context_data(
            job=job,
            label=_label(job.kind),
            poll_interval=POLL_INTERVAL_MS,
            refresh_seconds=REFRESH_SECONDS,
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class ExportJobStatusView(View):
    """The job's progress as JSON, for the progress page's polling (404 for others)."""

    def get(self, request, pk):
        export_job_fail_stale(actor=request.user)
        job = export_job_get(actor=request.user, pk=pk)
        return JsonResponse(job_status(job))


class ExportJobRetryView(View):
    """Queue one of the user's failed exports again (404 for others), then show its
    progress; when it cannot be (not failed, too many open), back to the list saying why."""

    def post(self, request, pk):
        job = export_job_get(actor=request.user, pk=pk)
        try:
            retried = export_job_retry(actor=request.user, job=job)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("exports:job-list")
        messages.info(request, _("The export has been queued again."))
        return redirect("exports:job-detail", pk=retried.pk)


class ExportJobDownloadView(View):
    """The finished file, to its owner only (404 for others and while it is not ready)."""

    def get(self, request, pk):
        job = export_job_get(actor=request.user, pk=pk)
        if job.status != ExportStatus.DONE or not job.file:
            raise Http404
        try:
            definition = get_definition(job.kind)
        except KeyError:
            raise Http404 from None
        # The file was built with the rights its owner had then; one who has since lost the
        # right to this list (a new role) no longer takes it away.
        if not definition.allows(request.user):
            raise PermissionDenied
        response = FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=job.download_name or job.file.name.rsplit("/", 1)[-1],
            content_type=CONTENT_TYPES[job.file_format],
        )
        response["Cache-Control"] = "private, no-store"
        return response
