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
from apps.inspections.choices import AWAITING_TARGET, FILED, InspectionStatus, RectificationStatus
from apps.inspections.models import Campaign, Inspection, RectificationOrder
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division


def _is_county_code(code: str) -> bool:
    return not code.endswith("00")


def inspection_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    """Figures for the subtree of ``scope`` in the year of ``as_of``; four queries.

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

    filed = list(
        Inspection.objects.filter(
            campaign__year=year, target_division_code__startswith=prefix, status__in=FILED
        )
        .order_by()
        .values_list("target_division_code", "status")
        .annotate(n=Count("id"))
    )

    areas = list(
        Division.objects.filter(
            code__startswith=prefix, level__in=[DivisionLevel.PREFECTURE, DivisionLevel.COUNTY]
        ).values_list("code", "name", "level")
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

    awaiting = Q(status__in=AWAITING_TARGET)
    order_rows = list(
        RectificationOrder.objects.filter(
            finding__inspection__campaign__year=year, target_division_code__startswith=prefix
        )
        .annotate(prefecture=Substr("target_division_code", 1, 4))
        .order_by()
        .values("prefecture")
        .annotate(
            issued=Count("id"),
            open=Count("id", filter=awaiting),
            overdue=Count("id", filter=awaiting & Q(deadline__lt=today)),
            submitted=Count("id", filter=Q(status=RectificationStatus.SUBMITTED)),
            closed=Count("id", filter=Q(status=RectificationStatus.CLOSED)),
        )
    )
    order_keys = ("issued", "open", "overdue", "submitted", "closed")
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
