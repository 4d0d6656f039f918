from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem, SummaryColumn


class InspectionsConfig(registry.AreaConfig):
    name = "apps.inspections"
    verbose_name = _("Joint inspections")
    demo_after = ("organizations", "accounts")
    indicators = "indicators.inspection_indicators"
    nav = (NavItem("inspections:campaign-list", _("Joint inspections"), 90),)
    public_sections = (("inspections/_public_section.html", None, 50),)
    todo_sources = ("todos.inspection_todos",)
    due_sources = ("todos.order_due_items",)
    summary_section = "inspections_summary"
    summary_title = _("Inspections and rectification")
    summary_columns = (
        SummaryColumn("campaigns", _("Campaigns"), levels=("prefecture", "county")),
        SummaryColumn("prefectures_inspected", _("Inspected"), levels=("prefecture",)),
        SummaryColumn("counties", _("Counties"), levels=("prefecture",)),
        SummaryColumn("counties_inspected", _("Counties inspected"), levels=("prefecture",)),
        SummaryColumn("counties_inspected", _("Inspected"), levels=("county",)),
        SummaryColumn("schools_inspected", _("Inspected"), levels=("school",)),
        SummaryColumn("reports_submitted", _("Reports filed")),
        SummaryColumn("reports_accepted", _("Reports accepted")),
        SummaryColumn("orders_issued", _("Rectification orders issued")),
        SummaryColumn("orders_open", _("Orders open")),
        SummaryColumn("orders_overdue", _("Orders overdue")),
        SummaryColumn("orders_submitted", _("Rectifications awaiting verification")),
        SummaryColumn("orders_closed", _("Orders closed")),
    )
