from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem, SummaryColumn


class FundingConfig(registry.AreaConfig):
    """Special funds: programs passed down the tree, allocations to schools, usage reports."""

    name = "apps.funding"
    verbose_name = _("Special funds")
    nav = (
        NavItem("funding:program-list", _("Special funds"), 95),
        NavItem("funding:allocation-list", _("Fund allocations"), 96),
    )
    indicators = "indicators.funding_indicators"
    public_sections = (("funding/_public_section.html", "public.disclosed_programs", 60),)
    demo_after = ("organizations", "accounts")
    todo_sources = ("todos.funding_todos",)
    summary_columns = (
        SummaryColumn("allocated_yuan", _("Allocated (yuan)"), "money"),
        SummaryColumn("disbursed_yuan", _("Disbursed (yuan)"), "money"),
        SummaryColumn("to_schools_yuan", _("To schools (yuan)"), "money"),
        SummaryColumn("recipients", _("Recipients"), "integer"),
    )
