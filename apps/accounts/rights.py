"""Row-level rights every area builds on: an active account, a provincial administrator, a
division scope that covers a code, and the staff who act for one division.

Each area's rights.py decides from these who may act on one of its rows; the services call
those rules before every write and the pages call them to offer only the buttons that work.
"""

from __future__ import annotations

from collections.abc import Iterable

from apps.accounts.choices import Role
from apps.core.scope import code_prefix


def is_active_account(user) -> bool:
    """A signed-in, active account (anonymous visitors and disabled accounts hold no right)."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_administrator(user) -> bool:
    """A provincial administrator (or a superuser): may stand in for staff inside their scope."""
    return is_active_account(user) and (user.is_superuser or user.role == Role.PROVINCIAL_ADMIN)


def covers(user, division_code: str) -> bool:
    """Whether the user's division scope contains ``division_code`` (school users cover none;
    a superuser without a scope covers all)."""
    if not is_active_account(user) or user.school_id is not None:
        return False
    if user.division_id is None:
        return bool(user.is_superuser)
    return division_code.startswith(code_prefix(user.division_id))


def acts_for_division(user, division_code: str, roles: Iterable[str]) -> bool:
    """Staff of one of ``roles`` at that very division, or an administrator whose scope
    contains it: who records what a division itself does."""
    if is_administrator(user):
        return covers(user, division_code)
    return is_active_account(user) and user.role in roles and user.division_id == division_code
