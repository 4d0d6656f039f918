"""Allocations: made within a pot's budget, approved under the dual-chair rule, disbursed.

- ``allocation_create`` derives the pot from the recipient (the deepest envelope on its
  county's path, else the program's own budget), checks the recipient against the program's
  kind and the actor's scope, then checks the amount against the pot under the pot's row lock.
- ``allocation_approve`` records the actor's sign-off for the current round; the allocation is
  approved once the round has what it needs (one sign-off, or a League and an education one
  above the program's threshold). Nobody signs an allocation they made.
- ``allocation_return`` sends an approved allocation back to planned with a reason; a new
  approval round starts, so it is approved again as it stands.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core import clock
from apps.core.audit import stamp
from apps.core.money import yuan
from apps.core.scope import code_prefix, in_scope
from apps.funding import rights
from apps.funding.budget import pot_for_recipient
from apps.funding.choices import (
    TARGET_SCHOOL_FLAG,
    AllocationStatus,
    ProgramStatus,
    SignoffBody,
    Target,
)
from apps.funding.models import Allocation, Program, Signoff
from apps.funding.services.common import (
    FIXED_RELATIONS,
    lock_allocation,
    lock_managed,
    lock_pot_for,
    money,
    require_status,
    required_reason,
    save_step,
)
from apps.funding.services.programs import WRITABLE
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import School, WorkCommittee


def _refuse_recipient(message: str, code: str) -> ValidationError:
    return ValidationError({"recipient": ValidationError(message, code=code)})


def recipient_county(program: Program, recipient: School | WorkCommittee) -> str:
    """The county code of a recipient the program may pay; refused with a clear message when
    the recipient is not of the program's kind (a migrant-children fund pays no ordinary
    school) or lies outside the program's area."""
    if program.target == Target.COMMITTEES:
        if not isinstance(recipient, WorkCommittee):
            raise _refuse_recipient(
                _("“%(program)s” pays county work committees, not schools.")
                % {"program": program.name},
                "wrong_target",
            )
        if recipient.division.level != DivisionLevel.COUNTY:
            raise _refuse_recipient(
                _(
                    "Only county work committees receive allocations; "
                    "pass money to %(name)s as an envelope."
                )
                % {"name": recipient.division.name},
                "wrong_target",
            )
        county = recipient.division_id
    else:
        if not isinstance(recipient, School):
            raise _refuse_recipient(
                _("“%(program)s” pays schools, not committees.") % {"program": program.name},
                "wrong_target",
            )
        flag = TARGET_SCHOOL_FLAG.get(Target(program.target))
        if flag and not getattr(recipient, flag):
            raise _refuse_recipient(
                _("“%(program)s” pays %(kind)s only; %(school)s is not one.")
                % {
                    "program": program.name,
                    "kind": Target(program.target).label,
                    "school": recipient.name,
                },
                "wrong_target",
            )
        county = recipient.county_id
    if not county.startswith(code_prefix(program.division_id)):
        raise _refuse_recipient(
            _("%(name)s lies outside %(division)s, which runs this program.")
            % {"name": recipient, "division": program.division.name},
            "outside_program",
        )
    return county


def _check_in_scope(actor: User, recipient: School | WorkCommittee) -> None:
    queryset = type(recipient).objects.filter(pk=recipient.pk)
    if not in_scope(queryset, actor).exists():
        raise _refuse_recipient(
            _("%(name)s is not in your area.") % {"name": recipient}, "out_of_scope"
        )


@transaction.atomic
def allocation_create(
    *,
    actor: User,
    program: Program,
    recipient: School | WorkCommittee,
    amount: Decimal | str,
    purpose: str = "",
) -> Allocation:
    """A planned allocation to ``recipient`` from the pot that pays it, by staff whose scope
    contains that pot; never beyond what the pot has left (checked under its row lock)."""
    amount = money(amount, field="amount")
    if program.status not in WRITABLE:
        raise ValidationError(_("This program is closed."), code="closed")
    county = recipient_county(program, recipient)
    _check_in_scope(actor, recipient)
    pot = pot_for_recipient(program, county)
    if not rights.may_manage_pot(actor, pot.division_id):
        raise _refuse_recipient(
            _("%(name)s is paid from %(pot)s, which you do not allocate from.")
            % {"name": recipient, "pot": pot.label},
            "not_your_pot",
        )
    locked = lock_pot_for(pot, amount)
    allocation = Allocation(
        program=locked.program,
        envelope=locked.envelope,
        recipient_school=recipient if isinstance(recipient, School) else None,
        recipient_committee=recipient if isinstance(recipient, WorkCommittee) else None,
        recipient_code=county,
        amount=amount,
        purpose=purpose.strip(),
    )
    stamp(allocation, actor, reason=_("allocated"))
    allocation.full_clean(exclude=FIXED_RELATIONS)
    allocation.save()
    return allocation


