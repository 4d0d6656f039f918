"""Who may change a transition pilot.

League and education staff whose division scope contains the pilot school's county (the
county, its prefecture, the province), League and education staff of the school itself, and
provincial administrators inside their scope. The services call these before every write;
the pages call them to offer only the buttons that work.
"""

from __future__ import annotations

from apps.accounts.choices import Role
from apps.accounts.rights import is_active_account
from apps.core.scope import code_prefix

STAFF = (Role.LEAGUE, Role.EDUCATION, Role.PROVINCIAL_ADMIN)


def may_manage(user, school) -> bool:
    """Whether ``user`` may start, change and report on the pilot of ``school``."""
    if not is_active_account(user):
        return False
    if not (user.is_superuser or user.role in STAFF):
        return False
    if user.school_id is not None:
        return user.school_id == school.pk
    if user.division_id is None:
        return bool(user.is_superuser)
    return school.county_id.startswith(code_prefix(user.division_id))
