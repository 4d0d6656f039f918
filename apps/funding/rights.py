"""Who may do what with funding programs, envelopes and allocations.

The URL rules (permissions.py) check the role's rights; these rules decide, for one row, whether
a user may act on it. The services call them before every write (and refuse otherwise), and the
pages call them to offer only the buttons that will work.

- Programs are created and changed by League or education staff of the division that runs them
  (a province or a prefecture), for a program their own body funds; envelopes are passed down
  by staff of the division that holds the pot.
- A pot's allocations are made, disbursed, cancelled and their usage reports accepted by League
  or education staff whose scope contains the pot's division, or a provincial administrator.
- Approval follows the dual-chair rule: above the program's threshold, one League and one
  education staff member of the running division sign; below it one approver who may manage
  the pot. Nobody approves an allocation they made.
- The recipient reports usage: League or education staff scoped to the recipient school, or
  staff of a recipient committee's county.
"""

from __future__ import annotations

from apps.accounts.choices import Role
from apps.accounts.rights import acts_for_division, covers, is_active_account, is_administrator
from apps.funding.choices import FundingBody, SignoffBody
from apps.funding.models import Allocation, Program
from apps.organizations.choices import DivisionLevel

FUNDING_STAFF = (Role.LEAGUE, Role.EDUCATION)
# The side a staff member signs for, and the funding body they belong to.
SIDE = {Role.LEAGUE: SignoffBody.LEAGUE, Role.EDUCATION: SignoffBody.EDUCATION}
BODY = {Role.LEAGUE: FundingBody.LEAGUE, Role.EDUCATION: FundingBody.EDUCATION}
PROGRAM_LEVELS = (DivisionLevel.PROVINCE, DivisionLevel.PREFECTURE)


def may_run_programs(user, division) -> bool:
    """Create and change programs run by ``division``: League or education staff of that very
    division (a province or prefecture), or an administrator whose scope contains it."""
    return division.level in PROGRAM_LEVELS and acts_for_division(
        user, division.code, FUNDING_STAFF
    )


def funds_program(user, program: Program) -> bool:
    """Whether the user's body is among the program's funders (the work committee counts for
    both, being League and education together); administrators always."""
    if is_administrator(user):
        return True
    bodies = set(program.bodies)
    return FundingBody.WORK_COMMITTEE in bodies or BODY.get(user.role) in bodies


def may_pass_envelopes(user, pot_division_code: str) -> bool:
    """Pass envelopes down from a pot: staff of the pot's own division, or an administrator
    whose scope contains it."""
    return acts_for_division(user, pot_division_code, FUNDING_STAFF)


def may_manage_pot(user, pot_division_code: str) -> bool:
    """Allocate from a pot, disburse, cancel and accept usage reports: League or education
    staff (or an administrator) whose scope contains the pot's division."""
    if not (is_administrator(user) or (is_active_account(user) and user.role in FUNDING_STAFF)):
        return False
    return covers(user, pot_division_code)


def signoff_side(user, allocation: Allocation) -> SignoffBody | None:
    """The side ``user`` may sign the allocation for, or None: League or education of the
    running division above the threshold, the sole approver below it; never its author."""
    if not is_active_account(user) or allocation.created_by_id == user.pk:
        return None
    program = allocation.program
    if program.needs_dual_signoff(allocation.amount):
        if user.role in SIDE and user.division_id == program.division_id:
            return SIDE[user.role]
        return None
    return SignoffBody.SINGLE if may_manage_pot(user, allocation.pot_division_id) else None


def may_report_usage(user, allocation: Allocation) -> bool:
    """Report what was spent: League or education staff of the recipient school, or of the
    recipient committee's county."""
    if not is_active_account(user) or user.role not in FUNDING_STAFF:
        return False
    if allocation.recipient_school_id is not None:
        return user.school_id == allocation.recipient_school_id
    return user.school_id is None and user.division_id == allocation.recipient_code
