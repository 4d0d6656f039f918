"""Demo data for League–Pioneer pairing (大手拉小手), reproducing the source's 2017 figures
under the "情暖童心" campaign:

- 97 universities (each with its League committee) plus three research institutes and three
  public cultural institutions;
- 1,234 grassroots Young Pioneer organizations (brigades) paired in 2017, each with an
  activity; the activities reached 6,700 children (person-times);
- 4,530 micro-wishes fulfilled and confirmed in 2017 (and 90 posted that year still open), so
  children helped = 6,700 + 4,530 = 11,230 person-times. Their texts were cleared 13 months
  after confirmation, as the rule says; the counts stay.

The 2017 rows go in in bulk (``bulk_create_audited``). Work dated from the day the demo is
seeded goes through the services, at the demo counselor's school in Wuhua, paired this year
with a university:

- ``counselor`` posted open wishes (and may post or import more);
- ``pair_league_wuhua`` (League staff of Wuhua) claims an open wish, records the fulfilment
  of a claimed one, and sees one whose claim ran out (overdue for return);
- ``pair_school`` (education staff of that school) or ``counselor`` confirms the gifts that
  arrived.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.conf import settings

from apps.accounts.choices import Role
from apps.accounts.demo import counselor_school
from apps.accounts.models import User
from apps.accounts.services import user_create
from apps.core import clock
from apps.core.audit import bulk_create_audited
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Brigade, Division
from apps.pairing import services
from apps.pairing.choices import (
    CAMPAIGN_2017,
    ActivityKind,
    InstitutionKind,
    WishCategory,
    WishStatus,
)
from apps.pairing.models import Activity, Institution, Pairing, Wish

YEAR = 2017
UNIVERSITIES = 97
ORGANIZATIONS = 1234
WISHES_FULFILLED = 4530
WISHES_STILL_OPEN = 90
CHILDREN_HELPED = 11230
CHILDREN_REACHED = CHILDREN_HELPED - WISHES_FULFILLED
TEXT_MONTHS = 13

# Generated university names: a prefecture's place name and a kind of school.
UNIVERSITY_KINDS = (
    "学院",
    "师范学院",
    "职业技术学院",
    "医学高等专科学校",
    "理工学院",
    "财经职业学院",
    "艺术职业学院",
)
OTHER_INSTITUTIONS = (
    ("云南省农业科学研究院", InstitutionKind.RESEARCH, "530100", ""),
    ("云南省林业科学研究院", InstitutionKind.RESEARCH, "530100", ""),
    ("中国科学院某研究所（京外合作站）", InstitutionKind.RESEARCH, None, "北京市"),
    ("云南省图书馆", InstitutionKind.CULTURAL, "530100", ""),
    ("云南省博物馆", InstitutionKind.CULTURAL, "530100", ""),
    ("昆明市少年宫", InstitutionKind.CULTURAL, "530100", ""),
)
WISHES = (
    ("想要一套水彩笔和一本图画本", WishCategory.ARTS, "45.00"),
    ("想要一本新华字典", WishCategory.STUDY, "28.00"),
    ("想要一个新书包", WishCategory.STUDY, "80.00"),
    ("想要一个篮球", WishCategory.SPORTS, "120.00"),
    ("想要一套科普读物", WishCategory.BOOKS, "60.00"),
    ("想要一双运动鞋", WishCategory.DAILY, "150.00"),
    ("想要一把口琴", WishCategory.ARTS, "50.00"),
    ("想要一副羽毛球拍", WishCategory.SPORTS, "70.00"),
)
GRADES = ("一", "二", "三", "四", "五", "六")


def _accounts(school) -> dict[str, User]:
    users = {u.username: u for u in User.objects.filter(username__in=["counselor"])}
    users["pair_league_wuhua"] = user_create(
        username="pair_league_wuhua",
        password=settings.DEMO_PASSWORD,
        role=Role.LEAGUE,
        division=Division.objects.get(code=school.county_id),
        full_name="李志远",
        work_unit="共青团昆明市五华区委",
        department="少年部",
    )
    users["pair_school"] = user_create(
        username="pair_school",
        password=settings.DEMO_PASSWORD,
        role=Role.EDUCATION,
        school=school,
        full_name="周慧敏",
        work_unit=school.name,
        department="德育处",
    )
    return users


def _place(name: str) -> str:
    """A prefecture's short name: 昆明, 大理, 西双版纳."""
    return name[:4] if name.startswith("西双版纳") else name[:2]


