"""Validation of resident identity numbers (GB 11643-1999) and phone numbers."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# ISO 7064 MOD 11-2: weight of each of the first 17 digits, and the check character by remainder.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"

# Province-level codes of GB/T 2260 (the first two digits of a region code).
PROVINCE_CODES = frozenset(
    {
        *("11", "12", "13", "14", "15"),
        *("21", "22", "23"),
        *("31", "32", "33", "34", "35", "36", "37"),
        *("41", "42", "43", "44", "45", "46"),
        *("50", "51", "52", "53", "54"),
        *("61", "62", "63", "64", "65"),
        *("71", "81", "82"),
    }
)

ID_PATTERN = re.compile(r"^[0-9]{17}[0-9X]$")
PHONE_PATTERN = re.compile(r"^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$")


def id_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def normalize_id_number(value: str) -> str:
    """Strip spaces and upper-case a trailing 'x', the forms people commonly type."""
    return (value or "").strip().replace(" ", "").upper()


def id_birth_date(value: str) -> datetime.date | None:
    """The birth date encoded in an 18-character ID number, or None if it is no real date."""
    try:
        return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def validate_id_number(value: str) -> None:
    """Raise ValidationError unless ``value`` is a well-formed GB 11643-1999 ID number."""
    if len(value) != 18:
        raise ValidationError(
            _("An ID number has 18 characters; this one has %(length)d."),
            code="id_length",
            params={"length": len(value)},
        )
    if not ID_PATTERN.match(value):
        raise ValidationError(
            _("An ID number is 17 digits followed by a digit or X."), code="id_characters"
        )
    if value[:2] not in PROVINCE_CODES or value[2:6] == "0000":
        raise ValidationError(_("The ID number's region code is not valid."), code="id_region")
    birth = id_birth_date(value)
    if birth is None or birth.year < 1900 or birth > timezone.localdate():
        raise ValidationError(_("The ID number's birth date is not valid."), code="id_birth_date")
    if id_check_char(value[:17]) != value[17]:
        raise ValidationError(
            _("The ID number's check digit is wrong; please check it for a typo."),
            code="id_check_digit",
        )


def validate_phone(value: str) -> None:
    """Raise ValidationError unless ``value`` is a mainland mobile or landline number."""
    if not PHONE_PATTERN.match(value):
        raise ValidationError(
            _("Enter an 11-digit mobile number or a landline number with its area code."),
            code="phone",
        )
