"""Inspection indicators: campaigns, inspection coverage, reports and rectification orders.

Coverage counts upwards. A prefecture counts as inspected in a year when a report of that
year's campaigns on the prefecture itself, on one of its counties or on one of its schools
has been filed (submitted or accepted): the 2018 round "赴16个州(市)开展督导" visits a
prefecture by visiting it and its counties, and every division should be inspected at least
once a year. A county counts when a filed report is on the county itself or one of its
schools; a report on a prefecture does not make its counties inspected.

Reports and orders belong to the year of their campaign (the November 2017 round is 2017's
even when its orders are rectified in 2018). "Overdue" is worked out from today's date
(``apps.core.clock.today()``), never stored.
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Substr

from apps.core import clock
from apps.core.scope import code_prefix
from apps.inspections.choices import AWAITING_TARGET, FILED, InspectionStatus, RectificationStatus
from apps.inspections.models import Campaign, Inspection, RectificationOrder
from apps.organizations.choices import DivisionLevel
from apps.organizations.indicators import Breakdown
from apps.organizations.models import Division, School

ORDER_KEYS = ("issued", "open", "overdue", "submitted", "closed")
# Figures describing an area (coverage, campaigns): none on the scope's own-level row.
AREA_KEYS = (
    "campaigns",
    "prefectures_inspected",
    "counties",
    "counties_inspected",
    "schools_inspected",
)


def _year_orders(year: int, prefix: str):
    """The rectification orders of the year's campaigns on divisions under ``prefix``."""
    return RectificationOrder.objects.filter(
        finding__inspection__campaign__year=year, target_division_code__startswith=prefix
    ).order_by()


def _order_counts(today: datetime.date) -> dict[str, Count]:
    """Each rectification figure of ORDER_KEYS, in that order, as an aggregate of orders:
    defined once for the indicators and the summary workbook."""
    awaiting = Q(status__in=AWAITING_TARGET)
    return {
        "issued": Count("id"),
        "open": Count("id", filter=awaiting),
        "overdue": Count("id", filter=awaiting & Q(deadline__lt=today)),
        "submitted": Count("id", filter=Q(status=RectificationStatus.SUBMITTED)),
        "closed": Count("id", filter=Q(status=RectificationStatus.CLOSED)),
    }


def _is_county_code(code: str) -> bool:
    return not code.endswith("00")


def inspection_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    """Figures for the subtree of ``scope`` in the year of ``as_of``; six queries (seven for
    a county), ``inspections_summary`` included.

    ``inspections.reports.submitted`` counts reports handed in (submitted or accepted);
    ``rectification.open`` counts orders waiting for the target (open or reopened), of which
    ``overdue`` are past their deadline; ``submitted`` await the issuer's check.
    """
    prefix = scope.prefix
    year = as_of.year
    today = clock.today()

    campaigns = (
        Campaign.objects.filter(year=year)
        .filter(
            Q(division__code__startswith=prefix)
            | Exists(
                Inspection.objects.filter(
                    campaign=OuterRef("pk"), target_division_code__startswith=prefix
                )
            )
        )
        .count()
    )

    # The year's reports in the scope by campaign, target and state (filed or not).
    reports = list(
        Inspection.objects.filter(campaign__year=year, target_division_code__startswith=prefix)
        .order_by()
        .values_list("campaign_id", "target_division_code", "target_school_id", "status")
        .annotate(n=Count("id"))
    )
    filed = [(code, status, n) for _c, code, _s, status, n in reports if status in FILED]

    areas = list(
        Division.objects.filter(
            code__startswith=prefix, level__in=[DivisionLevel.PREFECTURE, DivisionLevel.COUNTY]
        )
        .order_by("code")
        .values_list("code", "name", "level")
    )
    prefectures = {code: name for code, name, level in areas if level == DivisionLevel.PREFECTURE}
    counties = {code for code, _name, level in areas if level == DivisionLevel.COUNTY}

    reports_by_prefecture: dict[str, int] = {}
    counties_inspected: set[str] = set()
    for code, _status, n in filed:
        short = code[:4]
        reports_by_prefecture[short] = reports_by_prefecture.get(short, 0) + n
        if _is_county_code(code) and code in counties:
            counties_inspected.add(code)
    prefectures_inspected = {
        code for code in prefectures if reports_by_prefecture.get(code[:4], 0) > 0
    }

    order_rows = list(
        _year_orders(year, prefix)
        .annotate(prefecture=Substr("target_division_code", 1, 4))
        .values("prefecture")
        .annotate(**_order_counts(today))
    )
    order_keys = ORDER_KEYS
    orders_by_prefecture = {row["prefecture"]: row for row in order_rows}

    by_prefecture = {}
    rectification_by_prefecture = {}
    for code, name in prefectures.items():
        short = code[:4]
        by_prefecture[code] = {
            "name": name,
            "inspected": code in prefectures_inspected,
            "reports": reports_by_prefecture.get(short, 0),
            "counties": sum(1 for c in counties if c.startswith(short)),
            "counties_inspected": sum(1 for c in counties_inspected if c.startswith(short)),
        }
        row = orders_by_prefecture.get(short, {})
        rectification_by_prefecture[code] = {
            "name": name,
            **{key: row.get(key, 0) for key in order_keys},
        }

    return {
        "inspections_summary": _summary_section(scope, year, today, areas, reports),
        "inspections": {
            "campaigns": campaigns,
            "prefectures": len(prefectures),
            "prefectures_inspected": len(prefectures_inspected),
            "counties": len(counties),
            "counties_inspected": len(counties_inspected),
            "reports": {
                "submitted": sum(n for _code, _status, n in filed),
                "accepted": sum(
                    n for _code, status, n in filed if status == InspectionStatus.ACCEPTED
                ),
                "awaiting_acceptance": sum(
                    n for _code, status, n in filed if status == InspectionStatus.SUBMITTED
                ),
            },
            "by_prefecture": by_prefecture,
        },
        "rectification": {
            **{key: sum(row[key] for row in order_rows) for key in order_keys},
            "by_prefecture": rectification_by_prefecture,
        },
    }


