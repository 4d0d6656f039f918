from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.accounts.choices import Role


class OwnerSide(models.TextChoices):
    """The side of a division that owns a decision: its League committee or its education
    department (the two homes of the dual-chair system)."""

    LEAGUE = "league", _("League committee")
    EDUCATION = "education", _("Education department")


# The staff role that acts for each side.
SIDE_ROLE = {OwnerSide.LEAGUE: Role.LEAGUE, OwnerSide.EDUCATION: Role.EDUCATION}


class DecisionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("decision", "Open")
    DONE = "done", _("Done")
