"""Synthetic funding, commendation, pairing and document rows at provincial scale.

The page benchmark (apps/devtools/page_bench.py) times the list pages of special funds,
allocations, nominations, micro-wishes, pairings, policy documents and notices; seed_scale's
schools and counselors alone leave them empty. ``seed_areas`` bulk-creates a few rows of each
per county (a few hundred to about two thousand a list), each in a state the area's services
could have left it in. Rows are system rows (no creator); children carry obviously synthetic
names (测试队员00001) and no other personal data. A model that already holds rows is skipped.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from decimal import Decimal

from apps.accounts.choices import Role
from apps.commendations.choices import NominationStatus, NomineeKind, ReviewLevel, RoundStatus
from apps.commendations.models import Category, ChildNominee, Nomination, ReviewStep, Round
from apps.core import clock
from apps.core.review import Decision
from apps.counselors.choices import Gender
from apps.counselors.models import Counselor
from apps.documents.choices import BodyKind, DocumentKind, DocumentStatus, NoticeStatus
from apps.documents.models import Document, IssuingBody, Notice
from apps.funding.choices import (
    UNPAID_STATUSES,
    AllocationStatus,
    ProgramStatus,
    SignoffBody,
    Target,
)
from apps.funding.models import Allocation, Program, Signoff
from apps.organizations.models import Brigade, Division, School
from apps.pairing.choices import CAMPAIGN_2017, InstitutionKind, WishCategory, WishStatus
from apps.pairing.models import Institution, Pairing, Wish

BATCH = 2000
YEARS = 4
ETHNICITIES = ("汉族", "汉族", "汉族", "彝族", "哈尼族", "白族", "傣族", "苗族")
UNIVERSITIES = ("云南大学", "云南师范大学", "昆明理工大学", "云南民族大学", "云南农业大学")
PROVINCIAL_BODIES = (
    ("共青团云南省委员会", "团省委", BodyKind.LEAGUE, Role.LEAGUE),
    ("云南省教育厅", "省教育厅", BodyKind.EDUCATION, Role.EDUCATION),
    (
        "云南省少先队工作委员会办公室",
        "省少工委办公室",
        BodyKind.COMMITTEE_OFFICE,
        Role.PROVINCIAL_ADMIN,
    ),
)
TOPICS = ("少先队阵地建设", "红领巾奖章争章活动", "少先队辅导员培训", "鼓号队建设", "主题队日活动")
DOCUMENT_WORDS = {
    DocumentKind.IMPLEMENTATION_PLAN: "实施方案",
    DocumentKind.MEASURES: "管理办法",
    DocumentKind.NOTICE: "通知",
    DocumentKind.OPINIONS: "意见",
}
ALLOCATION_WEIGHTS = dict(zip(AllocationStatus, (15, 15, 25, 10, 30, 5), strict=True))
WISH_WEIGHTS = dict(zip(WishStatus, (35, 20, 15, 30), strict=True))
LEVEL_WEIGHTS = dict(zip(ReviewLevel, (60, 25, 15), strict=True))
ROUND_DATES = (
    "nominations_open_on",
    "nominations_close_on",
    "review_until",
    "notice_planned_on",
    "final_planned_on",
)
ROUND_TERMS = {
    "running_bodies": "共青团云南省委、云南省教育厅、云南省少工委",
    "basis": "《云南省少先队先进集体和个人表彰办法》",
    "office": "云南省少工委办公室",
    "contact_name": "省少工委办公室",
    "contact_phone": "0871-65100000",
    "contact_email": "sgw@example.org",
}
CATEGORIES = (
    ("pioneer", "优秀少先队员", NomineeKind.CHILD, 300),
    ("counselor", "优秀少先队辅导员", NomineeKind.COUNSELOR, 200),
)
WISH_ITEMS = ("一套彩色铅笔", "一本科普读物", "一个篮球", "一副羽毛球拍", "一本字典", "一个书包")


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _create(model, rows: list) -> int:
    model.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


class _Areas:
    def __init__(self, *, counties, schools, rng, stdout, user):
        self.counties = counties
        self.rng = rng
        self.stdout = stdout
        self.user = user
        self.now = clock.now()
        self.today = clock.today()
        self.years = list(range(self.today.year - YEARS + 1, self.today.year + 1))
        self.schools: dict[str, list[School]] = defaultdict(list)
        for school in schools:
            self.schools[school.county_id].append(school)
        self.province = Division.objects.get(code=f"{counties[0].code[:2]}0000")
        parents = {county.parent_id: county.parent for county in counties if county.parent_id}
        self.prefectures = [parents[code] for code in sorted(parents)]
        self.counts: dict[str, int] = {}

    def skip(self, *models) -> bool:
        full = [model.__name__ for model in models if model.objects.exists()]
        if full and self.stdout is not None:
            self.stdout.write(f"seed_areas: {', '.join(full)} already hold rows; skipped.")
        return bool(full)

    def with_schools(self):
        return [county for county in self.counties if self.schools.get(county.code)]

    # Funding ------------------------------------------------------------------------------

    def funding(self) -> None:
        if self.skip(Program, Allocation):
            return
        rng, programs = self.rng, []
        last = self.years[-1]
        for division in [self.province, *self.prefectures]:
            for year in self.years:
                for topic in TOPICS[:2]:
                    programs.append(
                        Program(
                            name=f"{year}年{division.name}{topic}专项资金",
                            year=year,
                            body_league=True,
                            body_education=rng.random() < 0.7,
                            total_budget=Decimal("100000.00"),
                            purpose=f"支持{division.name}各校{topic}，按学校申报情况分配。",
                            target=Target.ANY_SCHOOL,
                            division=division,
                            status=ProgramStatus.OPEN if year == last else ProgramStatus.CLOSED,
                        )
                    )
        by_division = defaultdict(list)
        for program in programs:
            by_division[program.division_id].append(program)
        allocations, spent_by_program = [], defaultdict(Decimal)
        for county in self.with_schools():
            pots = by_division[county.parent_id] + by_division[self.province.code]
            for _ in range(rng.randint(2, 6)):
                program = rng.choice(pots)
                allocation = self.allocation(program, rng.choice(self.schools[county.code]))
                allocations.append(allocation)
                if allocation.status != AllocationStatus.CANCELLED:
                    spent_by_program[id(program)] += allocation.net_amount
        for program in programs:
            needed = spent_by_program[id(program)] * Decimal("1.25")
            program.total_budget = max(program.total_budget, needed.quantize(Decimal("1000")))
        self.counts["funding programs"] = _create(Program, programs)
        self.counts["funding allocations"] = _create(Allocation, allocations)
        if self.user is not None:
            signed = [a for a in allocations if a.approved_at is not None]
            single = {"round": 1, "body": SignoffBody.SINGLE, "signer": self.user}
            _create(Signoff, [Signoff(allocation=a, **single) for a in signed])

    def allocation(self, program: Program, school: School) -> Allocation:
        rng, now = self.rng, self.now
        status = _pick(rng, ALLOCATION_WEIGHTS)
        if program.status == ProgramStatus.CLOSED and status in UNPAID_STATUSES:
            status = AllocationStatus.USAGE_ACCEPTED
        amount = Decimal(rng.randrange(20, 200) * 100).quantize(Decimal("0.01"))
        a = Allocation(program=program, recipient_school=school, recipient_code=school.county_id)
        a.amount, a.status, a.purpose = amount, status, f"{school.name}{rng.choice(TOPICS)}"
        stage = list(AllocationStatus).index(status)
        if status == AllocationStatus.CANCELLED:
            stage, a.return_reason = 0, "学校已获同类资助，本次取消。"
        if stage >= 1:
            a.approved_at = now
        if stage >= 2:
            a.disbursed_at, a.disbursed_by = now, self.user
        if stage >= 3:
            a.spent = amount - Decimal(rng.choice((0, 0, 0, 100, 250)))
            a.usage_summary = "购置队旗、队鼓和中队角布置材料，开展主题队日活动。"
            a.usage_reported_at, a.usage_reported_by = now, self.user
        if stage >= 4:
            a.usage_accepted_at, a.remainder = now, amount - a.spent
        return a

    # Commendations --------------------------------------------------------------------------

    def commendations(self) -> None:
        if self.skip(Round, Nomination):
            return
        rng, today, year = self.rng, self.today, self.today.year
        day = datetime.timedelta
        decided = datetime.date(year - 1, 11, 20)
        last = [datetime.date(year - 1, *md) for md in ((6, 1), (7, 31), (9, 30), (10, 15))]
        last.append(decided)
        now = [today + day(days=n) for n in (-30, 30, 60, 75, 90)]
        rounds = [
            Round(
                year=y, status=status, **dict(zip(ROUND_DATES, dates, strict=True)), **ROUND_TERMS
            )
            for y, status, dates in (
                (year - 1, RoundStatus.FINAL, last),
                (year, RoundStatus.OPEN, now),
            )
        ]
        for round_ in rounds:
            round_.title = f"{round_.year}年度云南省少先队先进集体和个人表彰"
        rounds[0].decided_on, rounds[0].decision_number = decided, f"云少工委发〔{year - 1}〕15号"
        _create(Round, rounds)
        categories = [
            Category(round=r, code=code, name=name, nominee_kind=kind, quota=quota)
            for r in rounds
            for code, name, kind, quota in CATEGORIES
        ]
        _create(Category, categories)
        counties = self.with_schools()
        picked = {(r, c.code): rng.choice(self.schools[c.code]) for r in (0, 1) for c in counties}
        counselors = defaultdict(list)
        for pk, school_id in Counselor.objects.filter(
            school_id__in={school.pk for school in picked.values()}
        ).values_list("pk", "school_id"):
            counselors[school_id].append(pk)
        children, nominations = [], []
        for index, round_ in enumerate(rounds):
            pioneers, mentors = categories[2 * index : 2 * index + 2]
            for county in counties:
                for _ in range(rng.choice((1, 1, 2))):
                    school = rng.choice(self.schools[county.code])
                    child = ChildNominee(
                        name=f"测试队员{len(children) + 1:05d}",
                        gender=rng.choice(Gender.values),
                        ethnicity=rng.choice(ETHNICITIES),
                        school=school,
                        squad_name=f"{rng.randint(3, 6)}年级{rng.randint(1, 4)}班中队",
                    )
                    children.append(child)
                    key = f"child:{school.pk}:{child.squad_name}:{child.name}"
                    nominations.append(
                        Nomination(category=pioneers, school=school, child=child, nominee_key=key)
                    )
                    nominations[-1].round, nominations[-1].division = round_, county
                school_id = picked[(index, county.code)].pk
                if counselors[school_id]:
                    pk = rng.choice(counselors[school_id])
                    key = f"counselor:{pk}"
                    nominations.append(
                        Nomination(category=mentors, school_id=school_id, counselor_id=pk)
                    )
                    nominations[-1].round, nominations[-1].division = round_, county
                    nominations[-1].nominee_key = key
        _create(ChildNominee, children)
        steps = []
        for number, nomination in enumerate(nominations, start=1):
            nomination.child_id = nomination.child.pk if nomination.child else None
            nomination.prefecture_id = nomination.division.parent_id
            nomination.first_level = ReviewLevel.COUNTY
            nomination.deeds = "热爱集体，积极参加红领巾志愿服务和主题队日活动，带动队员共同进步。"
            if nomination.round.status == RoundStatus.FINAL:
                awarded = rng.random() < 0.7
                if awarded:
                    nomination.status = NominationStatus.AWARDED
                    nomination.serial = f"YNSGW{nomination.round.year}-{number:05d}"
                    nomination.awarded_on = nomination.round.decided_on
                    nomination.approved_at = self.now
                    passed, stop = list(ReviewLevel), None
                else:
                    nomination.status = NominationStatus.REJECTED
                    passed, stop = [ReviewLevel.COUNTY], ReviewLevel.PREFECTURE
                nomination.current_level = ""
            else:
                nomination.status = NominationStatus.SUBMITTED
                level = _pick(rng, LEVEL_WEIGHTS)
                nomination.current_level = level
                nomination.waiting_since = self.now
                passed, stop = list(ReviewLevel)[: list(ReviewLevel).index(level)], None
            steps.append((nomination, passed, stop))
        self.counts["nominations"] = _create(Nomination, nominations)
        if self.user is not None:
            rows = []
            for nomination, passed, stop in steps:
                for level in passed:
                    rows.append(self.step(nomination, level, Decision.APPROVE, ""))
                if stop is not None:
                    rows.append(self.step(nomination, stop, Decision.REJECT, "事迹材料不够具体。"))
            _create(ReviewStep, rows)

    def step(self, nomination, level, decision, comment) -> ReviewStep:
        step = ReviewStep(nomination=nomination, level=level, submission=1, reviewer=self.user)
        step.decision, step.comment = decision, comment
        return step

    # Pairing --------------------------------------------------------------------------------

    def pairing(self) -> None:
        rng = self.rng
        capital = self.prefectures[0] if self.prefectures else None
        wanted = [(name, InstitutionKind.UNIVERSITY, capital) for name in UNIVERSITIES]
        for prefecture in self.prefectures:
            wanted.append((f"{prefecture.name}图书馆", InstitutionKind.CULTURAL, prefecture))
            wanted.append((f"{prefecture.name}科技馆", InstitutionKind.CULTURAL, prefecture))
        existing = {i.name: i for i in Institution.objects.filter(name__in=[w[0] for w in wanted])}
        new = [
            Institution(
                name=name,
                kind=kind,
                league_committee=f"{name}团委" if kind == InstitutionKind.UNIVERSITY else "",
                prefecture=prefecture,
                outside_place="" if prefecture else "北京市",
                contact_office="志愿服务办公室",
            )
            for name, kind, prefecture in wanted
            if name not in existing
        ]
        _create(Institution, new)
        institutions = [*existing.values(), *new]
        near = defaultdict(list)
        for institution in institutions:
            near[institution.prefecture_id].append(institution)
        counties = self.with_schools()
        school_ids = [s.pk for c in counties for s in self.schools[c.code]]
        brigades = dict(
            Brigade.objects.filter(school_id__in=school_ids)
            .order_by("school_id", "-id")
            .values_list("school_id", "pk")
        )
        if not self.skip(Pairing):
            pairings, seen = [], set()
            for county in counties:
                partners = near[county.parent_id] + near[capital.code if capital else None]
                for _ in range(rng.randint(2, 5)):
                    school = rng.choice(self.schools[county.code])
                    institution, year = rng.choice(partners), rng.choice(self.years)
                    key = (institution.pk, brigades.get(school.pk), year)
                    if key[1] is None or key in seen:
                        continue
                    seen.add(key)
                    pairings.append(
                        Pairing(
                            institution=institution,
                            brigade_id=key[1],
                            school=school,
                            county=county,
                            year=year,
                            campaign=CAMPAIGN_2017,
                            started_on=datetime.date(year, 3, rng.randint(1, 28)),
                        )
                    )
            self.counts["pairings"] = _create(Pairing, pairings)
        if not self.skip(Wish):
            wishes = []
            for county in counties:
                partners = near[county.parent_id] or institutions
                for _ in range(rng.randint(2, 6)):
                    school = rng.choice(self.schools[county.code])
                    if school.pk not in brigades:
                        continue
                    wishes.append(self.wish(school, county, brigades[school.pk], partners))
            self.counts["micro-wishes"] = _create(Wish, wishes)

    def wish(self, school, county, brigade_id, partners) -> Wish:
        rng, today = self.rng, self.today
        status = _pick(rng, WISH_WEIGHTS)
        days = datetime.timedelta
        posted = today - days(rng.randrange(0, 30) if status == WishStatus.OPEN else 60)
        claimed = fulfilled = confirmed = None
        if status == WishStatus.CLAIMED:
            claimed = today - days(rng.randrange(1, 45))
            posted = claimed - days(rng.randrange(1, 15))
        elif status != WishStatus.OPEN:
            posted = today - days(rng.randrange(60, 360))
            claimed, fulfilled = posted + days(5), posted + days(20)
            confirmed = posted + days(30) if status == WishStatus.CONFIRMED else None
        return Wish(
            school=school,
            brigade_id=brigade_id,
            county=county,
            card_label=f"某校{rng.randint(1, 6)}年级队员",
            text=f"希望得到{rng.choice(WISH_ITEMS)}。",
            category=rng.choice(WishCategory.values),
            estimated_value=Decimal(rng.randrange(30, 300)).quantize(Decimal("0.01")),
            status=status,
            posted_on=posted,
            institution=None if status == WishStatus.OPEN else rng.choice(partners),
            claimed_on=claimed,
            fulfilled_on=fulfilled,
            fulfilment_note="礼物已送到学校。" if fulfilled else "",
            confirmed_on=confirmed,
        )

    # Documents ------------------------------------------------------------------------------

    def documents(self) -> None:
        rng, today = self.rng, self.today
        wanted = [(*body, self.province) for body in PROVINCIAL_BODIES]
        for county in self.counties:
            place = f"{county.parent.name if county.parent_id else ''}{county.name}"
            league = (f"共青团{place}委员会", f"团{county.name}委", BodyKind.LEAGUE, Role.LEAGUE)
            education = (f"{place}教育体育局", f"{county.name}教体局", BodyKind.EDUCATION)
            wanted += [(*league, county), (*education, Role.EDUCATION, county)]
        existing = {b.name: b for b in IssuingBody.objects.filter(name__in=[w[0] for w in wanted])}
        new = [
            IssuingBody(name=name, short_name=short, kind=kind, signer_role=role, division=division)
            for name, short, kind, role, division in wanted
            if name not in existing
        ]
        _create(IssuingBody, new)
        bodies = defaultdict(list)
        for body in [*existing.values(), *new]:
            bodies[body.division_id].append(body)
        if not self.skip(Document):
            documents, sequence = [], 0
            for county in self.counties:
                for _ in range(rng.randint(1, 5)):
                    kind = rng.choice(list(DOCUMENT_WORDS))
                    body = rng.choice(bodies[county.code])
                    topic = rng.choice(TOPICS)
                    document = Document(
                        title=f"{county.name}关于加强{topic}的{DOCUMENT_WORDS[kind]}",
                        kind=kind,
                        lead_body=body,
                        division=county,
                        text=f"为加强{topic}，结合本县实际，制定本{DOCUMENT_WORDS[kind]}。",
                        dated_on=today,
                    )
                    if rng.random() < 0.75:
                        sequence += 1
                        dated = today - datetime.timedelta(days=rng.randrange(30, 365 * YEARS))
                        code = "团发" if body.kind == BodyKind.LEAGUE else "教发"
                        document.status = DocumentStatus.ISSUED
                        document.number = f"{county.name[:2]}{code}〔{dated.year}〕{sequence}号"
                        document.dated_on = document.issued_on = document.effective_from = dated
                        if rng.random() < 0.3:
                            document.valid_until = dated + datetime.timedelta(days=730)
                    documents.append(document)
            self.counts["policy documents"] = _create(Document, documents)
        if not self.skip(Notice):
            offices = bodies[self.province.code]
            notices = []
            for county in self.counties:
                for _ in range(rng.randint(1, 3)):
                    published = rng.random() < 0.85
                    dated = today - datetime.timedelta(days=rng.randrange(0, 365 * YEARS))
                    notices.append(
                        Notice(
                            title=f"关于{county.name}{rng.choice(TOPICS)}工作情况的通报",
                            body=f"现将{county.name}有关工作情况通报如下，请各地参照执行。",
                            office=rng.choice(offices),
                            division=self.province,
                            dated_on=dated,
                            status=NoticeStatus.PUBLISHED if published else NoticeStatus.DRAFT,
                            published_at=self.now if published else None,
                        )
                    )
            self.counts["notices"] = _create(Notice, notices)


def seed_areas(*, counties, schools, rng, stdout=None, user=None) -> dict[str, int]:
    """Fill funding, commendations, pairing and documents for ``counties`` and ``schools``;
    returns rows created per list. ``user`` (seed_scale's seed user) signs the sign-offs and
    review steps; without it those history rows are left out."""
    if not counties:
        return {}
    areas = _Areas(counties=counties, schools=schools, rng=rng, stdout=stdout, user=user)
    areas.funding()
    areas.commendations()
    areas.pairing()
    areas.documents()
    return areas.counts
