"""Demo data for special funds, reproducing the source document's 2017 funds through the
area's own services (inside ``clock.travel`` for the 2017 dates):

- “向习爷爷说句心里话” June 1st theme activity: 220,000.00 from the Department of Education
  and the provincial League (“20多万元”), to grassroots schools;
- “我是光荣的少先队员” Pioneers' Day special fund: 3,000,000.00, all of it to migrant workers'
  children schools, through an envelope to every prefecture (Kunming passes one on to Wuhua);
- 300,000.00 from the Department of Education for the provincial committee to equip 100
  drum-and-bugle corps (3,000.00 each), and 200,000.00 for 20 red-scarf demonstration
  schools (10,000.00 each), matching the school flags the organizations demo sets.

Some allocations have accepted usage reports (one returning a remainder), one large one carries
both sign-offs, one was sent back, one cancelled. Open work is dated the day the demo is
seeded, each step waiting for a documented account:

- ``edu_kunming`` approves a planned Kunming allocation (dashboard → 待办);
- ``league_province`` approves the June 1st allocation ``edu_province`` sent back;
- ``fund_school`` (education staff of the demo counselor's school) reports the usage of a
  disbursed allocation;
- ``edu_province`` accepts the usage report ``fund_migrant`` submitted.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from decimal import Decimal

from django.conf import settings

from apps.accounts.choices import Role
from apps.accounts.demo import counselor_school
from apps.accounts.models import User
from apps.accounts.services import user_create
from apps.core import clock
from apps.funding import services
from apps.funding.choices import FundingBody, ProgramStatus, Target
from apps.funding.forms import ProgramForm
from apps.funding.models import Allocation, Program
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division, School

FEN = Decimal("0.01")
YEAR = 2017
# Kunming's main urban districts, where its migrant workers' children schools are.
KUNMING = "530100"
WUHUA = "530102"
PIONEERS_DAY_BUDGET = Decimal("3000000.00")
KUNMING_ENVELOPE = Decimal("1200000.00")
WUHUA_ENVELOPE = Decimal("100000.00")
PIONEERS_DAY_THRESHOLD = Decimal("150000.00")
LARGE_ALLOCATION = Decimal("200000.00")
JUNE_FIRST_PER_PREFECTURE = Decimal("9000.00")

# The four 2017 programs: who opened each and on which day, then its terms as
# ``program_create`` takes them (the year is YEAR, the division the province).
PROGRAMS = {
    "drum_corps": {
        "opened_on": datetime.date(YEAR, 3, 1),
        "actor": "edu_province",
        "name": "援建少先队鼓号队",
        "purpose": "省教育厅划拨资金支持省少工委援建少先队鼓号队100支，推进少先队活动阵地建设。",
        "bodies": [FundingBody.EDUCATION, FundingBody.WORK_COMMITTEE],
        "target": Target.DRUM_CORPS,
        "total_budget": Decimal("300000.00"),
        "dual_signoff_threshold": Decimal("50000.00"),
    },
    "red_scarf": {
        "opened_on": datetime.date(YEAR, 3, 1),
        "actor": "edu_province",
        "name": "共建红领巾示范校",
        "purpose": "省教育厅划拨资金共建20家红领巾示范校。",
        "bodies": [FundingBody.EDUCATION, FundingBody.WORK_COMMITTEE],
        "target": Target.RED_SCARF_DEMONSTRATION,
        "total_budget": Decimal("200000.00"),
        "dual_signoff_threshold": Decimal("50000.00"),
    },
    "june_first": {
        "opened_on": datetime.date(YEAR, 5, 8),
        "actor": "league_province",
        "name": "“向习爷爷说句心里话”主题队日活动",
        "purpose": "“六一”期间开展“向习爷爷说句心里话”主题队日活动，省教育厅、团省委共同"
        "协调资金，为基层少先队组织提供支持。",
        "bodies": [FundingBody.EDUCATION, FundingBody.LEAGUE],
        "target": Target.ANY_SCHOOL,
        "total_budget": Decimal("220000.00"),
        "dual_signoff_threshold": Decimal("20000.00"),
    },
    "pioneers_day": {
        "opened_on": datetime.date(YEAR, 9, 11),
        "actor": "league_province",
        "name": "“我是光荣的少先队员”主题活动少先队专项资金",
        "purpose": "建队纪念日期间联合开展“我是光荣的少先队员”主题活动，"
        "专项资金全部划拨至基层外来务工子女集中学校，提升少先队工作水平。",
        "bodies": [FundingBody.LEAGUE, FundingBody.EDUCATION],
        "target": Target.MIGRANT_CHILDREN,
        "total_budget": PIONEERS_DAY_BUDGET,
        "dual_signoff_threshold": PIONEERS_DAY_THRESHOLD,
    },
}
# The Department of Education's equipment grants: the program, and the same amount to every
# school carrying the flag.
EQUIPMENT_GRANTS = (
    ("drum_corps", Decimal("3000.00"), "has_drum_corps"),
    ("red_scarf", Decimal("10000.00"), "is_red_scarf_demonstration"),
)


def split(total: Decimal, parts: int) -> list[Decimal]:
    """``total`` in ``parts`` amounts to the fen that add up exactly (the odd fen first)."""
    base = (total / parts).quantize(FEN, rounding="ROUND_DOWN")
    extra = int((total - base * parts) / FEN)
    return [base + (FEN if index < extra else 0) for index in range(parts)]


class _Demo:
    def __init__(self, *, rng: random.Random, stdout):
        self.rng = rng
        self.stdout = stdout
        self.users = {u.username: u for u in User.objects.filter(username__in=_NAMES)}
        self.province = Division.objects.get(code=f"{settings.PORTAL_PROVINCE_CODE}0000")
        self.counselor_school = counselor_school()

    def user(self, name: str) -> User:
        return self.users[name]

    # Accounts -------------------------------------------------------------------------

    def create_accounts(self) -> None:
        """School staff who report usage: one at the counselor's school, one at a Kunming
        migrant workers' children school."""
        migrant = (
            School.objects.filter(county__code__startswith="5301", is_migrant_children_school=True)
            .exclude(pk=self.counselor_school.pk)
            .order_by("county_id", "name", "id")
            .first()
        )
        self.migrant_school = migrant
        for username, school, name in (
            ("fund_school", self.counselor_school, "赵雪梅"),
            ("fund_migrant", migrant, "杨立新"),
        ):
            self.users[username] = user_create(
                username=username,
                password=settings.DEMO_PASSWORD,
                role=Role.EDUCATION,
                school=school,
                full_name=name,
                work_unit=school.name,
                department="德育处",
            )

    # Steps through the services --------------------------------------------------------

    def allocate(self, program, school, amount, *, author, approvers, purpose=""):
        """Allocate, then sign with each approver; returns the allocation."""
        allocation = services.allocation_create(
            actor=self.user(author),
            program=program,
            recipient=school,
            amount=amount,
            purpose=purpose,
        )
        for approver in approvers:
            allocation = services.allocation_approve(
                actor=self.user(approver), allocation=allocation
            )
        return allocation

    def grant(self, program, school, amount, purpose="") -> Allocation:
        """The usual provincial allocation: the Department of Education allocates and the
        League signs."""
        return self.allocate(
            program,
            school,
            amount,
            author="edu_province",
            approvers=["league_province"],
            purpose=purpose,
        )

    def disburse(self, allocations: Sequence[Allocation], actor: str) -> list[Allocation]:
        return [
            services.allocation_disburse(actor=self.user(actor), allocation=a) for a in allocations
        ]

    def report_and_accept(self, allocation, *, reporter, accepter, spent, summary, accept_on):
        allocation = services.usage_report_submit(
            actor=self.user(reporter), allocation=allocation, spent=spent, summary=summary
        )
        with clock.travel(accept_on):
            return services.usage_accept(actor=self.user(accepter), allocation=allocation)

    def program(self, key: str) -> Program:
        """The program ``PROGRAMS[key]``, created and opened on its day."""
        terms = dict(PROGRAMS[key])
        opened_on, actor = terms.pop("opened_on"), terms.pop("actor")
        with clock.travel(opened_on):
            program = services.program_create(
                actor=self.user(actor), division=self.province, year=YEAR, **terms
            )
            return self.set_status(program, actor, ProgramStatus.OPEN)

    def set_status(self, program: Program, actor: str, status: str) -> Program:
        """Move ``program`` on to ``status``, every other term kept as it is."""
        return services.program_update(
            actor=self.user(actor),
            program=program,
            seen_version=program.version,
            status=status,
            **{term: getattr(program, term) for term in ProgramForm.TERMS},
        )

    # The four funds -----------------------------------------------------------------------

    def equipment_fund(self, key: str, *, each: Decimal, flag: str) -> Program:
        """One of the Department of Education's 2017 grants: the same amount to every school
        carrying the flag, approved, disbursed, and the program closed at the year's end."""
        program = self.program(key)
        schools = School.objects.filter(**{flag: True}).order_by("county_id", "name", "id")
        with clock.travel(datetime.date(YEAR, 3, 20)):
            allocations = [self.grant(program, school, each) for school in schools]
        with clock.travel(datetime.date(YEAR, 4, 12)):
            self.disburse(allocations, "edu_province")
        with clock.travel(datetime.date(YEAR, 12, 29)):
            return self.set_status(Program.objects.get(pk=program.pk), "edu_province", "closed")

    def pioneers_day_fund(self) -> Program:
        """3,000,000.00 for migrant workers' children schools, through prefecture envelopes."""
        program = self.program("pioneers_day")
        migrant = list(
            School.objects.filter(is_migrant_children_school=True).order_by(
                "county_id", "name", "id"
            )
        )
        prefectures = sorted({school.county_id[:4] for school in migrant} - {KUNMING[:4]})
        others = split(PIONEERS_DAY_BUDGET - KUNMING_ENVELOPE, len(prefectures))
        divisions = Division.objects.in_bulk([KUNMING, WUHUA, *(p + "00" for p in prefectures)])
        with clock.travel(datetime.date(YEAR, 9, 15)):
            for code, amount in [
                (KUNMING, KUNMING_ENVELOPE),
                *zip((p + "00" for p in prefectures), others, strict=True),
            ]:
                services.envelope_create(
                    actor=self.user("league_province"),
                    program=program,
                    division=divisions[code],
                    amount=amount,
                    note="切块下达",
                )
        with clock.travel(datetime.date(YEAR, 9, 18)):
            services.envelope_create(
                actor=self.user("league_kunming"),
                program=program,
                division=divisions[WUHUA],
                amount=WUHUA_ENVELOPE,
                note="五华区外来务工子女集中学校",
            )
        paid, planned_today = self._pioneers_day_allocations(program, migrant, prefectures, others)
        with clock.travel(datetime.date(YEAR, 10, 10)):
            paid = self.disburse(paid, "edu_province")
        with clock.travel(datetime.date(YEAR, 12, 15)):
            for allocation in paid:
                reporter = self.reporter_for(allocation)
                if reporter:
                    self.report_and_accept(
                        allocation,
                        reporter=reporter,
                        accepter="edu_kunming",
                        spent=allocation.amount,
                        summary="购置队旗、队鼓和中队角布置材料，开展入队仪式和主题队日活动。",
                        accept_on=datetime.date(YEAR, 12, 28),
                    )
        # Open work: the last Kunming allocation, made today, waits for edu_kunming.
        last_school, amount = planned_today
        self.allocate(
            program,
            last_school,
            amount,
            author="league_kunming",
            approvers=[],
            purpose="建队纪念日主题活动",
        )
        return program

    def _pioneers_day_allocations(self, program, migrant, prefectures, others):
        """Every migrant school gets its pot's share; returns the allocations to disburse and
        the one left to allocate today."""
        paid = []
        with clock.travel(datetime.date(YEAR, 9, 25)):
            wuhua = [s for s in migrant if s.county_id == WUHUA]
            for school, amount in zip(wuhua, split(WUHUA_ENVELOPE, len(wuhua)), strict=True):
                paid.append(
                    self.allocate(
                        program, school, amount, author="edu_wuhua", approvers=["edu_kunming"]
                    )
                )
            kunming = [
                s for s in migrant if s.county_id.startswith("5301") and s.county_id != WUHUA
            ]
            rest = KUNMING_ENVELOPE - WUHUA_ENVELOPE - LARGE_ALLOCATION
            amounts = [LARGE_ALLOCATION, *split(rest, len(kunming) - 1)]
            for school, amount in list(zip(kunming, amounts, strict=True))[:-1]:
                # Above the program's threshold both chairs of the province sign.
                approvers = (
                    ["league_province", "edu_province"]
                    if program.needs_dual_signoff(amount)
                    else ["edu_kunming"]
                )
                paid.append(
                    self.allocate(
                        program,
                        school,
                        amount,
                        author="league_kunming",
                        approvers=approvers,
                        purpose="建队纪念日主题活动",
                    )
                )
            for prefix, total in zip(prefectures, others, strict=True):
                schools = [s for s in migrant if s.county_id.startswith(prefix)]
                author = "edu_yuxi" if prefix == "5304" else "edu_province"
                for school, amount in zip(schools, split(total, len(schools)), strict=True):
                    paid.append(
                        self.allocate(
                            program, school, amount, author=author, approvers=["league_province"]
                        )
                    )
        return paid, (kunming[-1], amounts[-1])

    def reporter_for(self, allocation: Allocation) -> str | None:
        """The demo account that reports for the allocation's school, if there is one."""
        if allocation.recipient_school_id == self.counselor_school.pk:
            return "fund_school"
        if self.migrant_school and allocation.recipient_school_id == self.migrant_school.pk:
            return "fund_migrant"
        return None

    def june_first_fund(self) -> Program:
        """The June 1st theme activity: grassroots schools in every prefecture, with a large
        allocation signed by both chairs, a remainder returned, one cancelled, and open work
        dated today (a sent-back allocation, a disbursement awaiting its report, a report
        awaiting acceptance)."""
        program = self.program("june_first")
        counselor, migrant = self.counselor_school, self.migrant_school
        picked = {counselor.pk, migrant.pk}
        grassroots = []
        for prefecture in Division.objects.filter(level=DivisionLevel.PREFECTURE).order_by("code"):
            school = (
                School.objects.filter(county__parent=prefecture)
                .exclude(pk__in=picked)
                .order_by("county_id", "name", "id")
                .first()
            )
            if school is not None:
                picked.add(school.pk)
                grassroots.append(school)
        spare = School.objects.exclude(pk__in=picked).filter(county__code__startswith="5301")
        returned_school, cancelled_school = spare.order_by("county_id", "name", "id")[:2]
        with clock.travel(datetime.date(YEAR, 5, 15)):
            large = self.allocate(
                program,
                counselor,
                Decimal("30000.00"),
                author="admin",
                approvers=["league_province", "edu_province"],
                purpose="主题队日活动及红领巾广播站建设",
            )
            remainder = self.grant(program, migrant, Decimal("10000.00"), "主题队日活动")
            awaiting_acceptance = self.grant(
                program, migrant, Decimal("6000.00"), "“六一”书信活动材料"
            )
            grassroots = [
                self.grant(program, school, JUNE_FIRST_PER_PREFECTURE, "主题队日活动")
                for school in grassroots
            ]
            cancelled = self.allocate(
                program, cancelled_school, Decimal("5000.00"), author="edu_province", approvers=[]
            )
        with clock.travel(datetime.date(YEAR, 5, 20)):
            services.allocation_cancel(
                actor=self.user("edu_province"), allocation=cancelled, reason="与另一项目重复申报"
            )
        with clock.travel(datetime.date(YEAR, 5, 26)):
            large, remainder, awaiting_acceptance, *_ = self.disburse(
                [large, remainder, awaiting_acceptance, *grassroots], "edu_province"
            )
        with clock.travel(datetime.date(YEAR, 6, 20)):
            for allocation, reporter, spent, summary in (
                (
                    large,
                    "fund_school",
                    "30000.00",
                    "开展“向习爷爷说句心里话”主题队日，建成红领巾广播站。",
                ),
                (
                    remainder,
                    "fund_migrant",
                    "8600.00",
                    "主题队日活动材料及书信邮寄，结余1400元退回。",
                ),
            ):
                self.report_and_accept(
                    allocation,
                    reporter=reporter,
                    accepter="edu_province",
                    spent=Decimal(spent),
                    summary=summary,
                    accept_on=datetime.date(YEAR, 7, 5),
                )
        # Open work, dated today.
        returned = self.grant(program, returned_school, Decimal("10000.00"), "主题队日活动")
        services.allocation_return(
            actor=self.user("edu_province"),
            allocation=returned,
            reason="请补充活动方案后重新报批。",
        )
        awaiting_report = self.grant(program, counselor, Decimal("8000.00"), "红领巾广播站设备")
        self.disburse([awaiting_report], "edu_province")
        services.usage_report_submit(
            actor=self.user("fund_migrant"),
            allocation=awaiting_acceptance,
            spent=Decimal("6000.00"),
            summary="购置书信活动用纸、信封和邮票。",
        )
        return program


_NAMES = (
    "admin",
    "league_province",
    "edu_province",
    "league_kunming",
    "edu_kunming",
    "edu_wuhua",
    "edu_yuxi",
)


def seed(*, rng: random.Random, stdout) -> None:
    """Seed the 2017 funds through the services; needs the organizations demo (its school
    flags) and the demo accounts."""
    demo = _Demo(rng=rng, stdout=stdout)
    demo.create_accounts()
    for key, each, flag in EQUIPMENT_GRANTS:
        demo.equipment_fund(key, each=each, flag=flag)
    demo.june_first_fund()
    demo.pioneers_day_fund()
    stdout.write(
        f"Funding: {Program.objects.count()} programs, "
        f"{Allocation.objects.count()} allocations (accounts fund_school, fund_migrant)."
    )


def has_data() -> bool:
    """Whether the portal already holds funding programs."""
    return Program.objects.exists()
