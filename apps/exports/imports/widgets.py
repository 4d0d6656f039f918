"""Widgets: a cell's text in (as ``normalize`` leaves it), a native value out.

Exports render the native value back: numbers and dates stay numbers and dates, choices
and yes/no in the file's language (Chinese).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from import_export import widgets

from apps.core.money import typed_yuan
from apps.exports.imports.cells import FILE_LANGUAGE, FILE_LANGUAGES, NO, YES, cell_text, header_key


class CellWidget(widgets.Widget):
    """A cell read as text. An empty cell is ``empty`` (None: the field's default), or an
    error when ``required``; any other text goes to ``parse``, which raises ValueError with
    the message shown next to the cell. Written out as the value itself."""

    empty: Any = None

    def __init__(self, *, required: bool = False):
        super().__init__(coerce_to_string=False)
        self.required = required

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            if self.required:
                raise ValueError(_("Fill in this column."))
            return self.empty
        return self.parse(text)

    def parse(self, text: str) -> Any:
        """The value ``text`` (never empty) stands for."""
        return text

    def render(self, value, obj=None, **kwargs):
        return value


class TextWidget(CellWidget):
    """Text as typed (stripped); an empty cell is an empty text."""

    empty = ""

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class IntegerWidget(CellWidget):
    """A whole number of at least ``min_value``; an empty cell takes the field's default."""

    def __init__(self, *, min_value: int = 0, required: bool = False):
        super().__init__(required=required)
        self.min_value = min_value

    def parse(self, text):
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number != number.to_integral_value():
            raise ValueError(_("Enter a whole number."))
        if number < self.min_value:
            raise ValueError(_("Enter a number of at least %(min)d.") % {"min": self.min_value})
        return int(number)


class YuanWidget(CellWidget):
    """An amount of yuan as typed ("1,200.50", "45元") to a Decimal to the fen; a third
    decimal is refused, never rounded (``apps.core.money.typed_yuan``)."""

    def parse(self, text):
        return typed_yuan(text)


class BooleanWidget(CellWidget):
    """是/否 (and the usual yes/no spellings); an empty cell takes the field's default."""

    TRUE = frozenset({"是", "有", "yes", "y", "true", "t", "1", "√", "✓"})
    FALSE = frozenset({"否", "无", "no", "n", "false", "f", "0", "×", "✗"})

    def parse(self, text):
        text = text.casefold()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("Enter 是 (yes) or 否 (no)."))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return YES if value else NO


def yes_no() -> list[str]:
    """The drop-down of a yes/no column."""
    return [YES, NO]


class ChoiceWidget(CellWidget):
    """A choice by its label in either language, its stored value or an alias; written out
    with its Chinese label. An empty cell takes the field's default (or is an error when
    ``required``)."""

    def __init__(self, choices, *, required: bool = False, aliases: dict[str, str] | None = None):
        super().__init__(required=required)
        self.choices = list(getattr(choices, "choices", choices))
        self.aliases = aliases or {}
        self._lookup: dict[str, str] | None = None
        self._labels: dict[str, str] | None = None

    def labels(self) -> dict[str, str]:
        """Stored value to the label written in files."""
        if self._labels is None:
            with translation.override(FILE_LANGUAGE):
                self._labels = {value: str(label) for value, label in self.choices}
        return self._labels

    def _lookups(self) -> dict[str, str]:
        if self._lookup is None:
            lookup = {header_key(name): value for name, value in self.aliases.items()}
            for language in FILE_LANGUAGES:
                with translation.override(language):
                    for value, label in self.choices:
                        lookup.setdefault(header_key(str(label)), value)
            for value, _label in self.choices:
                lookup.setdefault(header_key(str(value)), value)
            self._lookup = lookup
        return self._lookup

    def parse(self, text):
        found = self._lookups().get(header_key(text))
        if found is None:
            raise ValueError(
                _("Choose one of: %(options)s.") % {"options": "、".join(self.labels().values())}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return self.labels().get(value, "" if value is None else str(value))

    def options(self) -> list[str]:
        """The drop-down of the column: every label, in the choices' order."""
        return list(self.labels().values())


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日", "%Y-%m-%d %H:%M:%S")


class DateWidget(CellWidget):
    """A date as 2018-05-12, 2018/5/12, 2018.5.12, 20180512 or 2018年5月12日."""

    def parse(self, text):
        for pattern in _DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValueError(_("Enter a date such as 2018-05-12."))


class LookupWidget(widgets.Widget):
    """A reference resolved by the resource from what it loaded for the importer's scope.

    ``resolve(text, row)`` returns the row it names (or None for an empty optional cell) and
    raises ValueError otherwise, with the same message for a row that does not exist and
    one outside the scope. On a resource's class, ``resolve`` and ``render_as`` name
    methods of the resource instead, bound when it is created (``bind``).
    """

    def __init__(
        self,
        resolve: Callable[[str, dict], Any] | str,
        *,
        render_as: Callable[[Any], Any] | str = str,
    ):
        super().__init__(coerce_to_string=False)
        self.resolve = resolve
        self.render_as = render_as

    def bind(self, resource) -> None:
        """Replace the method names given for ``resolve`` and ``render_as`` by those
        methods of ``resource``."""
        if isinstance(self.resolve, str):
            self.resolve = getattr(resource, self.resolve)
        if isinstance(self.render_as, str):
            self.render_as = getattr(resource, self.render_as)

    def clean(self, value, row=None, **kwargs):
        return self.resolve(cell_text(value), row or {})

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else self.render_as(value)
