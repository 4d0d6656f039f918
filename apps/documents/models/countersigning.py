"""Countersigning (会签): the grid of co-issuing bodies, each body's step in each round, the
text of each round, and the files (attachments, and the signed pages of bodies without staff).

The grid (``CoIssuer``) is what the drafting office sets up: which bodies, in which order,
by which date. A round opens a ``CountersignStep`` for a body when it is that body's turn
(every body at once, or the next one in order); the step then holds the body's one opinion
of that round. Steps are never changed once decided, nor deleted: together with the versions
they are the record of who saw which text and what they said.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core import clock
from apps.core.models import AuditedModel, PartEvidenceFile, one_per, part_of, reference
from apps.core.scope import ScopedManager, ScopedQuerySet
from apps.documents.choices import Decision, DocumentStatus
from apps.documents.models.documents import Document, IssuingBody


class CoIssuer(AuditedModel):
    """A co-issuing body in a document's countersigning grid, with its place in the order
    and the date its opinion is requested by."""

    document = part_of(Document, _("document"), related_name="co_issuers")
    body = reference(IssuingBody, _("co-issuing body"))
    position = models.PositiveSmallIntegerField(_("place in the order"))
    due_on = models.DateField(_("opinion requested by"))

    objects = ScopedManager(division="document__division__code")

    class Meta:
        verbose_name = _("co-issuing body")
        verbose_name_plural = _("co-issuing bodies")
        ordering = ["document_id", "position", "id"]
        constraints = [
            one_per(
                ["document", "body"],
                "documents_coissuer_once_per_document",
                _("This body is already in the countersigning grid."),
            ),
            one_per(
                ["document", "position"],
                "documents_coissuer_position_unique",
                _("Another body already has this place in the order."),
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="documents_coissuer_position_positive"
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.body}"


class CountersignStepQuerySet(ScopedQuerySet):
    def pending(self):
        """Open turns of documents still in countersigning, in their current round."""
        return self.filter(
            decision="",
            document__status=DocumentStatus.COUNTERSIGNING,
            round=models.F("document__round"),
        )


class CountersignStep(AuditedModel):
    """One body's turn in one round, and its one opinion: sign off, or send back with
    comments. ``on_behalf`` marks an opinion the drafting office recorded for a body that
    has no staff in the portal (its signed page is attached)."""

    document = reference(Document, _("document"), related_name="steps")
    body = reference(IssuingBody, _("co-issuing body"))
    round = models.PositiveSmallIntegerField(_("round"))
    position = models.PositiveSmallIntegerField(_("place in the order"))
    due_on = models.DateField(_("opinion requested by"))
    opened_at = models.DateTimeField(_("turn opened at"), default=clock.now)
    decision = models.CharField(_("opinion"), max_length=16, choices=Decision.choices, blank=True)
    comment = models.TextField(_("comments"), blank=True)
    acted_by = reference(settings.AUTH_USER_MODEL, _("recorded by"), optional=True)
    acted_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    on_behalf = models.BooleanField(_("recorded by the drafting office"), default=False)

    objects = CountersignStepQuerySet.as_manager(division="document__division__code")

    class Meta:
        verbose_name = _("countersigning step")
        verbose_name_plural = _("countersigning steps")
        ordering = ["document_id", "round", "position", "id"]
        constraints = [
            # One opinion per body per round: a second one is a race lost.
            one_per(["document", "body", "round"], "documents_step_once_per_round"),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decision__in=Decision.values),
                name="documents_step_decision_valid",
            ),
            models.CheckConstraint(
                condition=Q(decision="", acted_by__isnull=True, acted_at__isnull=True)
                | Q(~Q(decision=""), acted_by__isnull=False, acted_at__isnull=False),
                name="documents_step_decided_with_who_and_when",
            ),
            models.CheckConstraint(
                condition=~Q(decision=Decision.SEND_BACK) | ~Q(comment=""),
                name="documents_step_send_back_has_comments",
                violation_error_message=_("Say what should change when sending a document back."),
            ),
            models.CheckConstraint(
                condition=Q(on_behalf=False) | ~Q(decision=""),
                name="documents_step_on_behalf_is_decided",
            ),
            models.CheckConstraint(condition=Q(round__gte=1), name="documents_step_round_positive"),
        ]
        indexes = [models.Index(fields=["body", "decision"], name="documents_step_body_open")]

    def __str__(self):
        return f"{self.document} · {self.body} · {self.round}"

    @property
    def is_pending(self) -> bool:
        return not self.decision

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Still waiting after its requested-by date."""
        return self.is_pending and self.due_on < (today or clock.today())


class DocumentVersion(models.Model):
    """The text and attachments as sent to the co-issuing bodies in one round (and as
    issued): what each body is shown the changes against."""

    document = reference(Document, _("document"), related_name="versions")
    round = models.PositiveSmallIntegerField(_("round"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    # [{"id": attachment id, "name": file name}, ...] as they stood when the round began.
    attachments = models.JSONField(_("attachments"), default=list)
    created_at = models.DateTimeField(_("created at"), default=clock.now, editable=False)
    created_by = reference(settings.AUTH_USER_MODEL, _("created by"))

    objects = ScopedManager(division="document__division__code")

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document_id", "round"]
        constraints = [
            one_per(["document", "round"], "documents_version_once_per_round"),
        ]

    def __str__(self):
        return f"{self.document} · {self.round}"


class Attachment(PartEvidenceFile):
    """A file of a document (the text as PDF, OFD or DOCX, annexes). Removed while drafting
    is kept (``removed_at``) so earlier rounds still show what the bodies saw; public only
    once the document is issued, and only while not removed."""

    evidence_folder = "documents/attachments"

    document = reference(Document, _("document"), related_name="attachments")
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = reference(settings.AUTH_USER_MODEL, _("removed by"), optional=True)

    objects = ScopedManager(division="document__division__code")

    class Meta(PartEvidenceFile.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["document_id", "uploaded_at", "id"]


class SignedPage(PartEvidenceFile):
    """The signed page of a body without staff, scanned to PDF, attached by the drafting
    office to the sign-off it records for that body. Never public."""

    evidence_folder = "documents/signed-pages"

    step = models.OneToOneField(
        CountersignStep,
        verbose_name=_("countersigning step"),
        on_delete=models.PROTECT,
        related_name="signed_page",
    )

    objects = ScopedManager(division="step__document__division__code")

    class Meta(PartEvidenceFile.Meta):
        verbose_name = _("signed page")
        verbose_name_plural = _("signed pages")
