from django.utils.translation import gettext_lazy as _

from apps.core import registry


class CoreConfig(registry.AreaConfig):
    name = "apps.core"
    verbose_name = _("Portal core")
    url_prefix = ""
