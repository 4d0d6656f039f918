"""Transition indicators for a scope and a year, beside ``schools.transition_pilots`` (the
schools flagged as pilots):

- ``pilots``: pilot records of schools in the scope;
- ``handed_off``: Young Pioneers reaching 14 who joined the League in the year, at those pilots;
- ``by_year``: the same count for every year up to the year (keys are years as text);
- ``by_school``: each pilot (key: its id) with its school, start date, milestones (all, and
  done by the day the figures describe) and its count for the year.

Counts only; three queries whatever the data.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, Sum

from apps.organizations.models import Division
from apps.transition.choices import MilestoneStatus
from apps.transition.models import HandOff, Pilot


def transition_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    prefix = scope.prefix
    year = as_of.year
    pilots = list(
        Pilot.objects.filter(school__county__code__startswith=prefix)
        .annotate(
            milestone_count=Count("milestones"),
            milestones_done=Count(
                "milestones",
                filter=Q(milestones__status=MilestoneStatus.DONE, milestones__done_on__lte=as_of),
            ),
        )
        .order_by("school__county_id", "school__name", "id")
        .values(
            "id",
            "school__name",
            "school__county__name",
            "started_on",
            "milestone_count",
            "milestones_done",
        )
    )
    counts = HandOff.objects.filter(
        pilot__school__county__code__startswith=prefix, year__lte=year
    ).order_by()
    by_year = {
        str(row["year"]): row["total"]
        for row in counts.values("year").annotate(total=Sum("joined")).order_by("year")
    }
    this_year = dict(counts.filter(year=year).values_list("pilot_id", "joined"))
    return {
        "transition": {
            "pilots": len(pilots),
            "handed_off": by_year.get(str(year), 0),
            "by_year": by_year,
            "by_school": {
                str(row["id"]): {
                    "name": row["school__name"],
                    "county": row["school__county__name"],
                    "started_on": row["started_on"].isoformat(),
                    "milestones": row["milestone_count"],
                    "milestones_done": row["milestones_done"],
                    "handed_off": this_year.get(row["id"], 0),
                }
                for row in pilots
            },
        }
    }
