from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem


class TransitionConfig(registry.AreaConfig):
    """Team–League transition (团队衔接): the pilot schools' records, milestones and the
    yearly count of Young Pioneers reaching 14 who join the League."""

    name = "apps.transition"
    verbose_name = _("Team–League transition")
    nav = (NavItem("transition:pilot-list", _("Transition pilots"), 97),)
    indicators = "indicators.transition_indicators"
    demo_after = ("organizations", "accounts", "documents")
