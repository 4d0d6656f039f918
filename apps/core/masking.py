"""Personal data shown masked: ID numbers, phones and birth dates, and a field wholly hidden.

The one set of masks every page, export and history uses; who may see a value in full is
each area's rule (``counselors.view_full_id_number`` for counselors), declared next to the
model's masked fields (``apps.core.history.Masked``).
"""

from __future__ import annotations

import datetime
import re

HIDDEN = "***"


def keep_ends(value: str, head: int, tail: int = 4) -> str:
    """``value`` with all but its first ``head`` and last ``tail`` characters hidden; wholly
    hidden when it is too short to show both ends and still hide something."""
    if not value:
        return ""
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[-tail:]


def mask_id_number(value: str) -> str:
    """5301**********1234: the first and last four characters, the rest hidden."""
    return keep_ends(value, 4)


def mask_phone(value: str) -> str:
    """138****1234: the first three and last four digits, the rest hidden."""
    return keep_ends(value, 3)


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


def hide(value) -> str:
    """Nothing of the value: for what only some viewers may know at all (an objector's name)."""
    return HIDDEN if value else ""
