from django.utils.translation import gettext_lazy as _

from apps.core import registry


class SecurityLogConfig(registry.AreaConfig):
    """The security log: sign-ins, lockouts, refusals, exports, imports, personal data shown
    in full and admin changes, kept SECURITY_LOG_DAYS (180) days. No portal pages: the
    provincial administrators read it in the admin site."""

    name = "apps.securitylog"
    verbose_name = _("Security log")
    # Written on every sign-in; no figure counts it (apps/core/freshness.py).
    untracked_models = ("securityevent",)

    def ready(self):
        from apps.securitylog import receivers

        receivers.connect()
