"""Pairing indicators from a handful of rows: what counts in the year and the scope."""

import datetime

from apps.accounts.choices import Role
from apps.core import clock
from apps.organizations.models import Division
from apps.pairing import services
from apps.pairing.choices import ActivityKind, InstitutionKind
from apps.pairing.indicators import pairing_indicators
from tests.factories import SchoolFactory, UserFactory, division
from tests.pairing.conftest import post

DAY = datetime.date(2017, 5, 2)


def figures(code="530000", year=2017):
    scope = Division.objects.get(code=code)
    return pairing_indicators(scope=scope, as_of=datetime.date(year, 12, 31))["pairing"]


def test_the_figures_count_the_year_and_the_scope(
    counselor, brigade, league_province, league_wuhua, university
):
    museum = services.institution_create(
        actor=league_province,
        name="云南省博物馆",
        kind=InstitutionKind.CULTURAL,
        prefecture=division("530100"),
    )
    yuxi_school = SchoolFactory(name="红塔区向阳小学", county=division("530402"))
    yuxi_brigade = yuxi_school.brigades.get()
    yuxi_counselor = UserFactory(
        username="yuxi_counselor", role=Role.COUNSELOR, division=None, school=yuxi_school
    )
    with clock.travel(DAY):
        pairing = services.pairing_create(
            actor=league_province, institution=university, organization=brigade, year=2017
        )
        services.pairing_create(
            actor=league_province, institution=museum, organization=brigade, year=2017
        )
        services.pairing_create(
            actor=league_province,
            institution=university,
            organization=brigade.squads.first(),
            year=2017,
        )
        services.pairing_create(
            actor=league_province, institution=museum, organization=yuxi_brigade, year=2017
        )
        services.activity_record(
            actor=league_province,
            pairing=pairing,
            held_on=DAY,
            kind=ActivityKind.READING,
            volunteers=10,
            service_hours="20",
            children_reached=30,
        )
        done = post(counselor, brigade)
        post(counselor, brigade)
        post(yuxi_counselor, yuxi_brigade)
        services.wish_claim(actor=league_wuhua, wish=done, institution=university)
        services.wish_fulfil(actor=league_wuhua, wish=done)
    with clock.travel(datetime.date(2018, 1, 5)):
        later = post(counselor, brigade)
        services.wish_claim(actor=league_wuhua, wish=later, institution=university)
        services.wish_fulfil(actor=league_wuhua, wish=later)

    province = figures()
    assert province["institutions"] == 2
    assert province["universities"] == 1
    # two brigades and a squad; the Wuhua brigade is paired twice and counts once
    assert province["organizations_covered"] == 3
    assert province["wishes_posted"] == 3
    assert province["wishes_fulfilled"] == 1
    assert province["wishes_by_status"] == {
        "open": 2,
        "claimed": 0,
        "fulfilled": 1,
        "confirmed": 0,
    }
    assert province["children_helped"] == 31
    assert province["service_hours"] == "20.0"
    assert province["by_prefecture"]["530400"]["organizations_covered"] == 1
    assert province["by_prefecture"]["530400"]["wishes_posted"] == 1
    assert province["by_county"]["530102"]["children_helped"] == 31

    yuxi = figures("530400")
    assert (yuxi["institutions"], yuxi["organizations_covered"], yuxi["wishes_posted"]) == (
        1,
        1,
        1,
    )
    assert figures(year=2018)["wishes_fulfilled"] == 1
