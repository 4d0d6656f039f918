from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem


class InboxConfig(registry.AreaConfig):
    """The to-do page, the inbox of reminders and escalations, and the daily
    ``send_reminders`` run that fills it from every area's ``due_sources``."""

    name = "apps.inbox"
    verbose_name = _("To-dos and inbox")
    nav = (
        NavItem("inbox:todo-list", _("To-do"), 12, badge="badges.todo_count"),
        NavItem("inbox:notification-list", _("Inbox"), 13, badge="badges.unread_count"),
    )
    demo_after = (
        "organizations",
        "accounts",
        "inspections",
        "documents",
        "meetings",
        "pairing",
        "titles",
    )
