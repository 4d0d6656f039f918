from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem, SummaryColumn


class PairingConfig(registry.AreaConfig):
    """League–Pioneer pairing (大手拉小手): institutions, pairings, activities, micro-wishes."""

    name = "apps.pairing"
    verbose_name = _("League–Pioneer pairing")
    nav = (
        NavItem("pairing:wish-list", _("Micro-wishes"), 97),
        NavItem("pairing:pairing-list", _("Pairings"), 98),
    )
    indicators = "indicators.pairing_indicators"
    public_sections = (("pairing/_public_section.html", "public.pairing_figures", 65),)
    demo_after = ("organizations", "accounts")
    todo_sources = ("todos.pairing_todos",)
    due_sources = ("todos.wish_due_items",)
    summary_columns = (
        SummaryColumn("institutions", _("Institutions"), "integer"),
        SummaryColumn("organizations_covered", _("Organizations covered"), "integer"),
        SummaryColumn("wishes_posted", _("Wishes posted"), "integer"),
        SummaryColumn("wishes_fulfilled", _("Wishes fulfilled"), "integer"),
        SummaryColumn("children_helped", _("Children helped (person-times)"), "integer"),
    )
