from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem


class InspectionsConfig(registry.AreaConfig):
    name = "apps.inspections"
    verbose_name = _("Joint inspections")
    url_prefix = "inspections/"
    demo = "demo"
    demo_after = ("organizations", "accounts")
    indicators = "indicators.inspection_indicators"
    dashboard_panel = "inspections/_dashboard_panel.html"
    nav = (NavItem("inspections:campaign-list", _("Joint inspections"), 90),)
    public_sections = (("inspections/_public_section.html", None, 50),)
    todo_sources = ("todos.inspection_todos",)
