"""Pairing indicators for a scope and a year (大手拉小手).

- ``institutions`` / ``universities``: distinct institutions (universities among them) with a
  pairing in the scope that year; ``organizations_covered``: distinct brigades and squads
  paired that year.
- ``wishes_posted``: wishes posted that year; ``wishes_by_status.<status>``: where those
  stand now; ``wishes_fulfilled``: wishes whose gift was delivered that year (fulfilled or
  confirmed).
- ``children_reached``: children reached by that year's activities (person-times);
  ``children_helped``: that plus the wishes fulfilled (person-times, as the source counts).
- ``volunteers`` (person-times) and ``service_hours`` of the activities.
- ``by_prefecture.<code>`` and ``by_county.<code>``: the same counts per division.

Four queries whatever the data. Keys about children start with ``children_``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum

from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division
from apps.pairing.choices import FULFILLED_STATUSES, InstitutionKind, WishStatus
from apps.pairing.models import Activity, Pairing, Wish

AREA_KEYS = (
    "institutions",
    "organizations_covered",
    "wishes_posted",
    "wishes_fulfilled",
    "children_helped",
)


class _Tally:
    def __init__(self):
        self.institutions: set[int] = set()
        self.universities: set[int] = set()
        self.organizations: set[tuple[str, int]] = set()
        self.posted = 0
        self.by_status: dict[str, int] = dict.fromkeys(WishStatus.values, 0)
        self.fulfilled = 0
        self.children_reached = 0
        self.volunteers = 0
        self.hours = Decimal("0")

    def add(self, other: _Tally) -> None:
        self.institutions |= other.institutions
        self.universities |= other.universities
        self.organizations |= other.organizations
        self.posted += other.posted
        for key, value in other.by_status.items():
            self.by_status[key] += value
        self.fulfilled += other.fulfilled
        self.children_reached += other.children_reached
        self.volunteers += other.volunteers
        self.hours += other.hours

    def area(self, name: str) -> dict:
        return {
            "name": name,
            "institutions": len(self.institutions),
            "organizations_covered": len(self.organizations),
            "wishes_posted": self.posted,
            "wishes_fulfilled": self.fulfilled,
            "children_helped": self.children_reached + self.fulfilled,
        }


def pairing_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    """The ``pairing`` figures of ``scope``'s subtree in the year of ``as_of``."""
    prefix = scope.prefix
    year = as_of.year
    counties: dict[str, _Tally] = defaultdict(_Tally)
    for county, institution, kind, brigade, squad in (
        Pairing.objects.filter(year=year, county__code__startswith=prefix)
        .order_by()
        .values_list("county_id", "institution_id", "institution__kind", "brigade_id", "squad_id")
    ):
        tally = counties[county]
        tally.institutions.add(institution)
        if kind == InstitutionKind.UNIVERSITY:
            tally.universities.add(institution)
        tally.organizations.add(("squad", squad) if squad else ("brigade", brigade))
    wishes = Wish.objects.filter(county__code__startswith=prefix).order_by()
    for county, status, count in (
        wishes.filter(posted_on__year=year)
        .values_list("county_id", "status")
        .annotate(count=Count("id"))
    ):
        counties[county].posted += count
        counties[county].by_status[status] += count
    for county, count in (
        wishes.filter(fulfilled_on__year=year, status__in=FULFILLED_STATUSES)
        .values_list("county_id")
        .annotate(count=Count("id"))
    ):
        counties[county].fulfilled += count
    for county, children, volunteers, hours in (
        Activity.objects.filter(held_on__year=year, pairing__county__code__startswith=prefix)
        .order_by()
        .values_list("pairing__county_id")
        .annotate(Sum("children_reached"), Sum("volunteers"), Sum("service_hours"))
    ):
        tally = counties[county]
        tally.children_reached += children or 0
        tally.volunteers += volunteers or 0
        tally.hours += hours or 0

    total = _Tally()
    prefectures: dict[str, _Tally] = defaultdict(_Tally)
    for county, tally in counties.items():
        total.add(tally)
        prefectures[county[:4] + "00"].add(tally)
    areas = list(
        Division.objects.filter(
            code__startswith=prefix, level__in=[DivisionLevel.PREFECTURE, DivisionLevel.COUNTY]
        )
        .order_by("code")
        .values_list("code", "name", "level")
    )
    return {
        "pairing": {
            "institutions": len(total.institutions),
            "universities": len(total.universities),
            "organizations_covered": len(total.organizations),
            "wishes_posted": total.posted,
            "wishes_fulfilled": total.fulfilled,
            "wishes_by_status": dict(total.by_status),
            "children_reached": total.children_reached,
            "children_helped": total.children_reached + total.fulfilled,
            "volunteers": total.volunteers,
            "service_hours": str(total.hours),
            "by_prefecture": {
                code: prefectures[code].area(name)
                for code, name, level in areas
                if level == DivisionLevel.PREFECTURE
            },
            "by_county": {
                code: counties[code].area(name)
                for code, name, level in areas
                if level == DivisionLevel.COUNTY
            },
        }
    }
