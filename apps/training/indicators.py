"""Training indicators: brigade counselors trained face to face under the provincial
training project (省培) in the plan period covering the year, against the plan's targets."""

import datetime

from django.db.models import Count

from apps.organizations.choices import DivisionLevel
from apps.organizations.indicators import Breakdown
from apps.organizations.models import Division, School
from apps.training.models import PlanTarget
from apps.training.selectors import face_to_face_attendances, plan_covering, trained_by_prefecture


def _summary_section(breakdown: Breakdown, plan, targets: dict) -> dict:
    """The ``training_summary`` section of the summary workbook: brigade counselors trained
    face to face by prefecture, county and school, and the plan's targets, which are set
    per prefecture: a prefecture's own, the plan's total for the province, none below."""
    scope = breakdown.scope
    for code, row in breakdown.by_prefecture.items():
        row["target"] = targets.get(code, 0) if plan is not None else None
    for row in [*breakdown.by_county.values(), *breakdown.school_rows().values()]:
        row["target"] = None
    breakdown.own["target"] = None
    target = None
    if plan is not None and scope.level == DivisionLevel.PROVINCE:
        target = plan.target_total
    elif plan is not None and scope.level == DivisionLevel.PREFECTURE:
        target = targets.get(scope.code, 0)
    return breakdown.section(target=target)


def training_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    """Figures for the subtree of ``scope`` as of ``as_of``; at most seven queries.

    ``face_to_face_trained``: distinct brigade counselors at face-to-face provincial courses
    that started within the covering plan's period and by ``as_of``. ``by_prefecture``: per
    prefecture code in scope, the plan's target and the same count. No covering plan: zeros.
    """
    prefix = scope.prefix
    plan = plan_covering(year=as_of.year)
    divisions = list(
        Division.objects.filter(
            level__in=[DivisionLevel.PREFECTURE, DivisionLevel.COUNTY], code__startswith=prefix
        )
        .order_by("code")
        .values_list("code", "name", "level")
    )
    prefectures = [(code, name) for code, name, level in divisions if level == "prefecture"]
    schools = []
    if scope.level == DivisionLevel.COUNTY:
        schools = School.objects.filter(county=scope).order_by("name", "id")
        schools = list(schools.values_list("id", "name"))
    breakdown = Breakdown(scope, ["trained", "target"], divisions=divisions, schools=schools)
    if plan is None:
        return {
            "training": {
                "plan": None,
                "face_to_face_trained": 0,
                "by_prefecture": {code: {"target": 0, "trained": 0} for code, _ in prefectures},
                "prefecture_names": dict(prefectures),
            },
            "training_summary": _summary_section(breakdown, None, {}),
        }
    attendances = face_to_face_attendances(
        start_year=plan.start_year, end_year=plan.end_year
    ).filter(course__start_date__lte=as_of, counselor__county__code__startswith=prefix)
    trained = attendances.aggregate(n=Count("counselor", distinct=True))["n"]
    by_prefecture = trained_by_prefecture(attendances)
    targets = dict(
        PlanTarget.objects.filter(plan=plan, prefecture__code__startswith=prefix).values_list(
            "prefecture_id", "target"
        )
    )
    # A counselor belongs to one county and school: distinct counts add up upwards.
    for county, school, n in (
        attendances.order_by()
        .values_list("counselor__county_id", "counselor__school_id")
        .annotate(n=Count("counselor", distinct=True))
    ):
        breakdown.add(county, school, trained=n)
    return {
        "training_summary": _summary_section(breakdown, plan, targets),
        "training": {
            "plan": {
                "name": plan.name,
                "start_year": plan.start_year,
                "end_year": plan.end_year,
                "target_total": plan.target_total,
            },
            "face_to_face_trained": trained,
            "by_prefecture": {
                code: {"target": targets.get(code, 0), "trained": by_prefecture.get(code, 0)}
                for code, _ in prefectures
            },
            "prefecture_names": dict(prefectures),
        },
    }
