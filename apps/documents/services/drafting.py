"""Drafting a document: its text and dates, its countersigning grid and its attachments.

Only the drafting office acts here (staff of the lead body's role at the document's
division), and only while the document is in drafting: once sent for countersigning its
text and grid are what the bodies are signing, and a send-back returns it to drafting.
Every change raises the document's version, so a submission or an edit made on a page
loaded before someone else's change is refused instead of going out unseen.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.core import audit, clock
from apps.documents.choices import (
    DocumentKind,
    SigningOrder,
)
from apps.documents.models import Attachment, CoIssuer, Document, DocumentVersion, IssuingBody
from apps.documents.permissions import Perm
from apps.documents.services.common import (
    acts_for,
    attachment_store,
    lock_document,
    require_drafting,
    require_drafting_office,
    require_perm,
    save_versioned,
    stamp,
)


def _check_dates(*, effective_from, valid_until) -> None:
    if effective_from and valid_until and valid_until < effective_from:
        raise ValidationError(
            {"valid_until": _("The end date comes before the date the document takes effect.")}
        )


@transaction.atomic
def document_create(
    *,
    actor,
    title: str,
    kind: DocumentKind | str,
    lead_body: IssuingBody,
    text: str,
    signing_order: SigningOrder | str = SigningOrder.PARALLEL,
    number: str = "",
    effective_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> Document:
    """Start a draft in the name of ``lead_body``; the actor must be its staff at its
    division (they become its drafting office)."""
    require_perm(actor, Perm.ADD_DOCUMENT)
    if not lead_body.has_staff or not acts_for(actor, lead_body, lead_body.division_id):
        raise ValidationError(
            {"lead_body": _("You can draft only for a body you work for, at your own division.")}
        )
    document = Document(
        title=title.strip(),
        kind=kind,
        lead_body=lead_body,
        division_id=lead_body.division_id,
        signing_order=signing_order,
        text=text.strip(),
        number=number.strip(),
        dated_on=clock.today(),
        effective_from=effective_from,
        valid_until=valid_until,
    )
    _check_dates(effective_from=effective_from, valid_until=valid_until)
    stamp(document, actor, reason=gettext_noop("drafted"))
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def document_update(
    *,
    actor,
    document: Document,
    seen_version: int | None,
    title: str,
    kind: DocumentKind | str,
    text: str,
    signing_order: SigningOrder | str,
    number: str = "",
    effective_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> Document:
    """The drafting office changes a draft (or a sent-back document) as of ``seen_version``."""
    locked = lock_document(document, seen_version)
    require_drafting_office(actor, locked)
    require_drafting(locked)
    _check_dates(effective_from=effective_from, valid_until=valid_until)
    locked.title = title.strip()
    locked.kind = kind
    locked.text = text.strip()
    locked.signing_order = signing_order
    locked.number = number.strip()
    locked.effective_from = effective_from
    locked.valid_until = valid_until
    return save_versioned(locked, actor, reason=gettext_noop("draft changed"))


def _check_due(due_on: datetime.date) -> None:
    if due_on < clock.today():
        raise ValidationError(
            {"due_on": _("The requested-by date has passed; choose today or a later day.")}
        )


@transaction.atomic
def coissuer_add(
    *,
    actor,
    document: Document,
    body: IssuingBody,
    due_on: datetime.date,
    position: int | None = None,
) -> CoIssuer:
    """Add a co-issuing body to the grid of a document in drafting, last in the order
    unless ``position`` says otherwise. The body must be at the document's division."""
    locked = lock_document(document, None)
    require_drafting_office(actor, locked)
    require_drafting(locked)
    if body.pk == locked.lead_body_id:
        raise ValidationError(
            {"body": _("The lead body drafts the document; it does not countersign it.")}
        )
    if body.division_id != locked.division_id:
        raise ValidationError(
            {
                "body": _("Choose a body of the document's own division (%(division)s).")
                % {"division": locked.division.name}
            }
        )
    _check_due(due_on)
    if position is None:
        position = (locked.co_issuers.aggregate(last=Max("position"))["last"] or 0) + 1
    co_issuer = CoIssuer(document=locked, body=body, position=position, due_on=due_on)
    stamp(co_issuer, actor, reason=gettext_noop("added to the countersigning grid"))
    co_issuer.full_clean()
    co_issuer.save()
    save_versioned(locked, actor, reason=gettext_noop("countersigning grid changed"))
    return co_issuer


