from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem, SummaryColumn


class CounselorsConfig(registry.AreaConfig):
    name = "apps.counselors"
    verbose_name = _("Counselors")
    demo_after = ("organizations", "accounts")
    indicators = "indicators.counselor_indicators"
    nav = (
        NavItem("counselors:counselor-me", _("My record"), 60),
        NavItem("counselors:counselor-list", _("Counselors"), 70),
    )
    summary_section = "counselors_summary"
    summary_columns = (
        SummaryColumn("total", _("Counselors")),
        SummaryColumn("brigade_post_schools", _("Schools due a brigade counselor post")),
        SummaryColumn("brigade_posts_filled", _("Brigade counselor posts filled")),
        SummaryColumn(
            "brigade_posts_ranked", _("Brigade counselors ranked at least as middle management")
        ),
    )
