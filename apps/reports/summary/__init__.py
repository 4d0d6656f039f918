"""The summary workbook (汇总表): a cover sheet, then one sheet per area declaring one
(``AreaConfig.summary_section``/``summary_title``/``summary_columns``), laid out from the
indicators alone (``build``), printed like an office's report (``layout``, ``cover``)."""

from __future__ import annotations

import datetime
from typing import IO

from openpyxl import Workbook

from apps.reports.summary.build import (
    ROW_LEVEL,
    SCHOOL,
    Row,
    RowKind,
    Sheet,
    Summary,
    summary_build,
)
from apps.reports.summary.cover import write_cover
from apps.reports.summary.layout import FIRST_BODY_ROW, HEADER_ROW, write_area

__all__ = [
    "FIRST_BODY_ROW",
    "HEADER_ROW",
    "ROW_LEVEL",
    "SCHOOL",
    "Row",
    "RowKind",
    "Sheet",
    "Summary",
    "summary_build",
    "summary_workbook",
]


def summary_workbook(
    summary: Summary, target: IO[bytes], *, actor, exported_at: datetime.datetime
) -> None:
    """Write the workbook of ``summary`` to ``target``: the cover, then a sheet an area
    with its title rows, a bold frozen header, numbers and dates as such, every text cell
    formula-safe."""
    workbook = Workbook()
    write_cover(workbook, summary, actor=actor, exported_at=exported_at)
    for sheet in summary.sheets:
        write_area(workbook, summary, sheet, actor=actor, exported_at=exported_at)
    workbook.save(target)
