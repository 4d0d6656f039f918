"""Signing in and changing one's password: Django's views, plus the password rules kept
at sign-in (a password shorter than the current minimum must be changed first)."""

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect

from apps.accounts.services import user_password_changed


class PortalLoginView(auth_views.LoginView):
    """Django's sign-in; a user whose password is now too short goes to change it first."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        # Signing in checks the password's length (apps.accounts.signin.on_sign_in).
        response = super().form_valid(form)
        if form.get_user().must_change_password:
            return redirect("accounts:password-change")
        return response


class PortalPasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (the current rules validate the new one); a user who had to
    change their password may use the portal again."""

    template_name = "accounts/password_change.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        user_password_changed(user=form.user)
        return response
