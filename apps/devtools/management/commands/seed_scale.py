"""Provincial-scale synthetic data for benchmarks: schools, counselors, training, titles.

At full scale (the defaults) the province gets about 15,000 schools and 150,000 counselors
spread over its 129 counties, a third of the counselors with training records and a few
thousand title applications at every stage of review. Rows are generated batch by batch and
written with bulk_create, all in one transaction, so a failed run leaves nothing behind.
Every row satisfies the models' constraints and validators (ID numbers carry a valid GB 11643
check digit, the birth date they encode and the county they were issued in). The command
refuses to run in production, and on a database that already has schools or counselors
unless --force is given.
"""

from __future__ import annotations

import datetime
import math
import random
import time
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.core import clock
from apps.counselors.choices import CounselorPost, Gender, PostRank, TeacherTitle
from apps.counselors.models import Counselor
from apps.counselors.validators import build_id_number
from apps.devtools.scale_areas import seed_areas
from apps.organizations.choices import DivisionLevel, SchoolType
from apps.organizations.models import Division, School
from apps.organizations.services import brigades_seed_for, divisions_load
from apps.titles.choices import TARGET_TITLES, TITLE_RANK, ApplicationStatus, Decision, Track
from apps.titles.choices import ReviewLevel as Level
from apps.titles.models import ReviewStep, TitleApplication
from apps.training.choices import CourseCategory
from apps.training.models import Attendance, Course, TrainingPlan

SEED_USERNAME = "seed_scale"

# Common surnames, including ones frequent among Yunnan's Yi, Bai, Hani and Dai peoples.
SURNAMES = (
    "李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
    "苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
    "普者刀岩段施和字杞龙"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅云琼艳萍建国志文斌浩宇欣怡"
    "佳琪晨阳晓燕春雪丹凤宏亮海燕丽萍金花学兵永福家兴绍荣正德光辉树林俊杰"
)
# Yunnan's population by ethnicity, roughly (2020 census shares).
ETHNICITY_WEIGHTS = {
    "汉族": 66.0,
    "彝族": 10.6,
    "哈尼族": 3.6,
    "白族": 3.4,
    "傣族": 2.7,
    "壮族": 2.6,
    "苗族": 2.6,
    "回族": 1.5,
    "傈僳族": 1.5,
    "拉祜族": 1.0,
    "佤族": 0.9,
    "纳西族": 0.7,
    "瑶族": 0.5,
    "景颇族": 0.3,
    "藏族": 0.3,
    "布朗族": 0.3,
}
SCHOOL_TYPE_WEIGHTS = {
    SchoolType.PRIMARY: 70,
    SchoolType.JUNIOR: 15,
    SchoolType.NINE_YEAR: 10,
    SchoolType.COMPLETE: 5,
}
SCHOOL_TYPE_WORDS = {
    SchoolType.PRIMARY: "小学",
    SchoolType.JUNIOR: "中学",
    SchoolType.NINE_YEAR: "九年一贯制学校",
    SchoolType.COMPLETE: "完全中学",
}
TITLE_WEIGHTS = {
    TeacherTitle.NONE: 8,
    TeacherTitle.THIRD: 7,
    TeacherTitle.SECOND: 40,
    TeacherTitle.FIRST: 35,
    TeacherTitle.SENIOR: 9,
    TeacherTitle.PROFESSOR: 1,
}
# Shares of counselors with one and with a second training record, and with an application.
TRAINED_SHARE = 0.30
TRAINED_TWICE_SHARE = 0.08
APPLICATION_SHARE = 0.03
COURSE_CAPACITY = 400
APPLICATION_STATUS_WEIGHTS = {
    ApplicationStatus.DRAFT: 10,
    ApplicationStatus.SUBMITTED: 30,
    ApplicationStatus.RETURNED: 10,
    ApplicationStatus.APPROVED: 35,
    ApplicationStatus.REJECTED: 15,
}
LEVELS = list(Level)
PLANS = (
    ("2014-2017年云南省少先队辅导员培训规划", 2014, 2017, 1000),
    ("2018-2022年云南省少先队辅导员五年培训规划", 2018, 2022, 1500),
)
BIRTH_FIRST = datetime.date(1966, 1, 1)
BIRTH_SPAN_DAYS = (datetime.date(2000, 12, 31) - BIRTH_FIRST).days


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class Totals:
    schools: int = 0
    counselors: int = 0
    courses: int = 0
    attendances: int = 0
    applications: int = 0
    steps: int = 0


