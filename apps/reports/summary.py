"""The summary workbook: a cover sheet, then one sheet an area with a row per prefecture
(province scope), county (prefecture scope) or school (county scope), a row for the scope's
own level (本级) when it holds anything, and a totals row.

The figures are the indicators' (``apps.reports.indicators.compute``): a division's row holds
what ``compute(scope=<that division>)`` reports, and the totals row what
``compute(scope=<the exported scope>)`` reports, read from compute() itself. The rows are
built in one pass of grouped queries, a fixed number whatever the number of rows, that count
by the providers' own definitions (shared constants and selectors); the tests compare every
row with compute(). The own-level row holds what belongs to the scope's division itself (its
work committee, reports and orders addressed to it, a county's chief counselors), so the
rows of every counted column add up to the total.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import IO, Any

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter

from apps.counselors.choices import CounselorPost
from apps.counselors.models import RANKED_AT_LEAST_MIDDLE, Counselor
from apps.counselors.selectors import BRIGADE_POST_SCHOOL_TYPES
from apps.exports.safety import escape_cell
from apps.exports.writers import CellType, sheet_title
from apps.inspections.choices import AWAITING_TARGET, FILED, InspectionStatus, RectificationStatus
from apps.inspections.models import Campaign, Inspection, RectificationOrder
from apps.organizations.choices import ChiefCounselorHost, DivisionLevel, SchoolType
from apps.organizations.indicators import SCHOOL_FLAGS
from apps.organizations.models import ChiefCounselorPost, Division, School, WorkCommittee
from apps.reports.indicators import as_of_date, compute
from apps.titles.choices import ApplicationStatus, Track
from apps.titles.models import TitleApplication
from apps.training.models import PlanTarget
from apps.training.selectors import face_to_face_attendances, plan_covering

# The level of the rows under a scope of each level.
SCHOOL = "school"
ROW_LEVEL = {
    DivisionLevel.PROVINCE: DivisionLevel.PREFECTURE,
    DivisionLevel.PREFECTURE: DivisionLevel.COUNTY,
    DivisionLevel.COUNTY: SCHOOL,
}
OWN = "own"
# Figure.path / Figure.total: the figure's own key; the sum of the rows.
SAME = "same"
SUM = "sum"


class RowKind(StrEnum):
    AREA = "area"  # a prefecture, county or school
    OWN = "own"  # the scope's own level
    TOTAL = "total"


@dataclass(frozen=True)
class Figure:
    """One column of an area sheet. ``key`` names the value in each row.

    ``path`` is where ``compute(scope=<a row's division>)`` holds the same figure, and
    ``total`` where ``compute(scope=<the exported scope>)`` holds the totals row's ("{code}"
    stands for that division's code; SAME: the key itself). ``total=SUM`` adds up the rows
    (figures compute() has no counterpart of, such as per-school ones); None leaves it blank.
    """

    key: str
    header: Any
    path: str | None = SAME
    total: str | None = SAME
    type: CellType = CellType.INTEGER
    width: float | None = None

    def row_path(self, code: str) -> str | None:
        path = self.key if self.path == SAME else self.path
        return path.format(code=code) if path else None

    def total_path(self, code: str) -> str | None:
        if self.total == SUM:
            return None
        path = self.key if self.total == SAME else self.total
        return path.format(code=code) if path else None


@dataclass
class Row:
    kind: RowKind
    name: str
    code: str  # the division's code; empty for a school
    values: dict[str, Any]


@dataclass
class Sheet:
    key: str
    title: Any
    figures: list[Figure]
    rows: list[Row]  # the area rows, the own-level row if any, the totals row


@dataclass
class Summary:
    scope: Division
    year: int
    as_of: datetime.date
    row_level: str
    indicators: dict
    plan_name: str | None
    sheets: list[Sheet] = field(default_factory=list)


def lookup(figures: dict, dotted: str) -> Any:
    """The value at a dotted path of compute()'s result (None where there is none)."""
    value: Any = figures
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


# --- The one pass --------------------------------------------------------------------------


class _Pass:
    """The scope, its rows and the mapping of a division code (and school) to a row key:
    a division code for division rows, a school id for school rows, OWN for the scope's own
    division, None outside the rows."""

    def __init__(self, *, actor, scope: Division, year: int):
        self.scope = scope
        self.year = year
        self.as_of = as_of_date(year)
        self.prefix = scope.prefix
        self.row_level = ROW_LEVEL[scope.level]
        self.divisions = list(
            Division.objects.for_actor(actor)
            .filter(code__startswith=self.prefix)
            .order_by("code")
            .values_list("code", "name", "level", "parent_id")
        )
        self.schools: list[dict] = []
        if self.row_level == SCHOOL:
            self.schools = _school_rows(actor=actor, county=scope)
            self.rows = [(school["id"], school["name"], "") for school in self.schools]
        else:
            self.rows = [
                (code, name, code)
                for code, name, level, parent in self.divisions
                if level == self.row_level and parent == scope.code
            ]
        self.keys = {key for key, _name, _code in self.rows}

    @property
    def by_school(self) -> bool:
        return self.row_level == SCHOOL

    def group(self, division_field: str, school_field: str) -> tuple[str, ...]:
        """The fields to group rows of data by: schools matter only for school rows."""
        return (division_field, school_field) if self.by_school else (division_field,)

    def row_for(self, code: str, school_id: int | None = None):
        if not code.startswith(self.prefix):
            return None
        if self.by_school:
            if school_id is not None:
                return school_id if school_id in self.keys else None
            return OWN if code == self.scope.code else None
        if code == self.scope.code:
            return OWN
        key = f"{code[:4]}00" if self.row_level == DivisionLevel.PREFECTURE else code
        return key if key in self.keys else None

    def table(self, zeros: Iterable[str] = (), blanks: Iterable[str] = ()) -> dict[Any, dict]:
        """A values dict per row key (OWN included): ``zeros`` start at 0, ``blanks`` at None."""
        start = dict.fromkeys(blanks) | dict.fromkeys(zeros, 0)
        return {key: dict(start) for key in [*self.keys, OWN]}


def _school_rows(*, actor, county: Division) -> list[dict]:
    """The county's schools in the actor's scope, with their brigade counselor post."""
    brigade = Counselor.objects.filter(school=OuterRef("pk"), post=CounselorPost.BRIGADE)
    return list(
        School.objects.for_actor(actor)
        .filter(county=county)
        .annotate(
            brigade_filled=Exists(brigade),
            brigade_ranked=Exists(brigade.filter(post_rank__in=RANKED_AT_LEAST_MIDDLE)),
        )
        .order_by("name", "id")
        .values(
            "id",
            "name",
            "school_type",
            "brigade_count",
            "squad_count",
            "brigade_filled",
            "brigade_ranked",
            *SCHOOL_FLAGS.values(),
        )
    )


def _add(table: dict, row, key: str, n: int = 1) -> None:
    if row is not None:
        table[row][key] = (table[row][key] or 0) + n


# --- Organizations and committees ----------------------------------------------------------

_SCHOOL_KEYS = [
    "divisions.schools",
    *(f"schools.{flag}" for flag in SCHOOL_FLAGS),
    "schools.brigades",
    "schools.squads",
]
_COMMITTEE_KEYS = [
    "dual_chair.total",
    "dual_chair.committees",
    "dual_chair.compliant",
    "chief_counselor.posts",
    "chief_counselor.in_education_bureau",
    "chief_counselor.in_league_committee",
    "chief_counselor.vacant",
    "chief_counselor.holder_heads_section",
]


def _organization_figures(row_level: str) -> list[Figure]:
    figures = []
    if row_level == DivisionLevel.PREFECTURE:
        figures.append(Figure("divisions.counties", _("Counties")))
    if row_level == SCHOOL:
        figures.append(Figure("school_type", _("School type"), None, None, CellType.TEXT, width=16))
    figures += [
        Figure("divisions.schools", _("Schools")),
        Figure("schools.migrant_children", _("Migrant workers' children schools")),
        Figure("schools.red_scarf_demonstration", _("Red-scarf demonstration schools")),
        Figure("schools.transition_pilots", _("Team–league transition pilots")),
        Figure("schools.drum_corps", _("Schools with a drum-and-bugle corps")),
        Figure("schools.brigades", _("Brigades")),
        Figure("schools.squads", _("Squads")),
        Figure("dual_chair.total", _("Divisions due a work committee")),
        Figure("dual_chair.committees", _("Work committees")),
        Figure("dual_chair.compliant", _("Dual-chair compliant")),
        Figure("chief_counselor.posts", _("County chief counselor posts")),
        Figure("chief_counselor.in_education_bureau", _("Chief counselors in education bureaus")),
        Figure("chief_counselor.in_league_committee", _("Chief counselors in League committees")),
        Figure("chief_counselor.vacant", _("Vacant chief counselor posts")),
        Figure("chief_counselor.holder_heads_section", _("Chief counselors heading a section")),
    ]
    return figures


def _organization_values(p: _Pass) -> dict:
    """Four queries: committees, chief counselor posts, schools (the divisions are p's)."""
    table = p.table(zeros=["divisions.counties", *_SCHOOL_KEYS, *_COMMITTEE_KEYS])
    if p.by_school:
        # Committees and posts are the county's: blank on a school's row.
        for school in p.schools:
            table[school["id"]].update(dict.fromkeys(_COMMITTEE_KEYS), school_type=None)
    for code, _name, level, _parent in p.divisions:
        row = p.row_for(code)
        _add(table, row, "dual_chair.total")
        if level == DivisionLevel.COUNTY:
            _add(table, row, "divisions.counties")

    committees = (
        WorkCommittee.objects.filter(division__code__startswith=p.prefix)
        .with_dual_chair(p.as_of)
        .values_list("division_id", "dual_chair")
    )
    for code, compliant in committees:
        row = p.row_for(code)
        _add(table, row, "dual_chair.committees")
        _add(table, row, "dual_chair.compliant", int(bool(compliant)))

    education, league = ChiefCounselorHost.EDUCATION, ChiefCounselorHost.LEAGUE
    posts = ChiefCounselorPost.objects.filter(county__code__startswith=p.prefix).values_list(
        "county_id", "host_body", "holder_name", "holder_heads_section"
    )
    for code, host, holder, heads in posts:
        row = p.row_for(code)
        _add(table, row, "chief_counselor.posts")
        _add(table, row, "chief_counselor.in_education_bureau", int(host == education))
        _add(table, row, "chief_counselor.in_league_committee", int(host == league))
        _add(table, row, "chief_counselor.vacant", int(not holder))
        _add(table, row, "chief_counselor.holder_heads_section", int(bool(heads)))

    if p.by_school:
        labels = dict(SchoolType.choices)
        for school in p.schools:
            values = table[school["id"]]
            values["school_type"] = str(labels.get(school["school_type"], school["school_type"]))
            values["divisions.schools"] = 1
            for flag, model_field in SCHOOL_FLAGS.items():
                values[f"schools.{flag}"] = int(school[model_field])
            values["schools.brigades"] = school["brigade_count"]
            values["schools.squads"] = school["squad_count"]
        return table

    counts = {
        "n": Count("id"),
        **{flag: Count("id", filter=Q(**{f: True})) for flag, f in SCHOOL_FLAGS.items()},
        "brigades": Sum("brigade_count"),
        "squads": Sum("squad_count"),
    }
    for row_data in (
        School.objects.filter(county__code__startswith=p.prefix)
        .order_by()
        .values("county_id")
        .annotate(**counts)
    ):
        row = p.row_for(row_data["county_id"])
        _add(table, row, "divisions.schools", row_data["n"])
        for flag in SCHOOL_FLAGS:
            _add(table, row, f"schools.{flag}", row_data[flag])
        _add(table, row, "schools.brigades", row_data["brigades"] or 0)
        _add(table, row, "schools.squads", row_data["squads"] or 0)
    return table


# --- Counselors and training ---------------------------------------------------------------

_POST_KEYS = [
    "counselors.brigade_posts.schools",
    "counselors.brigade_posts.filled",
    "counselors.brigade_posts.ranked_middle_management",
]
_TARGET = "training.target"


def _counselor_figures(row_level: str) -> list[Figure]:
    # Plan targets are set per prefecture: a prefecture's row holds its own, the totals row
    # the province's plan figure (a prefecture's own target under a prefecture scope).
    if row_level == DivisionLevel.PREFECTURE:
        target = Figure(
            _TARGET,
            _("Face-to-face training target"),
            path="training.by_prefecture.{code}.target",
            total="training.plan.target_total",
        )
    elif row_level == DivisionLevel.COUNTY:
        target = Figure(
            _TARGET,
            _("Face-to-face training target"),
            path=None,
            total="training.by_prefecture.{code}.target",
        )
    else:
        target = Figure(_TARGET, _("Face-to-face training target"), path=None, total=None)
    return [
        Figure("counselors.total", _("Counselors")),
        Figure("counselors.brigade_posts.schools", _("Schools due a brigade counselor post")),
        Figure("counselors.brigade_posts.filled", _("Brigade counselor posts filled")),
        Figure(
            "counselors.brigade_posts.ranked_middle_management",
            _("Brigade counselors ranked at least as middle management"),
        ),
        Figure("training.face_to_face_trained", _("Brigade counselors trained face to face")),
        target,
    ]


def _counselor_values(p: _Pass, plan) -> dict:
    """Up to four queries: counselors, brigade posts (division rows), training, targets."""
    table = p.table(
        zeros=["counselors.total", *_POST_KEYS, "training.face_to_face_trained"],
        blanks=[_TARGET],
    )
    for *group, n in (
        Counselor.objects.filter(county__code__startswith=p.prefix)
        .order_by()
        .values_list(*p.group("county_id", "school_id"))
        .annotate(n=Count("id"))
    ):
        _add(table, p.row_for(*group), "counselors.total", n)

    if p.by_school:
        for school in p.schools:
            values = table[school["id"]]
            if school["school_type"] in BRIGADE_POST_SCHOOL_TYPES:
                values["counselors.brigade_posts.schools"] = 1
                values["counselors.brigade_posts.filled"] = int(school["brigade_filled"])
                values["counselors.brigade_posts.ranked_middle_management"] = int(
                    school["brigade_ranked"]
                )
            else:
                # No post is due: "filled" and "ranked" mean nothing here.
                values["counselors.brigade_posts.filled"] = None
                values["counselors.brigade_posts.ranked_middle_management"] = None
    else:
        brigade = Counselor.objects.filter(school=OuterRef("pk"), post=CounselorPost.BRIGADE)
        ranked = brigade.filter(post_rank__in=RANKED_AT_LEAST_MIDDLE)
        for row_data in (
            School.objects.filter(
                county__code__startswith=p.prefix, school_type__in=BRIGADE_POST_SCHOOL_TYPES
            )
            .order_by()
            .values("county_id")
            .annotate(
                schools=Count("pk"),
                filled=Count("pk", filter=Exists(brigade)),
                ranked=Count("pk", filter=Exists(ranked)),
            )
        ):
            row = p.row_for(row_data["county_id"])
            _add(table, row, "counselors.brigade_posts.schools", row_data["schools"])
            _add(table, row, "counselors.brigade_posts.filled", row_data["filled"])
            _add(
                table, row, "counselors.brigade_posts.ranked_middle_management", row_data["ranked"]
            )

    if plan is not None:
        attendances = face_to_face_attendances(
            start_year=plan.start_year, end_year=plan.end_year
        ).filter(course__start_date__lte=p.as_of, counselor__county__code__startswith=p.prefix)
        # A counselor belongs to one county and school, so distinct counts add up upwards.
        for *group, n in (
            attendances.order_by()
            .values_list(*p.group("counselor__county_id", "counselor__school_id"))
            .annotate(n=Count("counselor", distinct=True))
        ):
            _add(table, p.row_for(*group), "training.face_to_face_trained", n)
    if p.row_level == DivisionLevel.PREFECTURE:
        targets = {}
        if plan is not None:
            targets = dict(
                PlanTarget.objects.filter(
                    plan=plan, prefecture__code__startswith=p.prefix
                ).values_list("prefecture_id", "target")
            )
        for key in p.keys:
            table[key][_TARGET] = targets.get(key, 0)
    return table


# --- Title applications --------------------------------------------------------------------


def _title_figures(row_level: str) -> list[Figure]:
    headers = {
        Track.SUBJECT: (
            _("Applications, teaching subject track"),
            _("Approved, teaching subject track"),
        ),
        Track.YP_ACTIVITIES: (
            _("Applications, Young Pioneer activities track"),
            _("Approved, Young Pioneer activities track"),
        ),
    }
    figures = []
    for track in Track.values:
        submitted, approved = headers[track]
        figures.append(Figure(f"titles.by_track.{track}.submitted", submitted))
        figures.append(Figure(f"titles.by_track.{track}.approved", approved))
    return figures


def _title_values(p: _Pass) -> dict:
    """One query: the review year's applications by the applicant's county (or school)."""
    keys = [f"titles.by_track.{t}.{k}" for t in Track.values for k in ("submitted", "approved")]
    table = p.table(zeros=keys)
    rows = (
        TitleApplication.objects.filter(
            year=p.as_of.year, applicant__county__code__startswith=p.prefix
        )
        .order_by()
        .values_list(*p.group("applicant__county_id", "applicant__school_id"), "track")
        .annotate(
            submitted=Count("id", filter=Q(submitted_at__isnull=False)),
            approved=Count("id", filter=Q(status=ApplicationStatus.APPROVED)),
        )
    )
    for *group, track, submitted, approved in rows:
        row = p.row_for(*group)
        _add(table, row, f"titles.by_track.{track}.submitted", submitted)
        _add(table, row, f"titles.by_track.{track}.approved", approved)
    return table


# --- Inspections and rectification ---------------------------------------------------------

_REPORT_KEYS = ["inspections.reports.submitted", "inspections.reports.accepted"]
_ORDER_KEYS = ["issued", "open", "overdue", "submitted", "closed"]


def _inspection_figures(row_level: str) -> list[Figure]:
    if row_level == DivisionLevel.PREFECTURE:
        figures = [
            Figure("inspections.campaigns", _("Campaigns")),
            Figure("inspections.prefectures_inspected", _("Inspected")),
            Figure("inspections.counties", _("Counties")),
            Figure("inspections.counties_inspected", _("Counties inspected")),
        ]
    elif row_level == DivisionLevel.COUNTY:
        figures = [
            Figure("inspections.campaigns", _("Campaigns")),
            Figure("inspections.counties_inspected", _("Inspected")),
        ]
    else:
        figures = [Figure("school.inspected", _("Inspected"), path=None, total=SUM)]
    return [
        *figures,
        Figure("inspections.reports.submitted", _("Reports filed")),
        Figure("inspections.reports.accepted", _("Reports accepted")),
        Figure("rectification.issued", _("Rectification orders issued")),
        Figure("rectification.open", _("Orders open")),
        Figure("rectification.overdue", _("Orders overdue")),
        Figure("rectification.submitted", _("Rectifications awaiting verification")),
        Figure("rectification.closed", _("Orders closed")),
    ]


def _inspection_values(p: _Pass) -> dict:
    """Three queries: the year's campaigns, its reports grouped by target and status, and
    its orders grouped by target. Coverage follows apps.inspections.indicators: a row is
    inspected when a report on it, or on anything under it, has been filed."""
    coverage = (
        ["inspections.counties", "inspections.counties_inspected"]
        if p.row_level == DivisionLevel.PREFECTURE
        else []
    )
    inspected = {
        DivisionLevel.PREFECTURE: "inspections.prefectures_inspected",
        DivisionLevel.COUNTY: "inspections.counties_inspected",
        SCHOOL: "school.inspected",
    }[p.row_level]
    order_keys = [f"rectification.{key}" for key in _ORDER_KEYS]
    table = p.table(zeros=[*_REPORT_KEYS, *order_keys])
    # Coverage and campaigns describe an area; the scope's own row has none.
    for key in p.keys:
        table[key].update(dict.fromkeys([inspected, *coverage], 0))
    table[OWN].update(dict.fromkeys([inspected, *coverage, "inspections.campaigns"]))

    campaigns_by_row: dict[Any, set[int]] = {key: set() for key in p.keys}
    for pk, code in Campaign.objects.filter(year=p.year).values_list("pk", "division_id"):
        row = p.row_for(code)
        if row in campaigns_by_row:
            campaigns_by_row[row].add(pk)

    counties_inspected: dict[Any, set[str]] = {key: set() for key in p.keys}
    reports = (
        Inspection.objects.filter(campaign__year=p.year, target_division_code__startswith=p.prefix)
        .order_by()
        .values_list("campaign_id", "target_division_code", "target_school_id", "status")
        .annotate(n=Count("id"))
    )
    for campaign_id, code, school_id, status, n in reports:
        row = p.row_for(code, school_id)
        if row in campaigns_by_row:
            # A campaign counts for an area it has a report on, whatever the report's state.
            campaigns_by_row[row].add(campaign_id)
        if row is None or status not in FILED:
            continue
        _add(table, row, "inspections.reports.submitted", n)
        if status == InspectionStatus.ACCEPTED:
            _add(table, row, "inspections.reports.accepted", n)
        if row != OWN:
            table[row][inspected] = 1
            if coverage and not code.endswith("00"):
                counties_inspected[row].add(code)

    for key in p.keys:
        if p.row_level != SCHOOL:
            table[key]["inspections.campaigns"] = len(campaigns_by_row[key])
        if coverage:
            table[key]["inspections.counties"] = sum(
                1
                for code, _name, level, _parent in p.divisions
                if level == DivisionLevel.COUNTY and code.startswith(key[:4])
            )
            table[key]["inspections.counties_inspected"] = len(counties_inspected[key])

    awaiting = Q(status__in=AWAITING_TARGET)
    fields = p.group("target_division_code", "target_school_id")
    orders = (
        RectificationOrder.objects.filter(
            finding__inspection__campaign__year=p.year,
            target_division_code__startswith=p.prefix,
        )
        .order_by()
        .values_list(*fields)
        .annotate(
            issued=Count("id"),
            open=Count("id", filter=awaiting),
            overdue=Count("id", filter=awaiting & Q(deadline__lt=timezone.localdate())),
            submitted=Count("id", filter=Q(status=RectificationStatus.SUBMITTED)),
            closed=Count("id", filter=Q(status=RectificationStatus.CLOSED)),
        )
    )
    for order_row in orders:
        row = p.row_for(*order_row[: len(fields)])
        for key, n in zip(_ORDER_KEYS, order_row[len(fields) :], strict=True):
            _add(table, row, f"rectification.{key}", n)
    return table


# --- Assembly ------------------------------------------------------------------------------

AREAS: list[tuple[str, Any, Callable[[str], list[Figure]]]] = [
    ("organizations", _("Organizations and committees"), _organization_figures),
    ("counselors", _("Counselors and training"), _counselor_figures),
    ("titles", _("Title applications"), _title_figures),
    ("inspections", _("Inspections and rectification"), _inspection_figures),
]


def _total_value(figure: Figure, sheet_rows: list[Row], indicators: dict, code: str) -> Any:
    if figure.total == SUM:
        values = [row.values[figure.key] for row in sheet_rows]
        return sum(v for v in values if v is not None)
    path = figure.total_path(code)
    value = lookup(indicators, path) if path else None
    return int(value) if isinstance(value, bool) else value


def summary_build(*, actor, scope: Division, year: int) -> Summary:
    """The summary of ``scope`` (a division inside the actor's scope, checked by the caller)
    for ``year``: rows limited to the actor's scope, totals equal to compute(). A fixed
    number of queries, whatever the number of rows."""
    p = _Pass(actor=actor, scope=scope, year=year)
    indicators = compute(scope=scope, year=year)
    plan = plan_covering(year=p.as_of.year)
    values = {
        "organizations": _organization_values(p),
        "counselors": _counselor_values(p, plan),
        "titles": _title_values(p),
        "inspections": _inspection_values(p),
    }
    summary = Summary(
        scope=scope,
        year=year,
        as_of=p.as_of,
        row_level=p.row_level,
        indicators=indicators,
        plan_name=plan.name if plan else None,
    )
    own_name = gettext("%(name)s (own level)") % {"name": scope.name}
    for key, title, figures_for in AREAS:
        figures = figures_for(p.row_level)
        table = values[key]
        rows = [
            Row(RowKind.AREA, name, code, {f.key: table[row_key].get(f.key) for f in figures})
            for row_key, name, code in p.rows
        ]
        own = Row(
            RowKind.OWN, own_name, scope.code, {f.key: table[OWN].get(f.key) for f in figures}
        )
        # The own row is left out when nothing belongs to the scope's division itself.
        if any(own.values.values()):
            rows.append(own)
        totals = {f.key: _total_value(f, rows, indicators, scope.code) for f in figures}
        rows.append(Row(RowKind.TOTAL, gettext("Total"), scope.code, totals))
        summary.sheets.append(Sheet(key, title, figures, rows))
    return summary


# --- The workbook --------------------------------------------------------------------------

_INTEGER_FORMAT = "#,##0"
_DATE_FORMAT = "yyyy-mm-dd"
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
_ERROR_CODES = frozenset(ERROR_CODES)
# A bold face of the workbook's default font (a bare Font() names none, and programs then
# fall back to a font of their own choosing).
_BOLD = Font(name=DEFAULT_FONT.name, size=DEFAULT_FONT.size, family=DEFAULT_FONT.family, bold=True)
_NOTE_WIDTH = 90
_FIGURE_WIDTH = 13
_HEADER_ALIGNMENT = Alignment(vertical="center", horizontal="center", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)


def _put(sheet, row: int, column: int, value: Any, *, number_format: str | None = None):
    """Write one cell: text escaped against formulas and never read as an error code or a
    formula, numbers and dates as themselves."""
    cell = sheet.cell(row=row, column=column)
    if value is not None and not isinstance(value, int | float | datetime.date):
        value = escape_cell(str(value))
        cell.value = value
        # openpyxl turns a text equal to an error code ("#N/A") into an error cell.
        if value in _ERROR_CODES:
            cell.data_type = "s"
    else:
        cell.value = value
        if number_format:
            cell.number_format = number_format
    return cell


def _display_width(text: str) -> int:
    # A Chinese character is about two characters wide.
    return sum(2 if ord(character) >= 0x2E80 else 1 for character in text)


def _name_width(names: Iterable[str]) -> float:
    longest = max((_display_width(name) for name in names), default=8)
    return min(max(longest + 2, 12), 48)


def _fit_to_page_width(ws) -> None:
    """Print on landscape A4, every column on one page's width, the header on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _row_label(row_level: str) -> str:
    return {
        DivisionLevel.PREFECTURE: gettext("Prefecture"),
        DivisionLevel.COUNTY: gettext("County"),
        SCHOOL: gettext("School"),
    }[row_level]


def _write_area(workbook: Workbook, summary: Summary, sheet: Sheet) -> None:
    ws = workbook.create_sheet(sheet_title(str(sheet.title)))
    with_code = summary.row_level != SCHOOL
    labels = [_row_label(summary.row_level)] + ([gettext("Code")] if with_code else [])
    for column, label in enumerate(labels, start=1):
        _put(ws, 1, column, label)
    first = len(labels) + 1
    for offset, figure in enumerate(sheet.figures):
        _put(ws, 1, first + offset, figure.header)
    for cell in ws[1]:
        cell.font = _BOLD
        cell.alignment = _HEADER_ALIGNMENT
    # Tall enough for the longest wrapped header (programs do not grow it on opening).
    lines = max(
        -(-_display_width(str(f.header)) // ((f.width or _FIGURE_WIDTH) - 3)) for f in sheet.figures
    )
    ws.row_dimensions[1].height = 15 * max(lines, 2) + 4

    for index, row in enumerate(sheet.rows, start=2):
        _put(ws, index, 1, row.name)
        if with_code:
            _put(ws, index, 2, row.code)
        for offset, figure in enumerate(sheet.figures):
            number_format = _INTEGER_FORMAT if figure.type == CellType.INTEGER else None
            value = row.values[figure.key]
            _put(ws, index, first + offset, value, number_format=number_format)
        if row.kind == RowKind.TOTAL:
            for cell in ws[index]:
                cell.font = _BOLD

    ws.column_dimensions["A"].width = _name_width(row.name for row in sheet.rows)
    if with_code:
        ws.column_dimensions["B"].width = 10
    for offset, figure in enumerate(sheet.figures):
        ws.column_dimensions[get_column_letter(first + offset)].width = (
            figure.width or _FIGURE_WIDTH
        )
    # The header row and the names stay in view while scrolling, and head every page.
    ws.freeze_panes = ws.cell(row=2, column=2).coordinate
    ws.print_title_rows = "1:1"
    _fit_to_page_width(ws)


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
        % {"plan": summary.plan_name or gettext("no plan covers the year")}
    )
    notes.append(gettext("Overdue orders are worked out from the day of export."))
    notes.append(
        gettext("Text that would start like a formula is written with a leading apostrophe.")
    )
    return notes


def _write_cover(workbook: Workbook, summary: Summary, *, actor, exported_at) -> None:
    ws = workbook.active
    ws.title = sheet_title(gettext("Cover"))
    heading = {"name": DEFAULT_FONT.name, "family": DEFAULT_FONT.family, "bold": True}
    _put(ws, 1, 1, gettext("Yunnan Young Pioneer Work Portal")).font = Font(size=14, **heading)
    _put(ws, 2, 1, gettext("Young Pioneer work summary")).font = Font(size=12, **heading)
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
        (gettext("Figures as of"), summary.as_of, _DATE_FORMAT),
        (gettext("Exported at"), local.replace(tzinfo=None), _DATETIME_FORMAT),
        (gettext("Time zone"), str(local.tzinfo), None),
        (gettext("Exported by (user name)"), actor.get_username(), None),
        (gettext("Exported by (name)"), actor.get_full_name() or actor.get_username(), None),
        (gettext("Rows"), rows_label, None),
    ]
    for index, (label, value, number_format) in enumerate(facts, start=4):
        _put(ws, index, 1, label).font = _BOLD
        cell = _put(ws, index, 2, value, number_format=number_format)
        cell.alignment = Alignment(horizontal="left")
    row = 4 + len(facts) + 1
    _put(ws, row, 1, gettext("Notes")).font = _BOLD
    for offset, note in enumerate(_notes(summary)):
        _put(ws, row + offset, 2, note).alignment = _WRAP
        # Spreadsheet programs do not grow a row to its wrapped text when opening a file.
        lines = -(-_display_width(note) // (_NOTE_WIDTH - 4))
        ws.row_dimensions[row + offset].height = 15 * max(lines, 1) + 3
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = _NOTE_WIDTH
    _fit_to_page_width(ws)


def summary_workbook(
    summary: Summary, target: IO[bytes], *, actor, exported_at: datetime.datetime
) -> None:
    """Write the workbook of ``summary`` to ``target``: the cover, then a sheet an area with
    a bold frozen header row, numbers and dates as such, every text cell formula-safe."""
    workbook = Workbook()
    _write_cover(workbook, summary, actor=actor, exported_at=exported_at)
    for sheet in summary.sheets:
        _write_area(workbook, summary, sheet)
    workbook.save(target)
