"""Commendation indicators for a scope and a year: nominations, awards against quotas and
objections, by prefecture, by county and by category. Four queries whatever the data. Rows
by prefecture add up to the totals; rows by county leave out a prefecture's own nominees.

- *nominations* counts every nomination of the year's rounds inside the scope; *awarded*
  those commended on a final list; *quota* the categories' quotas (province-wide, so the
  same at every scope).
- *objections* counts objections to nominees inside the scope, *objections_open* those not
  yet resolved.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import Count, Q

from apps.commendations.choices import NominationStatus, ObjectionOutcome
from apps.commendations.models import Category, Nomination, Objection
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division


def commendation_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    """The ``commendations`` figures of ``scope``'s subtree in the year of ``as_of``."""
    prefix = scope.prefix
    year = as_of.year
    rows = (
        Nomination.objects.filter(round__year=year, division__code__startswith=prefix)
        .order_by()
        .values("prefecture_id", "division_id", "category_id")
        .annotate(
            nominated=Count("pk"),
            awarded=Count("pk", filter=Q(status=NominationStatus.AWARDED)),
        )
    )
    by_pref: dict[str, Counter] = {}
    by_county: dict[str, Counter] = {}
    by_cat: dict[int, Counter] = {}
    for row in rows:
        keys = (
            (row["prefecture_id"], by_pref),
            (row["division_id"], by_county),
            (row["category_id"], by_cat),
        )
        for key, store in keys:
            counter = store.setdefault(key, Counter())
            counter["nominated"] += row["nominated"]
            counter["awarded"] += row["awarded"]
    categories = list(
        Category.objects.filter(round__year=year)
        .order_by("round_id", "id")
        .values("id", "code", "name", "quota")
    )
    objections = Objection.objects.filter(
        nomination__round__year=year, nomination__division__code__startswith=prefix
    ).aggregate(total=Count("pk"), open=Count("pk", filter=Q(outcome=ObjectionOutcome.PENDING)))
    areas = list(
        Division.objects.filter(
            level__in=[DivisionLevel.PREFECTURE, DivisionLevel.COUNTY], code__startswith=prefix
        ).values_list("code", "name", "level")
    )

    def figures(store, code, name):
        counts = store.get(code, Counter())
        return {"name": name, "nominated": counts["nominated"], "awarded": counts["awarded"]}

    return {
        "commendations": {
            "awarded": sum(c["awarded"] for c in by_pref.values()),
            "quota": sum(c["quota"] for c in categories),
            "nominations": sum(c["nominated"] for c in by_pref.values()),
            "nominated": sum(c["nominated"] for c in by_pref.values()),
            "objections": objections["total"],
            "objections_open": objections["open"],
            "by_prefecture": {
                code: figures(by_pref, code, name)
                for code, name, level in areas
                if level == DivisionLevel.PREFECTURE
            },
            # A prefecture's own nominees belong to no county.
            "by_county": {
                code: figures(by_county, code, name)
                for code, name, level in areas
                if level == DivisionLevel.COUNTY
            },
            "by_category": {
                c["code"]: {
                    "name": c["name"],
                    "quota": c["quota"],
                    "awarded": by_cat.get(c["id"], Counter())["awarded"],
                }
                for c in categories
            },
        }
    }
