"""Counselor indicators: counselors on record and the brigade counselor posts of schools."""

import datetime

from django.db.models import Count, Exists, OuterRef

from apps.counselors.choices import CounselorPost
from apps.counselors.models import RANKED_AT_LEAST_MIDDLE, Counselor
from apps.counselors.selectors import BRIGADE_POST_SCHOOL_TYPES
from apps.organizations.models import Division, School


def counselor_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    """Figures for the subtree of ``scope``; two queries whatever its size.

    ``brigade_posts.schools`` counts the schools that should have a brigade counselor
    (primary, junior secondary and nine-year schools); ``filled`` those that have one, and
    ``ranked_middle_management`` those where one ranks no lower than middle management.
    Records carry no history, so the figures describe the data as it stands.
    """
    prefix = scope.prefix
    total = Counselor.objects.filter(county__code__startswith=prefix).count()
    brigade = Counselor.objects.filter(school=OuterRef("pk"), post=CounselorPost.BRIGADE)
    posts = School.objects.filter(
        county__code__startswith=prefix, school_type__in=BRIGADE_POST_SCHOOL_TYPES
    ).aggregate(
        schools=Count("pk"),
        filled=Count("pk", filter=Exists(brigade)),
        ranked=Count("pk", filter=Exists(brigade.filter(post_rank__in=RANKED_AT_LEAST_MIDDLE))),
    )
    return {
        "counselors": {
            "total": total,
            "brigade_posts": {
                "schools": posts["schools"],
                "filled": posts["filled"],
                "ranked_middle_management": posts["ranked"],
            },
        }
    }
