"""The demo's rounds, written in bulk where there are hundreds of rows and through the
services for every step a visitor can see (公示, objections, final list)."""

from __future__ import annotations

import datetime
import random

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_noop

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.accounts.services import user_create
from apps.commendations import services
from apps.commendations.choices import (
    Decision,
    NominationStatus,
    NomineeKind,
    ObjectionOutcome,
    ReviewLevel,
    SelectionMode,
)
from apps.commendations.models import (
    Category,
    ChildNominee,
    Nomination,
    PersonNominee,
    PublicNotice,
    ReviewStep,
    Round,
)
from apps.core import clock
from apps.core.audit import bulk_create_audited
from apps.counselors.models import Counselor
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Brigade, Division, School

D = datetime.date
WUHUA = "530102"
KUNMING = "530100"
BODIES = "共青团云南省委 云南省教育厅 云南省少工委"
OFFICE = "云南省少工委办公室"
SURNAMES = (
    "李王张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁"
    "蔡蒋余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = "晓明丽华春秀英玉兰建国志强海燕红梅子涵思雨欣怡浩然宇轩梓萱一诺佳怡俊杰文静雪婷"
ETHNICITIES = ("汉族",) * 6 + ("彝族", "白族", "哈尼族", "傣族", "壮族", "苗族", "回族", "傈僳族")
DEEDS = (
    "该同志长期扎根基层，认真落实少先队改革要求，组织开展“红领巾心向党”主题队日活动，"
    "推动少先队活动课常态化，所在学校少先队组织建设规范，队员思想道德素质明显提高。"
)
CHILD_DEEDS = (
    "该队员品学兼优，热爱集体，担任中队长期间带领队员开展红领巾志愿服务和环保实践，"
    "积极参加“向习爷爷说句心里话”主题活动，在同学中发挥了榜样作用。"
)
UNIT_DEEDS = (
    "该集体组织健全，阵地建设规范，鼓号队、红领巾广播站常态运行，"
    "少先队活动课每周一课时，多次开展“我是光荣的少先队员”主题教育活动。"
)
# The demo's objectors and findings: never shown on a public page.
OBJECTIONS = (
    (
        "维持",
        "曹德旺",
        "13987650001",
        "反映该推荐对象事迹材料中的获奖情况存疑，请予核实。",
        "经核实，所列获奖情况有证书原件为证，反映问题不属实，维持推荐。",
    ),
    (
        "取消",
        "施静怡",
        "13987650002",
        "反映该推荐对象近两年未实际担任辅导员工作，与推荐条件不符。",
        "经所在县教育局核实，反映情况属实，取消其推荐资格。",
    ),
    (
        "递补",
        "龙海川",
        "13987650003",
        "反映该推荐对象所在单位曾发生安全责任事故，不宜表彰。",
        "经核实，反映情况属实，取消推荐资格，由候补人选递补并另行公示。",
    ),
)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))


def _at(day: D) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