def _institutions(rng: random.Random) -> list[Institution]:
    prefectures = list(Division.objects.filter(level=DivisionLevel.PREFECTURE).order_by("code"))
    rows = []
    names = [
        (prefecture, f"{_place(prefecture.name)}{kind}")
        for kind in UNIVERSITY_KINDS
        for prefecture in prefectures
    ]
    seen: set[str] = set()
    for prefecture, name in names:
        if name in seen:
            continue
        seen.add(name)
        rows.append(
            Institution(
                name=name,
                kind=InstitutionKind.UNIVERSITY,
                league_committee=f"{name}团委",
                prefecture=prefecture,
                contact_office="团委志愿服务部",
                contact_phone=f"0871-6{rng.randint(1000000, 9999999)}",
            )
        )
        if len(rows) == UNIVERSITIES:
            break
    for name, kind, code, outside in OTHER_INSTITUTIONS:
        rows.append(
            Institution(
                name=name,
                kind=kind,
                prefecture_id=code,
                outside_place=outside,
                contact_office="志愿服务办公室",
                contact_phone=f"0871-6{rng.randint(1000000, 9999999)}",
            )
        )
    return rows


def _between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def _year_2017(rng: random.Random, actor: User) -> None:
    with clock.travel(datetime.date(YEAR, 3, 1)):
        institutions = bulk_create_audited(Institution, _institutions(rng), actor=actor)
    institutions = list(Institution.objects.order_by("id"))
    brigades = list(
        Brigade.objects.order_by("id").values_list("id", "school_id", "school__county_id")
    )
    chosen = sorted(rng.sample(brigades, ORGANIZATIONS))
    pairings = []
    for index, (brigade_id, school_id, county_id) in enumerate(chosen):
        pairings.append(
            Pairing(
                institution=institutions[index % len(institutions)],
                brigade_id=brigade_id,
                school_id=school_id,
                county_id=county_id,
                year=YEAR,
                campaign=CAMPAIGN_2017,
                started_on=_between(rng, datetime.date(YEAR, 3, 1), datetime.date(YEAR, 4, 28)),
            )
        )
    with clock.travel(datetime.date(YEAR, 4, 30)):
        bulk_create_audited(Pairing, pairings, actor=actor)
    pairings = list(Pairing.objects.filter(year=YEAR).order_by("id"))
    # 6,700 children reached over 1,234 activities: five each, one more for the first 530.
    base, extra = divmod(CHILDREN_REACHED, len(pairings))
    activities = []
    for index, pairing in enumerate(pairings):
        volunteers = rng.randint(5, 20)
        activities.append(
            Activity(
                pairing=pairing,
                held_on=_between(rng, datetime.date(YEAR, 5, 1), datetime.date(YEAR, 11, 30)),
                kind=rng.choice(ActivityKind.values),
                volunteers=volunteers,
                service_hours=Decimal(volunteers * rng.choice((2, 3, 4))),
                children_reached=base + (1 if index < extra else 0),
            )
        )
    wishes = []
    for index in range(WISHES_FULFILLED + WISHES_STILL_OPEN):
        pairing = pairings[index % len(pairings)]
        _text, category, value = rng.choice(WISHES)
        posted = _between(rng, datetime.date(YEAR, 5, 1), datetime.date(YEAR, 10, 31))
        card = f"某校{rng.choice(GRADES)}年级队员"
        wish = Wish(
            school_id=pairing.school_id,
            brigade_id=pairing.brigade_id,
            county_id=pairing.county_id,
            card_label=card,
            category=category,
            estimated_value=Decimal(value),
            posted_on=posted,
        )
        if index < WISHES_FULFILLED:
            claimed = posted + datetime.timedelta(days=rng.randint(1, 10))
            fulfilled = claimed + datetime.timedelta(days=rng.randint(3, 25))
            confirmed = fulfilled + datetime.timedelta(days=rng.randint(1, 5))
            wish.status = WishStatus.CONFIRMED
            wish.institution_id = pairing.institution_id
            wish.claimed_on, wish.fulfilled_on, wish.confirmed_on = claimed, fulfilled, confirmed
            # Cleared 13 months after confirmation, the day the daily purge ran.
            wish.text_purged_on = confirmed + datetime.timedelta(days=397)
        else:
            # Never claimed; cleared 13 months after posting like every stale wish.
            wish.text_purged_on = posted + datetime.timedelta(days=397)
        wishes.append(wish)
    with clock.travel(datetime.date(YEAR, 12, 28)):
        bulk_create_audited(Activity, activities, actor=actor)
        bulk_create_audited(Wish, wishes, actor=actor)


