"""The cover sheet: what the workbook covers, who exported it (姓名（单位）) and when, and
notes on reading the figures."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Alignment

from apps.core.people import person_label
from apps.exports.writers import sheet_title
from apps.organizations.choices import DivisionLevel
from apps.reports.summary.build import SCHOOL, Summary
from apps.reports.summary.cells import (
    BOLD,
    DATE_FORMAT,
    DATETIME_FORMAT,
    WRAP,
    display_width,
    heading_font,
    print_setup,
    put,
)
from apps.reports.summary.layout import workbook_title

_NOTE_WIDTH = 90


def _plan_name(summary: Summary) -> str | None:
    plan = (summary.indicators.get("training") or {}).get("plan")
    return plan["name"] if plan else None


def _notes(summary: Summary) -> list[str]:
    scope = summary.scope.name
    notes = [
        gettext(
            "Figures are computed from the portal's data as of the date above, as on the "
            "dashboard and by the indicators command; the totals row covers all of %(scope)s."
        )
        % {"scope": scope},
        gettext(
            "The row of %(scope)s's own level holds what belongs to no row below: its own work "
            "committee, the chief counselors and title applicants of a county without a "
            "school, reports and orders addressed to %(scope)s itself. It is left out when "
            "empty. With it, the counted columns add up to the totals."
        )
        % {"scope": scope},
    ]
    if summary.row_level == SCHOOL:
        notes.append(
            gettext(
                "Per school: its type and flags, brigades and squads; counselors at the school; "
                "whether a brigade counselor post is due (primary, junior secondary and "
                "nine-year schools), filled and ranked at least as middle management (blank "
                "where no post is due); its brigade counselors trained face to face; title "
                "applications of its counselors; filed reports on the school and orders "
                "addressed to it. Work committees and chief counselor posts are the county's."
            )
        )
    else:
        notes.append(
            gettext(
                "Campaigns count the year's campaigns led in an area or with a report on it; a "
                "campaign reaching several areas counts in each, so that column does not add up."
            )
        )
    notes.append(
        gettext(
            "Face-to-face training counts distinct brigade counselors trained face to face "
            "under the provincial training project in the plan period covering the year "
            "(%(plan)s); targets are set per prefecture."
        )
        % {"plan": _plan_name(summary) or gettext("no plan covers the year")}
    )
    notes.append(gettext("Overdue orders are worked out from the day of export."))
    notes.append(
        gettext("Text that would start like a formula is written with a leading apostrophe.")
    )
    return notes


def write_cover(workbook: Workbook, summary: Summary, *, actor, exported_at) -> None:
    ws = workbook.active
    ws.title = sheet_title(gettext("Cover"))
    put(ws, 1, 1, gettext("Yunnan Young Pioneer Work Portal")).font = heading_font(14)
    put(ws, 2, 1, workbook_title(summary)).font = heading_font(12)
    level_labels = dict(DivisionLevel.choices)
    rows_label = {
        DivisionLevel.PREFECTURE: gettext("One row per prefecture"),
        DivisionLevel.COUNTY: gettext("One row per county"),
        SCHOOL: gettext("One row per school"),
    }[summary.row_level]
    # Excel has no time zones: the wall-clock time of the portal's zone (Asia/Shanghai).
    local = timezone.localtime(exported_at, timezone.get_default_timezone()).replace(microsecond=0)
    facts = [
        (gettext("Scope"), summary.scope.name, None),
        (gettext("Division code"), summary.scope.code, None),
        (gettext("Level"), str(level_labels[summary.scope.level]), None),
        (gettext("Year"), summary.year, "0"),
        (gettext("Figures as of"), summary.as_of, DATE_FORMAT),
        (gettext("Exported at"), local.replace(tzinfo=None), DATETIME_FORMAT),
        (gettext("Time zone"), str(local.tzinfo), None),
        (gettext("Exported by (user name)"), actor.get_username(), None),
        (gettext("Exported by"), person_label(actor), None),
        (gettext("Rows"), rows_label, None),
    ]
    for index, (label, value, number_format) in enumerate(facts, start=4):
        put(ws, index, 1, label).font = BOLD
        cell = put(ws, index, 2, value, number_format=number_format)
        cell.alignment = Alignment(horizontal="left")
    row = 4 + len(facts) + 1
    put(ws, row, 1, gettext("Notes")).font = BOLD
    for offset, note in enumerate(_notes(summary)):
        put(ws, row + offset, 2, note).alignment = WRAP
        # Spreadsheet programs do not grow a row to its wrapped text when opening a file.
        lines = -(-display_width(note) // (_NOTE_WIDTH - 4))
        ws.row_dimensions[row + offset].height = 15 * max(lines, 1) + 3
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = _NOTE_WIDTH
    print_setup(ws)
