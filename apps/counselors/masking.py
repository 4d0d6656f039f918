"""How personal data of counselors is shown: masked unless the viewer may see it in full."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.counselors.permissions import Perm

if TYPE_CHECKING:
    from apps.counselors.models import Counselor


def mask_id_number(value: str) -> str:
    """5301**********1234: the first and last four characters, the rest hidden."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    """138****1234: the first three and last four digits, the rest hidden."""
    if not value:
        return ""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def can_see_full_id_number(user) -> bool:
    """Only holders of counselors.view_full_id_number (the provincial administrator)."""
    return bool(user and user.is_authenticated and user.has_perm(Perm.VIEW_FULL_ID_NUMBER))


def can_see_full_phone(user, counselor: Counselor) -> bool:
    """Holders of the full-ID permission, and the counselor themself."""
    if not user or not user.is_authenticated:
        return False
    return counselor.user_id == user.pk or can_see_full_id_number(user)


def shown_id_number(user, counselor: Counselor) -> str:
    return (
        counselor.id_number if can_see_full_id_number(user) else mask_id_number(counselor.id_number)
    )


def shown_phone(user, counselor: Counselor) -> str:
    return counselor.phone if can_see_full_phone(user, counselor) else mask_phone(counselor.phone)
