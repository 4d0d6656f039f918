from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseCategory(models.TextChoices):
    """Who runs a course; the provincial training project (省培项目) is what plan figures count."""

    PROVINCIAL = "provincial", _("Provincial training project")
    PREFECTURE = "prefecture", _("Prefecture training")
    COUNTY = "county", _("County training")
    OTHER = "other", _("Other training")


class CourseMode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", _("Face to face")
    ONLINE = "online", _("Online")
