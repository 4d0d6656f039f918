"""Public notices (通知公告) written and published by provincial staff."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core import clock
from apps.core.models import (
    AuditedModel,
    PartEvidenceFile,
    VersionedModel,
    part_of,
    reference,
    status_field,
    valid_choice,
)
from apps.core.scope import ScopedManager, ScopedQuerySet
from apps.documents.choices import NoticeStatus
from apps.documents.models.documents import IssuingBody


class NoticeQuerySet(ScopedQuerySet):
    def published(self):
        return self.filter(status=NoticeStatus.PUBLISHED)


class Notice(AuditedModel, VersionedModel):
    """A notice on the public portal: written as a draft, published once, then public.
    ``office`` is the provincial body it is published in the name of."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    office = reference(IssuingBody, _("publishing office"), related_name="notices")
    division = reference("organizations.Division", _("division"), editable=False)
    dated_on = models.DateField(_("date"), default=clock.today)
    status = status_field(NoticeStatus, default=NoticeStatus.DRAFT, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    objects = NoticeQuerySet.as_manager(division="division__code")

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-dated_on", "-id"]
        permissions = [("publish_notice", _("Can publish notices"))]
        constraints = [
            valid_choice("status", NoticeStatus.values, "documents_notice_status_valid"),
            models.CheckConstraint(
                condition=Q(status=NoticeStatus.PUBLISHED, published_at__isnull=False)
                | Q(status=NoticeStatus.DRAFT, published_at__isnull=True),
                name="documents_notice_published_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-dated_on", "-id"], name="documents_notice_order"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == NoticeStatus.PUBLISHED


class NoticeAttachment(PartEvidenceFile):
    """A file attached to a notice (PDF, DOCX or OFD); public once the notice is."""

    evidence_folder = "documents/notice-attachments"

    notice = part_of(Notice, _("notice"), related_name="attachments")

    objects = ScopedManager(division="notice__division__code")

    class Meta(PartEvidenceFile.Meta):
        verbose_name = _("notice attachment")
        verbose_name_plural = _("notice attachments")
        ordering = ["notice_id", "uploaded_at", "id"]
