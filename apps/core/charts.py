"""Charts of the indicators: a small description, drawn in the browser by the vendored ECharts.

A ``Chart`` is categories (a prefecture, a county, a school type...) and one or more
``Series`` of values, which must be the indicators' own figures: the ``{% chart %}`` tag
(``{% load charts %}``, template ``core/_chart.html``) shows the same numbers in a table
beside the drawing and hands them to ``static/js/charts.js`` as JSON, so what is drawn, what
is read out and what is printed cannot disagree. Money is a Decimal to the fen, shown in 元
by ``money.yuan`` and passed to the browser as its two-decimal string, never as a float.

Builders for the shapes the indicators have:
- ``from_breakdown``: one category per division of a ``by_prefecture``/``by_county``
  breakdown (``{code: {"name": ..., key: value}}``), one series per key;
- ``scope_breakdown``: the breakdown that follows the scope selector (prefectures for the
  province, counties below);
- ``from_figures``: one category per key of a totals dict (e.g. schools by type, for a pie).

No map: a published map of China or Yunnan needs a 审图号 (map approval number), so
prefectures are bars (docs/adr/0011-charts.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from apps.core import money

KINDS = ("bar", "stacked_bar", "pie", "line")
# "integer": counts; "money": yuan to the fen (Decimal, or the indicators' "3000.00" strings).
FORMATS = ("integer", "money")
# The id becomes part of HTML ids (chart-<id>-title, -data...): keep it plain.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Series:
    """One named row of values, one per category (``key`` is the indicator key they came
    from, for tests and readers; it is not shown). ``paths`` (optional, one per category)
    are the values' dotted paths in the indicators, written on the table's cells as
    ``data-indicator`` so a reader or a test can check each against the indicators."""

    name: Any
    values: Sequence[int | Decimal]
    key: str = ""
    paths: Sequence[str] = ()


@dataclass(frozen=True)
class Cell:
    """A table cell: the raw value (``data-value``), the text people read, and where the
    value comes from in the indicators (``data-indicator``; empty when not given)."""

    value: str
    text: str
    path: str = ""


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Chart:
    """What a chart shows. ``title`` is its accessible name, ``summary`` one sentence saying
    what it shows; ``category_keys`` (optional) identify the categories, e.g. division codes;
    ``unit`` is shown after the series names in the table head, e.g. "个"."""

    id: str
    title: Any
    summary: Any
    categories: Sequence[Any]
    series: Sequence[Series]
    kind: str = "bar"
    unit: Any = ""
    value_format: str = "integer"
    category_label: Any = ""
    category_keys: Sequence[str] = field(default=())
    heading_level: int = 3

    def __post_init__(self):
        if not ID_PATTERN.match(self.id or ""):
            raise ValueError(f"Chart id {self.id!r}: lower-case letters, digits and hyphens.")
        if self.kind not in KINDS:
            raise ValueError(f"Chart {self.id}: kind {self.kind!r} is not one of {KINDS}.")
        if self.value_format not in FORMATS:
            raise ValueError(f"Chart {self.id}: format {self.value_format!r} not in {FORMATS}.")
        if not str(self.title).strip() or not str(self.summary).strip():
            raise ValueError(f"Chart {self.id}: a title and a one-sentence summary are required.")
        if not self.series:
            raise ValueError(f"Chart {self.id}: at least one series.")
        if self.kind == "pie" and len(self.series) != 1:
            raise ValueError(f"Chart {self.id}: a pie has exactly one series.")
        if self.heading_level not in range(2, 7):
            raise ValueError(f"Chart {self.id}: heading level 2 to 6.")
        categories = tuple(str(c) for c in self.categories)
        keys = tuple(str(k) for k in self.category_keys)
        if keys and len(keys) != len(categories):
            raise ValueError(f"Chart {self.id}: one key per category.")
        series = tuple(
            Series(
                name=s.name,
                key=s.key,
                values=self._checked(s, len(categories)),
                paths=tuple(s.paths),
            )
            for s in self.series
        )
        if any(s.paths and len(s.paths) != len(categories) for s in series):
            raise ValueError(f"Chart {self.id}: one indicator path per category, or none.")
        object.__setattr__(self, "categories", categories)
        object.__setattr__(self, "category_keys", keys)
        object.__setattr__(self, "series", series)

    def _checked(self, series: Series, count: int) -> tuple:
        values = tuple(series.values)
        if len(values) != count:
            raise ValueError(
                f"Chart {self.id}: series {series.name} has {len(values)} values "
                f"for {count} categories."
            )
        if self.value_format == "money":
            # to_fen refuses floats and a third decimal: the chart shows the figure exactly.
            return tuple(money.to_fen(v) for v in values)
        for value in values:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"Chart {self.id}: {value!r} in {series.name} is not a count.")
        return values

    # What the template and the browser read.

    @property
    def dom_id(self) -> str:
        return f"chart-{self.id}"

    def raw(self, value) -> str:
        """The exact value: "14", or "3000000.00" for money (``money.money_string``)."""
        return money.money_string(value) if self.value_format == "money" else str(value)

    def text(self, value) -> str:
        """The value as people read it: "1,418", or "3,000,000.00 元"."""
        return money.yuan(value) if self.value_format == "money" else f"{value:,}"

    def headers(self) -> list[str]:
        """The table's column heads after the category column: series names with the unit."""
        if not self.unit or self.value_format == "money":
            return [str(s.name) for s in self.series]
        return [_("%(name)s (%(unit)s)") % {"name": s.name, "unit": self.unit} for s in self.series]

    def rows(self) -> list[Row]:
        """One table row per category, a cell per series, in the chart's order."""
        keys = self.category_keys or tuple(str(i) for i in range(len(self.categories)))
        return [
            Row(
                key=key,
                label=label,
                cells=tuple(
                    Cell(
                        self.raw(s.values[i]),
                        self.text(s.values[i]),
                        s.paths[i] if s.paths else "",
                    )
                    for s in self.series
                ),
            )
            for i, (key, label) in enumerate(zip(keys, self.categories, strict=True))
        ]

    def payload(self) -> dict:
        """The JSON the browser draws from (``json_script``): numbers for the drawing, the
        table's own texts for tooltips and labels."""
        return {
            "kind": self.kind,
            "title": str(self.title),
            "format": self.value_format,
            "categories": list(self.categories),
            "series": [
                {
                    "name": str(s.name),
                    # Money travels as its exact string; the browser only uses it to draw.
                    "values": [
                        self.raw(v) if self.value_format == "money" else v for v in s.values
                    ],
                    "labels": [self.text(v) for v in s.values],
                }
                for s in self.series
            ],
        }


