"""/healthz: 200 with the database and the worker's last heartbeat, 503 when either is down;
public, no session, never cached, one query."""

import datetime
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.core import registry
from apps.core.access import PUBLIC
from apps.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db
URL = "/healthz"


def heartbeat(worker_id="w1", *, seconds_ago):
    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        pid=1234,
        started_at=now - datetime.timedelta(hours=1),
        beat_at=now - datetime.timedelta(seconds=seconds_ago),
    )


def test_it_answers_200_with_the_newest_heartbeat_when_all_is_well(client, settings):
    settings.WORKER_STALE_SECONDS = 60
    heartbeat("old", seconds_ago=3600)
    newest = heartbeat("new", seconds_ago=5)

    with CaptureQueriesContext(connections["default"]) as queries:
        response = client.get(URL)

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "worker": newest.beat_at.isoformat(),
        "worker_stale_after_seconds": 60,
    }
    assert len(queries) == 1
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_it_answers_503_when_the_workers_heartbeat_is_stale(client, settings):
    settings.WORKER_STALE_SECONDS = 60
    stale = heartbeat(seconds_ago=61)

    response = client.get(URL)

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["database"] == "ok"
    assert body["worker"] == stale.beat_at.isoformat()


def test_it_answers_503_when_no_worker_ever_beat(client):
    WorkerHeartbeat.objects.all().delete()

    response = client.get(URL)

    assert response.status_code == 503
    assert response.json()["worker"] is None


def test_it_answers_503_when_the_database_does_not(client):
    heartbeat(seconds_ago=1)
    refused = OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    with mock.patch.object(connections["default"], "cursor", side_effect=refused):
        response = client.get(URL)

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "worker": None}


def test_a_signed_in_user_gets_the_same_answer(client, province_admin):
    heartbeat(seconds_ago=1)
    client.force_login(province_admin)

    assert client.get(URL).status_code == 200


def test_its_rule_is_public_in_the_core_access_map():
    assert registry.url_rules()["core:healthz"] is PUBLIC
