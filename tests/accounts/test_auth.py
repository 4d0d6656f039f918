"""Signing in and out, password change, idle sessions and the brute-force lockout."""

import datetime

import pytest
import time_machine
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.settings import base
from tests.conftest import PASSWORD

NEW_PASSWORD = "Honglingjin-2027"


@pytest.fixture(autouse=True)
def _fresh_axes(db):
    # Failed attempts live in the database, which each test rolls back; reset anyway so a
    # test never starts from another one's lockout.
    axes_reset()


def _sign_in(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_it_signs_in_with_the_right_password(client, edu_wuhua):
    response = _sign_in(client, "edu_wuhua", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("reports:dashboard")
    assert client.session["_auth_user_id"] == str(edu_wuhua.pk)


def test_it_refuses_a_wrong_password_and_starts_no_session(client, edu_wuhua):
    response = _sign_in(client, "edu_wuhua", "not-the-password")

    assert response.status_code == 200
    assert "__all__" in response.context["form"].errors
    assert 'class="form-errors"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_refuses_an_inactive_account(client, edu_wuhua):
    edu_wuhua.is_active = False
    edu_wuhua.save()

    response = _sign_in(client, "edu_wuhua", PASSWORD)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_signing_out_takes_a_post(client, login, edu_wuhua):
    login(edu_wuhua)

    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.session["_auth_user_id"] == str(edu_wuhua.pk)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert "_auth_user_id" not in client.session


def test_the_password_change_keeps_the_user_signed_in(client, login, edu_wuhua):
    login(edu_wuhua)

    response = client.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response.url == reverse("accounts:password-change-done")
    edu_wuhua.refresh_from_db()
    assert edu_wuhua.check_password(NEW_PASSWORD)
    assert client.get(reverse("accounts:password-change")).status_code == 200


@pytest.mark.parametrize(
    ("old", "new1", "new2", "field"),
    [
        ("wrong-old-password", NEW_PASSWORD, NEW_PASSWORD, "old_password"),
        (PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x", "new_password2"),
        (PASSWORD, "short1", "short1", "new_password2"),
        (PASSWORD, "12345678901234", "12345678901234", "new_password2"),
        (PASSWORD, "edu_wuhua_2026", "edu_wuhua_2026", "new_password2"),
    ],
)
def test_the_password_change_validates(client, login, edu_wuhua, old, new1, new2, field):
    login(edu_wuhua)

    response = client.post(
        reverse("accounts:password-change"),
        {"old_password": old, "new_password1": new1, "new_password2": new2},
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    edu_wuhua.refresh_from_db()
    assert edu_wuhua.check_password(PASSWORD)


def test_the_password_change_needs_a_signed_in_user(client):
    response = client.get(reverse("accounts:password-change"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_argon2_hashes_passwords_outside_the_test_suite():
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    # The argon2-cffi backend is installed, so production can actually use it.
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode(PASSWORD, hasher.salt())
    assert encoded.startswith("argon2$")
    assert hasher.verify(PASSWORD, encoded)


def test_sessions_last_thirty_idle_minutes():
    assert base.SESSION_COOKIE_AGE == settings.SESSION_COOKIE_AGE == 1800
    assert settings.SESSION_TOUCH_SECONDS == 60


def test_a_session_is_saved_again_once_a_minute_not_on_every_request(client, login, edu_wuhua):
    page = reverse("accounts:password-change")
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)

    def session_writes():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200
        return [q["sql"] for q in queries if q["sql"].startswith('UPDATE "django_session"')]

    with time_machine.travel(start, tick=False) as clock:
        login(edu_wuhua)  # signing in saves the session
        right_after = session_writes()
        clock.shift(datetime.timedelta(seconds=59))
        within_the_minute = session_writes()
        clock.shift(datetime.timedelta(seconds=1))
        a_minute_after = session_writes()
        clock.shift(datetime.timedelta(seconds=30))
        again_within_it = session_writes()

    assert right_after == within_the_minute == again_within_it == []
    assert len(a_minute_after) == 1


def test_an_idle_session_expires_and_sends_the_user_to_sign_in(client, login, edu_wuhua):
    # Any signed-in page will do; the password form depends on nothing but the session.
    page = reverse("accounts:password-change")
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        login(edu_wuhua)
        # Each request restarts the 30 minutes.
        clock.shift(datetime.timedelta(minutes=25))
        assert client.get(page).status_code == 200
        clock.shift(datetime.timedelta(minutes=25))
        assert client.get(page).status_code == 200

        clock.shift(datetime.timedelta(minutes=31))
        response = client.get(page)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_axes_locks_a_username_out_after_the_failure_limit(client, edu_wuhua, edu_kunming):
    limit = settings.AXES_FAILURE_LIMIT
    for _attempt in range(limit - 1):
        assert _sign_in(client, "edu_wuhua", "wrong-password").status_code == 200

    response = _sign_in(client, "edu_wuhua", "wrong-password")

    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    # Locked out even with the right password now...
    assert _sign_in(client, "edu_wuhua", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    # ...while another account from the same address still signs in.
    assert _sign_in(client, "edu_kunming", PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(client, edu_wuhua):
    limit = settings.AXES_FAILURE_LIMIT
    for _attempt in range(limit - 1):
        _sign_in(client, "edu_wuhua", "wrong-password")
    assert _sign_in(client, "edu_wuhua", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))

    assert _sign_in(client, "edu_wuhua", "wrong-password").status_code == 200
    assert _sign_in(client, "edu_wuhua", PASSWORD).status_code == 302
