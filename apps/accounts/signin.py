"""Signing in: the per-address throttle beside django-axes' lockout, the lockout page, and
the sign-in time an absolute session lifetime is counted from.

django-axes locks out one username from one address after AXES_FAILURE_LIMIT failures, so
a colleague behind the same office address can still sign in. An attacker trying many
usernames from one address is stopped by a second, looser limit on the address alone:
SIGNIN_IP_FAILURE_LIMIT failures within SIGNIN_IP_WINDOW_MINUTES, whatever the usernames.
"""

from __future__ import annotations

import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessFailureLog
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

# The session key holding when its user signed in (a POSIX timestamp).
SIGNED_IN_AT = "portal_signed_in_at"
# ...and when the session was last saved, to move its idle expiry now and then
# (apps.accounts.middleware.SessionLifetimeMiddleware).
TOUCHED_AT = "_portal_touched_at"


def address_throttled(request) -> bool:
    """Whether the request's address has failed to sign in SIGNIN_IP_FAILURE_LIMIT times
    within the last SIGNIN_IP_WINDOW_MINUTES, under any usernames."""
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return False
    since = timezone.now() - datetime.timedelta(minutes=settings.SIGNIN_IP_WINDOW_MINUTES)
    failures = AccessFailureLog.objects.filter(ip_address=address, attempt_time__gte=since)
    return failures.count() >= settings.SIGNIN_IP_FAILURE_LIMIT


class PortalAxesHandler(AxesDatabaseHandler):
    """Axes' database handler (username and address lockout) plus the address throttle."""

    def is_locked(self, request, credentials=None) -> bool:
        if address_throttled(request):
            request.portal_address_throttled = True
            return True
        return super().is_locked(request, credentials)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is not None and address_throttled(request):
            # This failure reached the address's limit: refuse it as a lockout already.
            request.portal_address_throttled = True
            request.axes_locked_out = True
            request.axes_credentials = credentials


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page (429): which limit was reached, and how many failures it allows."""
    throttled = getattr(request, "portal_address_throttled", False)
    context = {
        "address_throttled": throttled,
        "failure_limit": settings.SIGNIN_IP_FAILURE_LIMIT
        if throttled
        else settings.AXES_FAILURE_LIMIT,
        "window_minutes": settings.SIGNIN_IP_WINDOW_MINUTES,
    }
    return render(request, "accounts/locked_out.html", context, status=429)


def on_sign_in(sender, request, user, **kwargs):
    """On every sign-in (the portal's form, the admin's, tests' force_login): note when,
    for the absolute session lifetime (apps.accounts.middleware), and, when a password was
    posted, whether it is too short for the current rules."""
    from apps.accounts.services import user_signed_in_with

    if request is None:
        return
    if hasattr(request, "session"):
        now = timezone.now().timestamp()
        request.session[SIGNED_IN_AT] = int(now)
        # Signing in saves the session: its idle time starts now.
        request.session[TOUCHED_AT] = now
    password = request.POST.get("password") if request.method == "POST" else None
    if password:
        user_signed_in_with(user=user, password=password)
