from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevtoolsConfig(AppConfig):
    """Developer tools: provincial-scale synthetic data (``seed_scale``) and the benchmark
    (``bench``). The top layer: it may import every area and no area imports it, so the
    areas' imports keep one direction. It adds no models, URLs or navigation."""

    name = "apps.devtools"
    verbose_name = _("Developer tools")
