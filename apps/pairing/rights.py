"""Who may do what in the pairing area, for one row. The services call these before every
write (and refuse otherwise); the pages call them to offer only the buttons that will work.

- Institutions, pairings and activities are recorded by League staff (团委) at any level, or
  a provincial administrator; a pairing or activity only for an organization in their scope.
- A wish is posted (and imported) by a counselor of the brigade's school.
- League staff of the wish's county and above claim it for an institution, record its
  fulfilment and may hand an expired claim back; volunteers have no accounts.
- The school (its staff or counselors) confirms the gift arrived.
- A wish's text is read by the school's staff and counselors and by League staff of its
  county and above; anyone else (education staff above the school, officials, the public,
  exports) sees counts and statuses only.
"""

from __future__ import annotations

from apps.accounts.choices import Role
from apps.accounts.rights import covers, is_active_account, is_administrator

SCHOOL_ROLES = (Role.COUNSELOR, Role.EDUCATION)


def is_league_staff(user) -> bool:
    """League staff above the school (or an administrator)."""
    if is_administrator(user):
        return user.school_id is None
    return is_active_account(user) and user.role == Role.LEAGUE and user.school_id is None


def league_over(user, county_code: str) -> bool:
    """League staff (or an administrator) of ``county_code`` or a division above it."""
    return is_league_staff(user) and covers(user, county_code)


def may_manage_institutions(user) -> bool:
    return is_league_staff(user)


def may_pair(user, county_code: str) -> bool:
    """Pair an institution with an organization of ``county_code``, and record activities."""
    return league_over(user, county_code)


def may_post_wish(user, school_id: int) -> bool:
    """A counselor of the school posts its children's wishes."""
    return is_active_account(user) and user.role == Role.COUNSELOR and user.school_id == school_id


def may_claim(user, wish) -> bool:
    """Claim, record fulfilment of, and hand back a wish: League staff of its county and up."""
    return league_over(user, wish.county_id)


def may_confirm(user, wish) -> bool:
    """The school confirms: its staff or counselors."""
    return (
        is_active_account(user) and user.role in SCHOOL_ROLES and user.school_id == wish.school_id
    )


def may_read_wish_text(user, wish) -> bool:
    """The wish's own words: the school's staff and counselors, League staff of its county
    and above."""
    if not is_active_account(user):
        return False
    if user.school_id is not None:
        return user.school_id == wish.school_id and user.role in SCHOOL_ROLES
    return league_over(user, wish.county_id)
