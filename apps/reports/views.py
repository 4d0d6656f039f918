import io

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from apps.core import freshness, registry
from apps.core.replica import reading_replica
from apps.core.todos import todos_for_request
from apps.exports.choices import CONTENT_TYPES, ExportFormat
from apps.organizations.models import Division
from apps.reports.indicators import as_of_date, compute, scope_division_for
from apps.reports.permissions import SUMMARY_EXPORT
from apps.reports.summary import summary_build, summary_workbook

# Dual chairs were introduced in 2009: the first year whose figures mean something.
FIRST_YEAR = 2009


class DashboardView(TemplateView):
    """The signed-in home: indicators for the user's scope and a chosen year, one panel an
    area (``AreaConfig.dashboard_panel``), each reading the same figures as the command.

    A user scoped to one school (a counselor, a school's reviewer) sees that school's own
    facts instead (``AreaConfig.school_facts``): the county's indicators, which the summary
    workbook refuses them, are neither computed nor shown."""

    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        this_year = timezone.localdate().year
        try:
            year = int(self.request.GET.get("year", this_year))
        except ValueError:
            year = this_year
        year = max(FIRST_YEAR, min(year, this_year))
        user = self.request.user
        context.update(
            year=year,
            years=range(this_year, FIRST_YEAR - 1, -1),
            todos=todos_for_request(self.request),
            as_of=as_of_date(year).isoformat(),
        )
        if user.school_id is not None:
            # The figures may come from a read replica; the to-dos above, which change with
            # what the user has just done, never do.
            with reading_replica():
                facts = registry.school_facts(school=user.school, year=year, viewer=user)
            context.update(school=user.school, school_facts=facts)
            return context
        scope = scope_division_for(user)
        with reading_replica():
            indicators = compute(scope=scope, year=year)
        context.update(
            scope=scope,
            panels=registry.dashboard_panels(),
            # The panels are kept until a write ({% kept %}): besides the database, they
            # depend on the viewer and what they may do, the scope, the year, the language
            # and the day (what is overdue).
            panels_key=freshness.key("dashboard", scope.code, year, *freshness.viewer_parts(user)),
            indicators=indicators,
            can_export_summary=SUMMARY_EXPORT.allows(user),
        )
        return context


class SummaryExportView(View):
    """The summary workbook (.xlsx) of the user's scope, or of a division inside it given
    as ``?division=<code>``, for ``?year=YYYY`` (default this year). A division outside the
    user's scope is a 404; a year that is not one the portal covers, a 400."""

    def get(self, request):
        this_year = timezone.localdate().year
        try:
            year = int(request.GET.get("year", this_year))
        except ValueError:
            year = None
        if year is None or not FIRST_YEAR <= year <= this_year:
            return HttpResponseBadRequest(
                _("Choose a year from %(first)d to %(last)d.")
                % {"first": FIRST_YEAR, "last": this_year}
            )
        code = request.GET.get("division")
        if code:
            scope = get_object_or_404(Division.objects.for_actor(request.user), code=code)
        else:
            scope = scope_division_for(request.user)

        # The figures may come from a read replica (apps.core.replica).
        with reading_replica():
            summary = summary_build(actor=request.user, scope=scope, year=year)
            content = io.BytesIO()
            summary_workbook(summary, content, actor=request.user, exported_at=timezone.now())
        response = HttpResponse(content.getvalue(), content_type=CONTENT_TYPES[ExportFormat.XLSX])
        response["Content-Disposition"] = content_disposition_header(
            True, f"summary-{scope.code}-{year}.xlsx"
        )
        # Figures of a scope are for the signed-in user, not for shared caches.
        response["Cache-Control"] = "private, no-store"
        return response
