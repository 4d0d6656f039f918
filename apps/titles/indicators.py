"""Title application indicators: applications submitted and approved, by track, and the
Young Pioneer activities titles won in each prefecture."""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import Substr

from apps.organizations.choices import DivisionLevel
from apps.organizations.indicators import Breakdown
from apps.organizations.models import Division
from apps.titles.choices import ApplicationStatus, Track
from apps.titles.models import TitleApplication


def title_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    """Figures for the review year ``as_of.year`` among applicants in ``scope``'s subtree.

    ``submitted`` counts the year's applications that reached reviewers (whatever became of
    them); ``approved`` those approved at province level. ``titles_summary`` holds the same
    counts by prefecture, county and school of the applicant for the summary workbook. Four
    queries (five for a county), whatever the data.
    """
    prefix = scope.prefix
    applications = TitleApplication.objects.filter(
        year=as_of.year, applicant__county__code__startswith=prefix
    )
    summary = _summary_section(scope, applications)
    counts = {
        track: {
            "submitted": summary[f"{track}_submitted"],
            "approved": summary[f"{track}_approved"],
        }
        for track in Track.values
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
    return {
        "titles": {"by_track": by_track},
        "titles_summary": summary,
    }


def _summary_section(scope: Division, applications) -> dict:
    keys = [f"{track}_{figure}" for track in Track.values for figure in ("submitted", "approved")]
    breakdown = Breakdown.load(scope, keys)
    rows = (
        applications.order_by()
        .values_list("applicant__county_id", "applicant__school_id", "track")
        .annotate(
            submitted=Count("id", filter=Q(submitted_at__isnull=False)),
            approved=Count("id", filter=Q(status=ApplicationStatus.APPROVED)),
        )
    )
    for county, school, track, submitted, approved in rows:
        breakdown.add(county, school, **{f"{track}_submitted": submitted})
        breakdown.add(county, school, **{f"{track}_approved": approved})
    return breakdown.section()
