"""Writes of the inbox area. Each acts on the actor's own rows only."""

from __future__ import annotations

from django.db import transaction

from apps.core import clock
from apps.inbox.models import Notification


def notification_mark_read(*, actor, notification: Notification) -> Notification:
    """Mark one of the actor's notifications read (the first reading time is kept)."""
    if notification.recipient_id != actor.pk:
        raise Notification.DoesNotExist
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=clock.now()
        )
        notification.refresh_from_db(fields=["read_at"])
    return notification


def notification_mark_all_read(*, actor) -> int:
    """Mark every unread notification of the actor read; how many were."""
    with transaction.atomic():
        return Notification.objects.for_actor(actor).unread().update(read_at=clock.now())


def reminder_settings_update(*, actor, email_reminders: bool) -> None:
    """The actor's own choice of reminders by e-mail (the inbox always has them)."""
    actor.email_reminders = email_reminders
    actor.save(update_fields=["email_reminders"])
