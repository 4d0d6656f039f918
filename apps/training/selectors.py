"""Reads of training data. Plans and courses are provincial reference data every staff
member reads; attendance names people, so it always starts from the actor's scope."""

from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Substr

from apps.counselors.choices import CounselorPost
from apps.counselors.models import Counselor
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division
from apps.training.choices import CourseCategory, CourseMode
from apps.training.filters import CourseFilter
from apps.training.models import Attendance, Course, TrainingPlan


def counselor_training_summary(*, counselor: Counselor) -> dict:
    """A counselor's training record for reviewers and the counselor's own page.

    The caller has already fetched ``counselor`` through a scoped selector. Returns
    ``hours_total`` and ``face_to_face_hours`` (Decimal), ``courses`` (int) and
    ``attendances``: dicts of ``course_id``, ``course_name``, ``start_date``, ``hours``,
    ``certificate_number``. Two queries.
    """
    rows = Attendance.objects.filter(counselor=counselor)
    totals = rows.aggregate(
        hours_total=Sum("hours"),
        face_to_face_hours=Sum("hours", filter=Q(course__mode=CourseMode.FACE_TO_FACE)),
    )
    attendances = list(
        rows.order_by("-course__start_date", "course__name").values(
            "course_id",
            "hours",
            "certificate_number",
            course_name=F("course__name"),
            start_date=F("course__start_date"),
        )
    )
    return {
        "hours_total": totals["hours_total"] or Decimal("0"),
        "face_to_face_hours": totals["face_to_face_hours"] or Decimal("0"),
        "courses": len(attendances),
        "attendances": attendances,
    }


def plan_covering(*, year: int) -> TrainingPlan | None:
    """The training plan whose period covers ``year`` (the latest-starting one if several)."""
    return (
        TrainingPlan.objects.filter(start_year__lte=year, end_year__gte=year)
        .order_by("-start_year", "pk")
        .first()
    )


def face_to_face_attendances(*, start_year: int, end_year: int) -> QuerySet[Attendance]:
    """Attendance that counts towards a plan's figure: brigade counselors at face-to-face
    courses of the provincial training project (省培) starting within the period.

    Unscoped; callers narrow it (indicators by the scope division, pages by the actor).
    """
    return Attendance.objects.filter(
        counselor__post=CounselorPost.BRIGADE,
        course__category=CourseCategory.PROVINCIAL,
        course__mode=CourseMode.FACE_TO_FACE,
        course__start_date__year__gte=start_year,
        course__start_date__year__lte=end_year,
    )


def trained_by_prefecture(attendances: QuerySet[Attendance]) -> dict[str, int]:
    """Distinct counselors per prefecture code (``530100``) among ``attendances``; one query."""
    rows = (
        attendances.annotate(prefecture=Substr("counselor__county_id", 1, 4))
        .values("prefecture")
        .annotate(n=Count("counselor", distinct=True))
        .values_list("prefecture", "n")
    )
    return {f"{prefecture}00": n for prefecture, n in rows}


def plan_list(*, actor) -> QuerySet[TrainingPlan]:
    """Every training plan (provincial reference data), with its number of courses."""
    return TrainingPlan.objects.annotate(course_count=Count("courses")).order_by(
        "-start_year", "name"
    )


def plan_get(*, actor, pk: int) -> TrainingPlan:
    """One training plan (every staff member reads plans); raises DoesNotExist."""
    return plan_list(actor=actor).get(pk=pk)


def _prefectures_for(actor) -> QuerySet[Division]:
    prefectures = Division.objects.filter(
        level=DivisionLevel.PREFECTURE, code__startswith=settings.PORTAL_PROVINCE_CODE
    )
    prefix = actor.scope_prefix
    if prefix and len(prefix) > 2:
        # A prefecture, county or school user sees the row of their own prefecture.
        prefectures = prefectures.filter(code=f"{prefix[:4]}00")
    return prefectures.order_by("code")


def plan_progress(*, actor, plan: TrainingPlan) -> list[dict]:
    """Per prefecture the actor works in: the plan's target and the brigade counselors
    trained face to face so far (prefecture-wide figures, no names). Three queries."""
    prefectures = list(_prefectures_for(actor).values_list("code", "name"))
    targets = dict(plan.targets.values_list("prefecture_id", "target"))
    trained = trained_by_prefecture(
        face_to_face_attendances(start_year=plan.start_year, end_year=plan.end_year)
    )
    rows = []
    for code, name in prefectures:
        target = targets.get(code, 0)
        done = trained.get(code, 0)
        rows.append(
            {
                "code": code,
                "name": name,
                "target": target,
                "trained": done,
                # Past the target reads as such (136 of 125 is 109%); the bar stops full.
                "percent": round(done * 100 / target) if target else None,
            }
        )
    return rows


def course_queryset(*, actor) -> QuerySet[Course]:
    """Every course (reference data) with ``attendance_count``: attendance in the actor's scope."""
    in_scope = (
        Attendance.objects.for_actor(actor)
        .filter(course=OuterRef("pk"))
        .order_by()
        .values("course")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Course.objects.select_related("plan").annotate(
        attendance_count=Coalesce(
            Subquery(in_scope, output_field=IntegerField()), Value(0), output_field=IntegerField()
        )
    )


def course_get(*, actor, pk: int) -> Course:
    """One course, with its attendance counted in the actor's scope; raises DoesNotExist."""
    return course_queryset(actor=actor).get(pk=pk)


def course_list(*, actor, filters: dict | None = None) -> CourseFilter:
    """Courses narrowed by ``filters``; ``.qs`` is the rows, ``.form`` the filter form."""
    return CourseFilter(filters or None, queryset=course_queryset(actor=actor))


def course_attendances(*, actor, course: Course) -> QuerySet[Attendance]:
    """A course's attendance, only for counselors in the actor's scope."""
    return (
        Attendance.objects.for_actor(actor)
        .filter(course=course)
        .select_related("counselor__county", "counselor__school")
        .order_by("counselor__county_id", "counselor__school__name", "counselor__name", "pk")
    )
