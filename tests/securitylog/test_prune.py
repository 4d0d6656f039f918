"""prune_security_log keeps SECURITY_LOG_DAYS (180) days and refuses fewer unless forced."""

import datetime
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command

from apps.core.security import SecurityKind
from apps.securitylog.models import SecurityEvent
from config.settings import base

NOW = datetime.datetime(2026, 12, 6, 10, 0, tzinfo=datetime.UTC)


def _event(age: datetime.timedelta, username: str) -> SecurityEvent:
    return SecurityEvent.objects.create(at=NOW - age, kind=SecurityKind.SIGN_IN, username=username)


def _prune(*args) -> str:
    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("prune_security_log", *args, stdout=out)
    return out.getvalue()


def test_the_log_is_kept_180_days_by_default():
    assert base.SECURITY_LOG_DAYS == 180


def test_it_keeps_events_180_days_old_and_deletes_older_ones(db):
    # given events of today, of exactly 180 days ago, and a minute and a year older
    _event(datetime.timedelta(0), "today")
    _event(datetime.timedelta(days=180), "day-180")
    _event(datetime.timedelta(days=180, minutes=1), "day-180-and-a-minute")
    _event(datetime.timedelta(days=365), "last-year")

    output = _prune()

    assert "Deleted 2 security events older than 180 days" in output
    kept = set(
        SecurityEvent.objects.exclude(kind=SecurityKind.LOG_PRUNED).values_list(
            "username", flat=True
        )
    )
    assert kept == {"today", "day-180"}
    (pruned,) = SecurityEvent.objects.filter(kind=SecurityKind.LOG_PRUNED)
    assert pruned.details["deleted"] == 2
    assert pruned.details["days"] == 180


def test_it_refuses_fewer_than_180_days_unless_forced(db):
    _event(datetime.timedelta(days=100), "day-100")

    with pytest.raises(CommandError, match="at least 180 days"):
        _prune("--days", "90")
    assert SecurityEvent.objects.filter(username="day-100").exists()

    assert "Deleted 1 security events older than 90 days" in _prune("--days", "90", "--force")
    assert not SecurityEvent.objects.filter(username="day-100").exists()


def test_a_longer_keeping_time_deletes_less(db, settings):
    settings.SECURITY_LOG_DAYS = 400
    _event(datetime.timedelta(days=365), "last-year")

    assert "Deleted 0 security events older than 400 days" in _prune()
    assert SecurityEvent.objects.filter(username="last-year").exists()
