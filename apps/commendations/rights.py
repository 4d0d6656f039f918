"""Who may do what in a round: staff levels, nominating scope, reviewing and running rounds.

A reviewer's level is the level of their division scope (county, prefecture, province);
League and education staff both nominate and review. Rounds, notices, objections and the
final list are run by provincial staff (and the provincial administrator).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.commendations.choices import ReviewLevel
from apps.core.scope import code_prefix
from apps.organizations.choices import DivisionLevel

STAFF_ROLES = (Role.LEAGUE, Role.EDUCATION, Role.PROVINCIAL_ADMIN)
_LEVELS = {
    DivisionLevel.COUNTY: ReviewLevel.COUNTY,
    DivisionLevel.PREFECTURE: ReviewLevel.PREFECTURE,
    DivisionLevel.PROVINCE: ReviewLevel.PROVINCE,
}


def staff_level(user) -> ReviewLevel | None:
    """The level at which ``user`` nominates and reviews, or None (school users, counselors,
    inspectors and officials take no part)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.role not in STAFF_ROLES or user.school_id or user.division_id is None:
        return None
    return _LEVELS.get(user.division.level)


def covers(user, division_code: str) -> bool:
    """Whether ``division_code`` lies inside the user's division."""
    return user.division_id is not None and division_code.startswith(code_prefix(user.division_id))


def require_nominator(user, division_code: str) -> ReviewLevel:
    """County or prefecture staff nominate inside their own division."""
    level = staff_level(user)
    if level not in (ReviewLevel.COUNTY, ReviewLevel.PREFECTURE):
        raise PermissionDenied(_("Nominations come from county or prefecture staff."))
    if not covers(user, division_code):
        raise PermissionDenied(_("You can nominate only inside your own division."))
    return level


def is_round_manager(user) -> bool:
    return staff_level(user) == ReviewLevel.PROVINCE


def require_round_manager(user) -> None:
    if not is_round_manager(user):
        raise PermissionDenied(_("Only provincial staff run rounds, notices and objections."))
