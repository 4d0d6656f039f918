"""How a notification reaches its recipient: one small class a channel.

The in-portal inbox is the notification row itself, so every recipient has it. Further
channels are listed in ``settings.INBOX_CHANNELS`` (dotted paths); each decides for itself
whether a recipient can be reached by it. An SMS or 企业微信 gateway is one more class with a
``deliver`` method and one more line in the setting.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import override

log = logging.getLogger(__name__)


class Channel(Protocol):
    """A way to tell a recipient. ``deliver`` returns whether it sent anything; it must not
    raise for one recipient's failure (the others still get theirs)."""

    name: str

    def deliver(self, notification) -> bool: ...


class PortalChannel:
    """The inbox page: the stored notification is the delivery."""

    name = "portal"

    def deliver(self, notification) -> bool:
        return True


class EmailChannel:
    """E-mail through Django's mail settings, to recipients with an address who have not
    turned reminders by e-mail off (``User.email_reminders``)."""

    name = "email"

    def deliver(self, notification) -> bool:
        user = notification.recipient
        if not user.email or not user.email_reminders:
            return False
        with override(settings.LANGUAGE_CODE):
            subject = _("[Young Pioneer Work Portal] %(step)s") % {
                "step": notification.get_step_display()
            }
            body = f"{notification.text}\n\n{_site_url(notification.link)}"
        try:
            send_mail(subject, body, None, [user.email])
        except Exception:  # A mail server's refusal must not stop the other recipients.
            log.exception("E-mail to user %s failed", user.pk)
            return False
        type(notification).objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        return True


def _site_url(link: str) -> str:
    return settings.PORTAL_SITE_URL.rstrip("/") + link


@cache
def channels() -> list[Channel]:
    """The portal's inbox first, then each configured channel."""
    extra = [import_string(path)() for path in settings.INBOX_CHANNELS]
    return [PortalChannel(), *extra]


def deliver(notification) -> list[str]:
    """Send ``notification`` by every channel; the names of those that sent it."""
    return [channel.name for channel in channels() if channel.deliver(notification)]
