"""Formula-injection safety for every exported cell (CSV injection, OWASP).

A spreadsheet program reads a text cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula, and a leading tab or carriage return can hide such a start, so a name typed as
``=HYPERLINK("http://evil", "点击")`` would become a live link in an official's workbook.
``escape_cell`` puts a single quote in front of such text, which every spreadsheet program shows
as text. Only ``str`` values are touched: numbers, Decimals, dates and booleans pass through
unchanged, so numeric columns stay numeric (django-import-export's own setting instead turns
every cell into text and only looks at ``=``).
"""

from __future__ import annotations

import re
from typing import Any

# The characters a formula can start with, and the ones that can hide such a start. Chinese
# input methods also produce the full-width forms; quoting them too costs nothing and guards
# against programs that normalise them to their ASCII counterparts.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n\x00＝＋－＠")

# Control characters that XML 1.0 cannot hold (an xlsx is XML): openpyxl refuses a whole
# workbook over one of them, so they are dropped. Tab, LF and CR are legal and kept.
_ILLEGAL_XML_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def escape_cell(value: Any) -> Any:
    """``value`` made safe to put in a spreadsheet cell.

    A str that starts with a formula trigger (or did before its illegal control characters
    were dropped) comes back prefixed with ``'``; any other value is returned unchanged.
    """
    if value.__class__ is not str:
        if not isinstance(value, str):
            return value
        value = str(value)
    if not value:
        return value
    # Nearly every cell is printable text, which cannot hold a control character; the
    # check runs in C and spares the regular expression (a cell costs microseconds).
    cleaned = value if value.isprintable() else _ILLEGAL_XML_CHARACTERS.sub("", value)
    if value[0] in FORMULA_TRIGGERS or (cleaned and cleaned[0] in FORMULA_TRIGGERS):
        return "'" + cleaned
    return cleaned


def escape_xlsx_text(value: str) -> str:
    """``escape_cell`` for the text of an xlsx cell, with line breaks as a cell holds them.

    A carriage return (alone or before a line feed) becomes a line feed: an XML reader
    turns a raw one into a line feed anyway, and its escape ``_x000D_`` is shown literally
    by programs other than Excel.
    """
    value = escape_cell(value)
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value
