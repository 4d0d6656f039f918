"""Organization indicators: divisions, schools, dual-chair coverage, chief counselor hosts.

Four queries whatever the size of the scope (five for a county: its schools one by one): the
divisions, the committees with their dual-chair flag, the chief counselor posts and the
schools grouped by county. Everything else (per-prefecture and per-county breakdowns, totals,
the ``organizations`` section of the summary workbook) is summed here in Python.

``Breakdown`` lays any area's figures out in the rows of the summary workbook (see
``apps.core.registry.AreaConfig``); the areas build their summary sections with it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.db.models import Count, Q, Sum

from apps.organizations.choices import ChiefCounselorHost, DivisionLevel, SchoolType
from apps.organizations.models import ChiefCounselorPost, Division, School, WorkCommittee

SCHOOL_FIELDS = ("id", "name", "school_type", "brigade_count", "squad_count")
SCHOOL_FLAGS = {
    "migrant_children": "is_migrant_children_school",
    "red_scarf_demonstration": "is_red_scarf_demonstration",
    "transition_pilots": "is_transition_pilot",
    "drum_corps": "has_drum_corps",
}


def _prefecture_of(code: str) -> str:
    return f"{code[:4]}00"


class Breakdown:
    """A scope's figures counted into the rows of the summary workbook.

    ``by_prefecture`` and ``by_county`` hold a row for every prefecture and county of the
    scope, ``by_school`` (a county scope only) one for every school of the county, ``own`` what
    belongs to the scope's division itself and to no row below it. Each row starts with its
    ``name`` and ``keys`` at zero. A figure added for a division code (and a school) counts in
    the totals and in every row holding it, so a division's row equals the same figures
    computed for that division as the scope.
    """

    def __init__(
        self,
        scope: Division,
        keys: Iterable[str],
        *,
        divisions: Iterable[Sequence],
        schools: Iterable[Sequence] = (),
    ):
        """``divisions``: ``(code, name, level, ...)`` of the scope's subtree;
        ``schools``: ``(id, name, ...)`` of the scope's schools (used at a county scope)."""
        self.keys = list(keys)
        zeros = dict.fromkeys(self.keys, 0)
        self.scope = scope
        self.by_prefecture: dict[str, dict] = {}
        self.by_county: dict[str, dict] = {}
        for code, name, level, *_rest in divisions:
            if level == DivisionLevel.PREFECTURE:
                self.by_prefecture[code] = {"name": name, **zeros}
            elif level == DivisionLevel.COUNTY:
                self.by_county[code] = {"name": name, **zeros}
        self.by_school: dict[str, dict] | None = None
        if scope.level == DivisionLevel.COUNTY:
            self.by_school = {str(pk): {"name": name, **zeros} for pk, name, *_rest in schools}
        self.own = dict(zeros)
        self.totals = dict(zeros)

    def rows_of(self, code: str, school_id: int | None = None) -> list[dict]:
        """The totals and the rows a figure of ``code`` (and ``school_id``) counts in."""
        if not code.startswith(self.scope.prefix):
            return []
        rows = [self.totals]
        for row in (self.by_prefecture.get(_prefecture_of(code)), self.by_county.get(code)):
            if row is not None:
                rows.append(row)
        if school_id is not None and self.by_school is not None:
            school = self.by_school.get(str(school_id))
            if school is not None:
                rows.append(school)
        if school_id is None and code == self.scope.code:
            rows.append(self.own)
        return rows

    def add(self, code: str, school_id: int | None = None, **figures: int) -> None:
        for row in self.rows_of(code, school_id):
            for key, n in figures.items():
                row[key] = (row.get(key) or 0) + n

    def school_rows(self) -> dict[str, dict]:
        return self.by_school or {}

    def section(self, **extra) -> dict:
        """The totals (with ``extra``) and the breakdowns, as a summary section."""
        section = {
            **self.totals,
            **extra,
            "by_prefecture": self.by_prefecture,
            "by_county": self.by_county,
            "own": self.own,
        }
        if self.by_school is not None:
            section["by_school"] = self.by_school
        return section

    @classmethod
    def load(cls, scope: Division, keys: Iterable[str]) -> Breakdown:
        """A breakdown of ``scope`` with its divisions and (a county) its schools read here:
        one query, two for a county."""
        divisions = Division.objects.filter(
            code__startswith=scope.prefix,
            level__in=[DivisionLevel.PREFECTURE, DivisionLevel.COUNTY],
        ).values_list("code", "name", "level")
        schools = []
        if scope.level == DivisionLevel.COUNTY:
            schools = School.objects.filter(county=scope).order_by("name", "id")
            schools = schools.values_list("id", "name")
        return cls(scope, keys, divisions=divisions.order_by("code"), schools=schools)


_SUMMARY_SCHOOL_KEYS = ["schools", *SCHOOL_FLAGS, "brigades", "squads"]
# Committees and chief counselor posts belong to divisions: blank on a school's row.
_SUMMARY_DIVISION_KEYS = [
    "divisions_due",
    "committees",
    "compliant",
    "chief_posts",
    "chief_in_education_bureau",
    "chief_in_league_committee",
    "chief_vacant",
    "chief_heads_section",
]


def _summary_section(
    scope: Division, divisions, compliant_by_division, posts, schools_by_county, schools
) -> dict:
    """The ``organizations`` section of the summary workbook: a row per prefecture, county
    or school (a county scope) and the scope's own level (its committee, a county's post)."""
    keys = ["counties", *_SUMMARY_SCHOOL_KEYS, *_SUMMARY_DIVISION_KEYS]
    breakdown = Breakdown(scope, keys, divisions=divisions, schools=schools)
    for code, _name, level in divisions:
        breakdown.add(code, divisions_due=1, counties=int(level == DivisionLevel.COUNTY))
    for code, compliant in compliant_by_division.items():
        breakdown.add(code, committees=1, compliant=int(bool(compliant)))
    for county, (host, holder, heads) in posts.items():
        breakdown.add(
            county,
            chief_posts=1,
            chief_in_education_bureau=int(host == ChiefCounselorHost.EDUCATION),
            chief_in_league_committee=int(host == ChiefCounselorHost.LEAGUE),
            chief_vacant=int(not holder),
            chief_heads_section=int(bool(heads)),
        )
    if breakdown.by_school is None:
        for county, row in schools_by_county.items():
            breakdown.add(
                county,
                schools=row["total"],
                **{flag: row[flag] for flag in SCHOOL_FLAGS},
                brigades=row["brigades"] or 0,
                squads=row["squads"] or 0,
            )
    else:
        labels = dict(SchoolType.choices)
        for school in schools:
            pk, _name, school_type, brigades, squads, *flags = school
            breakdown.add(
                scope.code,
                pk,
                schools=1,
                **{flag: int(value) for flag, value in zip(SCHOOL_FLAGS, flags, strict=True)},
                brigades=brigades,
                squads=squads,
            )
            row = breakdown.by_school[str(pk)]
            row.update(dict.fromkeys(_SUMMARY_DIVISION_KEYS), counties=None)
            row["school_type"] = str(labels.get(school_type, school_type))
    return breakdown.section()


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
    schools = []
    if scope.level == DivisionLevel.COUNTY:
        schools = list(
            School.objects.filter(county=scope)
            .order_by("name", "id")
            .values_list(*SCHOOL_FIELDS, *SCHOOL_FLAGS.values())
        )

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
        "organizations": _summary_section(
            scope, divisions, compliant_by_division, posts, schools_by_county, schools
        ),
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
