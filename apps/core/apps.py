from django.test.signals import setting_changed
from django.utils.translation import gettext_lazy as _

from apps.core import registry


class CoreConfig(registry.AreaConfig):
    name = "apps.core"
    verbose_name = _("Portal core")
    url_prefix = ""
    # The worker's heartbeat and the write log itself change no figure.
    untracked_models = ("workerheartbeat", "writelog")
    housekeeping = ("freshness.prune_write_log",)

    def ready(self):
        from apps.core import lookups

        lookups.register()
        # What the areas contribute is read once; a test that installs another area
        # (override_settings(INSTALLED_APPS=...)) must see it.
        setting_changed.connect(registry.clear_caches, dispatch_uid="core.registry.clear")
        # Cached figures end when a table they read is written (apps/core/freshness.py).
        from django.db.models.signals import post_migrate

        from apps.core.freshness import install_triggers

        post_migrate.connect(install_triggers, sender=self, dispatch_uid="core.freshness")
