from django.db import models
from django.utils.translation import gettext_lazy as _


class DivisionLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    PREFECTURE = "prefecture", _("Prefecture")
    COUNTY = "county", _("County")


class SchoolType(models.TextChoices):
    PRIMARY = "primary", _("Primary school")
    JUNIOR = "junior", _("Junior secondary school")
    NINE_YEAR = "nine_year", _("Nine-year school")
    COMPLETE = "complete", _("Complete secondary school")


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    EXECUTIVE_VICE_CHAIR = "executive_vice_chair", _("Executive vice chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    MEMBER = "member", _("Member")


class HomeBody(models.TextChoices):
    LEAGUE = "league", _("Communist Youth League committee")
    EDUCATION = "education", _("Education bureau")
    OTHER = "other", _("Other body")


class ChiefCounselorHost(models.TextChoices):
    EDUCATION = "education", _("Education bureau")
    LEAGUE = "league", _("Communist Youth League committee")
