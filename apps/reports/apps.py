from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem


class ReportsConfig(registry.AreaConfig):
    name = "apps.reports"
    verbose_name = _("Reports and indicators")
    url_prefix = ""
    nav = (NavItem("reports:dashboard", _("Dashboard"), 10),)
    public_sections = (("reports/_public_figures.html", "indicators.public_figures", 10),)
