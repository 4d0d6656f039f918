"""Reads of the inbox area: a user's own notifications, nobody else's."""

from __future__ import annotations

from apps.inbox.filters import NotificationFilter
from apps.inbox.models import Notification


def notification_list(*, actor, filters=None) -> NotificationFilter:
    """The actor's notifications, newest first, under the inbox's filter."""
    queryset = Notification.objects.for_actor(actor).order_by("-id")
    return NotificationFilter(filters or None, queryset=queryset)


def notification_get(*, actor, pk: int) -> Notification:
    """One of the actor's notifications (DoesNotExist, so a 404, for anyone else's)."""
    return Notification.objects.for_actor(actor).get(pk=pk)
