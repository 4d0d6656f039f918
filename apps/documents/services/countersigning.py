"""Countersigning (会签) and issue: the workflow drafting → countersigning → issued.

- Submitting starts a round: the text and attachments are kept as that round's version, and
  a turn opens for every co-issuing body at once, or for the first in the set order.
- Each body gives one opinion per round: sign off, or send back with comments. A body with
  staff in the portal acts through its staff at the document's division; for a body without
  staff the drafting office records the opinion and attaches the body's signed page (PDF).
- A send-back returns the document to drafting at once; the next submission starts the next
  round, in which every body signs again the text as it now stands and is shown what changed
  since the version it last saw.
- The drafting office issues the document, with its number (文号), only once every body
  has signed the current round (or at once when no body co-issues it).

The document row is locked (SELECT ... FOR UPDATE) by every step, so two bodies acting at
the same moment are served one after the other; an opinion given on a page showing an
earlier round is refused, the text having changed under it.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.core import clock
from apps.core.versioning import StaleEditError
from apps.documents.choices import (
    SIGNED_PAGE_MAX_BYTES,
    SIGNED_PAGE_TYPES,
    Decision,
    DocumentStatus,
    SigningOrder,
)
from apps.documents.models import (
    CoIssuer,
    CountersignStep,
    Document,
    DocumentVersion,
    IssuingBody,
    SignedPage,
)
from apps.documents.numbers import parse_number
from apps.documents.permissions import Perm
from apps.documents.services.common import (
    acts_for,
    file_fields,
    is_drafting_office,
    lock_document,
    require_drafting,
    require_drafting_office,
    require_perm,
    save_versioned,
    stamp,
)

ROUND_MOVED = _(
    "The document was sent back or sent out again after you opened it; reload the page to "
    "read the text as it now stands."
)


def _snapshot(document: Document, actor) -> DocumentVersion:
    """Keep the text and the attachments of the round that begins."""
    attachments = [
        {"id": pk, "name": name}
        for pk, name in document.attachments.filter(removed_at__isnull=True)
        .order_by("uploaded_at", "id")
        .values_list("pk", "original_name")
    ]
    return DocumentVersion.objects.create(
        document=document,
        round=document.round,
        title=document.title,
        text=document.text,
        attachments=attachments,
        created_by=actor,
        created_at=clock.now(),
    )


def _open_turn(document: Document, co_issuer: CoIssuer, actor) -> CountersignStep:
    step = CountersignStep(
        document=document,
        body=co_issuer.body,
        round=document.round,
        position=co_issuer.position,
        due_on=co_issuer.due_on,
        opened_at=clock.now(),
    )
    stamp(step, actor, reason=gettext_noop("turn opened"))
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def document_submit(*, actor, document: Document, seen_version: int | None) -> Document:
    """The drafting office sends a document in drafting (a new one, or one sent back) to its
    co-issuing bodies: a new round begins with the text as it now stands."""
    locked = lock_document(document, seen_version)
    require_drafting_office(actor, locked)
    require_drafting(locked)
    grid = list(locked.co_issuers.select_related("body").order_by("position", "id"))
    if not grid:
        raise ValidationError(
            _(
                "Add at least one co-issuing body first; a document issued by its lead body "
                "alone needs no countersigning."
            ),
            code="no_co_issuers",
        )
    if not locked.text.strip():
        raise ValidationError({"text": _("Write the document's text first.")})
    late = [row.body.label for row in grid if row.due_on < clock.today()]
    if late:
        raise ValidationError(
            _("The requested-by date of %(bodies)s has passed; set a new date first."),
            code="due_passed",
            params={"bodies": "、".join(late)},
        )
    locked.round += 1
    locked.status = DocumentStatus.COUNTERSIGNING
    locked.submitted_at = clock.now()
    save_versioned(
        locked,
        actor,
        reason=_("sent for countersigning, round %(round)s") % {"round": locked.round},
    )
    _snapshot(locked, actor)
    first_turns = grid if locked.signing_order == SigningOrder.PARALLEL else grid[:1]
    for co_issuer in first_turns:
        _open_turn(locked, co_issuer, actor)
    return locked


def _check_signer(*, actor, document: Document, body: IssuingBody) -> bool:
    """Whether the opinion is recorded on the body's behalf; refuses anyone else."""
    require_perm(actor, Perm.COUNTERSIGN)
    if body.has_staff:
        if acts_for(actor, body, document.division_id):
            return False
        raise PermissionDenied(
            _("Only staff of %(body)s at %(division)s countersign for it.")
            % {"body": body.name, "division": document.division.name}
        )
    if is_drafting_office(actor, document):
        return True
    raise PermissionDenied(
        _("%(body)s has no staff in the portal; its sign-off is recorded by the drafting office.")
        % {"body": body.name}
    )


