"""Training indicators: brigade counselors trained face to face under the provincial
training project (省培) in the plan period covering the year, against the plan's targets."""

import datetime

from django.db.models import Count

from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division
from apps.training.models import PlanTarget
from apps.training.selectors import face_to_face_attendances, plan_covering, trained_by_prefecture


def training_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    """Figures for the subtree of ``scope`` as of ``as_of``; at most five queries.

    ``face_to_face_trained``: distinct brigade counselors at face-to-face provincial courses
    that started within the covering plan's period and by ``as_of``. ``by_prefecture``: per
    prefecture code in scope, the plan's target and the same count. No covering plan: zeros.
    """
    prefix = scope.prefix
    plan = plan_covering(year=as_of.year)
    prefectures = list(
        Division.objects.filter(level=DivisionLevel.PREFECTURE, code__startswith=prefix)
        .order_by("code")
        .values_list("code", "name")
    )
    if plan is None:
        return {
            "training": {
                "plan": None,
                "face_to_face_trained": 0,
                "by_prefecture": {code: {"target": 0, "trained": 0} for code, _ in prefectures},
                "prefecture_names": dict(prefectures),
            }
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
    return {
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
        }
    }
