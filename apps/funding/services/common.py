"""Pieces the funding services share: money to the fen, reasons, locked allocations."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from apps.core.audit import stamp
from apps.core.money import to_fen, yuan
from apps.core.versioning import bump, lock_version
from apps.funding import rights
from apps.funding.budget import Pot, lock_pot
from apps.funding.choices import AllocationStatus
from apps.funding.models import Allocation


def money(value, *, field: str, allow_zero: bool = False) -> Decimal:
    """``value`` as yuan to the fen, refused next to ``field`` when it is not an amount, has
    a third decimal or is not above zero (floats are a programming error: TypeError)."""
    try:
        amount = to_fen(value)
    except ValidationError as error:
        raise ValidationError({field: error}) from error
    if amount < 0 or (amount == 0 and not allow_zero):
        message = (
            _("The amount cannot be negative.")
            if allow_zero
            else _("The amount must be more than zero.")
        )
        raise ValidationError({field: ValidationError(message, code="not_positive")})
    return amount


def required_reason(text: str, *, field: str = "reason") -> str:
    """A reason, which sending back or cancelling always needs."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: ValidationError(_("Give a reason."), code="required")})
    return text


def lock_allocation(allocation: Allocation, *, seen_version: int | None) -> Allocation:
    """The allocation's row locked, with its program and pot; refused when it changed since
    the actor's page was loaded (``seen_version``)."""
    queryset = Allocation.objects.select_related(
        "program__division", "envelope__division", "recipient_school", "recipient_committee"
    )
    return lock_version(queryset, pk=allocation.pk, seen_version=seen_version)


def require_status(allocation: Allocation, *statuses: AllocationStatus, action: str) -> None:
    """Refuse ``action`` unless the allocation is in one of ``statuses``."""
    if allocation.status not in statuses:
        raise ValidationError(
            _("%(action)s: not possible while the allocation is %(status)s.")
            % {"action": action, "status": allocation.get_status_display()},
            code="wrong_status",
        )


def over_budget(*, amount: Decimal, remaining: Decimal, pot_label: str, field: str):
    """The refusal of an amount beyond what a pot has left."""
    return ValidationError(
        {
            field: ValidationError(
                _("%(pot)s has %(remaining)s left; %(amount)s is more than that.")
                % {"pot": pot_label, "remaining": yuan(remaining), "amount": yuan(amount)},
                code="over_budget",
            )
        }
    )


def check_manages(actor, allocation: Allocation) -> None:
    """Refuse unless ``actor`` manages the pot the allocation draws on."""
    if not rights.may_manage_pot(actor, allocation.pot_division_id):
        raise PermissionDenied(_("You do not manage the budget this allocation draws on."))


def lock_managed(
    actor,
    allocation: Allocation,
    seen_version: int | None,
    *statuses: AllocationStatus,
    action: str,
) -> Allocation:
    """The allocation locked for a step its pot's managers take (send back, cancel, disburse,
    accept or return a usage report); refused unless ``actor`` manages the pot and the
    allocation is in one of ``statuses``."""
    locked = lock_allocation(allocation, seen_version=seen_version)
    check_manages(actor, locked)
    require_status(locked, *statuses, action=action)
    return locked


def lock_pot_for(pot: Pot, amount: Decimal) -> Pot:
    """``pot`` locked for drawing ``amount`` on it (an envelope or an allocation), refused
    next to the amount when it is more than the pot has left."""
    locked = lock_pot(pot)
    remaining = locked.remaining()
    if amount > remaining:
        raise over_budget(
            amount=amount, remaining=remaining, pot_label=locked.label, field="amount"
        )
    return locked


# An allocation's relations: read just before it is made (the program, its pot under its
# lock, the recipient, the actor), and never changed afterwards.
FIXED_RELATIONS = [
    "program",
    "envelope",
    "recipient_school",
    "recipient_committee",
    "created_by",
    "updated_by",
    "disbursed_by",
    "usage_reported_by",
]


def save_step(allocation: Allocation, actor, *, reason: str) -> Allocation:
    """Save a step of the workflow on a locked allocation: a new version, the actor and the
    reason in its history. Its fields are validated; its relations were validated when it was
    made, and its check constraints stand in the database behind the rules each service
    checked above with clearer messages (a step takes a handful of queries, not thirty)."""
    bump(allocation)
    stamp(allocation, actor, reason=reason)
    allocation.full_clean(exclude=FIXED_RELATIONS, validate_constraints=False)
    allocation.save()
    return allocation