def default_summary(
    *, categories: Sequence[str], series: Sequence[Series], groups: str, text=str
) -> str:
    """One sentence for a chart without a hand-written summary: what it shows, and which
    category has the most of the first series (the first in order on a tie)."""
    names = "、".join(str(s.name) for s in series)
    first = series[0]
    values = list(first.values)
    if not values or not any(values):
        return _("Shows %(series)s for %(count)d %(groups)s; all are zero so far.") % {
            "series": names,
            "count": len(categories),
            "groups": groups,
        }
    top = values.index(max(values))
    return _(
        "Shows %(series)s for %(count)d %(groups)s; %(top)s has the most %(first)s (%(value)s)."
    ) % {
        "series": names,
        "count": len(categories),
        "groups": groups,
        "first": first.name,
        "top": categories[top],
        "value": text(values[top]),
    }


@dataclass(frozen=True)
class Breakdown:
    """A division breakdown with the words for its divisions: ``label`` heads the table's
    first column, ``groups`` names them in the summary sentence."""

    rows: Mapping[str, Mapping]
    label: str
    groups: str
    key: str = "by_prefecture"


def scope_breakdown(indicators: Mapping, section: str) -> Breakdown:
    """The breakdown of ``indicators[section]`` that follows the scope selector: by
    prefecture for the province, by county for a prefecture or a county (when the section
    has one; else by prefecture, as the training figures are)."""
    figures = indicators[section]
    level = indicators.get("scope", {}).get("level", "province")
    if level != "province" and "by_county" in figures:
        return Breakdown(figures["by_county"], _("County"), _("counties"), "by_county")
    return Breakdown(figures["by_prefecture"], _("Prefecture"), _("prefectures"))


def from_breakdown(
    *,
    id: str,
    title,
    breakdown: Mapping[str, Mapping],
    series: Sequence[tuple[str, Any]],
    summary=None,
    names: Mapping[str, str] | None = None,
    category_label="",
    groups="",
    source: str = "",
    **options,
) -> Chart:
    """A chart of a division breakdown (or any rows keyed by code): one category per key (in
    sorted order: the province's usual order for division codes), named by
    ``names`` or the row's ``name``; one series per ``(key, label)``, whose values are
    exactly ``breakdown[code][key]``. ``source`` is the breakdown's path in the indicators
    (e.g. "dual_chair.by_prefecture"), which names each cell's figure. Without a
    ``summary``, ``default_summary`` writes one from the figures."""
    codes = sorted(breakdown)
    names = names or {}
    categories = [str(names.get(code) or breakdown[code].get("name") or code) for code in codes]
    chart_series = [
        Series(
            name=label,
            key=key,
            values=[breakdown[code][key] for code in codes],
            paths=[f"{source}.{code}.{key}" for code in codes] if source else (),
        )
        for key, label in series
    ]
    return _build(
        id=id,
        title=title,
        summary=summary,
        categories=categories,
        series=chart_series,
        category_keys=codes,
        category_label=category_label or _("Prefecture"),
        groups=groups or _("prefectures"),
        **options,
    )


def from_figures(
    *,
    id: str,
    title,
    figures: Mapping,
    parts: Sequence[tuple[str, Any]],
    name,
    summary=None,
    category_label="",
    groups="",
    kind: str = "pie",
    source: str = "",
    **options,
) -> Chart:
    """A chart of some totals of one section (``figures[key]`` for each ``(key, label)`` of
    ``parts``), as one series called ``name``: e.g. the schools by type, as a pie.
    ``source`` is the section's path in the indicators (e.g. "schools")."""
    categories = [str(label) for _key, label in parts]
    chart_series = [
        Series(
            name=name,
            key=",".join(k for k, _l in parts),
            values=[figures[k] for k, _l in parts],
            paths=[f"{source}.{k}" for k, _l in parts] if source else (),
        )
    ]
    return _build(
        id=id,
        title=title,
        summary=summary,
        categories=categories,
        series=chart_series,
        category_keys=[key for key, _label in parts],
        category_label=category_label or _("Category"),
        groups=groups or _("categories"),
        kind=kind,
        **options,
    )


def _build(*, summary, categories, series, category_label, groups, **options) -> Chart:
    if not summary:
        # A draft checks the values first, so the sentence reads them as the table shows them.
        draft = Chart(summary="-", categories=categories, series=series, **options)
        summary = default_summary(
            categories=draft.categories, series=draft.series, groups=groups, text=draft.text
        )
    return Chart(
        summary=summary,
        categories=categories,
        series=series,
        category_label=category_label,
        **options,
    )
