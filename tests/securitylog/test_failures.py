"""Recording never breaks what it records: when the log cannot be written, the request
goes on as usual and the failure is logged."""

import logging

from django.db import connection
from django.urls import reverse

from apps.securitylog.models import SecurityEvent
from tests.conftest import PASSWORD


def _failing_insert(*args, **kwargs):
    # A real database error inside the log's savepoint.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 / 0")


def test_a_failing_write_does_not_break_signing_in_or_a_page(
    client, monkeypatch, caplog, province_admin, wuhua_counselor
):
    monkeypatch.setattr(SecurityEvent.objects, "create", _failing_insert)

    with caplog.at_level(logging.ERROR, logger="apps.core.security"):
        signed_in = client.post(
            reverse("accounts:login"), {"username": "admin", "password": PASSWORD}
        )
        detail = client.get(reverse("counselors:counselor-detail", args=[wuhua_counselor.pk]))
        refused = client.get(reverse("admin:securitylog_securityevent_add"))

    assert signed_in.status_code == 302
    assert detail.status_code == 200
    assert wuhua_counselor.id_number in detail.content.decode()
    assert refused.status_code == 403
    # the test's own transaction is still usable: the failure stayed in its savepoint
    assert not SecurityEvent.objects.exists()
    assert any("Could not keep the security event" in r.getMessage() for r in caplog.records)


def test_an_event_that_cannot_be_built_is_logged_not_raised(db, caplog):
    from apps.core.security import SecurityKind, record

    with caplog.at_level(logging.ERROR, logger="apps.core.security"):
        record(SecurityKind.EXPORT, rows=object.__new__(type("Odd", (), {"__str__": None})))

    assert any("Could not record the security event" in r.getMessage() for r in caplog.records)
