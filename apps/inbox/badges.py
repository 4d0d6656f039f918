"""The counts beside the inbox area's menu entries (``NavItem.badge``)."""

from apps.core.freshness import cached_count
from apps.core.todos import waiting_count
from apps.inbox.models import Notification


def todo_count(request) -> int:
    """Items waiting for the user: the to-do page's total, computed once a request."""
    return waiting_count(request)


def unread_count(request) -> int:
    """Unread reminders and escalations (one query, kept until a write)."""
    return cached_count(Notification.objects.for_actor(request.user).unread())