class Demo:
    def __init__(self, *, rng: random.Random):
        self.rng = rng
        self.users: dict[str, User] = {}
        self.prefectures = list(
            Division.objects.filter(level=DivisionLevel.PREFECTURE).order_by("code")
        )

    def user(self, name: str) -> User:
        if name not in self.users:
            self.users[name] = User.objects.get(username=name)
        return self.users[name]

    # Accounts ---------------------------------------------------------------------------

    def create_accounts(self) -> None:
        """County League staff in Wuhua who nominate, League reviewers in Kunming and at the
        province (who also run the 公示), and for each other prefecture an account without a
        password that the 2017 reviews are recorded under."""
        divisions = Division.objects.in_bulk([WUHUA, KUNMING, "530000"])
        for username, code, name, unit in (
            ("award_county_league", WUHUA, "杨春燕", "共青团昆明市五华区委"),
            ("award_pref", KUNMING, "段志华", "共青团昆明市委"),
            ("award_prov", "530000", "欧阳晓岚", "共青团云南省委"),
        ):
            self.users[username] = user_create(
                username=username,
                password=settings.DEMO_PASSWORD,
                role=Role.LEAGUE,
                division=divisions[code],
                full_name=name,
                work_unit=unit,
                department="少年部",
            )
        for prefecture in self.prefectures:
            if prefecture.code == KUNMING:
                self.users[f"pref:{prefecture.code}"] = self.users["award_pref"]
                continue
            self.users[f"pref:{prefecture.code}"] = user_create(
                username=f"award_pref_{prefecture.code[:4]}",
                password=None,
                role=Role.EDUCATION,
                division=prefecture,
                full_name=_name(self.rng),
                work_unit=f"{prefecture.name}教育体育局",
                department="基础教育科",
            )

    # Building blocks ----------------------------------------------------------------------

    def make_round(self, *, year, title, opens, closes, notice_on, final_on, **extra) -> Round:
        round_ = Round(
            year=year,
            title=title,
            running_bodies=BODIES,
            basis=f"《关于开展{year}年度全省少先队评选表彰工作的通知》（云少工委〔{year}〕3号）",
            selection_mode=extra.pop("mode", SelectionMode.EQUAL),
            nominations_open_on=opens,
            nominations_close_on=closes,
            review_until=notice_on - datetime.timedelta(days=3),
            notice_planned_on=notice_on,
            final_planned_on=final_on,
            office=OFFICE,
            contact_name="欧阳晓岚",
            contact_phone="0871-65141234",
            contact_email="sgw@ynyouth.example.cn",
            **extra,
        )
        with clock.travel(opens):
            round_.save()
        return round_

    def categories(self, round_, *rows) -> list[Category]:
        """The round's categories, one a row of (code, name, nominee kind, quota)."""
        return [
            Category.objects.create(
                round=round_, code=code, name=name, nominee_kind=kind, quota=quota
            )
            for code, name, kind, quota in rows
        ]

    def _spread(self, rows, count):
        """``count`` rows taken in turn from every prefecture (``rows``: prefecture → list)."""
        pools = {code: list(items) for code, items in rows.items() if items}
        for items in pools.values():
            self.rng.shuffle(items)
        chosen = []
        while len(chosen) < count and any(pools.values()):
            for code in sorted(pools):
                if pools[code] and len(chosen) < count:
                    chosen.append(pools[code].pop())
        return chosen

    def _by_prefecture(self, queryset, county_path):
        grouped: dict[str, list] = {}
        for row in queryset:
            county = row
            for part in county_path.split("."):
                county = getattr(county, part)
            grouped.setdefault(county.parent_id, []).append(row)
        return grouped

    def bulk_nominations(self, category, nominees, *, status, approved_on, levels=None):
        """Nominations of ``category`` with their review steps, written in bulk: approved at
        every level (``status`` approved), or waiting at province level (a reserve)."""
        round_ = category.round
        rows = []
        for nominee in nominees:
            row = Nomination(
                round=round_,
                category=category,
                deeds={NomineeKind.CHILD: CHILD_DEEDS, NomineeKind.COLLECTIVE: UNIT_DEEDS}.get(
                    category.nominee_kind, DEEDS
                ),
                status=status,
                submission=1,
                waiting_since=None if status != NominationStatus.SUBMITTED else _at(approved_on),
                current_level=ReviewLevel.PROVINCE if status == NominationStatus.SUBMITTED else "",
                approved_at=_at(approved_on) if status == NominationStatus.APPROVED else None,
                **nominee,
            )
            row.first_level = (
                ReviewLevel.COUNTY if row.division_id == WUHUA else ReviewLevel.PREFECTURE
            )
            rows.append(row)
        with clock.travel(approved_on):
            created = bulk_create_audited(
                Nomination, rows, reason=gettext_noop("nominated and reviewed")
            )
        steps = []
        for row in created:
            if row.first_level == ReviewLevel.COUNTY:
                steps.append((row, ReviewLevel.COUNTY, self.user("edu_wuhua")))
            steps.append((row, ReviewLevel.PREFECTURE, self.user(f"pref:{row.prefecture_id}")))
            if status == NominationStatus.APPROVED:
                steps.append((row, ReviewLevel.PROVINCE, self.user("award_prov")))
        ReviewStep.objects.bulk_create(
            ReviewStep(
                nomination=row,
                level=level,
                submission=1,
                reviewer=reviewer,
                decision=Decision.APPROVE,
                acted_at=_at(approved_on - datetime.timedelta(days=10 - level_rank)),
            )
            for row, level, reviewer in steps
            for level_rank in [ReviewLevel(level).rank]
        )
        return created

    def children(self, count, *, consent_on) -> list[dict]:
        schools = self._by_prefecture(
            School.objects.select_related("county").order_by("id"), "county"
        )
        chosen = self._spread(schools, count)
        nominees = [
            ChildNominee(
                name=_name(self.rng),
                gender=self.rng.choice(("female", "male")),
                ethnicity=self.rng.choice(ETHNICITIES),
                school=school,
                squad_name=f"{self.rng.choice('三四五六')}年级（{self.rng.randint(1, 4)}）中队",
                guardian_consent=True,
                guardian_agreed_on=consent_on,
            )
            for school in chosen
        ]
        created = bulk_create_audited(ChildNominee, nominees, reason=gettext_noop("nominated"))
        return [
            {
                "child": child,
                "school": child.school,
                "division": child.school.county,
                "prefecture_id": child.school.county.parent_id,
                "nominee_key": f"child:{child.school_id}:{child.squad_name}:{child.name}",
            }
            for child in created
        ]

    def counselors(self, count, *, include=None) -> list[dict]:
        rows = self._by_prefecture(
            Counselor.objects.filter(school__isnull=False)
            .select_related("county")
            .order_by("id")[:3000],
            "county",
        )
        chosen = self._spread(rows, count)
        if include is not None and include not in chosen:
            chosen[0] = include
        return [
            {
                "counselor": c,
                "school_id": c.school_id,
                "division": c.county,
                "prefecture_id": c.county.parent_id,
                "nominee_key": f"counselor:{c.pk}",
            }
            for c in chosen
        ]

    def collectives(self, count) -> list[dict]:
        brigades = self._by_prefecture(
            Brigade.objects.select_related("school__county").order_by("id"), "school.county"
        )
        chosen = self._spread(brigades, count)
        return [
            {
                "brigade": b,
                "school": b.school,
                "division": b.school.county,
                "prefecture_id": b.school.county.parent_id,
                "nominee_key": f"brigade:{b.pk}",
            }
            for b in chosen
        ]

    def people(self, count, *, post, unit_of) -> list[dict]:
        counties: dict[str, list] = {}
        for county in Division.objects.filter(level=DivisionLevel.COUNTY).select_related("parent"):
            counties.setdefault(county.parent_id, []).append(county)
        chosen = self._spread(counties, count)
        people = bulk_create_audited(
            PersonNominee,
            [
                PersonNominee(
                    name=_name(self.rng),
                    gender=self.rng.choice(("male", "male", "female")),
                    ethnicity=self.rng.choice(ETHNICITIES),
                    post=post,
                    unit=unit_of(county),
                )
                for county in chosen
            ],
            reason=gettext_noop("nominated"),
        )
        return [
            {
                "person": person,
                "division": county,
                "prefecture_id": county.parent_id,
                "nominee_key": f"person:{person.name}:{person.unit}",
            }
            for person, county in zip(people, chosen, strict=True)
        ]

    def notice_and_objections(self, round_, *, publish_on, object_on, resolve_on, outcomes):
        """Close review and publish the 公示; objections resolved with ``outcomes`` (维持,
        取消, 递补); returns the notice."""
        prov = self.user("award_prov")
        with clock.travel(publish_on):
            notice = services.round_close_review(actor=prov, round=round_)
            notice = services.notice_publish(actor=prov, notice=notice, starts_on=publish_on)
        # The objections concern the category with a reserve (for the 递补), latest first.
        reserve_category = (
            Nomination.objects.filter(
                round=round_,
                status=NominationStatus.SUBMITTED,
                current_level=ReviewLevel.PROVINCE,
            )
            .values_list("category_id", flat=True)
            .first()
        )
        nominees = list(notice.nominations.filter(category_id=reserve_category).order_by("-id"))
        received = []
        with clock.travel(object_on):
            for index, outcome in enumerate(outcomes):
                _label, name, phone, grounds, _finding = next(
                    o for o in OBJECTIONS if o[0] == outcome
                )
                received.append(
                    services.objection_submit(
                        notice=notice,
                        nomination=nominees[index * 7],
                        objector_kind="person",
                        objector_name=name,
                        objector_phone=phone,
                        grounds=grounds,
                        address=f"demo-{round_.pk}-{index}",
                    )
                )
        kinds = {"维持": ObjectionOutcome.DISMISSED, "取消": ObjectionOutcome.WITHDRAWN}
        with clock.travel(resolve_on):
            for objection, outcome in zip(received, outcomes, strict=True):
                finding = next(o for o in OBJECTIONS if o[0] == outcome)[4]
                if outcome == "递补":
                    reserve = Nomination.objects.filter(
                        category_id=objection.nomination.category_id,
                        status=NominationStatus.SUBMITTED,
                        current_level=ReviewLevel.PROVINCE,
                    ).first()
                    services.objection_resolve(
                        actor=prov,
                        objection=objection,
                        outcome=ObjectionOutcome.REPLACED,
                        resolution=finding,
                        replacement=reserve,
                    )
                else:
                    services.objection_resolve(
                        actor=prov, objection=objection, outcome=kinds[outcome], resolution=finding
                    )
        return notice

    def close_and_decide(self, round_, *, close_on, number) -> int:
        prov = self.user("award_prov")
        with clock.travel(close_on):
            for notice in PublicNotice.objects.filter(round=round_, closed_at__isnull=True):
                services.notice_close(actor=prov, notice=notice)
            services.final_list_publish(actor=prov, round=round_, decision_number=number)
        return round_.nominations.filter(status=NominationStatus.AWARDED).count()

    def with_reserves(self, category, nominees, *, places, approved_on) -> None:
        """The first ``places`` nominees approved at every level, the rest waiting at
        province level as reserves (one of them takes a place in a 递补)."""
        for chosen, status in (
            (nominees[:places], NominationStatus.APPROVED),
            (nominees[places:], NominationStatus.SUBMITTED),
        ):
            self.bulk_nominations(category, chosen, status=status, approved_on=approved_on)

    def decided(self, round_, *, object_on, resolve_on, outcomes, number) -> int:
        """A past round to its end: the 公示 published on its planned day, objections
        resolved with ``outcomes``, and the final list on its planned day; returns the
        number of awards."""
        self.notice_and_objections(
            round_,
            publish_on=round_.notice_planned_on,
            object_on=object_on,
            resolve_on=resolve_on,
            outcomes=outcomes,
        )
        return self.close_and_decide(round_, close_on=round_.final_planned_on, number=number)

    # The rounds -------------------------------------------------------------------------------

    def yearly_2017(self) -> int:
        round_ = self.make_round(
            year=2017,
            title="2017年度云南省优秀少先队员、优秀少先队辅导员和先进少先队集体表彰",
            opens=D(2017, 4, 1),
            closes=D(2017, 6, 30),
            notice_on=D(2017, 9, 18),
            final_on=D(2017, 10, 10),
        )
        collectives, counselors, pupils = self.categories(
            round_,
            ("collectives", "先进少先队集体", NomineeKind.COLLECTIVE, 100),
            ("counselors", "优秀少先队辅导员", NomineeKind.COUNSELOR, 100),
            ("pupils", "优秀少先队员", NomineeKind.CHILD, 120),
        )
        approved_on = D(2017, 9, 12)
        demo_counselor = Counselor.objects.filter(user__username="counselor").first()
        self.bulk_nominations(
            collectives,
            self.collectives(100),
            status=NominationStatus.APPROVED,
            approved_on=approved_on,
        )
        self.with_reserves(
            counselors,
            self.counselors(101, include=demo_counselor),
            places=100,
            approved_on=approved_on,
        )
        self.bulk_nominations(
            pupils,
            self.children(120, consent_on=D(2017, 5, 20)),
            status=NominationStatus.APPROVED,
            approved_on=approved_on,
        )
        return self.decided(
            round_,
            object_on=D(2017, 9, 20),
            resolve_on=D(2017, 9, 22),
            outcomes=("维持", "取消", "递补"),
            number="云少工委〔2017〕12号",
        )

    def november_2017(self) -> int:
        round_ = self.make_round(
            year=2017,
            title="2017年云南省关心重视少先队工作的教育局局长和校长表彰",
            opens=D(2017, 9, 1),
            closes=D(2017, 10, 13),
            notice_on=D(2017, 11, 6),
            final_on=D(2017, 11, 22),
        )
        directors, principals = self.categories(
            round_,
            ("directors", "关心重视少先队工作的教育局局长", NomineeKind.PERSON, 50),
            ("principals", "关心重视少先队工作的校长", NomineeKind.PERSON, 50),
        )
        approved_on = D(2017, 11, 1)
        people = self.people(51, post="局长", unit_of=lambda c: f"{c.parent.name}{c.name}教育局")
        self.with_reserves(directors, people, places=50, approved_on=approved_on)
        heads = self.people(50, post="校长", unit_of=lambda c: f"{c.name}第一小学")
        self.bulk_nominations(
            principals, heads, status=NominationStatus.APPROVED, approved_on=approved_on
        )
        return self.decided(
            round_,
            object_on=D(2017, 11, 8),
            resolve_on=D(2017, 11, 10),
            outcomes=("维持", "递补"),
            number="云少工委〔2017〕15号",
        )

    def current_round(self) -> int:
        """This year's round: its 公示 open from today, one objection waiting for the
        province; one Young Pioneer shown without a name until the consent is recorded."""
        today = clock.today()
        round_ = self.make_round(
            year=today.year,
            title=f"{today.year}年度云南省优秀少先队员、优秀少先队辅导员和先进少先队集体表彰",
            opens=today - datetime.timedelta(days=90),
            closes=today - datetime.timedelta(days=30),
            notice_on=today,
            final_on=today + datetime.timedelta(days=30),
            mode=SelectionMode.COMPETITIVE,
            ratio="1.20",
        )
        counselors, pupils = self.categories(
            round_,
            (f"counselors{today.year}", "优秀少先队辅导员", NomineeKind.COUNSELOR, 20),
            (f"pupils{today.year}", "优秀少先队员", NomineeKind.CHILD, 20),
        )
        approved_on = today - datetime.timedelta(days=5)
        chosen = self.counselors(18)
        self.with_reserves(counselors, chosen, places=16, approved_on=approved_on)
        kids = self.children(15, consent_on=today - datetime.timedelta(days=40))
        kids[0]["child"].guardian_consent = False
        kids[0]["child"].guardian_agreed_on = None
        kids[0]["child"].save(update_fields=["guardian_consent", "guardian_agreed_on"])
        self.bulk_nominations(
            pupils, kids, status=NominationStatus.APPROVED, approved_on=approved_on
        )
        prov = self.user("award_prov")
        notice = services.round_close_review(actor=prov, round=round_)
        notice = services.notice_publish(actor=prov, notice=notice, starts_on=today)
        target = notice.nominations.filter(counselor__isnull=False).order_by("id").first()
        services.objection_submit(
            notice=notice,
            nomination=target,
            objector_kind="person",
            objector_name="郎永富",
            objector_phone="13987650009",
            grounds="反映该推荐对象所报培训学时与实际参训记录不一致，请核实。",
            address="demo-current",
        )
        return notice.nominations.count()

    def next_round(self) -> None:
        """Next year's round taking nominations: Wuhua's League staff nominate; one waits at
        county level, one at prefecture level, one at province level."""
        today = clock.today()
        year = today.year + 1
        round_ = self.make_round(
            year=year,
            title=f"{year}年度云南省优秀少先队员、优秀少先队辅导员和先进少先队集体表彰",
            opens=today - datetime.timedelta(days=7),
            closes=today + datetime.timedelta(days=60),
            notice_on=today + datetime.timedelta(days=90),
            final_on=today + datetime.timedelta(days=120),
        )
        pupils, _collectives = self.categories(
            round_,
            (f"pupils{year}", "优秀少先队员", NomineeKind.CHILD, 20),
            (f"collectives{year}", "先进少先队集体", NomineeKind.COLLECTIVE, 20),
        )
        nominator = self.user("award_county_league")
        schools = list(School.objects.filter(county_id=WUHUA).order_by("id")[:3])
        waiting = []
        for index, school in enumerate(schools):
            waiting.append(
                services.nomination_create(
                    actor=nominator,
                    category=pupils,
                    deeds=CHILD_DEEDS,
                    child={
                        "name": _name(self.rng),
                        "gender": ("female", "male")[index % 2],
                        "ethnicity": ETHNICITIES[index + 6],
                        "school": school,
                        "squad_name": "五年级（2）中队",
                        "guardian_consent_on": today - datetime.timedelta(days=3),
                    },
                )
            )
        for nomination, levels in zip(
            waiting, ((), ("county",), ("county", "prefecture")), strict=True
        ):
            for level in levels:
                reviewer = self.user("edu_wuhua" if level == "county" else "award_pref")
                nomination.refresh_from_db()
                services.nomination_review(
                    actor=reviewer, nomination=nomination, decision=Decision.APPROVE
                )