@transaction.atomic
def coissuer_update(
    *,
    actor,
    co_issuer: CoIssuer,
    due_on: datetime.date,
    position: int,
    seen_version: int | None = None,
) -> CoIssuer:
    """Change a co-issuing body's requested-by date or place in the order (in drafting,
    e.g. new dates before resubmitting a document that was sent back); refused over a
    change of the document or its grid made since ``seen_version`` (the document's)."""
    locked = lock_document(co_issuer.document, seen_version)
    require_drafting_office(actor, locked)
    require_drafting(locked)
    _check_due(due_on)
    row = CoIssuer.objects.select_for_update().get(pk=co_issuer.pk, document=locked)
    row.due_on = due_on
    row.position = position
    stamp(row, actor, reason=gettext_noop("countersigning grid changed"))
    row.full_clean()
    row.save()
    save_versioned(locked, actor, reason=gettext_noop("countersigning grid changed"))
    return row


@transaction.atomic
def coissuer_remove(*, actor, co_issuer: CoIssuer) -> None:
    """Take a body out of the grid of a document in drafting. Its steps of earlier rounds,
    if any, stay on record."""
    locked = lock_document(co_issuer.document, None)
    require_drafting_office(actor, locked)
    require_drafting(locked)
    audit.audited_delete(
        co_issuer, actor, reason=gettext_noop("removed from the countersigning grid")
    )
    save_versioned(locked, actor, reason=gettext_noop("countersigning grid changed"))


@transaction.atomic
def attachment_add(*, actor, document: Document, upload: UploadedFile) -> Attachment:
    """Attach a PDF, DOCX or OFD file (judged by its bytes) to a document in drafting."""
    locked = lock_document(document, None)
    require_drafting_office(actor, locked)
    require_drafting(locked)
    attachment = attachment_store(
        Attachment(document=locked),
        upload,
        actor=actor,
        kept=locked.attachments.filter(removed_at__isnull=True).count(),
        too_many=_("A document can have at most %(limit)d attachments."),
    )
    save_versioned(locked, actor, reason=gettext_noop("attachment added"))
    return attachment


def _was_sent_out(attachment: Attachment) -> bool:
    """Whether a round's version lists the attachment (the bodies may have seen it)."""
    return any(
        any(item.get("id") == attachment.pk for item in attachments)
        for attachments in DocumentVersion.objects.filter(
            document_id=attachment.document_id
        ).values_list("attachments", flat=True)
    )


@transaction.atomic
def attachment_remove(*, actor, attachment: Attachment) -> None:
    """Remove an attachment from a document in drafting. One a round was sent out with is
    kept, marked removed, so that round still shows what the bodies saw; one never sent out
    is deleted with its file."""
    locked = lock_document(attachment.document, None)
    require_drafting_office(actor, locked)
    require_drafting(locked)
    row = Attachment.objects.select_for_update().get(pk=attachment.pk, document=locked)
    if row.removed_at is not None:
        raise PermissionDenied
    if _was_sent_out(row):
        row.removed_at = clock.now()
        row.removed_by = actor
        audit.stamp(row, actor, reason=gettext_noop("attachment removed"))
        row.save(update_fields=["removed_at", "removed_by"])
    else:
        storage, name = row.file.storage, row.file.name
        audit.audited_delete(row, actor)
        transaction.on_commit(lambda: storage.delete(name))
    save_versioned(locked, actor, reason=gettext_noop("attachment removed"))
