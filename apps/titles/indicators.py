"""Title application indicators: applications submitted and approved, by track, and the
Young Pioneer activities titles won in each prefecture."""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import Substr

from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division
from apps.titles.choices import ApplicationStatus, Track
from apps.titles.models import TitleApplication


def title_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    """Figures for the review year ``as_of.year`` among applicants in ``scope``'s subtree.

    ``submitted`` counts the year's applications that reached reviewers (whatever became of
    them); ``approved`` those approved at province level. Three queries, whatever the data.
    """
    prefix = scope.prefix
    applications = TitleApplication.objects.filter(
        year=as_of.year, applicant__county__code__startswith=prefix
    )
    counts = {
        row["track"]: row
        for row in applications.values("track").annotate(
            submitted=Count("id", filter=Q(submitted_at__isnull=False)),
            approved=Count("id", filter=Q(status=ApplicationStatus.APPROVED)),
        )
    }
    approved_yp = dict(
        applications.filter(track=Track.YP_ACTIVITIES, status=ApplicationStatus.APPROVED)
        .annotate(prefecture=Substr("applicant__county_id", 1, 4))
        .values_list("prefecture")
        .annotate(n=Count("id"))
        .values_list("prefecture", "n")
    )
    # Every prefecture the scope touches is listed, with zero where no title was won; a
    # county's figures sit under its own prefecture.
    prefectures = Division.objects.filter(
        level=DivisionLevel.PREFECTURE, code__startswith=prefix[:4]
    ).values_list("code", flat=True)

    by_track = {
        track: {
            "submitted": counts.get(track, {}).get("submitted", 0),
            "approved": counts.get(track, {}).get("approved", 0),
        }
        for track in Track.values
    }
    by_track[Track.YP_ACTIVITIES]["approved_by_prefecture"] = {
        code: approved_yp.get(code[:4], 0) for code in prefectures
    }
    return {"titles": {"by_track": by_track}}
