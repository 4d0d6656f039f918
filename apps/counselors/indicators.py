"""Counselor indicators: counselors on record and the brigade counselor posts of schools."""

import datetime

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q

from apps.counselors.choices import CounselorPost
from apps.counselors.models import RANKED_AT_LEAST_MIDDLE, Counselor
from apps.counselors.selectors import BRIGADE_POST_SCHOOL_TYPES
from apps.organizations.choices import DivisionLevel
from apps.organizations.indicators import Breakdown
from apps.organizations.models import Division, School

POST_KEYS = ("brigade_post_schools", "brigade_posts_filled", "brigade_posts_ranked")


def counselor_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    """Figures for the subtree of ``scope``; four queries whatever its size.

    ``brigade_posts.schools`` counts the schools that should have a brigade counselor
    (primary, junior secondary and nine-year schools); ``filled`` those that have one, and
    ``ranked_middle_management`` those where one ranks no lower than middle management.
    Records carry no history, so the figures describe the data as it stands.

    ``counselors_summary`` holds the same figures by prefecture, county and (a county scope)
    school for the summary workbook; a school due no brigade counselor post has its "filled"
    and "ranked" blank.
    """
    prefix = scope.prefix
    brigade = Counselor.objects.filter(school=OuterRef("pk"), post=CounselorPost.BRIGADE)
    ranked = brigade.filter(post_rank__in=RANKED_AT_LEAST_MIDDLE)
    by_county = scope.level == DivisionLevel.COUNTY
    schools = []
    if by_county:
        schools = list(
            School.objects.filter(county=scope)
            .annotate(filled=Exists(brigade), ranked=Exists(ranked))
            .order_by("name", "id")
            .values_list("id", "name", "school_type", "filled", "ranked")
        )
    divisions = Division.objects.filter(
        code__startswith=prefix, level__in=[DivisionLevel.PREFECTURE, DivisionLevel.COUNTY]
    ).order_by("code")
    breakdown = Breakdown(
        scope,
        ["total", *POST_KEYS],
        divisions=divisions.values_list("code", "name", "level"),
        schools=schools,
    )
    # By school only where the breakdown has school rows (a county): above it, 15,000
    # schools' rows would be read and added up only to land in their counties' rows.
    counselors = (
        Counselor.objects.filter(county__code__startswith=prefix)
        .order_by()
        .values_list(*(("county_id", "school_id") if by_county else ("county_id",)))
        .annotate(n=Count("id"))
    )
    for county, *school, n in counselors:
        breakdown.add(county, *school, total=n)
    if by_county:
        for pk, _name, school_type, filled, is_ranked in schools:
            if school_type in BRIGADE_POST_SCHOOL_TYPES:
                breakdown.add(
                    scope.code,
                    pk,
                    brigade_post_schools=1,
                    brigade_posts_filled=int(filled),
                    brigade_posts_ranked=int(is_ranked),
                )
            else:
                # No post is due: "filled" and "ranked" mean nothing here.
                row = breakdown.by_school[str(pk)]
                row.update(brigade_posts_filled=None, brigade_posts_ranked=None)
    else:
        # One join of the schools with their brigade counselors (the partial index
        # counselor_brigade_school), counted by county: an EXISTS a school made the planner
        # probe the counselors twice per school, 30,000 probes at provincial scale.
        posts = (
            School.objects.filter(
                county__code__startswith=prefix, school_type__in=BRIGADE_POST_SCHOOL_TYPES
            )
            .annotate(
                brigade=FilteredRelation(
                    "counselors", condition=Q(counselors__post=CounselorPost.BRIGADE)
                )
            )
            .order_by()
            .values_list("county_id")
            .annotate(
                schools=Count("pk", distinct=True),
                filled=Count("pk", distinct=True, filter=Q(brigade__school__isnull=False)),
                ranked=Count(
                    "pk",
                    distinct=True,
                    filter=Q(brigade__post_rank__in=RANKED_AT_LEAST_MIDDLE),
                ),
            )
        )
        for county, n, filled, n_ranked in posts:
            breakdown.add(
                county,
                brigade_post_schools=n,
                brigade_posts_filled=filled,
                brigade_posts_ranked=n_ranked,
            )
    totals = breakdown.totals
    return {
        "counselors": {
            "total": totals["total"],
            "brigade_posts": {
                "schools": totals["brigade_post_schools"],
                "filled": totals["brigade_posts_filled"],
                "ranked_middle_management": totals["brigade_posts_ranked"],
            },
        },
        "counselors_summary": breakdown.section(),
    }