def _signoff_refusal(actor: User, allocation: Allocation) -> Exception:
    program = allocation.program
    if allocation.created_by_id == actor.pk:
        return ValidationError(_("Nobody approves their own allocation."), code="own")
    if program.needs_dual_signoff(allocation.amount):
        return ValidationError(
            _(
                "Above %(threshold)s an allocation is approved by two people of %(division)s: "
                "one of the League and one of education."
            )
            % {"threshold": yuan(program.dual_signoff_threshold), "division": program.division},
            code="dual_signoff",
        )
    return PermissionDenied(_("You do not approve allocations from this budget."))


@transaction.atomic
def allocation_approve(
    *, actor: User, allocation: Allocation, seen_version: int | None = None
) -> Allocation:
    """Sign a planned allocation for the actor's side; it is approved when its round has one
    sign-off, or above the program's threshold a League and an education one."""
    locked = lock_allocation(allocation, seen_version=seen_version)
    require_status(locked, AllocationStatus.PLANNED, action=_("Approve"))
    if locked.program.status != ProgramStatus.OPEN:
        raise ValidationError(_("Allocations are approved while the program is open."))
    side = rights.signoff_side(actor, locked)
    if side is None:
        raise _signoff_refusal(actor, locked)
    signed = dict(locked.signoffs.filter(round=locked.round).values_list("body", "signer_id"))
    if actor.pk in signed.values():
        raise ValidationError(_("You have already signed this allocation."), code="signed")
    if side in signed:
        raise ValidationError(
            _("The %(side)s side has already signed; the other side signs next.")
            % {"side": SignoffBody(side).label},
            code="side_signed",
        )
    Signoff.objects.create(allocation=locked, round=locked.round, body=side, signer=actor)
    signed[side] = actor.pk
    complete = side == SignoffBody.SINGLE or {SignoffBody.LEAGUE, SignoffBody.EDUCATION} <= set(
        signed
    )
    if complete:
        locked.status = AllocationStatus.APPROVED
        locked.approved_at = clock.now()
        note = _("approved")
    else:
        note = _("signed for %(side)s") % {"side": SignoffBody(side).label}
    return save_step(locked, actor, reason=note)


@transaction.atomic
def allocation_return(
    *, actor: User, allocation: Allocation, reason: str, seen_version: int | None = None
) -> Allocation:
    """Send an approved allocation back to planned with a reason; a new approval round
    starts, so its sign-offs are given again."""
    locked = lock_managed(
        actor, allocation, seen_version, AllocationStatus.APPROVED, action=_("Send back")
    )
    text = required_reason(reason)
    locked.status = AllocationStatus.PLANNED
    locked.approved_at = None
    locked.round += 1
    locked.return_reason = text
    return save_step(locked, actor, reason=_("sent back: %(reason)s") % {"reason": text})


@transaction.atomic
def allocation_cancel(
    *, actor: User, allocation: Allocation, reason: str, seen_version: int | None = None
) -> Allocation:
    """Cancel an allocation before any money moves (planned or approved), with a reason; its
    amount goes back to the pot."""
    locked = lock_managed(
        actor,
        allocation,
        seen_version,
        AllocationStatus.PLANNED,
        AllocationStatus.APPROVED,
        action=_("Cancel"),
    )
    text = required_reason(reason)
    locked.status = AllocationStatus.CANCELLED
    locked.return_reason = text
    return save_step(locked, actor, reason=_("cancelled: %(reason)s") % {"reason": text})


@transaction.atomic
def allocation_disburse(
    *, actor: User, allocation: Allocation, seen_version: int | None = None
) -> Allocation:
    """Record that an approved allocation's money was paid out to the recipient."""
    locked = lock_managed(
        actor, allocation, seen_version, AllocationStatus.APPROVED, action=_("Disburse")
    )
    locked.status = AllocationStatus.DISBURSED
    locked.disbursed_at = clock.now()
    locked.disbursed_by = actor
    return save_step(locked, actor, reason=_("disbursed"))
