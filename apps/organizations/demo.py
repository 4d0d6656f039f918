"""Demo data for the organization tree, reproducing the source document's figures.

Every work committee at county level and above has its two chairs (League and education),
the provincial committee is staffed as the 2018 speech describes, every county has a chief
counselor post (all of Kunming's 14 and Yuxi's 9 in the education bureau), and a realistic
set of schools carries the pilots and the 2017 programmes (20 red-scarf demonstration
schools, 100 drum-and-bugle corps), each school with its brigade and squads as rows.
Called by ``seed_demo``; inserts in bulk, with a history row for each (by the system).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from faker import Faker

from apps.core import clock
from apps.core.audit import bulk_create_audited
from apps.organizations.choices import (
    ChiefCounselorHost,
    CommitteeRole,
    DivisionLevel,
    HomeBody,
    SchoolType,
)
from apps.organizations.models import (
    ChiefCounselorPost,
    CommitteeMember,
    Division,
    School,
    WorkCommittee,
)
from apps.organizations.services import brigades_seed_for

# Named in the source: the chair of the provincial committee.
PROVINCIAL_CHAIR = "陶晴"
# The three main urban districts whose chairs the source names (团区委书记 and 教育局局长).
NAMED_DISTRICTS = {"530102", "530103", "530111"}
# Kunming's main urban districts, where migrant workers' children schools concentrate.
KUNMING_URBAN = {"530102", "530103", "530111", "530112", "530114"}
# The seat of each prefecture's government, where the other migrant schools are.
PREFECTURE_SEATS = {
    "530302",  # 麒麟区
    "530402",  # 红塔区
    "530502",  # 隆阳区
    "530602",  # 昭阳区
    "530702",  # 古城区
    "530802",  # 思茅区
    "530902",  # 临翔区
    "532301",  # 楚雄市
    "532503",  # 蒙自市
    "532601",  # 文山市
    "532801",  # 景洪市
    "532901",  # 大理市
    "533103",  # 芒市
    "533301",  # 泸水市
    "533401",  # 香格里拉市
}
# Team–league transition pilots named in the source: (county, school name).
TRANSITION_PILOTS = [
    ("530103", "昆明市第十中学"),
    ("532301", "楚雄市第一中学"),
    ("532502", "开远市第一中学"),
]
# Prefectures whose chief counselors are all in the county education bureau (the source),
# and those where "most" are, with how many counties host the post in the League instead.
ALL_IN_EDUCATION = {"5301", "5304"}
MOSTLY_IN_EDUCATION = {"5303": 1, "5306": 1}

RED_SCARF_SCHOOLS = 20
DRUM_CORPS = 100

# The one-year secondment of a principal and a counselor to the provincial committee.
SECONDMENT = (datetime.date(2018, 3, 1), datetime.date(2019, 2, 28))
# The demo dates the sixth provincial Pioneer congress (which co-opted the education
# department's division heads) to late 2017, before the 2018 speech that reports it.
SIXTH_CONGRESS = datetime.date(2017, 11, 20)
# Dual chairs were introduced from 2009; the current term started by mid-2018, so the
# demo year 2018 shows full coverage while earlier years show the roll-out.
ROLLOUT = (datetime.date(2009, 3, 1), datetime.date(2015, 6, 30))
CURRENT_TERM = (datetime.date(2016, 1, 1), datetime.date(2018, 6, 30))
# When the demo's organization tree is recorded in the portal: before the years it shows.
RECORDED_ON = datetime.date(2017, 1, 3)

TOWNS = [
    "龙泉", "大营", "新街", "马街", "板桥", "小街", "羊街", "者海", "大河", "双龙",
    "金山", "石桥", "太平", "凤凰", "长坡", "河西", "龙潭", "松林", "北城", "南屏",
    "黄坪", "白水", "团结", "清水", "中和", "永安", "大坪", "高桥", "青龙", "碧溪",
    "草坝", "三岔河", "六合", "东山", "西庄", "铁厂", "落水", "雨露", "海口", "新安所",
]  # fmt: skip
VILLAGES = [
    "新村", "大村", "小寨", "李家营", "张家营", "大平地", "上营", "下坝", "中村", "河头",
    "箐口", "石板河", "大麦地", "小河边", "红土坡", "杨柳", "水井", "松坪",
]  # fmt: skip
EDUCATION_SECTIONS = ["德育科", "基础教育科", "德育与体卫艺科", "思想政治教育科"]


@dataclass(frozen=True)
class Bodies:
    """The League committee and the education bureau of one division, by their usual names."""

    league: str  # 共青团五华区委员会
    league_short: str  # 团区委
    education: str  # 五华区教育局
    bureau_head: str  # 局长 / 厅长

    @classmethod
    def of(cls, division: Division) -> Bodies:
        if division.level == DivisionLevel.PROVINCE:
            return cls(f"共青团{division.name}委员会", "团省委", f"{division.name}教育厅", "厅长")
        suffix = {"区": "团区委", "县": "团县委", "州": "团州委"}.get(division.name[-1], "团市委")
        return cls(f"共青团{division.name}委员会", suffix, f"{division.name}教育局", "局长")


def _between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


class _Seeder:
    """Builds every row in memory, then inserts each table in one bulk_create."""

    def __init__(self, *, rng: random.Random):
        self.rng = rng
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(rng.getrandbits(32))
        self.divisions = list(
            Division.objects.filter(code__startswith=settings.PORTAL_PROVINCE_CODE).order_by("code")
        )
        self.province = next(d for d in self.divisions if d.level == DivisionLevel.PROVINCE)
        self.counties = [d for d in self.divisions if d.level == DivisionLevel.COUNTY]
        self.members: list[CommitteeMember] = []
        # county code -> the chief counselor's name, so they also sit on the committee.
        self.chief_holders: dict[str, ChiefCounselorPost] = {}
        self.names = {d.code: d.name for d in self.divisions}
        # county code -> generated schools
        self.schools: dict[str, list[School]] = {}

    # Schools -------------------------------------------------------------------------------

    def build_schools(self) -> list[School]:
        for county in self.counties:
            self.schools[county.code] = self._county_schools(county)
        for county_code, name in TRANSITION_PILOTS:
            school = next((s for s in self.schools[county_code] if s.name == name), None)
            if school is None:
                school = self._school(county_code, name, SchoolType.COMPLETE)
                self.schools[county_code].insert(0, school)
            school.is_transition_pilot = True
        everything = [s for schools in self.schools.values() for s in schools]
        self._flag_migrant_schools()
        self._flag_programmes(everything)
        return everything

    def _county_schools(self, county: Division) -> list[School]:
        rng = self.rng
        target = rng.randint(8, 14)
        place = county.name
        urban = place.endswith("区")
        candidates: list[tuple[str, str]] = [
            (f"{place}第一中学", SchoolType.COMPLETE),
            (f"{place}实验小学", SchoolType.PRIMARY),
        ]
        if "自治" in place or rng.random() < 0.4:
            candidates.append(
                (f"{place}民族中学", rng.choice([SchoolType.COMPLETE, SchoolType.JUNIOR]))
            )
        if rng.random() < 0.6:
            candidates.append(
                (f"{place}第二中学", rng.choice([SchoolType.COMPLETE, SchoolType.JUNIOR]))
            )
        if rng.random() < 0.5:
            candidates.append((f"{place}第一小学", SchoolType.PRIMARY))
        if rng.random() < 0.3:
            candidates.append((f"{place}实验学校", SchoolType.NINE_YEAR))
        for town in rng.sample(TOWNS, len(TOWNS)):
            if urban:
                candidates.append((f"{place}{town}小学", SchoolType.PRIMARY))
                if rng.random() < 0.35:
                    candidates.append((f"{place}{town}中学", SchoolType.JUNIOR))
                continue
            kind = "镇" if rng.random() < 0.75 else "乡"
            candidates.append((f"{town}{kind}中心小学", SchoolType.PRIMARY))
            roll = rng.random()
            if roll < 0.35:
                candidates.append((f"{town}{kind}中学", SchoolType.JUNIOR))
            elif roll < 0.5:
                candidates.append((f"{town}{kind}九年一贯制学校", SchoolType.NINE_YEAR))
            elif roll < 0.7:
                village = rng.choice(VILLAGES)
                candidates.append((f"{town}{kind}{village}小学", SchoolType.PRIMARY))
        seen: set[str] = set()
        schools = []
        for name, school_type in candidates:
            if name in seen:
                continue
            seen.add(name)
            schools.append(self._school(county.code, name, school_type, urban=urban))
            if len(schools) == target:
                break
        return schools

    def _school(self, county_code: str, name: str, school_type: str, urban: bool = True) -> School:
        rng = self.rng
        # Squads (中队) are classes: six grades in a primary school, the first two years of
        # junior secondary elsewhere; town and city schools are larger than village ones.
        if school_type == SchoolType.PRIMARY:
            squads = rng.randint(18, 48) if urban or "实验" in name else rng.randint(6, 24)
            if "村" in name or name.endswith(tuple(f"{v}小学" for v in VILLAGES)):
                squads = rng.randint(3, 6)
        elif school_type == SchoolType.NINE_YEAR:
            squads = rng.randint(9, 27)
        else:
            squads = rng.randint(4, 16)
        return School(
            county_id=county_code,
            name=name,
            school_type=school_type,
            brigade_count=2 if squads > 40 else 1,
            squad_count=squads,
        )

    def _flag_migrant_schools(self) -> None:
        for code in sorted(KUNMING_URBAN | PREFECTURE_SEATS):
            eligible = [
                s
                for s in self.schools[code]
                if s.school_type in (SchoolType.PRIMARY, SchoolType.NINE_YEAR)
            ]
            share = 0.4 if code in KUNMING_URBAN else 0.2
            chosen = [s for s in eligible if self.rng.random() < share] or eligible[:1]
            for school in chosen:
                school.is_migrant_children_school = True

    def _flag_programmes(self, schools: list[School]) -> None:
        """The 2017 programmes: 20 red-scarf demonstration schools, one in every prefecture
        and the rest drawn anywhere; 100 drum-and-bugle corps, the demonstration schools
        among them."""
        rng = self.rng
        # Village schools with a handful of classes are neither showcases nor corps.
        eligible = [
            s
            for s in schools
            if s.school_type in (SchoolType.PRIMARY, SchoolType.NINE_YEAR) and s.squad_count >= 9
        ]
        by_prefecture: dict[str, list[School]] = {}
        for school in eligible:
            by_prefecture.setdefault(school.county_id[:4], []).append(school)
        demonstration = [rng.choice(group) for _code, group in sorted(by_prefecture.items())]
        rest = [s for s in eligible if s not in demonstration]
        demonstration += rng.sample(rest, RED_SCARF_SCHOOLS - len(demonstration))
        for school in demonstration:
            school.is_red_scarf_demonstration = True
            school.has_drum_corps = True
        others = [s for s in eligible if not s.is_red_scarf_demonstration]
        for school in rng.sample(others, DRUM_CORPS - len(demonstration)):
            school.has_drum_corps = True

    # Chief counselor posts ---------------------------------------------------------------

    def build_chief_counselor_posts(self) -> list[ChiefCounselorPost]:
        rng = self.rng
        by_prefecture: dict[str, list[Division]] = {}
        for county in self.counties:
            by_prefecture.setdefault(county.code[:4], []).append(county)
        posts = []
        for prefix, counties in sorted(by_prefecture.items()):
            if prefix in ALL_IN_EDUCATION:
                in_league = set()
            elif prefix in MOSTLY_IN_EDUCATION:
                in_league = {c.code for c in rng.sample(counties, MOSTLY_IN_EDUCATION[prefix])}
            else:
                share = rng.uniform(0.3, 0.9)
                in_education = round(share * len(counties))
                in_league = {c.code for c in rng.sample(counties, len(counties) - in_education)}
            for county in counties:
                posts.append(self._chief_post(county, county.code in in_league, prefix))
        return posts

    def _chief_post(self, county: Division, in_league: bool, prefix: str) -> ChiefCounselorPost:
        rng = self.rng
        post = ChiefCounselorPost(
            county_id=county.code,
            host_body=ChiefCounselorHost.LEAGUE if in_league else ChiefCounselorHost.EDUCATION,
        )
        # Outside the prefectures the source praises, a few posts stand vacant.
        if prefix not in ALL_IN_EDUCATION and rng.random() < 0.06:
            return post
        post.holder_name = self.fake.name()
        if in_league:
            post.holder_heads_section = rng.random() < 0.4
            post.holder_section = "学少部" if post.holder_heads_section else ""
        else:
            # Kunming and Yuxi: the head of a section holds the post (the source).
            post.holder_heads_section = prefix in ALL_IN_EDUCATION or rng.random() < 0.7
            if post.holder_heads_section:
                post.holder_section = rng.choice(EDUCATION_SECTIONS)
        self.chief_holders[county.code] = post
        return post

    # Committees and members --------------------------------------------------------------

    def build_committees(self) -> list[WorkCommittee]:
        return [
            WorkCommittee(division_id=d.code, name=f"{d.name}少先队工作委员会")
            for d in self.divisions
        ]

    def build_members(self, committee_ids: dict[str, int]) -> list[CommitteeMember]:
        for division in self.divisions:
            committee_id = committee_ids[division.code]
            if division.level == DivisionLevel.PROVINCE:
                self._province_members(division, committee_id)
            else:
                self._local_members(division, committee_id)
        return self.members

    def _seat(self, committee_id: int, role: str, home_body: str, department: str, **kw) -> None:
        kw.setdefault("name", self.fake.name())
        kw.setdefault("start_date", _between(self.rng, *CURRENT_TERM))
        self.members.append(
            CommitteeMember(
                committee_id=committee_id,
                role=role,
                home_body=home_body,
                department=department,
                **kw,
            )
        )

    def _chairs(
        self,
        committee_id: int,
        bodies: Bodies,
        *,
        league_position: str,
        education_position: str,
        education_department: str = "",
        education_name: str = "",
    ) -> None:
        """The two current chairs, and the two who held the seats since the roll-out."""
        for home_body, department, position, name in (
            (HomeBody.LEAGUE, bodies.league, league_position, ""),
            (
                HomeBody.EDUCATION,
                education_department or bodies.education,
                education_position,
                education_name,
            ),
        ):
            start = _between(self.rng, *CURRENT_TERM)
            seat = partial(
                self._seat,
                committee_id,
                CommitteeRole.CHAIR,
                home_body,
                department,
                position=position,
            )
            seat(start_date=start, **({"name": name} if name else {}))
            seat(
                start_date=_between(self.rng, *ROLLOUT), end_date=start - datetime.timedelta(days=1)
            )

    def _province_members(self, province: Division, committee_id: int) -> None:
        bodies = Bodies.of(province)
        name = province.name
        self._chairs(
            committee_id,
            bodies,
            league_position="团省委副书记",
            education_position="省委高校工委副书记",
            education_department=f"中共{name}委高校工委（{bodies.education}）",
            education_name=PROVINCIAL_CHAIR,
        )
        # Co-opted at the sixth congress: the heads of the two divisions as executive vice
        # chairs, colleagues from the same divisions as vice chairs (the source).
        for division_name in ("德育处", "基础教育处"):
            department = f"{bodies.education}{division_name}"
            self._seat(
                committee_id,
                CommitteeRole.EXECUTIVE_VICE_CHAIR,
                HomeBody.EDUCATION,
                department,
                position="处长",
                start_date=SIXTH_CONGRESS,
            )
            self._seat(
                committee_id,
                CommitteeRole.VICE_CHAIR,
                HomeBody.EDUCATION,
                department,
                position="副处长",
                start_date=SIXTH_CONGRESS,
            )
        self._seat(
            committee_id,
            CommitteeRole.EXECUTIVE_VICE_CHAIR,
            HomeBody.LEAGUE,
            bodies.league,
            position="少年部部长",
        )
        # A grassroots principal and a counselor, seconded for one year (挂职).
        principal_school, counselor_school = self._seconded_schools()
        for school, position in ((principal_school, "校长"), (counselor_school, "大队辅导员")):
            self._seat(
                committee_id,
                CommitteeRole.VICE_CHAIR,
                HomeBody.OTHER,
                self._school_label(school),
                position=position,
                start_date=SECONDMENT[0],
                end_date=SECONDMENT[1],
                is_seconded=True,
                secondment_start=SECONDMENT[0],
                secondment_end=SECONDMENT[1],
            )
        for department, position, home_body in (
            (bodies.league, "少年部副部长", HomeBody.LEAGUE),
            (f"{bodies.education}思想政治教育处", "调研员", HomeBody.EDUCATION),
            (f"{name}妇女联合会", "儿童工作部部长", HomeBody.OTHER),
            (f"中共{name}委宣传部（省文明办）", "未成年人思想道德建设处处长", HomeBody.OTHER),
            (f"{name}关心下一代工作委员会", "副主任", HomeBody.OTHER),
            (f"{name}科学技术协会", "青少年科技中心主任", HomeBody.OTHER),
            (f"{name}民政厅", "儿童福利处处长", HomeBody.OTHER),
            (f"{name}财政厅", "教科文处副处长", HomeBody.OTHER),
        ):
            self._seat(committee_id, CommitteeRole.MEMBER, home_body, department, position=position)

    def _seconded_schools(self) -> tuple[School, School]:
        """A primary school outside Kunming for the principal, another for the counselor."""
        rural = [
            s
            for code, schools in sorted(self.schools.items())
            if not code.startswith("5301")
            for s in schools
            if s.school_type == SchoolType.PRIMARY
        ]
        first, second = self.rng.sample(rural, 2)
        return first, second

    def _local_members(self, division: Division, committee_id: int) -> None:
        rng = self.rng
        bodies = Bodies.of(division)
        county = division.level == DivisionLevel.COUNTY
        if division.code in NAMED_DISTRICTS:
            league_position, education_position = "书记", bodies.bureau_head
        else:
            league_position = "书记" if county or rng.random() < 0.5 else "副书记"
            # Mostly the deputy in charge; in some places the head (the source).
            education_position = bodies.bureau_head if rng.random() < 0.25 else "副局长"
        self._chairs(
            committee_id,
            bodies,
            league_position=f"{bodies.league_short}{league_position}",
            education_position=education_position,
        )
        self._seat(
            committee_id,
            CommitteeRole.EXECUTIVE_VICE_CHAIR,
            HomeBody.LEAGUE,
            bodies.league,
            position=f"{bodies.league_short}副书记",
        )
        section = rng.choice(EDUCATION_SECTIONS)
        chief = self.chief_holders.get(division.code)
        if chief:
            # The county's chief counselor sits on its committee, from the body hosting the post.
            in_league = chief.host_body == ChiefCounselorHost.LEAGUE
            self._seat(
                committee_id,
                CommitteeRole.VICE_CHAIR,
                HomeBody.LEAGUE if in_league else HomeBody.EDUCATION,
                bodies.league if in_league else bodies.education,
                name=chief.holder_name,
                position="少先队总辅导员",
            )
        else:
            self._seat(
                committee_id,
                CommitteeRole.VICE_CHAIR,
                HomeBody.EDUCATION,
                bodies.education,
                position=f"{section}科长",
            )
        if not county:
            self._seat(
                committee_id,
                CommitteeRole.VICE_CHAIR,
                HomeBody.LEAGUE,
                bodies.league,
                position="学校少年部部长",
            )
        schools = self._schools_below(division)
        principal_school = rng.choice(schools)
        self._seat(
            committee_id,
            CommitteeRole.VICE_CHAIR,
            HomeBody.OTHER,
            self._school_label(principal_school),
            position="校长",
        )
        pool = [
            (bodies.education, "德育科副科长", HomeBody.EDUCATION),
            (bodies.education, "教研室少先队教研员", HomeBody.EDUCATION),
            (bodies.league, "学少部干事", HomeBody.LEAGUE),
            (f"{division.name}妇女联合会", "副主席", HomeBody.OTHER),
            (f"中共{division.name}委宣传部", "副部长", HomeBody.OTHER),
            (f"{division.name}关心下一代工作委员会", "副主任", HomeBody.OTHER),
            (f"{division.name}科学技术协会", "副主席", HomeBody.OTHER),
            (f"{division.name}民政局", "副局长", HomeBody.OTHER),
        ]
        for department, position, home_body in rng.sample(pool, rng.randint(3, 6)):
            self._seat(committee_id, CommitteeRole.MEMBER, home_body, department, position=position)
        counselor_school = rng.choice(schools)
        self._seat(
            committee_id,
            CommitteeRole.MEMBER,
            HomeBody.OTHER,
            self._school_label(counselor_school),
            position="少先队大队辅导员",
        )

    def _school_label(self, school: School) -> str:
        """A school as a department: with its county, as town schools' names omit it."""
        county = self.names[school.county_id]
        prefecture = self.names[f"{school.county_id[:4]}00"]
        if school.name.startswith((county[:2], prefecture[:2])):
            return school.name
        return f"{county}{school.name}"

    def _schools_below(self, division: Division) -> list[School]:
        prefix = division.prefix
        return [
            s for code, schools in self.schools.items() if code.startswith(prefix) for s in schools
        ]