def _open_work(users: dict[str, User], school) -> None:
    """This year's pairing of the counselor's school, and wishes at every step."""
    today = clock.today()
    league, counselor = users["pair_league_wuhua"], users["counselor"]
    university = Institution.objects.filter(kind=InstitutionKind.UNIVERSITY).order_by("id")[0]
    brigade = Brigade.objects.filter(school=school).order_by("id").first()
    days = datetime.timedelta

    def post(text, category, value, card):
        return services.wish_post(
            actor=counselor,
            brigade=brigade,
            card_label=card,
            text=text,
            category=category,
            estimated_value=Decimal(value),
        )

    with clock.travel(today - days(60)):
        pairing = services.pairing_create(
            actor=league,
            institution=university,
            organization=brigade,
            year=clock.today().year,
            note="“情暖童心”共青团员志愿者结对",
        )
    with clock.travel(pairing.started_on + days(1)):
        services.activity_record(
            actor=league,
            pairing=pairing,
            held_on=clock.today(),
            kind=ActivityKind.TUTORING,
            volunteers=12,
            service_hours="36",
            children_reached=45,
        )
    with clock.travel(today - days(45)):
        overdue = post("想要一个足球", WishCategory.SPORTS, "90.00", "某校五年级队员")
        # Claimed 40 days ago and never fulfilled: overdue for return to open.
    with clock.travel(today - days(40)):
        services.wish_claim(actor=league, wish=overdue, institution=university)
    with clock.travel(today - days(20)):
        waiting = [
            post("想要一本新华字典", WishCategory.STUDY, "28.00", "某校二年级队员"),
            post("想要一双运动鞋", WishCategory.DAILY, "150.00", "某校六年级队员"),
            post("想要一套科普读物", WishCategory.BOOKS, "60.00", "某校四年级队员"),
        ]
        services.wish_claim(actor=league, wish=waiting[0], institution=university)
        services.wish_claim(actor=league, wish=waiting[1], institution=university)
        services.wish_claim(actor=league, wish=waiting[2], institution=university)
    with clock.travel(today - days(3)):
        for wish in waiting[1:]:
            services.wish_fulfil(
                actor=league, wish=Wish.objects.get(pk=wish.pk), note="志愿者已将礼物送到学校"
            )
    with clock.travel(today - days(5)):
        for text, category, value, card in (
            ("想要一套水彩笔和一本图画本", WishCategory.ARTS, "45.00", "某校三年级队员"),
            ("想要一把口琴", WishCategory.ARTS, "50.00", "某校三年级队员"),
            ("想要一副羽毛球拍", WishCategory.SPORTS, "70.00", "某校四年级队员"),
        ):
            post(text, category, value, card)


def seed(*, rng: random.Random, stdout) -> None:
    """Seed the 2017 pairing figures in bulk and this year's open work through the services;
    needs the organizations demo (brigades) and the demo accounts."""
    school = counselor_school()
    users = _accounts(school)
    admin = User.objects.filter(username="league_province").first()
    _year_2017(rng, admin)
    _open_work(users, school)
    stdout.write(
        f"Pairing: {Institution.objects.count()} institutions, {Pairing.objects.count()} "
        f"pairings, {Wish.objects.count()} micro-wishes "
        "(accounts pair_league_wuhua, pair_school)."
    )


def has_data() -> bool:
    return Institution.objects.exists()