@transaction.atomic
def document_countersign(
    *,
    actor,
    document: Document,
    body: IssuingBody,
    decision: Decision | str,
    comment: str = "",
    seen_round: int,
    signed_page: UploadedFile | None = None,
) -> CountersignStep:
    """``body``'s one opinion in the current round, given by its staff (or recorded by the
    drafting office for a body without staff, a sign-off then needing the signed page).
    A send-back (comments required) returns the document to drafting; in a set order a
    sign-off opens the next body's turn."""
    locked = lock_document(document, None)
    if locked.status != DocumentStatus.COUNTERSIGNING:
        raise ValidationError(_("This document is not in countersigning."), code="not_open")
    if locked.round != seen_round:
        raise StaleEditError(ROUND_MOVED)
    on_behalf = _check_signer(actor=actor, document=locked, body=body)
    step = (
        CountersignStep.objects.select_for_update()
        .filter(document=locked, body=body, round=locked.round)
        .first()
    )
    if step is None:
        raise ValidationError(
            _("It is not %(body)s's turn yet: the bodies before it sign first.")
            % {"body": body.label},
            code="not_its_turn",
        )
    if step.decision:
        raise ValidationError(
            _("%(body)s has already given its opinion in this round.") % {"body": body.label},
            code="already_decided",
        )
    comment = comment.strip()
    if decision == Decision.SEND_BACK and not comment:
        raise ValidationError({"comment": _("Say what should change when sending it back.")})
    if on_behalf and decision == Decision.SIGN and signed_page is None:
        raise ValidationError(
            {"signed_page": _("Attach the page %(body)s signed (PDF).") % {"body": body.label}}
        )
    page_fields = (
        file_fields(
            signed_page,
            actor=actor,
            types=SIGNED_PAGE_TYPES,
            max_bytes=SIGNED_PAGE_MAX_BYTES,
            field="signed_page",
        )
        if signed_page is not None
        else None
    )
    step.decision = decision
    step.comment = comment
    step.acted_by = actor
    step.acted_at = clock.now()
    step.on_behalf = on_behalf
    stamp(
        step,
        actor,
        reason=gettext_noop("signed off")
        if decision == Decision.SIGN
        else gettext_noop("sent back"),
    )
    step.full_clean()
    step.save()
    if page_fields is not None:
        page = SignedPage(step=step, **page_fields)
        page.full_clean(exclude=["file"])
        page.save()

    if decision == Decision.SEND_BACK:
        locked.status = DocumentStatus.DRAFTING
        locked.submitted_at = None
        save_versioned(locked, actor, reason=_("sent back by %(body)s") % {"body": body.name})
        return step
    if locked.signing_order == SigningOrder.SEQUENTIAL:
        opened = locked.steps.filter(round=locked.round).values("body_id")
        following = (
            locked.co_issuers.select_related("body")
            .exclude(body_id__in=opened)
            .filter(position__gt=step.position)
            .order_by("position", "id")
            .first()
        )
        if following is not None:
            _open_turn(locked, following, actor)
    save_versioned(locked, actor, reason=_("signed off by %(body)s") % {"body": body.name})
    return step


def unsigned_bodies(document: Document) -> list[IssuingBody]:
    """Co-issuing bodies that have not signed the current round (all of them outside
    countersigning, except for a document with no co-issuing body)."""
    signed = set()
    if document.is_countersigning:
        signed = set(
            document.steps.filter(round=document.round, decision=Decision.SIGN).values_list(
                "body_id", flat=True
            )
        )
    return [
        row.body
        for row in document.co_issuers.select_related("body").order_by("position", "id")
        if row.body_id not in signed
    ]


def _last_signature_day(document: Document) -> datetime.date | None:
    last = (
        document.steps.filter(round=document.round, decision=Decision.SIGN)
        .order_by("-acted_at")
        .values_list("acted_at", flat=True)
        .first()
    )
    return timezone.localtime(last).date() if last else None


@transaction.atomic
def document_issue(
    *,
    actor,
    document: Document,
    number: str,
    dated_on: datetime.date | None = None,
    seen_version: int | None,
) -> Document:
    """The drafting office issues a document every co-issuing body has signed (or one with
    none, straight from drafting) under ``number``, which must be well formed, of the
    document's year and not used by another issued document. ``dated_on`` (成文日期,
    default today) is at the earliest the day of the last signature (GB/T 9704: a joint
    document bears the date of its last signature)."""
    locked = lock_document(document, seen_version)
    require_drafting_office(actor, locked, Perm.ISSUE)
    today = clock.today()
    has_grid = locked.co_issuers.exists()
    if locked.is_issued:
        raise ValidationError(_("This document is already issued."), code="issued")
    if has_grid:
        missing = unsigned_bodies(locked)
        if not locked.is_countersigning or missing:
            raise ValidationError(
                _(
                    "Every co-issuing body signs before the document is issued; waiting for "
                    "%(bodies)s."
                )
                % {"bodies": "、".join(b.label for b in missing) or "—"},
                code="not_signed",
            )
    dated_on = dated_on or today
    errors: dict[str, list] = {}
    last_signature = _last_signature_day(locked) if has_grid else None
    if dated_on > today:
        errors["dated_on"] = [_("The document's date cannot be after today.")]
    elif last_signature and dated_on < last_signature:
        errors["dated_on"] = [
            _(
                "A jointly issued document bears the day of its last signature (%(day)s) or a "
                "later one."
            )
            % {"day": last_signature.isoformat()}
        ]
    number = (number or "").strip()
    try:
        parsed = parse_number(number, latest_year=today.year)
    except ValidationError as error:
        errors["number"] = error.error_list
    else:
        if parsed.year != dated_on.year:
            errors["number"] = [
                _(
                    "The year in the number (%(number_year)d) is not the year of the "
                    "document's date (%(year)d)."
                )
                % {"number_year": parsed.year, "year": dated_on.year}
            ]
        taken = Document.objects.issued().filter(number=number).exclude(pk=locked.pk).first()
        if taken is not None:
            errors["number"] = [
                _("《%(title)s》 was already issued under this number.") % {"title": taken.title}
            ]
    if errors:
        raise ValidationError(errors)
    if not has_grid:
        require_drafting(locked)
        locked.round += 1
        _snapshot(locked, actor)
    locked.number = number
    locked.dated_on = dated_on
    locked.status = DocumentStatus.ISSUED
    locked.issued_on = today
    return save_versioned(locked, actor, reason=gettext_noop("issued"))
