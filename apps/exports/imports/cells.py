"""Columns and cells: what a sheet's headers name and what its cells say.

``normalize`` maps the header row onto a resource's columns (the template's Chinese
header, the column's label in either language, or the field name), makes every cell
stripped text, drops blank rows and the template's untouched example row, and keeps each
row's number in the sheet for the report.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import tablib
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, widgets

from apps.exports.safety import FORMULA_TRIGGERS

# The dataset column holding each row's number in the sheet (the header is row 1).
ROW_NUMBER = "__row__"
# The error column of a problem with the whole row rather than one cell.
ROW = "row"
# The file's own language: a spreadsheet is a data format shared with offices that type
# Chinese, so its headers, choice labels and yes/no cells are Chinese whatever the page's
# language; messages about it are gettext like the rest of the portal.
FILE_LANGUAGE = "zh-hans"
# Headers and choices are recognised in the file's language and in English.
FILE_LANGUAGES = (FILE_LANGUAGE, "en")
YES, NO = "是", "否"


def header_key(text: str) -> str:
    """A header (or a choice) as compared: no spaces or required-markers, ASCII brackets,
    lower case."""
    text = text.replace("（", "(").replace("）", ")").replace("*", "").replace("＊", "")
    return re.sub(r"\s+", "", text).casefold()


@dataclass(frozen=True)
class Column:
    """One column of an import template and of the resource's exports.

    ``key`` is the resource field (and, by convention, the model field) it fills; ``header``
    is written in the template and exports; ``label`` names it in messages; ``error_keys``
    are other model fields whose errors belong next to this column.
    """

    key: str
    header: str
    label: Any
    required: bool = False
    aliases: tuple[str, ...] = ()
    hint: Any = ""
    width: int = 14
    as_text: bool = False
    masked: Callable[[str], str] | None = None
    error_keys: tuple[str, ...] = ()
    options: Callable[[], list[str]] | None = None

    def field(self, widget: widgets.Widget, **kwargs) -> fields.Field:
        """A django-import-export field reading and writing this column."""
        return fields.Field(
            **{"attribute": self.key, "column_name": self.header, "widget": widget, **kwargs}
        )

    def cell(self, row: dict[str, str]) -> str:
        """This column's text in a row of ``normalize``'s dataset (empty when it has none)."""
        return row.get(self.header) or ""

    def names(self) -> set[str]:
        """Every header this column is recognised by."""
        names = {self.header, self.key, *self.aliases}
        for language in FILE_LANGUAGES:
            with translation.override(language):
                names.add(str(self.label))
        return {header_key(name) for name in names}


def cell_text(value: Any) -> str:
    """A cell as the text its user typed: whole numbers without ".0", dates as ISO dates,
    and a quote that an export put before a formula-like text taken off again."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal) and value.is_finite():
        # As a workbook stores it: 40.0 comes back as 40.
        return format(value.normalize(), "f")
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_TRIGGERS:
        text = text[1:]
    return text


def repeated(keys: Iterable[Hashable]) -> set:
    """The keys standing on more than one row of a file: ``check_row`` reports such rows."""
    return {key for key, count in Counter(keys).items() if count > 1}


def _positions(headers: list[str], columns: Sequence[Column]) -> dict[str, int]:
    """Where each column stands among ``headers`` (the first header naming it wins)."""
    by_name: dict[str, Column] = {}
    for column in columns:
        for name in column.names():
            by_name.setdefault(name, column)
    positions: dict[str, int] = {}
    for index, header in enumerate(headers):
        column = by_name.get(header_key(header))
        if column is not None and column.key not in positions:
            positions[column.key] = index
    return positions


def normalize(
    dataset: tablib.Dataset, columns: Sequence[Column], *, example: dict[str, Any] | None = None
) -> tablib.Dataset:
    """``dataset`` with its headers mapped onto ``columns`` (unknown columns dropped), every
    cell as text, blank rows and rows identical to ``example`` dropped, and a ROW_NUMBER
    column. Idempotent. Raises ValidationError (code ``columns`` or ``empty``)."""
    headers = [cell_text(header) for header in (dataset.headers or [])]
    positions = _positions(headers, columns)
    missing = [
        column.header for column in columns if column.required and column.key not in positions
    ]
    if missing:
        raise ValidationError(
            _("The sheet lacks the column(s): %(columns)s. Start from the template."),
            code="columns",
            params={"columns": "、".join(missing)},
        )
    present = [column for column in columns if column.key in positions]
    numbers_at = headers.index(ROW_NUMBER) if ROW_NUMBER in headers else None
    skipped = None
    if example:
        skipped = [cell_text(example.get(column.key)) for column in present]
    result = tablib.Dataset(headers=[column.header for column in present] + [ROW_NUMBER])
    for offset, row in enumerate(dataset, start=2):
        values = [
            cell_text(row[positions[c.key]]) if positions[c.key] < len(row) else "" for c in present
        ]
        if not any(values) or values == skipped:
            continue
        number = int(row[numbers_at]) if numbers_at is not None else offset
        result.append([*values, number])
    if not result.height:
        raise ValidationError(_("The sheet has no rows below its header."), code="empty")
    return result


def replace_contents(dataset: tablib.Dataset, source: tablib.Dataset) -> None:
    """Make ``dataset`` hold what ``source`` holds, in place."""
    # django-import-export goes on with the dataset object it handed to before_import.
    dataset.wipe()
    dataset.headers = source.headers
    for row in source:
        dataset.append(tuple(row))
