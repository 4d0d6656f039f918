from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem


class TrainingConfig(registry.AreaConfig):
    name = "apps.training"
    verbose_name = _("Counselor training")
    url_prefix = "training/"
    demo = "demo"
    # After the documents: each plan names the issued policy document that set it.
    demo_after = ("counselors", "documents")
    indicators = "indicators.training_indicators"
    dashboard_panel = "training/_dashboard_panel.html"
    counselor_facts = ("facts.training_facts",)
    nav = (NavItem("training:plan-list", _("Training"), 80),)
