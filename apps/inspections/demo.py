"""Demo joint inspections reproducing the source: the November 2017 joint inspection, whose
circular criticised lagging prefectures and counties and ordered them to rectify, and the
May–June 2018 round to all 16 prefectures; a joint team from the League, education and the
work committee; a school evaluation scheme with Young Pioneer work at 10%.

Everything goes through the services, each step on the day it happened (the portal's clock
travels back: ``apps.core.clock.travel``), so the demo keeps the same history and passes the
same rules as real use. Orders are issued, and re-visits (回头看) planned, while their campaign
runs; it closes once they are out. Orders are a mix: closed, awaiting verification, overdue,
and one reopened on the day the demo is seeded, after a re-visit, with a deadline after that
day, so it is open without being overdue and waits for its target to act.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.conf import settings
from faker import Faker

from apps.accounts.models import User
from apps.core import clock
from apps.inspections import services
from apps.inspections.choices import CircularKind, Rating, Severity, TeamBody
from apps.inspections.models import Campaign, Finding, Inspection, RectificationOrder
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division, School

CHECKLIST = [
    ("少先队改革方案落实", Decimal(30), Decimal(30)),
    ("少工委建设与双主任制", Decimal(20), Decimal(20)),
    ("大队辅导员配备与职级", Decimal(20), Decimal(20)),
    ("少先队活动课时", Decimal(15), Decimal(15)),
    ("少先队阵地建设", Decimal(15), Decimal(15)),
]

# The 2017 round: (prefecture codes, county codes) inspected; the lagging ones are criticised.
ROUND_2017_PREFECTURES = ["5301", "5303", "5304", "5305", "5306", "5323", "5325", "5329"]
ROUND_2017_COUNTIES = ["530102", "530324", "530424", "530623", "532527", "532926"]
LAGGING_2017 = ["5306", "5329", "530324", "530623", "532926"]
# The 2018 round also looks at a few counties and the team–league transition pilots.
ROUND_2018_COUNTIES = ["530102", "530112", "530402"]
PRAISED_2018 = ["5301", "5303", "5304"]
# The two rounds' campaigns, as ``_Demo.campaign`` takes them.
CAMPAIGNS = {
    2017: {
        "name": "2017年全省少先队改革联合督导",
        "start": datetime.date(2017, 11, 6),
        "end": datetime.date(2017, 11, 24),
        "scope_note": "团省委、省教育厅、省少工委组成联合督导组，"
        "对全省少先队改革推进情况进行督导。",
        "planned": datetime.date(2017, 10, 16),
    },
    2018: {
        "name": "2018年全省中小学校党建工作专题督查（少先队改革）",
        "start": datetime.date(2018, 5, 7),
        "end": datetime.date(2018, 6, 29),
        "scope_note": "将少先队改革纳入全省中小学校党建工作专题督查，5—6月赴16个州（市）开展督导。",
        "planned": datetime.date(2018, 4, 16),
    },
}

SCHEME_ITEMS = [
    ("党组织建设", Decimal(25)),
    ("思想政治与德育工作", Decimal(20)),
    ("教师队伍建设", Decimal(20)),
    ("共青团工作", Decimal(10)),
    ("安全稳定", Decimal(15)),
]


def on(day: datetime.date, hour: int = 9):
    """Run a block as if it were ``hour`` o'clock on ``day`` (so steps of one day keep their
    order in each record's history)."""
    return clock.travel(datetime.datetime.combine(day, datetime.time(hour)))


def _rating(percent: Decimal) -> Rating:
    if percent >= 90:
        return Rating.EXCELLENT
    if percent >= 80:
        return Rating.GOOD
    if percent >= 60:
        return Rating.SATISFACTORY
    return Rating.UNSATISFACTORY


