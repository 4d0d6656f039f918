"""Organization indicators: divisions, schools, dual-chair coverage, chief counselor hosts.

Four queries whatever the size of the scope: the divisions, the committees with their
dual-chair flag, the chief counselor posts and the schools grouped by county. Everything
else (per-prefecture and per-county breakdowns, totals) is summed here in Python.
"""

import datetime

from django.db.models import Count, Q, Sum

from apps.organizations.choices import ChiefCounselorHost, DivisionLevel, SchoolType
from apps.organizations.models import ChiefCounselorPost, Division, School, WorkCommittee

SCHOOL_FLAGS = {
    "migrant_children": "is_migrant_children_school",
    "red_scarf_demonstration": "is_red_scarf_demonstration",
    "transition_pilots": "is_transition_pilot",
    "drum_corps": "has_drum_corps",
}


def _prefecture_of(code: str) -> str:
    return f"{code[:4]}00"


def _school_rows(prefix: str) -> dict[str, dict]:
    """School counts per county code (one grouped query)."""
    counts = {
        "total": Count("id"),
        **{t: Count("id", filter=Q(school_type=t)) for t in SchoolType.values},
        **{key: Count("id", filter=Q(**{field: True})) for key, field in SCHOOL_FLAGS.items()},
        "brigades": Sum("brigade_count"),
        "squads": Sum("squad_count"),
    }
    rows = (
        School.objects.filter(county__code__startswith=prefix)
        .order_by()
        .values("county_id")
        .annotate(**counts)
    )
    return {row.pop("county_id"): row for row in rows}


def _sum_schools(rows) -> dict:
    keys = ["total", *SchoolType.values, *SCHOOL_FLAGS, "brigades", "squads"]
    return {key: sum(row.get(key) or 0 for row in rows) for key in keys}


def organization_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    """Figures for the subtree of ``scope`` on the day ``as_of``; a fixed number of queries.

    Dual-chair coverage counts every division at county level and above: one without a
    committee counts as not compliant. Breakdowns are keyed by 6-digit division codes.
    """
    prefix = scope.prefix
    divisions = list(
        Division.objects.filter(code__startswith=prefix)
        .order_by("code")
        .values_list("code", "name", "level")
    )
    compliant_by_division = dict(
        WorkCommittee.objects.filter(division__code__startswith=prefix)
        .with_dual_chair(as_of)
        .values_list("division_id", "dual_chair")
    )
    posts = {
        county: (host, holder, heads)
        for county, host, holder, heads in ChiefCounselorPost.objects.filter(
            county__code__startswith=prefix
        ).values_list("county_id", "host_body", "holder_name", "holder_heads_section")
    }
    schools_by_county = _school_rows(prefix)

    names = {code: name for code, name, _level in divisions}
    prefectures = [code for code, _name, level in divisions if level == DivisionLevel.PREFECTURE]
    counties = [code for code, _name, level in divisions if level == DivisionLevel.COUNTY]

    dual_by_county = {
        code: {"name": names[code], "compliant": bool(compliant_by_division.get(code))}
        for code in counties
    }
    chief_by_county = {}
    for code in counties:
        host, holder, heads = posts.get(code, (None, "", False))
        chief_by_county[code] = {
            "name": names[code],
            "host_body": host,
            "holder_heads_section": bool(heads),
            "vacant": host is not None and not holder,
        }
    school_by_county = {
        code: {"name": names[code], **_sum_schools([schools_by_county.get(code, {})])}
        for code in counties
    }

    dual_by_prefecture, chief_by_prefecture, school_by_prefecture = {}, {}, {}
    for code in prefectures:
        own = [c for c in counties if _prefecture_of(c) == code]
        dual_by_prefecture[code] = {
            "name": names[code],
            "total": 1 + len(own),
            "compliant": sum(bool(compliant_by_division.get(c)) for c in [code, *own]),
        }
        chief_by_prefecture[code] = {
            "name": names[code],
            "counties": len(own),
            "posts": sum(c in posts for c in own),
            "in_education_bureau": sum(
                chief_by_county[c]["host_body"] == ChiefCounselorHost.EDUCATION for c in own
            ),
            "in_league_committee": sum(
                chief_by_county[c]["host_body"] == ChiefCounselorHost.LEAGUE for c in own
            ),
        }
        school_by_prefecture[code] = {
            "name": names[code],
            **_sum_schools([schools_by_county.get(c, {}) for c in own]),
        }

    all_counties = list(chief_by_county.values())
    school_totals = _sum_schools(schools_by_county.values())
    return {
        "divisions": {
            "prefectures": len(prefectures),
            "counties": len(counties),
            "schools": school_totals["total"],
        },
        "schools": {
            **school_totals,
            "by_prefecture": school_by_prefecture,
            "by_county": school_by_county,
        },
        "dual_chair": {
            "total": len(divisions),
            "committees": len(compliant_by_division),
            "compliant": sum(bool(flag) for flag in compliant_by_division.values()),
            "by_prefecture": dual_by_prefecture,
            "by_county": dual_by_county,
        },
        "chief_counselor": {
            "counties": len(counties),
            "posts": len(posts),
            "in_education_bureau": sum(
                c["host_body"] == ChiefCounselorHost.EDUCATION for c in all_counties
            ),
            "in_league_committee": sum(
                c["host_body"] == ChiefCounselorHost.LEAGUE for c in all_counties
            ),
            "holder_heads_section": sum(c["holder_heads_section"] for c in all_counties),
            "vacant": sum(c["vacant"] for c in all_counties),
            "by_prefecture": chief_by_prefecture,
            "by_county": chief_by_county,
        },
    }
