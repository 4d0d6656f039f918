"""Public notices (通知公告): provincial staff write a draft, attach files, and publish it.

A notice is published in the name of a provincial body the author works for (their role
acts for it at the province). Only a draft can change: once published a notice is a public
record, as it was read.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.core import clock
from apps.core.audit import audited_delete
from apps.core.versioning import lock_version
from apps.documents.choices import (
    NoticeStatus,
)
from apps.documents.models import IssuingBody, Notice, NoticeAttachment
from apps.documents.permissions import Perm
from apps.documents.services.common import acts_for, attachment_store, save_versioned, stamp


def _require_provincial(actor, perm: Perm) -> None:
    division = getattr(actor, "division_id", None) or ""
    if not actor.has_perm(perm) or not division.endswith("0000"):
        raise PermissionDenied(_("Notices are written and published by provincial staff."))


def _check_office(actor, office: IssuingBody) -> None:
    if not acts_for(actor, office, actor.division_id):
        raise ValidationError({"office": _("Choose a provincial body you work for.")})


def _lock(notice: Notice, seen_version: int | None) -> Notice:
    return lock_version(Notice.objects.all(), pk=notice.pk, seen_version=seen_version)


def _require_draft(notice: Notice) -> None:
    if notice.is_published:
        raise ValidationError(
            _("A published notice is a public record and cannot be changed."), code="published"
        )


@transaction.atomic
def notice_create(
    *, actor, title: str, body: str, office: IssuingBody, dated_on: datetime.date | None = None
) -> Notice:
    """A provincial staff member starts a draft notice in the name of their body."""
    _require_provincial(actor, Perm.ADD_NOTICE)
    _check_office(actor, office)
    notice = Notice(
        title=title.strip(),
        body=body.strip(),
        office=office,
        division_id=actor.division_id,
        dated_on=dated_on or clock.today(),
    )
    stamp(notice, actor, reason=gettext_noop("drafted"))
    notice.full_clean()
    notice.save()
    return notice


@transaction.atomic
def notice_update(
    *,
    actor,
    notice: Notice,
    seen_version: int | None,
    title: str,
    body: str,
    office: IssuingBody,
    dated_on: datetime.date,
) -> Notice:
    """Change a draft notice as of ``seen_version``."""
    _require_provincial(actor, Perm.CHANGE_NOTICE)
    locked = _lock(notice, seen_version)
    _require_draft(locked)
    _check_office(actor, office)
    locked.title = title.strip()
    locked.body = body.strip()
    locked.office = office
    locked.dated_on = dated_on
    return save_versioned(locked, actor, reason=gettext_noop("draft changed"))


@transaction.atomic
def notice_attachment_add(*, actor, notice: Notice, upload: UploadedFile) -> NoticeAttachment:
    """Attach a PDF, DOCX or OFD file (judged by its bytes) to a draft notice."""
    _require_provincial(actor, Perm.CHANGE_NOTICE)
    locked = _lock(notice, None)
    _require_draft(locked)
    attachment = attachment_store(
        NoticeAttachment(notice=locked),
        upload,
        actor=actor,
        kept=locked.attachments.count(),
        too_many=_("A notice can have at most %(limit)d attachments."),
    )
    save_versioned(locked, actor, reason=gettext_noop("attachment added"))
    return attachment


@transaction.atomic
def notice_attachment_remove(*, actor, attachment: NoticeAttachment) -> None:
    """Remove a file from a draft notice; the stored file goes once the removal commits."""
    _require_provincial(actor, Perm.CHANGE_NOTICE)
    locked = _lock(attachment.notice, None)
    _require_draft(locked)
    storage, name = attachment.file.storage, attachment.file.name
    audited_delete(attachment, actor)
    transaction.on_commit(lambda: storage.delete(name))
    save_versioned(locked, actor, reason=gettext_noop("attachment removed"))


@transaction.atomic
def notice_publish(*, actor, notice: Notice, seen_version: int | None) -> Notice:
    """Publish a draft notice on the public portal, as it was last seen by the publisher."""
    _require_provincial(actor, Perm.PUBLISH_NOTICE)
    locked = _lock(notice, seen_version)
    _require_draft(locked)
    _check_office(actor, locked.office)
    if locked.dated_on > clock.today():
        raise ValidationError({"dated_on": _("A notice cannot be published before its date.")})
    locked.status = NoticeStatus.PUBLISHED
    locked.published_at = clock.now()
    return save_versioned(locked, actor, reason=gettext_noop("published"))
