"""Demo title applications (called by ``seed_demo`` after the counselors and training).

The source: "去年，昆明、玉溪、曲靖均有少先队辅导员以'少先队活动'获职称评定" — in the 2017
round, counselors in Kunming, Yuxi and Qujing won titles on the Young Pioneer activities track.
The 2017 round is complete: those approvals (one after a return and resubmission), two
teaching-subject approvals and a rejection. The 2018 round is under way, with applications
waiting at every level, one returned to the demo ``counselor`` account and one draft. The
current year's round has an application waiting for each demo reviewer, from the last few
weeks, so there is something to act on.

Everything goes through the services, which refuse a round already past: each step is taken
with the portal's clock set to the day it happened (``core.clock.travel``), so the
applications, evidence and review steps carry their own dates and pass the rules users
meet. Applicants are picked from the seeded counselors and given a counselor account when
they have none; reviewers are the demo education accounts, plus an education account for
each school, county or prefecture that has none.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from django.utils import timezone
from faker import Faker

from apps.accounts.choices import Role
from apps.accounts.demo import education_unit
from apps.accounts.models import User
from apps.accounts.services import user_create
from apps.core import clock
from apps.counselors.choices import CounselorPost
from apps.counselors.models import Counselor
from apps.counselors.services import counselor_link_user
from apps.organizations.models import Division, School
from apps.titles import services
from apps.titles.choices import (
    TARGET_TITLES,
    TITLE_RANK,
    ApplicationStatus,
    Decision,
    ReviewLevel,
    Track,
)
from apps.titles.models import TitleApplication

DEMO_COUNSELOR_USERNAME = "counselor"

A, R, J = Decision.APPROVE, Decision.RETURN, Decision.REJECT
FULL_CHAIN = [A, A, A, A]
RESUBMIT = "resubmit"

# (year, county or prefecture code, track, decisions in order, level by level; RESUBMIT
# starts a new submission at the first level; None: left as a draft)
PLAN: list[tuple[int, str, Track, list | None]] = [
    # 2017: Young Pioneer activities titles won in Kunming, Yuxi and Qujing.
    (2017, "530102", Track.YP_ACTIVITIES, [A, R, RESUBMIT, *FULL_CHAIN]),
    (2017, "530103", Track.YP_ACTIVITIES, FULL_CHAIN),
    (2017, "530402", Track.YP_ACTIVITIES, FULL_CHAIN),
    (2017, "530302", Track.YP_ACTIVITIES, FULL_CHAIN),
    (2017, "530111", Track.SUBJECT, FULL_CHAIN),
    (2017, "530600", Track.SUBJECT, FULL_CHAIN),
    (2017, "532300", Track.YP_ACTIVITIES, [A, A, J]),
    # 2018: under way.
    (2018, "530102", Track.YP_ACTIVITIES, [A]),
    (2018, "530112", Track.SUBJECT, [A, A]),
    (2018, "530400", Track.YP_ACTIVITIES, [A, A]),
    (2018, "530300", Track.SUBJECT, [A, A, A]),
    (2018, "530100", Track.YP_ACTIVITIES, [A, A, A]),
    (2018, "532500", Track.YP_ACTIVITIES, []),
    (2018, "530500", Track.SUBJECT, [A, A, R]),
    (2018, "530800", Track.YP_ACTIVITIES, None),
]
# The demo counselor account's own application: returned by its school.
DEMO_COUNSELOR_PLAN = (2018, Track.YP_ACTIVITIES, [R])
# The current round: one application waiting for each demo reviewer (the demo counselor's
# school in Wuhua, the Wuhua county, Kunming, Yuxi, the province).
CURRENT_PLAN: list[tuple[str, Track, list]] = [
    ("530102", Track.SUBJECT, []),
    ("530102", Track.YP_ACTIVITIES, [A]),
    ("530100", Track.YP_ACTIVITIES, [A, A]),
    ("530400", Track.SUBJECT, [A, A]),
    ("530300", Track.YP_ACTIVITIES, [A, A, A]),
]
# Days between the steps of a past round (submission, then each decision), and of the
# current one, which started CURRENT_START_DAYS ago.
PAST_PACE = ((2, 10), (7, 25), (5, 15))
CURRENT_PACE = ((1, 2), (1, 3), (1, 2))
CURRENT_START_DAYS = 14

STATEMENTS = {
    Track.YP_ACTIVITIES: [
        "任少先队大队辅导员{years}年，每学期开设少先队活动课，组织“红领巾小社团”和鼓号队训练，"
        "所带大队获评县级红领巾示范大队。",
        "长期从事少先队工作{years}年，设计“向习爷爷说句心里话”主题队日活动，"
        "参加省培项目少先队辅导员面对面培训并取得结业证书。",
        "担任学校大队辅导员{years}年，建立红领巾广播站，指导中队开展“大手拉小手”结对活动，"
        "撰写的少先队活动课案例在州市交流。",
    ],
    Track.SUBJECT: [
        "任语文教师兼中队辅导员{years}年，承担县级公开课三节，所带班级学业质量稳步提升。",
        "任数学教师{years}年并兼任少先队中队辅导员，主持校级课题一项，指导青年教师两名。",
    ],
}
RETURN_REASONS = [
    "请补充近三年少先队活动课教案及获奖证书。",
    "佐证材料缺少任现职以来的年度考核结果，请补充后重新提交。",
    "申报材料中的任职年限与人事档案不一致，请核对后重新提交。",
]
REJECT_REASON = "任现职年限不满足申报条件，本年度不予通过。"
EVIDENCE_NAMES = ["任职证明.pdf", "培训结业证书.pdf", "少先队活动课教案.pdf", "年度考核表.pdf"]


def _pdf(text: str) -> bytes:
    """A one-page PDF saying ``text`` (ASCII), with a correct cross-reference table."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _next_title(current: str) -> str | None:
    above = [t for t in TARGET_TITLES if TITLE_RANK[t] > TITLE_RANK[current]]
    return above[0].value if above else None


