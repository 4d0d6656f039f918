"""Behind a reverse proxy the client's address comes from the proxy's X-Real-IP, and only
from a proxy the settings trust: the sign-in limits and the security log count the client,
and a client cannot choose its own address."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse

from apps.securitylog.models import SecurityEvent

pytestmark = pytest.mark.django_db

CLIENT = "203.0.113.9"


def failed_sign_in(client, **headers):
    return client.post(
        reverse("accounts:login"),
        {"username": "nobody", "password": "wrong-password"},
        **headers,
    )


def recorded_addresses():
    attempts = set(AccessAttempt.objects.values_list("ip_address", flat=True))
    events = set(SecurityEvent.objects.values_list("ip_address", flat=True))
    return attempts, events


@override_settings(TRUSTED_PROXIES=["10.0.0.0/24"])
def test_a_trusted_proxy_names_the_client(client):
    failed_sign_in(client, REMOTE_ADDR="10.0.0.5", HTTP_X_REAL_IP=CLIENT)

    assert recorded_addresses() == ({CLIENT}, {CLIENT})


@override_settings(TRUSTED_PROXIES=["10.0.0.0/24"])
def test_a_client_cannot_name_its_own_address(client):
    failed_sign_in(client, REMOTE_ADDR="198.51.100.7", HTTP_X_REAL_IP=CLIENT)

    assert recorded_addresses() == ({"198.51.100.7"}, {"198.51.100.7"})


@override_settings(TRUSTED_PROXIES=[])
def test_without_trusted_proxies_the_header_means_nothing(client):
    failed_sign_in(client, REMOTE_ADDR="10.0.0.5", HTTP_X_REAL_IP=CLIENT)

    assert recorded_addresses() == ({"10.0.0.5"}, {"10.0.0.5"})


@override_settings(TRUSTED_PROXIES=["10.0.0.5"])
def test_a_header_that_is_no_address_is_ignored(client):
    failed_sign_in(client, REMOTE_ADDR="10.0.0.5", HTTP_X_REAL_IP="x'; drop table")

    assert recorded_addresses() == ({"10.0.0.5"}, {"10.0.0.5"})
