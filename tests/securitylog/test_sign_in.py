"""Sign-ins, their failures, lockouts and sign-outs are in the security log, through the
real sign-in form."""

from django.urls import reverse

from apps.core.security import SecurityKind, SecurityOutcome
from tests.conftest import PASSWORD
from tests.securitylog.conftest import events

LOGIN = reverse("accounts:login")
OFFICE = "10.20.30.40"


def _sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=OFFICE)


def test_a_sign_in_is_recorded_with_the_user_and_address(client, edu_wuhua):
    response = _sign_in(client, "edu_wuhua", PASSWORD)

    assert response.status_code == 302
    (event,) = events(SecurityKind.SIGN_IN)
    assert event.user == edu_wuhua
    assert event.username == "edu_wuhua"
    assert event.ip_address == OFFICE
    assert event.path == LOGIN
    assert event.outcome == SecurityOutcome.SUCCESS


def test_a_failed_sign_in_keeps_the_username_and_never_the_password(client, edu_wuhua):
    response = _sign_in(client, "edu_wuhua", "not-the-password")

    assert response.status_code == 200
    assert not events(SecurityKind.SIGN_IN)
    (event,) = events(SecurityKind.SIGN_IN_FAILED)
    assert event.user is None
    assert event.username == "edu_wuhua"
    assert event.ip_address == OFFICE
    assert event.outcome == SecurityOutcome.FAILURE
    assert "not-the-password" not in str(event.details)


def test_a_lockout_is_recorded_and_so_is_each_attempt_refused_while_locked(
    client, settings, edu_wuhua
):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        assert _sign_in(client, "edu_wuhua", "wrong-password").status_code == 200
    assert not events(SecurityKind.LOCKOUT)

    # the third failure locks the username out from this address
    assert _sign_in(client, "edu_wuhua", "wrong-password").status_code == 429
    (lockout,) = events(SecurityKind.LOCKOUT)
    assert lockout.username == "edu_wuhua"
    assert lockout.ip_address == OFFICE
    assert lockout.outcome == SecurityOutcome.REFUSED

    # even the right password is refused now, and that too is on record
    assert _sign_in(client, "edu_wuhua", PASSWORD).status_code == 429
    assert len(events(SecurityKind.LOCKOUT)) == 2
    assert not events(SecurityKind.SIGN_IN)
    assert len(events(SecurityKind.SIGN_IN_FAILED)) == 4


def test_an_address_throttled_across_usernames_is_recorded_as_a_lockout(client, settings):
    settings.SIGNIN_IP_FAILURE_LIMIT = 3
    for n in range(2):
        assert _sign_in(client, f"guess{n}", "wrong-password").status_code == 200

    assert _sign_in(client, "guess2", "wrong-password").status_code == 429

    (lockout,) = events(SecurityKind.LOCKOUT)
    assert lockout.details["address_throttled"] is True
    assert lockout.username == "guess2"


def test_signing_out_is_recorded(client, login, edu_wuhua):
    login(edu_wuhua).post(reverse("accounts:logout"))

    (event,) = events(SecurityKind.SIGN_OUT)
    assert event.user == edu_wuhua
