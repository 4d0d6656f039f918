"""Writes of the security log besides recording: pruning what is past its keeping time."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from apps.core.security import SecurityKind, record
from apps.securitylog.models import SecurityEvent


def security_event_prune(*, days: int | None = None, now: datetime.datetime | None = None) -> int:
    """Delete the events older than ``days`` (SECURITY_LOG_DAYS by default) before ``now``;
    an event exactly that old stays. Returns how many were deleted; the pruning is itself
    recorded. The caller (the prune_security_log command) refuses fewer than the minimum."""
    days = settings.SECURITY_LOG_DAYS if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    deleted, _ = SecurityEvent.objects.filter(at__lt=cutoff).delete()
    record(
        SecurityKind.LOG_PRUNED,
        deleted=deleted,
        days=days,
        before=cutoff,
    )
    return deleted
