"""The document number (发文字号, 文号) and the form GB/T 9704-2012 gives it.

A number is the issuer's code (机关代字, e.g. 云少工委发, 云教基, 团云发), the year in full
inside hexagonal brackets 〔〕, and the sequence number without leading zeros followed by 号:
云少工委发〔2018〕12号. The usual slips (other brackets, a two-digit year, 012号, 第12号, a
missing 号) are refused each with its own message, so the drafter sees what to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.documents.choices import FIRST_YEAR

NUMBER_PATTERN = re.compile(
    r"^(?P<code>[\u4e00-\u9fff]{2,12})〔(?P<year>[0-9]{4})〕(?P<sequence>[1-9][0-9]{0,4})号$"
)
# Brackets people type instead of 〔〕: [ ], 【】, （）, ( ), 〈〉, ［］, 「」.
_WRONG_BRACKETS = re.compile(r"[\[\]【】（）()〈〉［］「」{}｛｝]")
EXAMPLE = "云少工委发〔2018〕12号"


@dataclass(frozen=True)
class DocumentNumber:
    code: str
    year: int
    sequence: int


def _invalid(message, **params) -> ValidationError:
    return ValidationError(message, code="bad_number", params={"example": EXAMPLE, **params})


def parse_number(value: str, *, latest_year: int | None = None) -> DocumentNumber:
    """The parts of a well-formed number; a ValidationError saying what is wrong otherwise.
    ``latest_year`` refuses a year after it (a number from the future)."""
    text = (value or "").strip()
    if " " in text or "\u3000" in text:
        raise _invalid(_("Write the document number without spaces, e.g. %(example)s."))
    wrong = _WRONG_BRACKETS.search(text)
    if wrong:
        raise _invalid(
            _("Put the year in hexagonal brackets 〔〕, not %(found)s: e.g. %(example)s."),
            found=wrong.group(0),
        )
    if "第" in text:
        raise _invalid(_("The sequence number takes no 第: write 12号, e.g. %(example)s."))
    match = NUMBER_PATTERN.match(text)
    if match is None:
        if re.search(r"〕0[0-9]*号$", text):
            raise _invalid(_("Write the sequence number without leading zeros (12号, not 012号)."))
        if re.search(r"〔[0-9]{2}〕", text):
            raise _invalid(_("Write the year in full (2018, not 18), e.g. %(example)s."))
        if not text.endswith("号"):
            raise _invalid(_("End the document number with 号, e.g. %(example)s."))
        raise _invalid(
            _(
                "Write the document number as the issuer's code, the year in 〔〕 and the "
                "sequence number followed by 号, e.g. %(example)s."
            )
        )
    year = int(match["year"])
    if year < FIRST_YEAR or (latest_year is not None and year > latest_year):
        raise _invalid(
            _("The year %(year)s in the document number is not possible here."), year=year
        )
    return DocumentNumber(code=match["code"], year=year, sequence=int(match["sequence"]))


def validate_number(value: str) -> None:
    """Model-field validator: the number's form (an empty number is checked elsewhere)."""
    if value:
        parse_number(value)
