from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem, SummaryColumn


class CommendationsConfig(registry.AreaConfig):
    """Commendations: yearly rounds with quotas, nominations reviewed up the tree, a public
    notice (公示) with real-name objections, the final list and verifiable certificates."""

    name = "apps.commendations"
    verbose_name = _("Commendations")
    url_prefix = ""
    nav = (NavItem("commendations:nomination-list", _("Commendations"), 97),)
    indicators = "indicators.commendation_indicators"
    public_sections = (("commendations/_public_section.html", "public.open_notices", 65),)
    demo_after = ("organizations", "accounts", "counselors")
    todo_sources = ("todos.commendation_todos",)
    due_sources = ("todos.commendation_due_items",)
    counselor_facts = ("facts.commendation_facts",)
    summary_columns = (
        SummaryColumn("nominated", _("Nominated"), "integer"),
        SummaryColumn("awarded", _("Commended"), "integer"),
    )
