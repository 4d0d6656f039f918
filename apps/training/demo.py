"""Demo training data (called by ``seed_demo`` after the counselors).

The 2014–2017 plan (《2014-2017年云南省少先队辅导员培训规划》, target 1,000) and the
2018–2022 five-year plan with per-prefecture targets; the provincial training project's
face-to-face courses of 2014–2017 trained a little over 1,000 distinct brigade counselors,
as the source reports ("直接面对面集中培训少先队大队辅导员1000余人"). Some online and
prefecture courses, and the first 2018 sessions, complete the picture.

Written by the provincial administrator through the training services, with the portal's
clock set to when each thing happened (a plan at the start of its period, a course a month
before it starts, its attendance on its last day), so the records carry their own dates.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.core.management.base import CommandError

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.core import clock
from apps.counselors.choices import CounselorPost
from apps.counselors.models import Counselor
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division
from apps.training.choices import CourseCategory, CourseMode
from apps.training.models import Attendance, Course
from apps.training.services import (
    attendance_record_many,
    course_create,
    training_plan_create,
    training_plans_link_documents,
)

ISSUERS = "云南省教育厅、共青团云南省委、云南省少工委"
PROVINCIAL_ORGANISER = "云南省少工委、云南省教育厅"
# (name, first year, last year, target of brigade counselors trained face to face)
PLANS = [
    ("2014-2017年云南省少先队辅导员培训规划", 2014, 2017, 1000),
    ("2018-2022年云南省少先队辅导员五年培训规划", 2018, 2022, 1500),
]
# The 2014–2017 figure is "1000余人": each prefecture a little above its share of 1,000.
FIRST_PLAN_OVERSHOOT = 1.08
SESSIONS_PER_YEAR = 3
COURSE_HOURS = Decimal("40.0")
COURSE_CAPACITY = 120


def _shares(total: int, weights: dict[str, int]) -> dict[str, int]:
    """``total`` split by ``weights`` in whole numbers that add up exactly (largest remainder)."""
    weight_sum = sum(weights.values()) or 1
    exact = {code: total * weight / weight_sum for code, weight in weights.items()}
    shares = {code: int(value) for code, value in exact.items()}
    left = total - sum(shares.values())
    for code in sorted(exact, key=lambda c: exact[c] - shares[c], reverse=True)[:left]:
        shares[code] += 1
    return shares


def _split(items: list, parts: int) -> list[list]:
    return [items[i::parts] for i in range(parts)]


def _course(actor, plan, name: str, start: datetime.date, days: int, **fields) -> Course:
    """A course created a month before it starts, running ``days`` days from ``start``."""
    fields = {
        "category": CourseCategory.PROVINCIAL,
        "organiser": PROVINCIAL_ORGANISER,
        "mode": CourseMode.FACE_TO_FACE,
        "hours": COURSE_HOURS,
        **fields,
    }
    with clock.travel(start - datetime.timedelta(days=30)):
        return course_create(
            actor=actor,
            plan=plan,
            name=name,
            start_date=start,
            end_date=start + datetime.timedelta(days=days),
            **fields,
        )


def seed(*, rng: random.Random, stdout) -> None:
    """Plans, targets, courses and attendance; needs the counselors and the accounts."""
    admin = User.objects.filter(role=Role.PROVINCIAL_ADMIN).order_by("pk").first()
    if admin is None:
        raise CommandError("Training demo: no provincial administrator; seed the accounts first.")
    province = settings.PORTAL_PROVINCE_CODE
    prefectures = list(
        Division.objects.filter(level=DivisionLevel.PREFECTURE, code__startswith=province)
        .order_by("code")
        .values_list("code", flat=True)
    )
    brigade_by_prefecture: dict[str, list[int]] = {code: [] for code in prefectures}
    squad_ids: list[int] = []
    for pk, county_id, post in (
        Counselor.objects.filter(county__code__startswith=province)
        .order_by("pk")
        .values_list("pk", "county_id", "post")
    ):
        if post == CounselorPost.BRIGADE:
            brigade_by_prefecture.setdefault(f"{county_id[:4]}00", []).append(pk)
        elif post == CounselorPost.SQUAD:
            squad_ids.append(pk)
    weights = {code: len(ids) for code, ids in brigade_by_prefecture.items()}
    demo_counselor = (
        Counselor.objects.filter(user__username="counselor").values_list("pk", flat=True).first()
    )

    plans = []
    for name, start, end, target in PLANS:
        with clock.travel(datetime.date(start, 1, 10)):
            plan = training_plan_create(
                actor=admin,
                name=name,
                start_year=start,
                end_year=end,
                issuing_body=ISSUERS,
                target_total=target,
                targets=_shares(target, weights),
            )
        plans.append(plan)
    # 《2014-2017年云南省少先队辅导员培训规划》 is issued; the 2018-2022 plan's document is
    # still in countersigning in the demo, so only the first plan names its document yet.
    training_plans_link_documents(actor=admin)
    first_targets = _shares(PLANS[0][3], weights)

    courses: list[tuple[Course, list[int]]] = []

    def add_course(course: Course, people: list[int]) -> None:
        courses.append((course, people[: course.capacity]))

    # 2014–2017: the provincial project's face-to-face sessions, each trainee once.
    trainees: list[int] = []
    for code, ids in brigade_by_prefecture.items():
        wanted = round(first_targets.get(code, 0) * FIRST_PLAN_OVERSHOOT)
        trainees.extend(rng.sample(ids, min(wanted, len(ids))))
    if demo_counselor and demo_counselor not in trainees:
        trainees.append(demo_counselor)
    rng.shuffle(trainees)
    years = range(PLANS[0][1], PLANS[0][2] + 1)
    sessions = [(year, n) for year in years for n in range(1, SESSIONS_PER_YEAR + 1)]
    for (year, n), people in zip(sessions, _split(trainees, len(sessions)), strict=True):
        name = f"{year}年云南省少先队大队辅导员省级培训班（第{n}期）"
        start = datetime.date(year, 3 + 3 * n, 10 + n)
        capacity = max(COURSE_CAPACITY, len(people))
        add_course(_course(admin, plans[0], name, start, 4, capacity=capacity), people)

    # Online refreshers for squad counselors, and a prefecture course, in the same plan.
    everyone_brigade = [pk for ids in brigade_by_prefecture.values() for pk in ids]
    for year in (2016, 2017):
        online = _course(
            admin,
            plans[0],
            f"{year}年少先队辅导员网络培训",
            datetime.date(year, 10, 9),
            61,
            hours=Decimal("24.0"),
            capacity=2000,
            mode=CourseMode.ONLINE,
        )
        add_course(online, rng.sample(squad_ids, min(600, len(squad_ids))))
    kunming_brigade = brigade_by_prefecture.get(f"{province}0100", [])
    kunming = _course(
        admin,
        plans[0],
        "2017年昆明市少先队辅导员业务培训班",
        datetime.date(2017, 8, 21),
        2,
        category=CourseCategory.PREFECTURE,
        organiser="昆明市少工委、昆明市教育局",
        hours=Decimal("24.0"),
        capacity=150,
    )
    add_course(kunming, rng.sample(kunming_brigade, min(120, len(kunming_brigade))))

    # 2018: the new plan's first two sessions; its count starts afresh, so anyone may attend.
    newcomers = rng.sample(everyone_brigade, min(2 * COURSE_CAPACITY, len(everyone_brigade)))
    for n, people in enumerate(_split(newcomers, 2), start=1):
        name = f"2018年云南省少先队大队辅导员省级培训班（第{n}期）"
        start = datetime.date(2018, 4 * n, 16)
        add_course(_course(admin, plans[1], name, start, 4, capacity=COURSE_CAPACITY), people)

    recorded = 0
    for course, people in courses:
        prefix = f"YNSP{course.start_date:%Y%m}"
        rows = [
            Attendance(
                course=course,
                counselor_id=counselor_id,
                # Most attend every hour; a few miss a session.
                hours=course.hours if rng.random() < 0.9 else course.hours - Decimal("4.0"),
                certificate_number=f"{prefix}{course.pk:03d}{seq:04d}",
            )
            for seq, counselor_id in enumerate(people, start=1)
        ]
        with clock.travel(course.end_date):
            attendance_record_many(actor=admin, created=rows)
        recorded += len(rows)
    stdout.write(
        f"Training: {len(plans)} plans, {len(courses)} courses, {recorded} attendance records "
        f"({len(set(trainees))} brigade counselors trained face to face in 2014–2017)."
    )
