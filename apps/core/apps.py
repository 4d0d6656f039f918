from django.test.signals import setting_changed
from django.utils.translation import gettext_lazy as _

from apps.core import registry


class CoreConfig(registry.AreaConfig):
    name = "apps.core"
    verbose_name = _("Portal core")
    url_prefix = ""

    def ready(self):
        from apps.core import lookups

        lookups.register()
        # What the areas contribute is read once; a test that installs another area
        # (override_settings(INSTALLED_APPS=...)) must see it.
        setting_changed.connect(registry.clear_caches, dispatch_uid="core.registry.clear")
