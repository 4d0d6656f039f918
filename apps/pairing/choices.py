"""Choices of the pairing area (大手拉小手)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The 2017 League-member volunteer campaign the source names.
CAMPAIGN_2017 = "情暖童心"


class InstitutionKind(models.TextChoices):
    UNIVERSITY = "university", _("University")
    RESEARCH = "research", _("Research institute")
    CULTURAL = "cultural", _("Public cultural institution")


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("Visit and companionship")
    TUTORING = "tutoring", _("Study tutoring")
    ARTS = "arts", _("Arts and sports")
    SCIENCE = "science", _("Science popularisation")
    READING = "reading", _("Reading")
    OTHER = "other", _("Other")


class WishCategory(models.TextChoices):
    STUDY = "study", _("Study supplies")
    BOOKS = "books", _("Books")
    SPORTS = "sports", _("Sports goods")
    ARTS = "arts", _("Art and music")
    DAILY = "daily", _("Daily necessities")
    OTHER = "other", _("Other")


class WishStatus(models.TextChoices):
    OPEN = "open", _("Open for a claim")
    CLAIMED = "claimed", _("Claimed")
    FULFILLED = "fulfilled", _("Fulfilled")
    CONFIRMED = "confirmed", _("Confirmed")


# A wish counts as fulfilled once the gift was delivered, confirmed by the school or not yet.
FULFILLED_STATUSES = (WishStatus.FULFILLED, WishStatus.CONFIRMED)
