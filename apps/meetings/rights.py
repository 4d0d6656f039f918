"""Who may do what with joint meetings and their decisions.

- A meeting is recorded (its attendees, minutes and decisions too) by League or education
  staff of the convening division itself, or a provincial administrator whose scope
  contains it.
- A decision is reported done by its responsible person, by staff of the side that owns it
  (League staff for a League committee's decision, education staff for an education
  department's) at the owner division, or by those who record the meeting.

The services call these before every write; the pages call them to offer only the buttons
that work.
"""

from __future__ import annotations

from apps.accounts.choices import Role
from apps.accounts.rights import acts_for_division, is_active_account
from apps.meetings.choices import SIDE_ROLE

STAFF = (Role.LEAGUE, Role.EDUCATION)


def may_record(user, division_code: str) -> bool:
    """Record meetings convened by ``division_code``, their minutes and decisions."""
    return acts_for_division(user, division_code, STAFF)


def owns(user, decision) -> bool:
    """Whether ``user`` acts for the body that owns ``decision``."""
    return (
        is_active_account(user)
        and user.division_id == decision.owner_division_id
        and user.role == SIDE_ROLE.get(decision.owner_side)
    )


def may_complete(user, decision) -> bool:
    if not is_active_account(user):
        return False
    return (
        decision.responsible_id == user.pk
        or owns(user, decision)
        or may_record(user, decision.meeting.division_id)
    )
