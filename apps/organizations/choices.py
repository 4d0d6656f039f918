from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.choices import Body, same_as


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
    """Where a committee member works; never the work committee itself."""

    LEAGUE = same_as(Body.LEAGUE)
    EDUCATION = same_as(Body.EDUCATION)
    OTHER = same_as(Body.OTHER)


class ChiefCounselorHost(models.TextChoices):
    """The side of the dual-chair system that hosts a county's chief counselor."""

    EDUCATION = same_as(Body.EDUCATION)
    LEAGUE = same_as(Body.LEAGUE)
