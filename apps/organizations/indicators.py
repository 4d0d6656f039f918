"""Organization indicators: divisions, schools, dual-chair coverage, chief counselor hosts."""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import Substr

from apps.organizations.choices import ChiefCounselorHost, DivisionLevel
from apps.organizations.models import ChiefCounselorPost, Division, School, WorkCommittee


def organization_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    """Figures for the subtree of ``scope`` on the day ``as_of``; a fixed number of queries."""
    prefix = scope.prefix
    in_scope = Division.objects.filter(code__startswith=prefix)
    level_counts = dict(
        in_scope.values_list("level").annotate(n=Count("code")).values_list("level", "n")
    )
    prefectures = list(in_scope.filter(level=DivisionLevel.PREFECTURE).values_list("code", "name"))

    committees = list(
        WorkCommittee.objects.filter(division__code__startswith=prefix)
        .with_dual_chair(as_of)
        .annotate(prefecture=Substr("division_id", 1, 4))
        .values_list("prefecture", "dual_chair", "division__level")
    )
    counties_by_prefecture = dict(
        in_scope.filter(level=DivisionLevel.COUNTY)
        .annotate(prefecture=Substr("code", 1, 4))
        .values_list("prefecture")
        .annotate(n=Count("code"))
        .values_list("prefecture", "n")
    )
    posts_by_prefecture = {
        row["prefecture"]: row
        for row in ChiefCounselorPost.objects.filter(county__code__startswith=prefix)
        .annotate(prefecture=Substr("county_id", 1, 4))
        .values("prefecture")
        .annotate(
            posts=Count("id"),
            in_education_bureau=Count("id", filter=Q(host_body=ChiefCounselorHost.EDUCATION)),
        )
    }

    # The province's own committee groups under "5300", which is no prefecture.
    dual_by_prefecture = {}
    chief_by_prefecture = {}
    for code, name in prefectures:
        short = code[:4]
        flags = [compliant for pref, compliant, _level in committees if pref == short]
        dual_by_prefecture[code] = {"name": name, "total": len(flags), "compliant": sum(flags)}
        posts = posts_by_prefecture.get(short, {})
        chief_by_prefecture[code] = {
            "name": name,
            "counties": counties_by_prefecture.get(short, 0),
            "posts": posts.get("posts", 0),
            "in_education_bureau": posts.get("in_education_bureau", 0),
        }

    return {
        "divisions": {
            "prefectures": level_counts.get(DivisionLevel.PREFECTURE, 0),
            "counties": level_counts.get(DivisionLevel.COUNTY, 0),
            "schools": School.objects.filter(county__code__startswith=prefix).count(),
        },
        "dual_chair": {
            "total": len(committees),
            "compliant": sum(1 for _pref, compliant, _level in committees if compliant),
            "by_prefecture": dual_by_prefecture,
        },
        "chief_counselor": {
            "posts": sum(p["posts"] for p in posts_by_prefecture.values()),
            "in_education_bureau": sum(
                p["in_education_bureau"] for p in posts_by_prefecture.values()
            ),
            "by_prefecture": chief_by_prefecture,
        },
    }
