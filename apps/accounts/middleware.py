"""Session rules on every request: an absolute lifetime, and a password change that must
come first.

Sessions end after SESSION_COOKIE_AGE idle seconds: ``SessionLifetimeMiddleware`` saves a
signed-in session again (which moves its expiry) once SESSION_TOUCH_SECONDS have passed
since it was last saved, rather than on every request, so a busy page costs no session write;
an idle session thus ends between SESSION_COOKIE_AGE - SESSION_TOUCH_SECONDS and
SESSION_COOKIE_AGE seconds after its last request. It also ends sessions
SESSION_ABSOLUTE_SECONDS after the sign-in (apps.accounts.signin notes its time), however
busy. ``PasswordChangeRequiredMiddleware`` sends a user whose password is
too short for the current rules to the password change until they have changed it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.signin import SIGNED_IN_AT, TOUCHED_AT

# What a user who must change their password may still open.
PASSWORD_CHANGE_ALLOWED = frozenset(
    {
        "accounts:password-change",
        "accounts:password-change-done",
        "accounts:logout",
        "set_language",
    }
)


class SessionLifetimeMiddleware:
    """Signs out a session older than SESSION_ABSOLUTE_SECONDS (12 hours) since sign-in,
    or one with no sign-in time at all, and sends the browser to sign in again; otherwise
    restarts its idle time at most once every SESSION_TOUCH_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT)
            now = timezone.now().timestamp()
            if signed_in_at is None or now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Your session has ended; please sign in again."))
                return redirect_to_login(request.get_full_path())
            touched_at = request.session.get(TOUCHED_AT, 0)
            if now - touched_at >= settings.SESSION_TOUCH_SECONDS:
                # Marks the session changed: it is saved, with a new expiry, at the end.
                request.session[TOUCHED_AT] = now
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """Until a user flagged ``must_change_password`` changes it, every page but the
    password change (and signing out) redirects there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.must_change_password:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in PASSWORD_CHANGE_ALLOWED:
            return None
        messages.warning(
            request,
            _(
                "Your password is shorter than %(length)d characters. Please choose a new"
                " one before you continue."
            )
            % {"length": settings.PASSWORD_MIN_LENGTH},
        )
        return redirect("accounts:password-change")