def seed(*, rng: random.Random, stdout) -> None:
    """Seed committees, members, chief counselor posts and schools for the loaded divisions.

    Called by ``seed_demo`` on an empty database, inside its transaction; deterministic for a
    given ``rng``. Rows go in in bulk, so the whole province takes seconds.
    """
    seeder = _Seeder(rng=rng)
    with clock.travel(RECORDED_ON):
        schools = bulk_create_audited(School, seeder.build_schools(), batch_size=500)
        brigades, squads = brigades_seed_for(schools)
        posts = bulk_create_audited(ChiefCounselorPost, seeder.build_chief_counselor_posts())
        bulk_create_audited(WorkCommittee, seeder.build_committees())
        # Read the keys back rather than rely on bulk_create returning them on every backend.
        committee_ids = dict(WorkCommittee.objects.values_list("division_id", "pk"))
        members = bulk_create_audited(
            CommitteeMember, seeder.build_members(committee_ids), batch_size=500
        )
    stdout.write(
        f"Organizations: {len(committee_ids)} work committees, {len(members)} members, "
        f"{len(posts)} chief counselor posts, {len(schools)} schools with {brigades} brigades "
        f"and {squads} squads."
    )


def has_data() -> bool:
    """Whether the portal already holds an organization tree's data (demo or real)."""
    return School.objects.exists() or WorkCommittee.objects.exists()


def missing() -> str | None:
    """The province's divisions must be loaded before anything hangs on them."""
    code = f"{settings.PORTAL_PROVINCE_CODE}0000"
    if Division.objects.filter(code=code).exists():
        return None
    return f"Division {code} is not loaded; run load_divisions first."
