from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem


class OrganizationsConfig(registry.AreaConfig):
    name = "apps.organizations"
    verbose_name = _("Organizations")
    url_prefix = "organizations/"
    demo = "demo"
    indicators = "indicators.organization_indicators"
    dashboard_panel = "organizations/_dashboard_panel.html"
    nav = (
        NavItem("organizations:division-browser", _("Divisions and committees"), 20),
        NavItem("organizations:school-list", _("Schools"), 30),
    )
