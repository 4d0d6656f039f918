"""What every write of the documents area shares: who acts for a body, the lock, the stamp."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import audit, clock
from apps.core.evidence import check_file_count, evidence_fields, evidence_store
from apps.core.versioning import bump, lock_version
from apps.documents.choices import ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_FILES, ATTACHMENT_TYPES
from apps.documents.models import Document, IssuingBody
from apps.documents.permissions import Perm


def stamp[M: models.Model](instance: M, actor, *, reason: str | None = None) -> M:
    """``core.audit.stamp``, with the history row dated by the portal's clock, so a step the
    demo writes in 2018 (``clock.travel``) is 2018's in the history too."""
    audit.stamp(instance, actor, reason=reason)
    instance._history_date = clock.now()
    return instance


def acts_for(actor, body: IssuingBody, division_code: str) -> bool:
    """Whether ``actor`` is staff of ``body`` at ``division_code``: their role is the role
    that acts for the body and their scope is exactly that division (not a school)."""
    return bool(
        actor is not None
        and actor.is_authenticated
        and actor.is_active
        and body.signer_role
        and actor.role == body.signer_role
        and actor.school_id is None
        and actor.division_id == division_code
    )


def is_drafting_office(actor, document: Document) -> bool:
    """Whether ``actor`` is staff of the document's lead body at its division: the office
    that drafts it, records sign-offs of bodies without staff, and issues it."""
    return acts_for(actor, document.lead_body, document.division_id)


def require_perm(actor, perm: str) -> None:
    """Refuse an actor whose role does not hold ``perm`` (the URL rule checked it too)."""
    if not actor.has_perm(perm):
        raise PermissionDenied


def require_drafting_office(actor, document: Document, perm: str = Perm.CHANGE_DOCUMENT) -> None:
    """Refuse anyone but the document's drafting office, holding ``perm``."""
    require_perm(actor, perm)
    if not is_drafting_office(actor, document):
        raise PermissionDenied(
            _("Only the drafting office (%(body)s) may do this.")
            % {"body": document.lead_body.name}
        )


def lock_document(document: Document, seen_version: int | None) -> Document:
    """The document row locked for update, refused when it moved past ``seen_version``."""
    return lock_version(
        Document.objects.select_related("lead_body"), pk=document.pk, seen_version=seen_version
    )


def require_drafting(document: Document) -> None:
    if not document.is_drafting:
        raise ValidationError(
            _("Only a document in drafting can be changed; this one is %(status)s."),
            code="not_drafting",
            params={"status": document.get_status_display()},
        )


def save_versioned[M: models.Model](row: M, actor, *, reason: str) -> M:
    """Raise the version of a locked document or notice, check it and save it, naming
    ``actor`` and ``reason`` in its history."""
    bump(row)
    stamp(row, actor, reason=reason)
    row.full_clean()
    row.save()
    return row


def file_fields(upload: UploadedFile, *, actor, types, max_bytes: int, field: str = "file"):
    """The fields of an evidence-file row for ``upload``, refused (next to ``field``) when
    its bytes are not one of ``types`` or it is too large."""
    return evidence_fields(upload, actor=actor, types=types, max_bytes=max_bytes, field=field)


def attachment_store[M: models.Model](
    row: M, upload: UploadedFile, *, actor, kept: int, too_many
) -> M:
    """Save ``upload`` (PDF, DOCX or OFD by its bytes) as ``row``, an attachment of a draft
    document or notice that already has ``kept``; refused next to the file past
    ``ATTACHMENT_MAX_FILES`` with ``too_many``, which takes ``%(limit)d``."""
    check_file_count(kept, ATTACHMENT_MAX_FILES, too_many, field="file")
    return evidence_store(
        row,
        upload,
        actor=actor,
        types=ATTACHMENT_TYPES,
        max_bytes=ATTACHMENT_MAX_BYTES,
        field="file",
    )
