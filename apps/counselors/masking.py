"""How personal data of counselors is shown: masked unless the viewer may see it in full."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from apps.core.security import note_unmasked
from apps.counselors.permissions import Perm

if TYPE_CHECKING:
    from apps.counselors.models import Counselor


def _keep_ends(value: str, head: int, tail: int = 4) -> str:
    """``value`` with all but its first ``head`` and last ``tail`` characters hidden; wholly
    hidden when it is too short to show both ends and still hide something."""
    if not value:
        return ""
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[-tail:]


def mask_id_number(value: str) -> str:
    """5301**********1234: the first and last four characters, the rest hidden."""
    return _keep_ends(value, 4)


def mask_phone(value: str) -> str:
    """138****1234: the first three and last four digits, the rest hidden."""
    return _keep_ends(value, 3)


def mask_birth_date(value: datetime.date | str | None) -> str:
    """1985-**-**: only the year. The month and day are the hidden middle of a masked ID
    number, so showing them would give that number away."""
    if not value:
        return ""
    if isinstance(value, datetime.date):
        return f"{value.year:04d}-**-**"
    text = str(value).strip()
    # Every form the import accepts (1985-05-12, 1985/5/12, 19850512, 1985年5月12日) starts
    # with the year.
    year = re.match(r"\d{4}", text)
    if year:
        return f"{year.group()}-**-**"
    # A date written some other way: hide every digit, as nothing says where the year is.
    return re.sub(r"\d", "*", text)


def can_see_full_id_number(user) -> bool:
    """Only holders of counselors.view_full_id_number (the provincial administrator)."""
    return bool(user and user.is_authenticated and user.has_perm(Perm.VIEW_FULL_ID_NUMBER))


def can_see_full_phone(user, counselor: Counselor) -> bool:
    """Holders of the full-ID permission, and the counselor themself."""
    if not user or not user.is_authenticated:
        return False
    return counselor.user_id == user.pk or can_see_full_id_number(user)


def can_see_full_birth_date(user, counselor: Counselor) -> bool:
    """As the phone: holders of the full-ID permission, and the counselor themself."""
    return can_see_full_phone(user, counselor)


def _shown_in_full(user, counselor: Counselor, field: str) -> str:
    # Someone else's data shown in full goes to the security log (which record, not what).
    value = getattr(counselor, field)
    if value and counselor.user_id != user.pk:
        note_unmasked(user, counselor, [field])
    return value


def shown_id_number(user, counselor: Counselor) -> str:
    if can_see_full_id_number(user):
        return _shown_in_full(user, counselor, "id_number")
    return mask_id_number(counselor.id_number)


def shown_phone(user, counselor: Counselor) -> str:
    if can_see_full_phone(user, counselor):
        return _shown_in_full(user, counselor, "phone")
    return mask_phone(counselor.phone)


def shown_birth_date(user, counselor: Counselor) -> str:
    """The birth date as ``user`` may see it: 1985-05-12 in full, otherwise 1985-**-**."""
    if can_see_full_birth_date(user, counselor):
        value = _shown_in_full(user, counselor, "birth_date")
        return value.isoformat() if value else ""
    return mask_birth_date(counselor.birth_date)
