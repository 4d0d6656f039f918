"""Validation of resident identity numbers (GB 11643-1999) and phone numbers."""

import datetime
import functools
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_exceptions
from stdnum import numdb
from stdnum.cn import ric

from apps.core import clock

ID_PATTERN = re.compile(r"^[0-9]{17}[0-9X]$")
PHONE_PATTERN = re.compile(r"^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$")
# The oldest birth year the portal accepts (a counselor, not a historical record).
FIRST_BIRTH_YEAR = 1900


def normalize_id_number(value: str) -> str:
    """Strip spaces and upper-case a trailing 'x', the forms people commonly type."""
    return (value or "").strip().replace(" ", "").upper()


def id_birth_date(value: str) -> datetime.date | None:
    """The birth date encoded in an 18-character ID number, or None if it is no real date."""
    try:
        return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def _region_known(value: str) -> bool:
    try:
        ric.get_birth_place(value)
    except (stdnum_exceptions.ValidationError, KeyError):
        # KeyError: a code the library's table lists without a county name.
        return False
    return True


def validate_id_number(value: str) -> None:
    """Raise ValidationError unless ``value`` is a well-formed GB 11643-1999 ID number.

    python-stdnum (``stdnum.cn.ric``) does the standard's checks: the ISO 7064 MOD 11-2 check
    character, a real birth date, and a region code that existed in the birth year. The
    portal adds its own limits (born after 1900, not in the future) and says in Chinese
    which part is wrong."""
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
    birth = id_birth_date(value)
    if birth is None or birth.year < FIRST_BIRTH_YEAR or birth > clock.today():
        raise ValidationError(_("The ID number's birth date is not valid."), code="id_birth_date")
    if not _region_known(value):
        raise ValidationError(_("The ID number's region code is not valid."), code="id_region")
    try:
        ric.validate(value)
    except stdnum_exceptions.InvalidChecksum as exc:
        raise ValidationError(
            _("The ID number's check digit is wrong; please check it for a typo."),
            code="id_check_digit",
        ) from exc


@functools.cache
def _region_codes() -> tuple[tuple[str, str], ...]:
    """Every region code of stdnum's table with its county text ("[1983-]五华区", ...)."""
    codes = []
    for _length, province, _high, _props, counties in numdb.get("cn/loc").prefixes:
        for _length, county, _high, props, _children in counties:
            if "county" in props:
                codes.append((province + county, props["county"]))
    return tuple(codes)


def _in_use(county_text: str, year: int) -> bool:
    """Whether a county text of stdnum's table ("[-1982]呈贡县,[2011-]呈贡区") covers ``year``."""
    for county in county_text.split(","):
        if not county.startswith("["):
            return True
        start, end = county[1:].split("]")[0].split("-")
        if (not start or year >= int(start)) and (not end or year <= int(end)):
            return True
    return False


@functools.cache
def _codes_in_use(prefix: str, year: int) -> tuple[str, ...]:
    """Region codes starting with ``prefix`` that a person born in ``year`` may carry."""
    return tuple(
        code
        for code, text in _region_codes()
        if code.startswith(prefix) and not code.endswith("00") and _in_use(text, year)
    )


def build_id_number(*, region: str, birth: datetime.date, sequence: int) -> str:
    """A well-formed ID number for demo, test and benchmark people born on ``birth``.

    ``region`` is the county the person is placed in; an ID carries the region where the
    person was first registered, so when that county's code did not exist yet in the birth
    year (counties are renamed and merged), a code of its prefecture, else of its province,
    that did exist is used. ``sequence`` (0-999) is the standard's order code: odd for men,
    even for women."""
    year = birth.year
    in_use = _codes_in_use(region[:4], year) or _codes_in_use(region[:2], year)
    if region in _codes_in_use(region[:4], year):
        code = region
    elif in_use:
        code = in_use[0]
    else:
        raise ValueError(f"No region code under {region[:2]} existed in {year}.")
    first17 = f"{code}{birth:%Y%m%d}{sequence % 1000:03d}"
    return first17 + ric.calc_check_digit(first17 + "0")


def validate_phone(value: str) -> None:
    """Raise ValidationError unless ``value`` is a mainland mobile or landline number."""
    if not PHONE_PATTERN.match(value):
        raise ValidationError(
            _("Enter an 11-digit mobile number or a landline number with its area code."),
            code="phone",
        )