class _Demo:
    def __init__(self, *, rng: random.Random):
        self.rng = rng
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(rng.getrandbits(32))
        self.users = {u.username: u for u in User.objects.all()}
        self.inspector = self.users["inspector"]
        self.admin = self.users.get("admin") or self.inspector
        self.league = self.users.get("league_province") or self.admin
        self.education = self.users.get("edu_province") or self.admin
        code = settings.PORTAL_PROVINCE_CODE
        self.province = Division.objects.get(code=f"{code}0000")
        self.divisions = {d.code: d for d in Division.objects.filter(code__startswith=code)}
        self.prefectures = [
            d for d in self.divisions.values() if d.level == DivisionLevel.PREFECTURE
        ]
        self.prefectures.sort(key=lambda d: d.code)
        self.local_staff = [
            u
            for u in self.users.values()
            if u.role in ("league", "education") and u.division_id is not None
        ]

    def division(self, short: str) -> Division:
        return self.divisions[short if len(short) == 6 else f"{short}00"]

    def target_staff(self, order: RectificationOrder) -> User:
        """The most local League or education account whose scope holds the target."""
        holders = [
            u
            for u in self.local_staff
            if order.target_division_code.startswith(self.division(u.division_id).prefix)
        ]
        return max(holders, key=lambda u: len(self.division(u.division_id).prefix))

    # Campaigns -----------------------------------------------------------------------------

    def campaign(self, *, name, year, start, end, scope_note, planned) -> Campaign:
        """Planned on ``planned`` with its team and checklist, started on ``start``."""
        with on(planned):
            campaign = services.campaign_create(
                actor=self.admin,
                name=name,
                year=year,
                start_date=start,
                end_date=end,
                division=self.province,
                lead=self.league,
                scope_note=scope_note,
            )
            members = [
                (self.league, TeamBody.LEAGUE, "团省委少年部"),
                (self.education, TeamBody.EDUCATION, "省教育厅德育处"),
                (self.inspector, TeamBody.WORK_COMMITTEE, "省少工委办公室"),
                (None, TeamBody.EDUCATION, "省教育厅基础教育处"),
            ]
            for user, body, position in members:
                full_name = user.get_full_name() if user else ""
                services.team_member_add(
                    actor=self.admin,
                    campaign=campaign,
                    user=user,
                    name=full_name or self.fake.name(),
                    body=body,
                    position=position,
                )
            for name_, max_score, weight in CHECKLIST:
                services.checklist_item_add(
                    actor=self.admin,
                    campaign=campaign,
                    name=name_,
                    max_score=max_score,
                    weight=weight,
                )
        with on(start, 8):
            return services.campaign_start(actor=self.admin, campaign=campaign)

    def fan_out(self, campaign: Campaign, targets) -> list[Inspection]:
        with on(campaign.start_date):
            result = services.campaign_fan_out(
                actor=self.admin,
                campaign=campaign,
                targets=[services.TargetAssignment(t, (self.inspector,)) for t in targets],
            )
        return result.created

    def file(self, inspection: Inspection, *, lagging: bool, day: datetime.date, finding=""):
        """Score, rate, note and submit a report as the inspector on the day of the visit;
        the lead accepts it that evening."""
        items = list(inspection.campaign.checklist.all())
        low, high = (
            (Decimal("0.35"), Decimal("0.58")) if lagging else (Decimal("0.72"), Decimal("0.98"))
        )
        scores = {}
        for item in items:
            share = low + (high - low) * Decimal(self.rng.random())
            scores[item.pk] = (item.max_score * share).quantize(Decimal("0.5"))
        percent = (
            sum(scores[i.pk] / i.max_score * i.weight for i in items)
            / sum(i.weight for i in items)
            * 100
        )
        made = None
        with on(day, 10):
            services.inspection_update(
                actor=self.inspector,
                inspection=inspection,
                scores=scores,
                inspected_on=day,
                rating=_rating(percent),
                summary=f"{inspection.target}少先队改革推进{'滞后' if lagging else '总体有序'}。",
            )
            if finding:
                made = services.finding_add(
                    actor=self.inspector,
                    inspection=inspection,
                    text=finding,
                    severity=Severity.HIGH if lagging else Severity.MEDIUM,
                )
            services.inspection_submit(actor=self.inspector, inspection=inspection)
        with on(day, 17):
            services.inspection_accept(actor=self.league, inspection=inspection)
        return made

    # Rectification -------------------------------------------------------------------------

    def order(self, finding: Finding, *, requirement, issued_on, deadline, target=None):
        """An order issued on ``issued_on`` (the day's clock dates it)."""
        with on(issued_on, 10):
            return services.rectification_order_issue(
                actor=self.inspector,
                finding=finding,
                requirement=requirement,
                deadline=deadline,
                target=target,
            )

    def rectify(self, order: RectificationOrder, text: str, day: datetime.date):
        """The target's staff submit their rectification on ``day``."""
        with on(day, 11):
            return services.rectification_submit(
                actor=self.target_staff(order), order=order, text=text
            )

    def close(self, order: RectificationOrder, text: str, day: datetime.date):
        """Rectified on ``day``, verified by the issuer a week later."""
        order = self.rectify(order, text, day)
        with on(day + datetime.timedelta(days=7), 15):
            return services.rectification_verify(
                actor=self.inspector, order=order, note="经核查，整改到位。"
            )

    def circular(self, campaign, *, drafted, published, author, named, findings=(), **text):
        """A circular drafted by ``author`` on ``drafted`` and, unless ``published`` is None,
        published by the campaign lead on that day (the day's clock dates it)."""
        with on(drafted):
            circular = services.circular_create(
                actor=author,
                campaign=campaign,
                named_divisions=named,
                findings=findings,
                **text,
            )
        if published is not None:
            with on(published, 11):
                services.circular_publish(actor=self.league, circular=circular)

    # The rounds ----------------------------------------------------------------------------

    def round_2017(self) -> None:
        campaign = self.campaign(year=2017, **CAMPAIGNS[2017])
        targets = [self.division(c) for c in ROUND_2017_PREFECTURES + ROUND_2017_COUNTIES]
        findings = {}
        for day, inspection in enumerate(self.fan_out(campaign, targets)):
            short = inspection.target_division_code
            short = short[:4] if short.endswith("00") else short
            lagging = short in LAGGING_2017
            findings[short] = self.file(
                inspection,
                lagging=lagging,
                day=datetime.date(2017, 11, 6) + datetime.timedelta(days=day % 18),
                finding=(
                    "少先队改革推进不力：少工委未落实双主任制，大队辅导员配备不足，"
                    "少先队活动课未纳入课表。"
                    if lagging
                    else ""
                ),
            )
        issued, deadline = datetime.date(2017, 12, 15), datetime.date(2018, 3, 31)
        self.circular(
            campaign,
            drafted=datetime.date(2017, 12, 8),
            published=issued,
            author=self.league,
            kind=CircularKind.CRITICISM,
            title="关于2017年全省少先队改革联合督导情况的通报",
            body=(
                "2017年11月，团省委、省教育厅、省少工委组成联合督导组，对全省少先队改革推进"
                "情况进行了督导。督导发现，部分州（市）和县（市、区）推进少先队改革落实不力，"
                "现予以通报批评，并责令限期整改。\n\n"
                "各地要对照督导反馈问题，于2018年3月31日前完成整改并报送整改情况。"
            ),
            named=[self.division(short) for short in LAGGING_2017],
            findings=[f for f in findings.values() if f is not None],
        )
        requirement = (
            "落实少工委双主任制，配齐大队辅导员，将少先队活动课纳入课表，按期报送整改情况。"
        )
        orders = [
            self.order(
                findings[short], requirement=requirement, issued_on=issued, deadline=deadline
            )
            for short in LAGGING_2017
        ]
        # Orders are issued while the campaign runs; it closes once they are out.
        with on(issued, 17):
            services.campaign_close(actor=self.league, campaign=campaign)
        # All but one rectified; the last is still open, long past its deadline.
        for order in orders[:-1]:
            self.close(
                order,
                "已调整少工委主任，配齐大队辅导员，少先队活动课已纳入课表。",
                datetime.date(2018, 3, 20),
            )

    def round_2018(self) -> dict[str, Finding]:
        campaign = self.campaign(year=2018, **CAMPAIGNS[2018])
        pilots = list(
            School.objects.filter(is_transition_pilot=True).order_by("county_id", "id")[:2]
        )
        targets = [*self.prefectures, *(self.division(c) for c in ROUND_2018_COUNTIES), *pilots]
        reports = self.fan_out(campaign, targets)
        with_findings = {"5301", "5306", "5325", "530102", "530402"}
        findings: dict[str, Finding] = {}
        for day, inspection in enumerate(reports):
            key = inspection.target_division_code
            key = key[:4] if key.endswith("00") else key
            if inspection.target_school_id:
                key = f"school-{inspection.target_school_id}"
            finding = ""
            if key in with_findings:
                finding = "部分学校少先队活动课时不足，大队辅导员未按中层管理岗位职级配备。"
            elif key.startswith("school-"):
                finding = "团队衔接工作机制尚未形成制度，入团前少先队推优记录不完整。"
            made = self.file(
                inspection,
                lagging=False,
                day=datetime.date(2018, 5, 7) + datetime.timedelta(days=(day * 2) % 50),
                finding=finding,
            )
            if made is not None:
                findings[key] = made
        self.circulars_2018(campaign, findings)
        return findings

    def circulars_2018(self, campaign: Campaign, findings: dict[str, Finding]) -> None:
        """The praise, published on 10 July 2018, and a criticism still in draft."""
        day = datetime.date(2018, 7, 10)
        self.circular(
            campaign,
            drafted=day,
            published=day,
            author=self.league,
            kind=CircularKind.PRAISE,
            title="关于2018年少先队改革专题督查情况的通报",
            body=(
                "2018年5—6月，督查组赴全省16个州（市）开展少先队改革专题督查。"
                "昆明市、曲靖市、玉溪市少先队改革任务落实有力、成效明显，予以通报表扬。"
            ),
            named=[self.division(short) for short in PRAISED_2018],
        )
        self.circular(
            campaign,
            drafted=day,
            published=None,
            author=self.inspector,
            kind=CircularKind.CRITICISM,
            title="关于部分县（市、区）少先队活动课时不足问题的通报（征求意见稿）",
            body="督查发现，部分县（市、区）少先队活动课时不足，大队辅导员职级待遇未落实。",
            named=[self.division("530102"), self.division("530402")],
            findings=[findings["530102"], findings["530402"]],
        )

    def orders_2018(self, findings: dict[str, Finding]) -> None:
        """The orders of 10 July 2018, issued (with Honghe's re-visit planned) before the
        campaign closes that evening; their rectification follows in September."""
        issued = datetime.date(2018, 7, 10)
        deadline = datetime.date(2018, 9, 30)
        requirement = "保证每周1课时少先队活动课，按不低于中层管理岗位职级配备大队辅导员。"

        def order(finding, **kwargs):
            return self.order(
                finding, requirement=requirement, issued_on=issued, deadline=deadline, **kwargs
            )

        # Wuhua: open and overdue, on the dashboards of Wuhua, Kunming and the issuer.
        order(findings["530102"])
        hongta, kunming = order(findings["530402"]), order(findings["5301"])
        # Zhaotong: open, past its deadline.
        order(findings["5306"])
        honghe = order(findings["5325"])
        with on(issued, 11):
            services.rectification_schedule_revisit(
                actor=self.inspector,
                order=honghe,
                revisit_on=datetime.date(2018, 9, 10),
                note="回头看：抽查3所学校课表。",
            )
        # The transition pilots: one order to the first pilot school.
        school_findings = [f for key, f in findings.items() if key.startswith("school-")]
        pilot = None
        if school_findings:
            pilot = self.order(
                school_findings[0],
                requirement="建立团队衔接推优制度，完善入团推优记录。",
                issued_on=issued,
                deadline=deadline,
            )
        with on(issued, 17):
            services.campaign_close(actor=self.league, campaign=honghe.inspection.campaign)

        # Hongta (Yuxi): rectification submitted, waiting for the issuer to verify it.
        self.rectify(
            hongta,
            "已在全区小学开设少先队活动课，大队辅导员职级已按中层管理岗位落实。",
            datetime.date(2018, 9, 26),
        )
        # Kunming: closed after verification.
        self.close(
            kunming, "已印发通知，全市中小学保证少先队活动课时。", datetime.date(2018, 9, 14)
        )
        # Honghe: rectified and verified at the re-visit of 10 September 2018; on the day
        # the demo is seeded another look finds it did not hold, so it is reopened with a
        # deadline 60 days on (open, not overdue): work waiting for Honghe's staff today.
        honghe = self.close(honghe, "已部署整改。", datetime.date(2018, 9, 3))
        services.rectification_reopen(
            actor=self.inspector,
            order=honghe,
            reason="回头看发现部分县区少先队活动课仍未落实。",
            deadline=clock.today() + datetime.timedelta(days=60),
        )
        if pilot is not None:
            self.close(pilot, "已制定团队衔接推优办法，推优记录已补齐。", datetime.date(2018, 9, 7))

    def scheme(self) -> None:
        with on(datetime.date(2018, 3, 12)):
            scheme = services.evaluation_scheme_save(
                actor=self.education,
                name="云南省中小学校党建工作考核评价方案（2018年）",
                year=2018,
                division=self.province,
                description="把少先队工作纳入学校考核，确保分值比例不少于10%。",
                young_pioneer_name="少先队工作",
                young_pioneer_weight=Decimal(10),
                items=SCHEME_ITEMS,
            )
        with on(datetime.date(2018, 3, 20)):
            services.evaluation_scheme_activate(actor=self.education, scheme=scheme)

    def round_current(self) -> None:
        """A campaign running today (dated from the day the demo is seeded, so it is still
        running whenever a newcomer opens the demo): team, checklist and four prefectures
        assigned to the inspector, their reports still to file."""
        today = clock.today()
        campaign = self.campaign(
            name=f"{today.year}年全省少先队工作专项督导",
            year=today.year,
            start=today - datetime.timedelta(days=7),
            end=today + datetime.timedelta(days=60),
            scope_note="督导各州（市）少先队组织建设、辅导员队伍建设和活动课落实情况。",
            planned=today - datetime.timedelta(days=21),
        )
        self.fan_out(campaign, self.prefectures[:4])


def seed(*, rng: random.Random, stdout) -> None:
    """Seed the two joint inspection rounds, their circulars and orders, the evaluation
    scheme, and a campaign running today. Needs the divisions, the demo accounts
    (``inspector`` at least) and the schools."""
    demo = _Demo(rng=rng)
    demo.round_2017()
    demo.scheme()
    demo.orders_2018(demo.round_2018())
    demo.round_current()
    orders = RectificationOrder.objects.all()
    stdout.write(
        f"Inspections: {Campaign.objects.count()} campaigns, {Inspection.objects.count()} reports, "
        f"{orders.count()} rectification orders ({orders.overdue().count()} overdue)."
    )
