from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem, SummaryColumn


class TrainingConfig(registry.AreaConfig):
    name = "apps.training"
    verbose_name = _("Counselor training")
    # After the documents: each plan names the issued policy document that set it.
    demo_after = ("counselors", "documents")
    indicators = "indicators.training_indicators"
    counselor_facts = ("facts.training_facts",)
    nav = (NavItem("training:plan-list", _("Training"), 80),)
    summary_section = "training_summary"
    summary_columns = (
        SummaryColumn("trained", _("Brigade counselors trained face to face")),
        SummaryColumn("target", _("Face-to-face training target"), levels=("prefecture", "county")),
    )
