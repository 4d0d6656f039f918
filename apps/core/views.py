from django.views.generic import TemplateView

from apps.reports.indicators import public_figures


class HomeView(TemplateView):
    """The public home page: what the portal is, with province-wide aggregate figures."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = public_figures()
        return context
