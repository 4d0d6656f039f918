from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem


class MeetingsConfig(registry.AreaConfig):
    """The League–education joint meeting (团教协作联席会议): meetings, who attended, the
    minutes and the decisions each division's League or education side must carry out."""

    name = "apps.meetings"
    verbose_name = _("Joint meetings")
    nav = (NavItem("meetings:meeting-list", _("Joint meetings"), 98),)
    indicators = "indicators.meeting_indicators"
    demo_after = ("organizations", "accounts", "documents")
    todo_sources = ("todos.decision_todos",)
    due_sources = ("todos.decision_due_items",)
