"""Fixtures for commendations: a round open today with three categories, staff at each
level (Wuhua county, Kunming prefecture, the province) and a school in Wuhua."""

import datetime

import pytest

from apps.accounts.choices import Role
from apps.commendations import services
from apps.commendations.choices import Decision, NomineeKind, ReviewLevel, SelectionMode
from apps.commendations.models import Category, PrefectureQuota, Round
from apps.core import clock
from tests.factories import SchoolFactory, UserFactory, division


def make_round(*, mode=SelectionMode.EQUAL, ratio=1, year=None, opens=None, **extra) -> Round:
    today = clock.today()
    opens = opens or today - datetime.timedelta(days=5)
    return Round.objects.create(
        year=year or opens.year,
        title=f"{opens.year}年度云南省优秀少先队集体和个人表彰",
        running_bodies="共青团云南省委 云南省教育厅 云南省少工委",
        basis="《关于开展全省优秀少先队员、优秀少先队辅导员和先进少先队集体评选表彰工作的通知》",
        selection_mode=mode,
        ratio=ratio,
        nominations_open_on=opens,
        nominations_close_on=opens + datetime.timedelta(days=60),
        review_until=opens + datetime.timedelta(days=70),
        notice_planned_on=opens + datetime.timedelta(days=75),
        final_planned_on=opens + datetime.timedelta(days=90),
        office="云南省少工委办公室",
        contact_name="张红",
        contact_phone="0871-65141234",
        contact_email="sgw@yn.example.cn",
        **extra,
    )


def make_category(round_, code, kind, quota, **prefecture_quotas) -> Category:
    category = Category.objects.create(
        round=round_, code=code, name=code, nominee_kind=kind, quota=quota
    )
    for prefecture, quota_here in prefecture_quotas.items():
        PrefectureQuota.objects.create(
            category=category, prefecture=division(prefecture), quota=quota_here
        )
    return category


@pytest.fixture
def round_(divisions):
    return make_round()


@pytest.fixture
def children(round_):
    return make_category(round_, "pupils", NomineeKind.CHILD, 3)


@pytest.fixture
def directors(round_):
    return make_category(round_, "directors", NomineeKind.PERSON, 2)


@pytest.fixture
def school(divisions):
    return SchoolFactory(name="昆明市五华区红旗小学", county=division("530102"))


@pytest.fixture
def league_wuhua(divisions):
    return UserFactory(
        username="award_county_league", role=Role.LEAGUE, division=division("530102")
    )


@pytest.fixture
def staff(league_wuhua, edu_wuhua, edu_kunming, edu_province):
    return {
        ReviewLevel.COUNTY: edu_wuhua,
        ReviewLevel.PREFECTURE: edu_kunming,
        ReviewLevel.PROVINCE: edu_province,
    }


_counter = iter(range(1, 10_000))


def child_data(school, name=None, **extra) -> dict:
    return {
        "name": name or f"少先队员{next(_counter)}",
        "gender": "female",
        "ethnicity": "彝族",
        "school": school,
        "squad_name": "三年级（2）中队",
        "guardian_consent_on": None,
        **extra,
    }


def person_data(name=None, **extra) -> dict:
    n = next(_counter)
    return {
        "name": name or f"局长{n}",
        "gender": "male",
        "ethnicity": "汉族",
        "post": "局长",
        "unit": f"某县教育体育局{n}",
        **extra,
    }


@pytest.fixture
def nominate(league_wuhua, school):
    def _nominate(category, actor=None, **kwargs):
        if category.nominee_kind == NomineeKind.CHILD:
            kwargs.setdefault("child", child_data(school))
        if category.nominee_kind == NomineeKind.PERSON:
            kwargs.setdefault("person", person_data())
        return services.nomination_create(
            actor=actor or league_wuhua,
            category=category,
            deeds="热爱集体，乐于助人，带领中队开展红领巾志愿服务。",
            **kwargs,
        )

    return _nominate


@pytest.fixture
def review(staff):
    def _review(nomination, level, decision=Decision.APPROVE, comment="", actor=None):
        nomination.refresh_from_db()
        return services.nomination_review(
            actor=actor or staff[level],
            nomination=nomination,
            decision=decision,
            comment=comment,
            seen_version=nomination.version,
        )

    return _review


@pytest.fixture
def approve_all(review):
    def _approve(nomination):
        for level in ReviewLevel:
            nomination.refresh_from_db()
            if nomination.current_level == level:
                review(nomination, level)
        nomination.refresh_from_db()
        return nomination

    return _approve


@pytest.fixture
def published(children, nominate, approve_all, edu_province, school):
    """Two approved Young Pioneers on a published 公示: one with the guardian's consent."""
    shown = approve_all(
        nominate(
            children, child=child_data(school, name="刘思雨", guardian_consent_on=clock.today())
        )
    )
    hidden = approve_all(nominate(children, child=child_data(school, name="=HYPERLINK(1)")))
    notice = services.round_close_review(actor=edu_province, round=children.round)
    notice = services.notice_publish(actor=edu_province, notice=notice, starts_on=clock.today())
    return notice, shown, hidden
