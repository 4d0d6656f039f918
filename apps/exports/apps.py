from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "apps.exports"
    verbose_name = _("Spreadsheet exports")

    def ready(self):
        # Each area declares its exports in apps/<app>/exports.py; importing registers them,
        # once per kind (the registry refuses a second definition of a kind).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("exports")
