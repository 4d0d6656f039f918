from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.models import belongs_to, one_per, valid_choice
from apps.inbox.choices import Step


class NotificationQuerySet(models.QuerySet):
    def for_actor(self, actor):
        """A user's own notifications; nobody reads another's inbox."""
        if actor is None or not actor.is_authenticated:
            return self.none()
        return self.filter(recipient=actor)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A reminder or an escalation about one item, for one recipient. The unique
    (recipient, item, step) is what makes sending idempotent: a second run, or a second
    process running at the same time, finds the row there and sends nothing."""

    recipient = belongs_to(_("recipient"), related_name="notifications")
    item_key = models.CharField(_("item"), max_length=100)
    step = models.CharField(_("step"), max_length=16, choices=Step.choices)
    text = models.TextField(_("text"))
    link = models.CharField(_("link"), max_length=300)
    due_on = models.DateField(_("due on"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            one_per(["recipient", "item_key", "step"], "notification_once_per_step"),
            valid_choice("step", Step.values, "notification_step"),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
        ]

    def __str__(self):
        return self.text[:60]
