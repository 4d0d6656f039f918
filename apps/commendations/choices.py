from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import review
from apps.core.choices import ReviewStatus, same_as
from apps.core.review import ChainLevel
from apps.organizations.choices import DivisionLevel


class RoundStatus(models.TextChoices):
    """Where a round stands: nominating and reviewing, its 公示, its final list."""

    OPEN = "open", _("Nominating and reviewing")
    NOTICE = "notice", _("Public notice")
    FINAL = "final", _("Final list published")


class SelectionMode(models.TextChoices):
    """等额: each level passes up at most its quota. 差额: a level may pass up to the quota
    times the round's ratio, and the level above chooses."""

    EQUAL = "equal", _("Equal to quota (等额)")
    COMPETITIVE = "competitive", _("Above quota (差额)")


class NomineeKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    COUNSELOR = "counselor", _("Counselor")
    CHILD = "child", _("Young Pioneer")
    PERSON = "person", _("Person with post and unit")


class NominationStatus(models.TextChoices):
    """A nomination goes straight to review (it has no draft); once the province approved it,
    it is withdrawn after an upheld objection or commended on the final list."""

    SUBMITTED = same_as(ReviewStatus.SUBMITTED)
    RETURNED = same_as(ReviewStatus.RETURNED)
    REJECTED = same_as(ReviewStatus.REJECTED)
    APPROVED = ReviewStatus.APPROVED.value, _("Approved by the province")
    WITHDRAWN = "withdrawn", _("Withdrawn after an objection")
    AWARDED = "awarded", _("Commended")


# Nominations that hold a place: a person has at most one of these in a round.
LIVE_STATUSES = (
    NominationStatus.SUBMITTED,
    NominationStatus.RETURNED,
    NominationStatus.APPROVED,
    NominationStatus.AWARDED,
)
PASSED_STATUSES = (NominationStatus.APPROVED, NominationStatus.AWARDED)


class ReviewLevel(ChainLevel, models.TextChoices):
    """The review chain, in order; a reviewer's level is the level of their scope."""

    COUNTY = same_as(DivisionLevel.COUNTY)
    PREFECTURE = same_as(DivisionLevel.PREFECTURE)
    PROVINCE = same_as(DivisionLevel.PROVINCE)


# Approve, return or reject: the core review chain's decisions.
Decision = review.Decision


class ObjectorKind(models.TextChoices):
    PERSON = "person", _("A person (real name)")
    ORGANISATION = "organisation", _("An organisation (letter under seal)")


class ObjectionOutcome(models.TextChoices):
    PENDING = "pending", _("Being checked")
    DISMISSED = "dismissed", _("Dismissed: the nomination stands (维持)")
    WITHDRAWN = "withdrawn", _("Upheld: the nomination is withdrawn (取消)")
    REPLACED = "replaced", _("Upheld: a reserve nominee takes the place (递补)")


# A 公示 lasts five working days; an objection is checked within ten.
NOTICE_WORKDAYS = 5
OBJECTION_WORKDAYS = 10
# Deeds (事迹材料) run to about a thousand characters.
DEEDS_MAX_CHARS = 1500
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
EVIDENCE_MAX_FILES = 10
LETTER_MAX_BYTES = 5 * 1024 * 1024
# Objections accepted from one address per hour.
OBJECTIONS_PER_ADDRESS_PER_HOUR = 5
# Objectors' names and phones are deleted this many days after the final list.
OBJECTOR_DATA_KEEP_DAYS = 365
