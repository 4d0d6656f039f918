from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROVINCIAL_ADMIN = "provincial_admin", _("Provincial administrator")
    LEAGUE = "league", _("League staff")
    EDUCATION = "education", _("Education staff")
    INSPECTOR = "inspector", _("Inspector")
    COUNSELOR = "counselor", _("Counselor")
    OFFICIAL = "official", _("Official (read-only)")