@dataclass
class _Timeline:
    """The moment each step of one application is taken at, moving forward step by step."""

    moment: datetime.datetime
    rng: random.Random

    def advance(self, days: tuple[int, int]) -> datetime.datetime:
        low, high = days
        self.moment += datetime.timedelta(
            days=self.rng.randint(low, high), hours=self.rng.randint(0, 6)
        )
        return self.moment


class _Seeder:
    def __init__(self, rng: random.Random, stdout):
        self.rng = rng
        self.stdout = stdout
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(rng.getrandbits(32))
        self.used: set[int] = set()
        self.used_now: set[int] = set()
        self.reviewers: dict[tuple[str, object], User] = {}
        self.accounts_created = 0
        self.admin = User.objects.filter(role=Role.PROVINCIAL_ADMIN).order_by("pk").first()
        if self.admin is None:
            raise CommandError("Title demo: no provincial administrator; seed the accounts first.")

    # People

    def pick_applicant(self, code: str, *, current: bool = False, school=None) -> Counselor:
        """A school counselor in the division ``code`` (county or prefecture), or of
        ``school`` when it has one, who can still be promoted, preferring brigade counselors;
        never the same one twice in the past rounds. The current round takes someone new when
        it can, else an earlier applicant."""
        prefix = code if not code.endswith("00") else code[:4]
        in_division = Counselor.objects.filter(
            county__code__startswith=prefix, school__isnull=False
        ).order_by("-post", "pk")
        if school is not None:
            at_school = in_division.filter(school=school, user__isnull=True)
            if any(_next_title(c.teacher_title) for c in at_school):
                in_division = at_school
        fresh = in_division.filter(user__isnull=True).exclude(pk__in=self.used | self.used_now)
        candidates = [c for c in fresh[:200] if _next_title(c.teacher_title)]
        if not candidates and current:
            earlier = in_division.filter(pk__in=self.used - self.used_now)
            candidates = [c for c in earlier if _next_title(c.teacher_title)]
        if not candidates:
            raise CommandError(
                f"Title demo: no counselor without an account in {code} to apply; "
                "the counselors seeder must run first."
            )
        brigade = [c for c in candidates if c.post == CounselorPost.BRIGADE]
        counselor = self.rng.choice(brigade or candidates)
        (self.used_now if current else self.used).add(counselor.pk)
        return counselor

    def ensure_account(self, counselor: Counselor) -> User:
        if counselor.user_id:
            return counselor.user
        user = user_create(
            username=f"counselor_{counselor.pk}",
            password=settings.DEMO_PASSWORD,
            role=Role.COUNSELOR,
            school=counselor.school,
            full_name=counselor.name,
            work_unit=counselor.school.name,
            department="少先队大队",
        )
        counselor_link_user(actor=self.admin, counselor=counselor, user=user)
        self.accounts_created += 1
        return user

    def reviewer(self, level: ReviewLevel, counselor: Counselor) -> User:
        """The education account that reviews ``counselor``'s application at ``level``."""
        if level == ReviewLevel.SCHOOL:
            scope = {"school": counselor.school}
            username = f"edu_school_{counselor.school_id}"
            unit = (counselor.school.name, "德育处")
        else:
            code = {
                ReviewLevel.COUNTY: counselor.county_id,
                ReviewLevel.PREFECTURE: counselor.county_id[:4] + "00",
                ReviewLevel.PROVINCE: counselor.county_id[:2] + "0000",
            }[level]
            scope = {"division": Division.objects.get(code=code)}
            username = f"edu_{code}"
            unit = education_unit(scope["division"])
        key = (level, next(iter(scope.values())).pk)
        if key not in self.reviewers:
            existing = (
                User.objects.filter(role=Role.EDUCATION, is_active=True, **scope)
                .order_by("pk")
                .first()
            )
            if existing is None:
                existing = user_create(
                    username=username,
                    password=settings.DEMO_PASSWORD,
                    role=Role.EDUCATION,
                    full_name=self.fake.name(),
                    work_unit=unit[0],
                    department=unit[1],
                    **scope,
                )
                self.accounts_created += 1
            self.reviewers[key] = existing
        return self.reviewers[key]

    # Applications

    def application(
        self, counselor: Counselor, year: int, track: Track, script, *, start=None, pace=PAST_PACE
    ) -> None:
        """``counselor`` applies for the ``year`` round and the reviewers follow ``script``,
        each step at its own moment from ``start`` (by default, in March of that year)."""
        user = self.ensure_account(counselor)
        if start is None:
            start = timezone.make_aware(datetime.datetime(year, 3, 1, 9))
            start += datetime.timedelta(days=self.rng.randint(0, 40))
        timeline = _Timeline(moment=start, rng=self.rng)
        statement = self.rng.choice(STATEMENTS[track]).format(years=self.rng.randint(5, 16))
        with clock.travel(timeline.moment):
            application = services.title_application_create(
                actor=user,
                track=track,
                target_title=_next_title(counselor.teacher_title),
                year=year,
                statement=statement,
            )
            for name in self.rng.sample(EVIDENCE_NAMES, self.rng.randint(1, 3)):
                upload = SimpleUploadedFile(
                    name, _pdf(f"Demo evidence {year}"), content_type="application/pdf"
                )
                services.evidence_add(actor=user, application=application, upload=upload)
        if script is not None:
            self._run(application, counselor, user, script, timeline, pace)

    def _run(self, application, counselor, user, script, timeline, pace) -> None:
        submit_days, decision_days, resubmit_days = pace
        with clock.travel(timeline.advance(submit_days)):
            application = services.title_application_submit(actor=user, application=application)
        for decision in script:
            if decision == RESUBMIT:
                with clock.travel(timeline.advance(resubmit_days)):
                    application = services.title_application_resubmit(
                        actor=user, application=application
                    )
                continue
            level = ReviewLevel(application.current_level)
            comment = {
                R: self.rng.choice(RETURN_REASONS),
                J: REJECT_REASON,
            }.get(decision, "")
            with clock.travel(timeline.advance(decision_days)):
                step = services.title_application_review(
                    actor=self.reviewer(level, counselor),
                    application=application,
                    decision=decision,
                    comment=comment,
                    seen_version=application.version,
                )
            application = step.application

    def current_round(self) -> int:
        """Applications of this year's round waiting for each demo reviewer, from the last
        few weeks; returns how many."""
        now, year = clock.now(), clock.today().year
        # The one waiting at its school comes from the demo counselor's school, whose
        # reviewer is the README's edu_school account.
        demo_school = School.objects.filter(users__username=DEMO_COUNSELOR_USERNAME).first()
        for code, track, script in CURRENT_PLAN:
            start = now - datetime.timedelta(days=CURRENT_START_DAYS, hours=self.rng.randint(0, 48))
            school = demo_school if not script else None
            counselor = self.pick_applicant(code, current=True, school=school)
            self.application(counselor, year, track, script, start=start, pace=CURRENT_PACE)
        return len(CURRENT_PLAN)


def seed(*, rng: random.Random, stdout) -> None:
    """The 2017 and 2018 rounds of title applications; needs the counselors and accounts."""
    if not Counselor.objects.exists():
        raise CommandError("Title demo: no counselors; the counselors seeder must run first.")
    seeder = _Seeder(rng, stdout)
    for year, code, track, script in PLAN:
        seeder.application(seeder.pick_applicant(code), year, track, script)

    demo = Counselor.objects.filter(user__username=DEMO_COUNSELOR_USERNAME).first()
    if demo is not None and _next_title(demo.teacher_title):
        year, track, script = DEMO_COUNSELOR_PLAN
        seeder.application(demo, year, track, script)
    current = seeder.current_round()

    approved = TitleApplication.objects.filter(
        year=2017, track=Track.YP_ACTIVITIES, status=ApplicationStatus.APPROVED
    ).count()
    stdout.write(
        f"Title applications: {TitleApplication.objects.count()} "
        f"({approved} Young Pioneer activities titles won in 2017, {current} waiting in the "
        f"current round), "
        f"{seeder.accounts_created} accounts added for applicants and reviewers."
    )
