"""The summary's figures: one sheet per area declaring one (``registry.summary_sheets()``),
laid out from the indicators alone.

A sheet has a row per prefecture (province scope), county (prefecture scope) or school
(county scope), read from ``indicators[section]["by_prefecture"|"by_county"|"by_school"]``,
a row for the scope's own level (``indicators[section]["own"]``) when it holds anything, and
a totals row, ``indicators[section]`` itself. An area with no per-school figures gives a
county scope its one county row. The figures are computed once, by ``compute()``, so every
sheet equals the indicators of the same scope and year, in a fixed number of queries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext

from apps.core import registry
from apps.core.registry import SummaryColumn
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division
from apps.reports.indicators import as_of_date, compute

SCHOOL = "school"
# The level of the rows under a scope of each level, and where the indicators hold them.
ROW_LEVEL = {
    DivisionLevel.PROVINCE: DivisionLevel.PREFECTURE.value,
    DivisionLevel.PREFECTURE: DivisionLevel.COUNTY.value,
    DivisionLevel.COUNTY: SCHOOL,
}
BREAKDOWN = {
    DivisionLevel.PREFECTURE.value: "by_prefecture",
    DivisionLevel.COUNTY.value: "by_county",
    SCHOOL: "by_school",
}


class RowKind(StrEnum):
    AREA = "area"  # a prefecture, county or school
    OWN = "own"  # the scope's own level
    TOTAL = "total"


@dataclass
class Row:
    kind: RowKind
    name: str
    code: str  # the division's code; empty for a school
    values: dict[str, Any]


@dataclass
class Sheet:
    key: str  # the area's label
    section: str
    title: Any
    columns: list[SummaryColumn]
    rows: list[Row]  # the area rows, the own-level row if any, the totals row
    row_level: str  # the summary's, or "county" for an area without per-school rows


@dataclass
class Summary:
    scope: Division
    year: int
    as_of: datetime.date
    row_level: str
    indicators: dict
    sheets: list[Sheet] = field(default_factory=list)


def cell_value(column: SummaryColumn, value: Any) -> Any:
    """A figure as the workbook stores it: integers and amounts as numbers, text as text."""
    if value is None:
        return None
    if column.kind == "text":
        return str(value)
    if column.kind in ("money", "ratio"):
        return Decimal(str(value))
    return int(value)


def _values(columns: list[SummaryColumn], figures: dict) -> dict[str, Any]:
    return {column.key: cell_value(column, figures.get(column.key)) for column in columns}


def sheet_rows(
    section: dict, columns: list[SummaryColumn], *, scope: Division, row_level: str
) -> tuple[list[Row], str]:
    """The rows of one area's sheet from its indicator section (see the module's doc), and
    the level they are at."""
    breakdown = section.get(BREAKDOWN[row_level])
    if breakdown is None and row_level == SCHOOL:
        own_county = section.get("by_county", {}).get(scope.code)
        breakdown = {scope.code: own_county} if own_county is not None else {}
        row_level = DivisionLevel.COUNTY
    rows = [
        Row(
            RowKind.AREA,
            figures.get("name", ""),
            "" if row_level == SCHOOL else key,
            _values(columns, figures),
        )
        for key, figures in (breakdown or {}).items()
    ]
    own = _values(columns, section.get("own") or {})
    # The own row is left out when nothing belongs to the scope's division itself.
    if any(own.values()):
        name = gettext("%(name)s (own level)") % {"name": scope.name}
        rows.append(Row(RowKind.OWN, name, scope.code, own))
    rows.append(Row(RowKind.TOTAL, gettext("Total"), scope.code, _values(columns, section)))
    return rows, row_level


def summary_build(*, actor, scope: Division, year: int) -> Summary:
    """The summary of ``scope`` (a division inside the actor's scope, checked by the caller)
    for ``year``: a sheet per declared area, every figure ``compute()``'s."""
    indicators = compute(scope=scope, year=year)
    row_level = ROW_LEVEL[scope.level]
    summary = Summary(
        scope=scope,
        year=year,
        as_of=as_of_date(year),
        row_level=row_level,
        indicators=indicators,
    )
    for area in registry.summary_sheets():
        columns = [column for column in area.summary_columns if column.shown_at(row_level)]
        section = indicators.get(area.summary_section) or {}
        rows, level = sheet_rows(section, columns, scope=scope, row_level=row_level)
        summary.sheets.append(
            Sheet(area.label, area.summary_section, area.summary_title, columns, rows, level)
        )
    return summary
