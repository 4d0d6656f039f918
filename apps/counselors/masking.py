"""How personal data of counselors is shown: masked unless the viewer may see it in full.

The masks themselves are the core's (``apps.core.masking``); the rules of who sees what in
full are here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.core.masking import mask_birth_date, mask_id_number, mask_phone
from apps.core.security import note_unmasked
from apps.counselors.permissions import Perm

if TYPE_CHECKING:
    from apps.counselors.models import Counselor

__all__ = [
    "Shown",
    "can_see_full_birth_date",
    "can_see_full_id_number",
    "can_see_full_phone",
    "mask_birth_date",
    "mask_id_number",
    "mask_phone",
    "shown_birth_date",
    "shown_id_number",
    "shown_phone",
]


def can_see_full_id_number(user) -> bool:
    """Only holders of counselors.view_full_id_number (the provincial administrator)."""
    return bool(user and user.is_authenticated and user.has_perm(Perm.VIEW_FULL_ID_NUMBER))


def can_see_full_phone(user, counselor: Counselor) -> bool:
    """Holders of the full-ID permission, and the counselor themself."""
    return Shown(user).full_phone(counselor)


def can_see_full_birth_date(user, counselor: Counselor) -> bool:
    """As the phone: holders of the full-ID permission, and the counselor themself."""
    return can_see_full_phone(user, counselor)


def _shown_in_full(user, counselor: Counselor, field: str) -> str:
    # Someone else's data shown in full goes to the security log (which record, not what).
    value = getattr(counselor, field)
    if value and counselor.user_id != user.pk:
        note_unmasked(user, counselor, [field])
    return value


class Shown:
    """What one viewer may see of counselors, the viewer's right read once: a list page
    shows a page of rows to one viewer."""

    def __init__(self, user):
        self.user = user
        self.signed_in = bool(user and user.is_authenticated)
        self.full = self.signed_in and can_see_full_id_number(user)
        self.pk = user.pk if self.signed_in else None

    def full_phone(self, counselor: Counselor) -> bool:
        return self.signed_in and (counselor.user_id == self.pk or self.full)

    def id_number(self, counselor: Counselor) -> str:
        if self.full:
            return _shown_in_full(self.user, counselor, "id_number")
        return mask_id_number(counselor.id_number)

    def phone(self, counselor: Counselor) -> str:
        if self.full_phone(counselor):
            return _shown_in_full(self.user, counselor, "phone")
        return mask_phone(counselor.phone)


def shown_id_number(user, counselor: Counselor) -> str:
    return Shown(user).id_number(counselor)


def shown_phone(user, counselor: Counselor) -> str:
    return Shown(user).phone(counselor)


def shown_birth_date(user, counselor: Counselor) -> str:
    """The birth date as ``user`` may see it: 1985-05-12 in full, otherwise 1985-**-**."""
    if can_see_full_birth_date(user, counselor):
        value = _shown_in_full(user, counselor, "birth_date")
        return value.isoformat() if value else ""
    return mask_birth_date(counselor.birth_date)