class Command(BaseCommand):
    help = (
        "Seed provincial-scale synthetic data (schools, counselors, training, title "
        "applications) for benchmarks. Refuses in production, and on a non-empty database "
        "unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=15000, help="schools (15000)")
        parser.add_argument("--counselors", type=int, default=150000, help="counselors (150000)")
        parser.add_argument("--seed", type=int, default=2026, help="random seed (reproducible)")
        parser.add_argument("--batch-size", type=int, default=5000, help="rows per INSERT")
        parser.add_argument(
            "--force",
            action="store_true",
            help="add the data even though the database already holds schools or counselors",
        )

    def handle(self, *args, schools, counselors, seed, batch_size, force, **options):
        if settings.PORTAL_PRODUCTION:
            raise CommandError("seed_scale refuses to run in production (PORTAL_PRODUCTION=true).")
        if schools < 1 or counselors < 0 or batch_size < 1:
            raise CommandError("--schools and --batch-size must be positive, --counselors >= 0.")
        if (School.objects.exists() or Counselor.objects.exists()) and not force:
            raise CommandError(
                "The database already holds schools or counselors; seed_scale needs an empty "
                "one (or --force to add to it)."
            )
        province = settings.PORTAL_PROVINCE_CODE[:2]
        counties = self._counties(province)
        started = time.monotonic()
        self.rng = random.Random(seed)
        self.batch_size = batch_size
        self.totals = Totals()
        with transaction.atomic():
            self.seed_user = self._seed_user(province)
            self.courses = self._courses(counselors)
            school_rows = self._schools(counties, schools, force)
            self._counselors(counties, school_rows, counselors, force)
            areas = seed_areas(
                counties=counties,
                schools=school_rows,
                rng=self.rng,
                stdout=self.stdout,
                user=self.seed_user,
            )
        self._refresh_statistics()
        elapsed = time.monotonic() - started
        t = self.totals
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {t.schools} schools, {t.counselors} counselors, {t.courses} courses, "
                f"{t.attendances} attendances, {t.applications} title applications "
                f"({t.steps} review steps) in {elapsed:.1f} s."
            )
        )
        self.stdout.write(
            "Areas: " + (", ".join(f"{n} {label}" for label, n in areas.items()) or "nothing new")
        )

    def _refresh_statistics(self) -> None:
        """Give the query planner statistics for the tables just filled.

        A table filled in one bulk transaction has none until autovacuum samples it (never,
        where autovacuum is off). Without them the planner guesses about 200 of 150,000
        counselors in the province and joins and sorts them all for one list page (130-500 ms)
        instead of walking the counselor_keyset_order index (0.3 ms), so a benchmark would
        measure a database no one runs. VACUUM also marks the pages all-visible, so counts
        become index-only scans; it cannot run inside a transaction (tests), where ANALYZE
        alone does.
        """
        # Every table: the brigades, squads and history rows the services write as well as
        # the rows this command inserts (a table left out keeps the planner guessing: the
        # squads of one school were read by a scan of all of them).
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                cursor.execute("VACUUM (ANALYZE)")
            else:
                cursor.execute("ANALYZE")

    def _counties(self, province: str) -> list[Division]:
        counties = Division.objects.filter(
            level=DivisionLevel.COUNTY, code__startswith=province
        ).select_related("parent")
        if not counties.exists():
            # load_divisions first: the tree is reference data every school hangs from.
            divisions_load(province_code=province)
        counties = list(counties.order_by("code"))
        if not counties:
            raise CommandError(f"Province {province} has no counties to seed.")
        return counties

    def _seed_user(self, province: str) -> User:
        """The account the generated applications and reviews are recorded against; it
        cannot sign in."""
        user, created = User.objects.get_or_create(
            username=SEED_USERNAME,
            defaults={
                "role": Role.PROVINCIAL_ADMIN,
                "division_id": f"{province}0000",
                "is_active": False,
                "full_name": "规模数据",
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        return user

    def _courses(self, counselors: int) -> list[list]:
        """Enough courses for the expected attendances at COURSE_CAPACITY each; returns
        [course, seats taken] pairs."""
        plans = []
        for name, start, end, target in PLANS:
            plan, _ = TrainingPlan.objects.get_or_create(
                name=name,
                defaults={
                    "start_year": start,
                    "end_year": end,
                    "issuing_body": "共青团云南省委、云南省教育厅、云南省少工委",
                    "target_total": target,
                },
            )
            plans.append(plan)
        expected = counselors * (TRAINED_SHARE + TRAINED_TWICE_SHARE)
        count = max(4, math.ceil(expected / (COURSE_CAPACITY * 0.9)))
        courses = []
        for n in range(count):
            plan = plans[n % len(plans)]
            year = plan.start_year + (n // len(plans)) % (plan.end_year - plan.start_year + 1)
            start = datetime.date(year, 1 + n % 11, 1 + n % 25)
            provincial = n % 5 < 3
            courses.append(
                Course(
                    plan=plan if provincial else None,
                    name=f"{year}年少先队辅导员{'省级' if provincial else '州市'}培训第{n + 1}期",
                    category=CourseCategory.PROVINCIAL if provincial else CourseCategory.PREFECTURE,
                    organiser="云南省少工委" if provincial else "州（市）少工委",
                    start_date=start,
                    end_date=start + datetime.timedelta(days=4),
                    hours=Decimal("40.0") if provincial else Decimal("24.0"),
                    capacity=COURSE_CAPACITY,
                )
            )
        Course.objects.bulk_create(courses, batch_size=self.batch_size)
        self.totals.courses = len(courses)
        return [[course, 0] for course in courses]

    def _schools(self, counties, total: int, force: bool) -> list[School]:
        rng = self.rng
        if total < len(counties):
            # Too few schools for one a county (a test's scale): some counties get none.
            counties = sorted(rng.sample(counties, total), key=lambda county: county.code)
        weights = [rng.uniform(0.5, 1.5) for _ in counties]
        scale = total / sum(weights)
        per_county = [max(1, int(w * scale)) for w in weights]
        # Hand out what rounding left over (or took too much) one school at a time.
        i = 0
        while sum(per_county) != total:
            index = i % len(counties)
            if sum(per_county) < total:
                per_county[index] += 1
            elif per_county[index] > 1:
                per_county[index] -= 1
            i += 1
        taken = set()
        if force:
            taken = set(School.objects.values_list("county_id", "name"))
        rows = []
        for county, count in zip(counties, per_county, strict=True):
            n = 0
            for _ in range(count):
                school_type = _pick(rng, SCHOOL_TYPE_WEIGHTS)
                word = SCHOOL_TYPE_WORDS[school_type]
                n += 1
                name = f"{county.name}第{n}{word}"
                while (county.code, name) in taken:
                    n += 1
                    name = f"{county.name}第{n}{word}"
                primary = school_type in (SchoolType.PRIMARY, SchoolType.NINE_YEAR)
                rows.append(
                    School(
                        name=name,
                        county=county,
                        school_type=school_type,
                        is_migrant_children_school=rng.random() < 0.05,
                        is_red_scarf_demonstration=rng.random() < 0.01,
                        is_transition_pilot=not primary and rng.random() < 0.03,
                        has_drum_corps=rng.random() < 0.10,
                        brigade_count=1,
                        squad_count=rng.randint(6, 36) if primary else rng.randint(3, 18),
                        address=f"云南省{county.parent.name if county.parent_id else ''}"
                        f"{county.name}{rng.randint(1, 300)}号",
                    )
                )
        School.objects.bulk_create(rows, batch_size=self.batch_size)
        if any(school.pk is None for school in rows):
            # A database that cannot return ids from a bulk insert: read them back.
            ids = {
                (county_id, name): pk
                for pk, county_id, name in School.objects.values_list("pk", "county_id", "name")
            }
            for school in rows:
                school.pk = school.id = ids[(school.county_id, school.name)]
        # Each school's brigade and squads as rows, as the counts above say (synthetic data:
        # no history rows).
        brigades_seed_for(rows, history=False)
        self.totals.schools = len(rows)
        return rows

    def _counselors(self, counties, schools: list[School], total: int, force: bool) -> None:
        rng = self.rng
        used_ids = set(Counselor.objects.values_list("id_number", flat=True)) if force else set()
        # (county code, birth date, sex bit) -> next sequence number, for unique ID numbers.
        sequences: dict[tuple, int] = {}
        plan: list[tuple[Division, School | None, str]] = []
        chiefs = min(len(counties), total)
        for county in counties[:chiefs]:
            plan.append((county, None, CounselorPost.COUNTY_CHIEF))
        remaining = total - chiefs
        # School counselors in proportion to squads: one brigade counselor first, then squads.
        squads = sum(school.squad_count + 1 for school in schools)
        shares = [remaining * (school.squad_count + 1) / squads for school in schools]
        counts = [int(share) for share in shares]
        leftover = remaining - sum(counts)
        for index in sorted(range(len(schools)), key=lambda k: shares[k] - counts[k], reverse=True)[
            :leftover
        ]:
            counts[index] += 1
        county_by_code = {county.code: county for county in counties}
        batch: list[Counselor] = []

        def flush():
            if batch:
                self._insert_counselors(batch)
                batch.clear()

        def add(county, school, post):
            gender = Gender.MALE if rng.random() < 0.35 else Gender.FEMALE
            sex_bit = 1 if gender == Gender.MALE else 0
            while True:
                birth = BIRTH_FIRST + datetime.timedelta(days=rng.randrange(BIRTH_SPAN_DAYS))
                key = (county.code, birth, sex_bit)
                k = sequences.get(key, 0)
                # The 17th digit tells the sex: odd for men, even for women.
                sequence = 2 * k + 1 if sex_bit else 2 * k + 2
                if sequence > 999:
                    continue
                sequences[key] = k + 1
                id_number = build_id_number(region=county.code, birth=birth, sequence=sequence)
                if id_number not in used_ids:
                    used_ids.add(id_number)
                    break
            if post == CounselorPost.BRIGADE:
                rank = _pick(rng, {PostRank.BELOW: 40, PostRank.MIDDLE: 50, PostRank.ABOVE: 10})
            elif post == CounselorPost.COUNTY_CHIEF:
                rank = _pick(rng, {PostRank.MIDDLE: 60, PostRank.ABOVE: 40})
            else:
                rank = _pick(rng, {PostRank.BELOW: 95, PostRank.MIDDLE: 5})
            batch.append(
                Counselor(
                    name=rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2)))),
                    gender=gender,
                    ethnicity=_pick(rng, ETHNICITY_WEIGHTS),
                    birth_date=birth,
                    id_number=id_number,
                    phone=f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
                    county=county,
                    school=school,
                    post=post,
                    post_rank=rank,
                    teacher_title=_pick(rng, TITLE_WEIGHTS),
                )
            )
            if len(batch) >= self.batch_size:
                flush()

        for county, school, post in plan:
            add(county, school, post)
        for school, count in zip(schools, counts, strict=True):
            county = county_by_code[school.county_id]
            for k in range(count):
                add(county, school, CounselorPost.BRIGADE if k == 0 else CounselorPost.SQUAD)
        flush()

    def _insert_counselors(self, batch: list[Counselor]) -> None:
        Counselor.objects.bulk_create(batch, batch_size=self.batch_size)
        if any(counselor.pk is None for counselor in batch):
            ids = dict(
                Counselor.objects.filter(id_number__in=[c.id_number for c in batch]).values_list(
                    "id_number", "pk"
                )
            )
            for counselor in batch:
                counselor.pk = counselor.id = ids[counselor.id_number]
        self.totals.counselors += len(batch)
        self._attendances(batch)
        self._applications(batch)

    def _next_course(self, exclude=None):
        # Fill courses in turn; when every one is full, the least-filled takes the overflow.
        for slot in self.courses:
            if slot[1] < COURSE_CAPACITY and slot[0] is not exclude:
                slot[1] += 1
                return slot[0]
        slot = min((s for s in self.courses if s[0] is not exclude), key=lambda s: s[1])
        slot[1] += 1
        return slot[0]

    def _attendances(self, counselors: list[Counselor]) -> None:
        rng = self.rng
        rows = []
        for counselor in counselors:
            draw = rng.random()
            if draw >= TRAINED_SHARE:
                continue
            courses = [self._next_course()]
            if draw < TRAINED_TWICE_SHARE:
                courses.append(self._next_course(exclude=courses[0]))
            for course in courses:
                rows.append(
                    Attendance(
                        course=course,
                        counselor=counselor,
                        hours=course.hours,
                        certificate_number=f"ZS{course.pk:05d}-{counselor.pk:09d}",
                        created_by=self.seed_user,
                        updated_by=self.seed_user,
                    )
                )
        Attendance.objects.bulk_create(rows, batch_size=self.batch_size)
        self.totals.attendances += len(rows)

    def _applications(self, counselors: list[Counselor]) -> None:
        rng = self.rng
        # The portal's clock, so a run inside clock.travel(...) dates its applications there.
        now = clock.now()
        applications, plans = [], []
        for counselor in counselors:
            if counselor.school_id is None or rng.random() >= APPLICATION_SHARE:
                continue
            current = TITLE_RANK[counselor.teacher_title]
            targets = [t for t in TARGET_TITLES if TITLE_RANK[t] > current]
            if not targets:
                continue
            status = _pick(rng, APPLICATION_STATUS_WEIGHTS)
            submitted = None if status == ApplicationStatus.DRAFT else now
            level = rng.choice(LEVELS) if status == ApplicationStatus.SUBMITTED else None
            final = status in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED)
            applications.append(
                TitleApplication(
                    applicant=counselor,
                    track=Track.YP_ACTIVITIES if rng.random() < 0.4 else Track.SUBJECT,
                    target_title=targets[0],
                    year=rng.randint(2016, 2025),
                    statement="担任少先队辅导员以来，组织主题队日、红领巾广播站和鼓号队训练。",
                    status=status,
                    current_level=level or "",
                    submission_count=0 if status == ApplicationStatus.DRAFT else 1,
                    submitted_at=submitted,
                    waiting_since=now if level else None,
                    decided_at=now if final else None,
                    created_by=self.seed_user,
                    updated_by=self.seed_user,
                )
            )
            plans.append((status, level))
        TitleApplication.objects.bulk_create(applications, batch_size=self.batch_size)
        steps = []
        for application, (status, level) in zip(applications, plans, strict=True):
            steps.extend(self._steps(application, status, level))
        ReviewStep.objects.bulk_create(steps, batch_size=self.batch_size)
        self.totals.applications += len(applications)
        self.totals.steps += len(steps)

    def _steps(self, application, status, level) -> list[ReviewStep]:
        """The review history that leads to ``status``: approvals up the chain, then the
        return or rejection that stopped it, if any."""
        rng = self.rng
        if status == ApplicationStatus.DRAFT:
            return []
        if status == ApplicationStatus.SUBMITTED:
            approved, last = LEVELS[: LEVELS.index(level)], None
        elif status == ApplicationStatus.APPROVED:
            approved, last = LEVELS, None
        else:
            stop = rng.randrange(len(LEVELS))
            approved = LEVELS[:stop]
            last = (
                LEVELS[stop],
                Decision.RETURN if status == ApplicationStatus.RETURNED else Decision.REJECT,
            )
        steps = [
            ReviewStep(
                application=application,
                level=step_level,
                round=1,
                reviewer=self.seed_user,
                decision=Decision.APPROVE,
            )
            for step_level in approved
        ]
        if last is not None:
            steps.append(
                ReviewStep(
                    application=application,
                    level=last[0],
                    round=1,
                    reviewer=self.seed_user,
                    decision=last[1],
                    comment="材料不完整，请补充近三年少先队活动记录。",
                )
            )
        return steps
