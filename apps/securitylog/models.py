"""The security log's rows: one per event, written by ``apps.core.security.record``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import account_link
from apps.core.security import SecurityKind, SecurityOutcome


class SecurityEvent(models.Model):
    """Something that matters to the portal's security: who, from where, on which path,
    with what outcome, and the details of its kind (never the personal data itself).
    Append-only; ``prune_security_log`` deletes rows past SECURITY_LOG_DAYS."""

    at = models.DateTimeField(_("time"), db_index=True)
    kind = models.CharField(_("kind"), max_length=32, choices=SecurityKind.choices)
    # The user may be deleted later; their username stays on the row.
    user = account_link(_("user"))
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("path"), max_length=500, blank=True)
    outcome = models.CharField(
        _("outcome"),
        max_length=16,
        choices=SecurityOutcome.choices,
        default=SecurityOutcome.SUCCESS,
    )
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["kind", "-at"], name="security_event_kind_at"),
            models.Index(fields=["user", "-at"], name="security_event_user_at"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"
