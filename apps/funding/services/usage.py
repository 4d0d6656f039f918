"""Usage reports (资金使用报告): the recipient says what it spent, the paying level accepts.

An accepted report that spent less than the allocation returns the remainder (结余) to the
pot that paid it: the allocation then holds only what was spent, and the pot may allocate the
rest again.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core import clock
from apps.core.evidence import SCANS_AND_PHOTOS, check_file_count, evidence_store
from apps.funding import rights
from apps.funding.choices import AllocationStatus
from apps.funding.models import Allocation, UsageReceipt
from apps.funding.services.common import (
    lock_allocation,
    lock_managed,
    money,
    require_status,
    required_reason,
    save_step,
)

RECEIPT_MAX_BYTES = 5 * 1024 * 1024
RECEIPTS_PER_ALLOCATION = 10


def _add_receipt(*, actor: User, allocation: Allocation, upload: UploadedFile) -> UsageReceipt:
    check_file_count(
        allocation.receipts.count(),
        RECEIPTS_PER_ALLOCATION,
        _("An allocation keeps at most %(limit)d receipts."),
        field="receipt",
    )
    return evidence_store(
        UsageReceipt(allocation=allocation),
        upload,
        actor=actor,
        max_bytes=RECEIPT_MAX_BYTES,
        types=SCANS_AND_PHOTOS,
        field="receipt",
    )


@transaction.atomic
def usage_report_submit(
    *,
    actor: User,
    allocation: Allocation,
    spent: Decimal | str,
    summary: str,
    receipt: UploadedFile | None = None,
    seen_version: int | None = None,
) -> Allocation:
    """The recipient reports what a disbursed allocation paid for: the amount spent (at most
    the allocation), a summary, and optionally a receipt (PDF, JPEG or PNG). Only staff of
    the recipient school (or of a recipient committee's county) report."""
    locked = lock_allocation(allocation, seen_version=seen_version)
    if not rights.may_report_usage(actor, locked):
        raise PermissionDenied(_("The recipient's own staff report its usage."))
    require_status(locked, AllocationStatus.DISBURSED, action=_("Report usage"))
    amount = money(spent, field="spent", allow_zero=True)
    if amount > locked.amount:
        raise ValidationError(
            {
                "spent": ValidationError(
                    _("More than the allocation cannot have been spent from it."),
                    code="over_amount",
                )
            }
        )
    text = (summary or "").strip()
    if not text:
        raise ValidationError({"summary": ValidationError(_("Say what the money paid for."))})
    if receipt is not None:
        _add_receipt(actor=actor, allocation=locked, upload=receipt)
    locked.spent = amount
    locked.usage_summary = text
    locked.status = AllocationStatus.USAGE_REPORTED
    locked.usage_reported_at = clock.now()
    locked.usage_reported_by = actor
    return save_step(locked, actor, reason=_("usage reported"))


@transaction.atomic
def usage_accept(
    *, actor: User, allocation: Allocation, seen_version: int | None = None
) -> Allocation:
    """The paying level accepts a usage report; what was not spent goes back to its pot."""
    locked = lock_managed(
        actor,
        allocation,
        seen_version,
        AllocationStatus.USAGE_REPORTED,
        action=_("Accept the usage report"),
    )
    locked.status = AllocationStatus.USAGE_ACCEPTED
    locked.usage_accepted_at = clock.now()
    locked.remainder = locked.amount - locked.spent
    return save_step(locked, actor, reason=_("usage accepted"))


@transaction.atomic
def usage_return(
    *, actor: User, allocation: Allocation, reason: str, seen_version: int | None = None
) -> Allocation:
    """The paying level sends a usage report back to the recipient with a reason; the
    allocation is disbursed again and waits for a new report."""
    locked = lock_managed(
        actor,
        allocation,
        seen_version,
        AllocationStatus.USAGE_REPORTED,
        action=_("Send the report back"),
    )
    text = required_reason(reason)
    locked.status = AllocationStatus.DISBURSED
    locked.return_reason = text
    return save_step(
        locked, actor, reason=_("usage report sent back: %(reason)s") % {"reason": text}
    )
