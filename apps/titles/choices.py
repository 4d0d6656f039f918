from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import review
from apps.core.choices import ReviewStatus, same_as
from apps.core.review import ChainLevel
from apps.counselors.choices import TeacherTitle
from apps.organizations.choices import DivisionLevel


class Track(models.TextChoices):
    """The two lines of dual-track promotion (双线晋升)."""

    SUBJECT = "subject", _("Teaching subject")
    YP_ACTIVITIES = "yp_activities", _("Young Pioneer activities")


class ApplicationStatus(models.TextChoices):
    """An application is the applicant's draft until they send it up the review chain."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = same_as(ReviewStatus.SUBMITTED)
    RETURNED = same_as(ReviewStatus.RETURNED)
    REJECTED = same_as(ReviewStatus.REJECTED)
    APPROVED = same_as(ReviewStatus.APPROVED)


# The applicant may change an application only while it is in their hands.
EDITABLE_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)
# Open applications; an applicant has at most one per year.
OPEN_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.RETURNED)


class ReviewLevel(ChainLevel, models.TextChoices):
    """The review chain, in order. A reviewer's level is the level of their scope."""

    SCHOOL = "school", _("School")
    COUNTY = same_as(DivisionLevel.COUNTY)
    PREFECTURE = same_as(DivisionLevel.PREFECTURE)
    PROVINCE = same_as(DivisionLevel.PROVINCE)


# Approve, return or reject: the core review chain's decisions.
Decision = review.Decision


# Second-grade (二级) to senior-grade (正高级) teacher; no one applies for no title or third grade.
TARGET_TITLES = (
    TeacherTitle.SECOND,
    TeacherTitle.FIRST,
    TeacherTitle.SENIOR,
    TeacherTitle.PROFESSOR,
)
TARGET_TITLE_CHOICES = [(title.value, title.label) for title in TARGET_TITLES]
# Every teacher title, lowest first: a target must rank above the applicant's current title.
TITLE_RANK = {title.value: rank for rank, title in enumerate(TeacherTitle)}

# The year the provincial notice opened dual-track promotion for counselors.
FIRST_YEAR = 2013

# Evidence files (the type is the core's evidence policy): the titles' own limits.
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
EVIDENCE_MAX_FILES = 10
