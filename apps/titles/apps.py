from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem, SummaryColumn


class TitlesConfig(registry.AreaConfig):
    name = "apps.titles"
    verbose_name = _("Title applications")
    demo_after = ("counselors", "training")
    indicators = "indicators.title_indicators"
    todo_sources = ("todos.review_todos", "todos.resubmit_todos")
    due_sources = ("todos.review_due_items",)
    counselor_facts = ("facts.title_facts",)
    nav = (
        NavItem("titles:application-list", _("My title applications"), 40),
        NavItem("titles:review-queue", _("Title reviews"), 50),
        NavItem("titles:application-overview", _("Title applications"), 55),
    )
    summary_section = "titles_summary"
    summary_columns = (
        SummaryColumn("subject_submitted", _("Applications, teaching subject track")),
        SummaryColumn("subject_approved", _("Approved, teaching subject track")),
        SummaryColumn("yp_activities_submitted", _("Applications, Young Pioneer activities track")),
        SummaryColumn("yp_activities_approved", _("Approved, Young Pioneer activities track")),
    )
