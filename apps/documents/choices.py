"""Choices of the documents area: kinds of policy document, issuing bodies, the workflow."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.evidence import DOCUMENTS, EvidenceType


class DocumentKind(models.TextChoices):
    """The kinds of policy document the source names (实施方案, 纲要, 条例...)."""

    IMPLEMENTATION_PLAN = "implementation_plan", _("Implementation plan")
    OUTLINE = "outline", _("Outline")
    REGULATIONS = "regulations", _("Regulations")
    MEASURES = "measures", _("Administrative measures")
    PLAN = "plan", pgettext_lazy("document kind", "Plan")
    NOTICE = "notice", _("Notice")
    OPINIONS = "opinions", _("Opinions")
    MECHANISM = "mechanism", _("Mechanism")


class BodyKind(models.TextChoices):
    """What an issuing body is; the first three may have staff in the portal."""

    LEAGUE = "league", _("Communist Youth League committee")
    EDUCATION = "education", _("Education department")
    COMMITTEE_OFFICE = "committee_office", _("Work committee office")
    OTHER = "other", _("Other department")


class DocumentStatus(models.TextChoices):
    DRAFTING = "drafting", _("Drafting")
    COUNTERSIGNING = "countersigning", _("In countersigning")
    ISSUED = "issued", pgettext_lazy("document status", "Issued")


class SigningOrder(models.TextChoices):
    """How the co-issuing bodies are asked: all at once, or one after another."""

    PARALLEL = "parallel", _("All bodies at once")
    SEQUENTIAL = "sequential", _("One body after another, in the set order")


class Decision(models.TextChoices):
    SIGN = "sign", _("Sign off")
    SEND_BACK = "send_back", _("Send back with comments")


class Validity(models.TextChoices):
    """An issued document's validity, as government websites mark it (现行有效, 已修改...)."""

    IN_FORCE = "in_force", _("In force")
    AMENDED = "amended", _("Amended")
    REPEALED = "repealed", _("Repealed")
    EXPIRED = "expired", _("Expired")


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


# Policy texts and their attachments: PDF, DOCX or OFD, judged by their bytes.
ATTACHMENT_TYPES = DOCUMENTS
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
ATTACHMENT_MAX_FILES = 20
# A body without staff signs on paper; the drafting office scans the signed page to PDF.
SIGNED_PAGE_TYPES = (EvidenceType.PDF,)
SIGNED_PAGE_MAX_BYTES = 10 * 1024 * 1024

# The earliest year a document may bear (older policy is not kept in the portal).
FIRST_YEAR = 1980
# Public search: what a query may be at most, and how many results a page shows.
SEARCH_MAX_LENGTH = 50
SEARCH_PAGE_SIZE = 20
# How many notices and documents the public home page shows.
HOME_LATEST = 5
