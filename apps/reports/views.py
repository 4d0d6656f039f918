from django.utils import timezone
from django.views.generic import TemplateView

from apps.reports.indicators import compute, scope_division_for


class DashboardView(TemplateView):
    """The signed-in home: indicators for the user's scope, by prefecture."""

    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        this_year = timezone.localdate().year
        try:
            year = int(self.request.GET.get("year", this_year))
        except ValueError:
            year = this_year
        year = max(2009, min(year, this_year))
        scope = scope_division_for(self.request.user)
        context.update(
            year=year,
            years=range(this_year, 2008, -1),
            scope=scope,
            indicators=compute(scope=scope, year=year),
        )
        return context
