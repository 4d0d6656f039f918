from django.utils import timezone
from django.views.generic import TemplateView

from apps.reports.indicators import DASHBOARD_PANELS, compute, scope_division_for

# Dual chairs were introduced in 2009: the first year whose figures mean something.
FIRST_YEAR = 2009


class DashboardView(TemplateView):
    """The signed-in home: indicators for the user's scope and a chosen year, one panel an
    area (``DASHBOARD_PANELS``), each reading the same figures as ``indicators --json``."""

    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        this_year = timezone.localdate().year
        try:
            year = int(self.request.GET.get("year", this_year))
        except ValueError:
            year = this_year
        year = max(FIRST_YEAR, min(year, this_year))
        scope = scope_division_for(self.request.user)
        context.update(
            year=year,
            years=range(this_year, FIRST_YEAR - 1, -1),
            scope=scope,
            panels=DASHBOARD_PANELS,
            indicators=compute(scope=scope, year=year),
        )
        return context