def _summary_section(
    scope: Division, year: int, today: datetime.date, areas: list, reports: list
) -> dict:
    """The ``inspections_summary`` section of the summary workbook, by prefecture, county and
    school, with the same definitions as above, from the divisions and reports read above;
    three queries more (four for a county).

    A row's campaigns are the year's campaigns led in it or with a report (in any state) on
    it: a campaign reaching several rows counts in each. A row counts as inspected (and a
    county or school among those inspected) once a report on it or under it is filed."""
    prefix = scope.prefix
    order_keys = [f"orders_{key}" for key in ORDER_KEYS]
    keys = [*AREA_KEYS, "reports_submitted", "reports_accepted", *order_keys]
    schools = []
    if scope.level == DivisionLevel.COUNTY:
        schools = School.objects.filter(county=scope).order_by("name", "id")
        schools = schools.values_list("id", "name")
    breakdown = Breakdown(scope, keys, divisions=areas, schools=schools)
    campaigns: dict[str, set[int]] = {}  # the campaigns reaching each division code
    led = Campaign.objects.filter(year=year, division__code__startswith=prefix)
    for pk, code in led.values_list("pk", "division_id"):
        campaigns.setdefault(code, set()).add(pk)
    inspected: set[tuple[str, int | None]] = set()
    for campaign_id, code, school_id, status, n in reports:
        campaigns.setdefault(code, set()).add(campaign_id)
        if status in FILED:
            inspected.add((code, school_id))
            accepted = n if status == InspectionStatus.ACCEPTED else 0
            breakdown.add(code, school_id, reports_submitted=n, reports_accepted=accepted)
    orders = (
        _year_orders(year, prefix)
        .values_list("target_division_code", "target_school_id")
        .annotate(**_order_counts(today))
    )
    for code, school_id, *counts in orders:
        breakdown.add(code, school_id, **dict(zip(order_keys, counts, strict=True)))

    def area_figures(code: str) -> dict:
        short = code_prefix(code)
        counties = [c for c in breakdown.by_county if c.startswith(short)]
        filed_in = {(c, school) for c, school in inspected if c.startswith(short)}
        reached = {pk for c, ids in campaigns.items() if c.startswith(short) for pk in ids}
        return {
            "campaigns": len(reached),
            "prefectures_inspected": len(
                {
                    p
                    for p in breakdown.by_prefecture
                    if any(c.startswith(p[:4]) for c, _s in filed_in)
                }
            ),
            "counties": len(counties),
            "counties_inspected": len({c for c, _s in filed_in if c in breakdown.by_county}),
            "schools_inspected": len({s for _c, s in filed_in if s is not None}),
        }

    for code, row in [*breakdown.by_prefecture.items(), *breakdown.by_county.items()]:
        row.update(area_figures(code))
    inspected_schools = {str(school) for _code, school in inspected}
    for key, row in breakdown.school_rows().items():
        row.update(dict.fromkeys(AREA_KEYS), schools_inspected=int(key in inspected_schools))
    breakdown.own.update(dict.fromkeys(AREA_KEYS))
    return breakdown.section(**area_figures(scope.code))
