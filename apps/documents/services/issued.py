"""What happens to a document after its issue: its interpretation (解读) and its validity.

Validity is recorded as facts, never as a label: the later document that amended or
repealed it, and its end date. The public list works out 现行有效 / 已修改 / 已废止 / 已失效 from
them on the day it is read, so an end date passing changes the mark without anyone acting.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.core import clock
from apps.documents.choices import Validity
from apps.documents.models import Document
from apps.documents.permissions import Perm
from apps.documents.services.common import (
    is_drafting_office,
    lock_document,
    require_drafting_office,
    require_perm,
    save_versioned,
)


def _require_issued(document: Document) -> None:
    if not document.is_issued:
        raise ValidationError(
            _("Only an issued document has an interpretation and a validity."), code="not_issued"
        )


@transaction.atomic
def document_interpret(
    *, actor, document: Document, interpretation: str, seen_version: int | None
) -> Document:
    """The drafting office publishes (or corrects) the interpretation of an issued
    document; it is public at once, dated today."""
    locked = lock_document(document, seen_version)
    require_drafting_office(actor, locked, Perm.ISSUE)
    _require_issued(locked)
    interpretation = interpretation.strip()
    if not interpretation:
        raise ValidationError({"interpretation": _("Write the interpretation.")})
    locked.interpretation = interpretation
    locked.interpreted_on = clock.today()
    return save_versioned(locked, actor, reason=gettext_noop("interpretation published"))


@transaction.atomic
def document_set_validity(
    *,
    actor,
    document: Document,
    validity: Validity | str,
    later_document: Document | None = None,
    valid_until: datetime.date | None = None,
    seen_version: int | None,
) -> Document:
    """Record that an issued document is in force, amended or repealed by a later issued
    document, and its end date (past it, the document is expired). The drafting office of
    the document, or of the later document that amends or repeals it, may do so."""
    locked = lock_document(document, seen_version)
    require_perm(actor, Perm.ISSUE)
    if not (
        is_drafting_office(actor, locked)
        or (later_document is not None and is_drafting_office(actor, later_document))
    ):
        raise PermissionDenied(
            _("Only the drafting office of this document or of the later one may do this.")
        )
    _require_issued(locked)
    if validity not in (Validity.IN_FORCE, Validity.AMENDED, Validity.REPEALED):
        raise ValidationError(
            {"validity": _("An expired document is one past its end date: set the end date.")}
        )
    if validity == Validity.IN_FORCE:
        later_document = None
    elif later_document is None:
        raise ValidationError(
            {"later_document": _("Choose the later document that amended or repealed it.")}
        )
    elif (
        not later_document.is_issued
        or later_document.pk == locked.pk
        or later_document.dated_on < locked.dated_on
    ):
        raise ValidationError(
            {"later_document": _("Choose an issued document dated on or after this one.")}
        )
    if valid_until and locked.effective_from and valid_until < locked.effective_from:
        raise ValidationError(
            {"valid_until": _("The end date comes before the date the document takes effect.")}
        )
    locked.amended_by = later_document if validity == Validity.AMENDED else None
    locked.repealed_by = later_document if validity == Validity.REPEALED else None
    locked.valid_until = valid_until
    return save_versioned(
        locked, actor, reason=_("validity: %(validity)s") % {"validity": Validity(validity).label}
    )
